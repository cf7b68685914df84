"""Score the understander on a labelled JSON-lines file, as its chat (group by default) sees it.

Usage: ``python -m intents.evaluate [FILE]`` (default: ``../shared/eval/intents-dev.jsonl``
relative to the repository root; on a fresh clone without ``../shared``, the project's own
labelled sets in ``tests/intents/``: the held-out and blind sets, not the measurement sets).

An emergency labelled ``emergency`` and not understood as one is counted apart from requests:
it is the worst error of all. Examples carrying a ``writer`` field are also scored per writer,
so that one easy writer cannot hide a hard one.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from intents.catalogue import Catalogue
from intents.pipeline import Chat, Understander, Understanding

DEFAULT_FILE = (
    Path(__file__).resolve().parent.parent / ".." / "shared" / "eval" / "intents-dev.jsonl"
)
OWN_SETS = Path(__file__).resolve().parent.parent / "tests" / "intents"
OWN_PATTERNS = ("heldout*.jsonl", "blind*.jsonl")
FIXED_NOW = datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@dataclass
class Report:
    """Counts from one evaluation run."""

    total: int = 0
    chatter: int = 0
    chatter_answered: int = 0
    requests: int = 0
    requests_missed: int = 0
    emergencies: int = 0
    emergencies_missed: int = 0
    false_alarms: int = 0  # an emergency understood where the label says there is none
    caught: int = 0
    intent_right: int = 0
    target_right: int = 0
    confusions: Counter[tuple[str, str]] = field(default_factory=Counter)
    mistakes: list[str] = field(default_factory=list)
    writers: dict[str, Report] = field(default_factory=dict)

    def rate(self, part: int, whole: int) -> float:
        """Percentage, 0 when there is nothing to divide by."""
        return 100.0 * part / whole if whole else 0.0

    @property
    def chatter_answered_rate(self) -> float:
        """Share of chatter the bot would have answered."""
        return self.rate(self.chatter_answered, self.chatter)

    @property
    def requests_missed_rate(self) -> float:
        """Share of requests the bot would have ignored."""
        return self.rate(self.requests_missed, self.requests)

    @property
    def emergencies_missed_rate(self) -> float:
        """Share of emergencies the bot did not recognise as such."""
        return self.rate(self.emergencies_missed, self.emergencies)

    @property
    def wrong_target_rate(self) -> float:
        """Share of caught requests with the wrong target."""
        return self.rate(self.caught - self.target_right, self.caught)

    @property
    def wrong_intent_rate(self) -> float:
        """Share of caught requests with the wrong intent."""
        return self.rate(self.caught - self.intent_right, self.caught)


def _label(value: object) -> str:
    """Render a target for the confusion table."""
    return "-" if value is None else str(value)


def _count(
    report: Report, expected_intent: str, expected_target: object, got: Understanding
) -> bool:
    """Count one outcome into a report; return whether it was a mistake."""
    report.total += 1
    wrong = False
    if got.intent == "emergency" and expected_intent != "emergency":
        report.false_alarms += 1
    if expected_intent == "emergency":
        report.emergencies += 1
        if got.intent != "emergency":
            report.emergencies_missed += 1
            wrong = True
    elif expected_intent == "none":
        report.chatter += 1
        if got.intent != "none":
            report.chatter_answered += 1
            wrong = True
    else:
        report.requests += 1
        if got.intent == "none":
            report.requests_missed += 1
            wrong = True
        else:
            report.caught += 1
            report.intent_right += got.intent == expected_intent
            report.target_right += got.target == expected_target
            wrong = got.intent != expected_intent or got.target != expected_target
    return wrong


def evaluate(examples: Iterable[dict[str, object]], understander: Understander) -> Report:
    """Run every labelled example through its chat's path (group by default) and count."""
    report = Report()
    for example in examples:
        text = str(example["text"])
        expected_intent = str(example.get("intent", "none"))
        expected_target = example.get("target")
        chat: Chat = "private" if example.get("chat") == "private" else "group"
        got = understander.understand(text, chat=chat, now=FIXED_NOW)
        wrong = _count(report, expected_intent, expected_target, got)
        writer = example.get("writer")
        if writer is not None:
            _count(
                report.writers.setdefault(str(writer), Report()),
                expected_intent,
                expected_target,
                got,
            )
        if wrong:
            expected = f"{expected_intent}/{_label(expected_target)}"
            found = f"{got.intent}/{_label(got.target)}"
            report.confusions[(expected, found)] += 1
            report.mistakes.append(f"  {text!r}: expected {expected}, got {found} ({got.score})")
    return report


def load(path: Path) -> list[dict[str, object]]:
    """Read a labelled JSON-lines file, skipping blank lines."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def render(report: Report) -> str:
    """Format a report for a terminal."""
    r = report
    lines = [
        f"messages:           {r.total}",
        f"chatter answered:   {r.chatter_answered}/{r.chatter} ({r.chatter_answered_rate:.1f}%)",
        f"requests missed:    {r.requests_missed}/{r.requests} ({r.requests_missed_rate:.1f}%)",
        f"emergencies missed: {r.emergencies_missed}/{r.emergencies} "
        f"({r.emergencies_missed_rate:.1f}%), false alarms: {r.false_alarms}",
        f"intent accuracy:    {r.intent_right}/{r.caught} caught "
        f"({r.rate(r.intent_right, r.caught):.1f}%)",
        f"target accuracy:    {r.target_right}/{r.caught} caught "
        f"({r.rate(r.target_right, r.caught):.1f}%)",
    ]
    for writer, w in sorted(r.writers.items()):
        lines.append(
            f"  writer {writer}: {w.total} messages, chatter answered "
            f"{w.chatter_answered}/{w.chatter}, requests missed {w.requests_missed}/{w.requests}, "
            f"emergencies missed {w.emergencies_missed}/{w.emergencies}, "
            f"wrong intent {w.caught - w.intent_right}/{w.caught}, "
            f"wrong target {w.caught - w.target_right}/{w.caught}"
        )
    if r.confusions:
        lines.append("most confused (expected -> got):")
        for (expected, got), n in r.confusions.most_common(10):
            lines.append(f"  {n} x {expected} -> {got}")
        lines.append("misclassified:")
        lines.extend(r.mistakes)
    return "\n".join(lines)


def default_sets(shared: Path = DEFAULT_FILE, own: Path = OWN_SETS) -> list[Path]:
    """The shared dev set when it is next to the repository, else the project's own sets."""
    if shared.exists():
        return [shared.resolve()]
    return sorted(path for pattern in OWN_PATTERNS for path in own.glob(pattern))


def main(argv: Sequence[str] | None = None, *, shared: Path = DEFAULT_FILE) -> int:
    """Evaluate the default catalogue on labelled files and print the figures."""
    args = list(sys.argv[1:] if argv is None else argv)
    paths = [Path(arg) for arg in args] or default_sets(shared)
    if not paths:
        print(f"no labelled set: {shared} is missing; pass a file (make eval EVAL=file.jsonl)")
        return 2
    if not args and paths[0] != shared.resolve():
        print(f"{shared.resolve()} is not here: scoring the project's own sets instead")
    understander = Understander(Catalogue.default(), ZoneInfo("Asia/Shanghai"))
    for path in paths:
        print(f"file:               {path}")
    print(render(evaluate((e for path in paths for e in load(path)), understander)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
