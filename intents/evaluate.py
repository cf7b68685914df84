"""Score the understander on labelled JSON-lines files, as each message's chat sees it.

``python -m intents.evaluate FILE...`` scores files with the shipped model.
``python -m intents.evaluate`` (``make eval``) gives the figures that matter:

- leave-one-writer-out on the training corpus (``intents/corpus/``): each writer's figures come
  from a model trained on every other file, one that never saw that writer: the honest figure
  for a new writer (see :mod:`intents.crossval`);
- the shipped model on the untouched measurement sets (``tests/intents/measure/``), which are
  never trained on and never read to tune.

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

CORPUS = Path(__file__).resolve().parent / "corpus"
MEASURE = Path(__file__).resolve().parent.parent / "tests" / "intents" / "measure"
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


# Intents whose target must be right; for the others a target counts only when labelled.
TARGETED = ("service_request", "price_query", "borrow_tool")


def _target_right(expected_intent: str, expected: object, got: object) -> bool:
    """A service or tool must match; "cancel/status/reschedule" may name one or not."""
    expected = expected or None
    if expected_intent in TARGETED or expected is not None:
        return got == expected
    return True


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
            right = _target_right(expected_intent, expected_target, got.target)
            report.target_right += right
            wrong = got.intent != expected_intent or not right
    return wrong


def evaluate(
    examples: Iterable[dict[str, object]],
    understander: Understander,
    answers: Iterable[Understanding] | None = None,
) -> Report:
    """Run every labelled example through its chat's path (group by default) and count
    (``answers``, when given, are the understandings already found, in the same order)."""
    report = Report()
    given = iter(answers) if answers is not None else None
    for example in examples:
        text = str(example["text"])
        expected_intent = str(example.get("intent", "none"))
        expected_target = example.get("target") or None
        chat: Chat = "private" if example.get("chat") == "private" else "group"
        if given is not None:
            got = next(given)
        else:
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


def summary(name: str, r: Report) -> str:
    """One line of figures for a writer or a set."""
    return (
        f"  {name:<14} {r.total:>5} msgs  chatter answered {r.chatter_answered:>3}/{r.chatter:<4}"
        f" ({r.chatter_answered_rate:4.1f}%)  requests missed {r.requests_missed:>3}/"
        f"{r.requests:<4} ({r.requests_missed_rate:4.1f}%)  wrong target "
        f"{r.caught - r.target_right:>3}/{r.caught:<4} ({r.wrong_target_rate:4.1f}%)"
        f"  wrong intent {r.caught - r.intent_right:>3}  emergencies missed "
        f"{r.emergencies_missed}/{r.emergencies}, false alarms {r.false_alarms}"
    )


def _figures(understander: Understander, corpus: Path, measure: Path) -> None:
    """Leave-one-writer-out on the corpus, then the shipped model on the measurement sets."""
    from intents.crossval import cross_validate, pooled  # needs scikit-learn: only here
    from intents.train import corpus_files

    files = corpus_files(corpus)
    print(f"leave-one-writer-out on {corpus} ({len(files)} files; group bar "
          f"{understander.group_threshold:g}):")  # fmt: skip
    per_writer, sweep = cross_validate(files, understander)
    for name, report in sorted(per_writer.items()):
        print(summary(name, report))
    total = pooled(per_writer)
    print(summary("all held out", total))
    print("most confused (expected -> got), held out:")
    for (expected, got), n in total.confusions.most_common(12):
        print(f"  {n} x {expected} -> {got}")
    print("group bar sweep (held out, pooled):")
    for bar, report in sweep.items():
        print(summary(f"bar {bar:g}", report))
    sets = sorted(measure.glob("*.jsonl"))
    print(f"untouched measurement sets ({measure}), shipped model:")
    everything = Report()
    for path in sets:
        report = evaluate(load(path), understander)
        print(summary(path.stem, report))
        for name, writer in sorted(report.writers.items()):
            if name != path.stem:  # a set by several writers: each apart
                print(summary(f"  {name}", writer))
        for field_name in vars(everything):
            value = getattr(everything, field_name)
            if isinstance(value, int):
                setattr(everything, field_name, value + getattr(report, field_name))
    print(summary("all untouched", everything))


def main(
    argv: Sequence[str] | None = None,
    *,
    corpus: Path = CORPUS,
    measure: Path = MEASURE,
) -> int:
    """Score labelled files with the shipped model, or (no files) give the figures that
    matter: leave-one-writer-out on the corpus and the untouched measurement sets."""
    args = list(sys.argv[1:] if argv is None else argv)
    understander = Understander(Catalogue.default(), ZoneInfo("Asia/Shanghai"))
    if not args:
        _figures(understander, corpus, measure)
        return 0
    paths = [Path(arg) for arg in args]
    for path in paths:
        print(f"file:               {path}")
    print(render(evaluate((e for path in paths for e in load(path)), understander)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
