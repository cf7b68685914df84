"""Score the understander on a labelled JSON-lines file, as a group chat would see it.

Usage: ``python -m intents.evaluate [FILE]`` (default: ``../shared/eval/intents-dev.jsonl``
relative to the repository root).
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
from intents.pipeline import Understander

DEFAULT_FILE = (
    Path(__file__).resolve().parent.parent / ".." / "shared" / "eval" / "intents-dev.jsonl"
)
FIXED_NOW = datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@dataclass
class Report:
    """Counts from one evaluation run."""

    total: int = 0
    chatter: int = 0
    chatter_answered: int = 0
    requests: int = 0
    requests_missed: int = 0
    caught: int = 0
    intent_right: int = 0
    target_right: int = 0
    confusions: Counter[tuple[str, str]] = field(default_factory=Counter)
    mistakes: list[str] = field(default_factory=list)

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


def evaluate(examples: Iterable[dict[str, object]], understander: Understander) -> Report:
    """Run every labelled example through the group-chat path and count the outcomes."""
    report = Report()
    for example in examples:
        text = str(example["text"])
        expected_intent = str(example.get("intent", "none"))
        expected_target = example.get("target")
        got = understander.understand(text, chat="group", now=FIXED_NOW)
        report.total += 1
        wrong = False
        if expected_intent == "none":
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
        f"intent accuracy:    {r.intent_right}/{r.caught} caught "
        f"({r.rate(r.intent_right, r.caught):.1f}%)",
        f"target accuracy:    {r.target_right}/{r.caught} caught "
        f"({r.rate(r.target_right, r.caught):.1f}%)",
    ]
    if r.confusions:
        lines.append("most confused (expected -> got):")
        for (expected, got), n in r.confusions.most_common(10):
            lines.append(f"  {n} x {expected} -> {got}")
        lines.append("misclassified:")
        lines.extend(r.mistakes)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Evaluate the default catalogue on a labelled file and print the figures."""
    args = list(sys.argv[1:] if argv is None else argv)
    path = Path(args[0]) if args else DEFAULT_FILE.resolve()
    understander = Understander(Catalogue.default(), ZoneInfo("Asia/Shanghai"))
    print(f"file:               {path}")
    print(render(evaluate(load(path), understander)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
