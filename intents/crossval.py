"""Leave-one-writer-out figures: each writer scored by a model that never saw their messages.

The corpus has one file per writer. For each writer held out, a model is trained on every other
file and scores the held-out one, through the bot's own path (the rules' emergency check, the
reading, the model, the group's bar). A model scored on its own training messages looks far
better than it is; this is the figure for a writer the bot has not met.

Only the independent writers' files (``w*.jsonl``) are held out in turn when there are any; the
project's older sets (``p-*.jsonl``), which the rules were tuned on, are always trained on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from intents.context import NO_CONTEXT
from intents.evaluate import FIXED_NOW, Report, evaluate
from intents.pipeline import Seen, Understander, Understanding
from intents.train import Example, fit, fit_targets, load

# Group bars tried on the held-out answers, to show what each would cost.
SWEEP = (50.0, 55.0, 60.0, 65.0, 70.0, 75.0, 80.0, 85.0, 90.0)


@dataclass
class Fold:
    """One held-out writer: their examples, and how the bot saw each one."""

    name: str
    examples: list[Example]
    seen: list[Seen]

    def decided(self) -> list[tuple[Example, tuple[str, ...]]]:
        """(example, features) of what reaches the model: not what the emergency rules catch."""
        return [(e, s.features) for e, s in zip(self.examples, self.seen, strict=True)
                if s.alarm is None]  # fmt: skip


def held_out(files: Sequence[Path]) -> list[Path]:
    """The files held out in turn: the independent writers', else every file."""
    writers = [p for p in files if p.name.startswith("w")]
    return writers or list(files)


def prepare(files: Sequence[Path], understander: Understander) -> list[Fold]:
    """Read every file once: features to train on, and what the bot sees to score."""
    folds = []
    for path in files:
        examples = load(path)
        seen = [understander.see(e.text, e.chat, FIXED_NOW) for e in examples]
        folds.append(Fold(path.stem, examples, seen))
    return folds


def answers(
    fold: Fold, understander: Understander, group_bar: float | None = None
) -> list[Understanding]:
    """How an understander (with its model) answers each message of a fold."""
    if group_bar is not None:
        understander = understander.with_model(understander.model, group_bar)
    return [
        understander.conclude(s, e.chat, NO_CONTEXT, FIXED_NOW)
        for s, e in zip(fold.seen, fold.examples, strict=True)
    ]


def rows(fold: Fold) -> list[dict[str, object]]:
    """A fold's examples in the evaluator's form."""
    return [asdict(e) for e in fold.examples]


def cross_validate(
    files: Sequence[Path], understander: Understander
) -> tuple[dict[str, Report], dict[float, Report]]:
    """Each held-out writer's report at the understander's bar, and the pooled report at each
    bar of ``SWEEP``."""
    folds = prepare(files, understander)
    out = {p.stem for p in held_out(files)}
    per_writer: dict[str, Report] = {}
    sweep = {bar: Report() for bar in SWEEP}
    for fold in folds:
        if fold.name not in out:
            continue
        rest = [pair for f in folds if f is not fold for pair in f.decided()]
        model = fit([feats for _, feats in rest], [e.intent for e, _ in rest])
        model = model.with_targets(fit_targets(rest))
        judge = understander.with_model(model)
        per_writer[fold.name] = evaluate(rows(fold), judge, answers(fold, judge))
        for bar, pooled in sweep.items():
            _merge(pooled, evaluate(rows(fold), judge, answers(fold, judge, bar)))
    return per_writer, sweep


def _merge(into: Report, part: Report) -> None:
    """Add one report's counts to another (mistakes and confusions included)."""
    for name in (
        "total", "chatter", "chatter_answered", "requests", "requests_missed", "emergencies",
        "emergencies_missed", "false_alarms", "caught", "intent_right", "target_right",
    ):  # fmt: skip
        setattr(into, name, getattr(into, name) + getattr(part, name))
    into.confusions.update(part.confusions)
    into.mistakes.extend(part.mistakes)


def pooled(per_writer: dict[str, Report]) -> Report:
    """All held-out writers together."""
    total = Report()
    for report in per_writer.values():
        _merge(total, report)
    return total
