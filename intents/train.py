"""Train the request model from the labelled corpus: ``make train`` / ``concierge train``.

``python -m intents.train [--extra FILE.jsonl ...] [--out PATH]`` reads every writer's file in
``intents/corpus/`` (JSON lines: text, intent, target, chat, writer; see its README), plus any
extra files (a community's confirmed examples, same format, counted ``EXTRA_WEIGHT`` times so a
handful outweighs the corpus on their own kind of message), sees each message as the bot
does (:meth:`Understander.read`: the rules' reading and the features), fits a multinomial
logistic regression (scikit-learn, the ``[train]`` extra) and writes the weights as the small
JSON file the bot reads in pure Python (:mod:`intents.model`). The measurement sets in
``tests/intents/measure/`` are never read here.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from intents.catalogue import Catalogue
from intents.model import SHIPPED, Model, build
from intents.pipeline import Understander
from intents.rules import Chat

CORPUS = Path(__file__).resolve().parent / "corpus"
INTENTS = (
    "none",
    "service_request",
    "price_query",
    "borrow_tool",
    "cancel",
    "status",
    "reschedule",
    "faq",
    "emergency",
)
# Inverse regularisation strength of the logistic regression, chosen by leave-one-writer-out.
C = 0.5
# A feature seen in fewer examples than this carries no weight (noise, and a smaller file).
MIN_COUNT = 3
# Below this many examples every feature is kept (a tiny corpus would keep none).
SMALL = 100
# A community's own confirmed example counts this many times over one of the corpus.
EXTRA_WEIGHT = 8.0
FIXED_NOW = datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@dataclass(frozen=True)
class Example:
    """One labelled message."""

    text: str
    intent: str
    target: str | None
    chat: Chat
    writer: str


def parse(line: str, where: str) -> Example:
    """One JSON line; a bad line raises ValueError naming where it is."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{where}: not JSON ({exc.msg})") from exc
    if not isinstance(row, dict) or not isinstance(row.get("text"), str):
        raise ValueError(f'{where}: expected an object with a string "text"')
    intent = row.get("intent", "none")
    if intent not in INTENTS:
        raise ValueError(f"{where}: unknown intent {intent!r}")
    chat: Chat = "private" if row.get("chat") == "private" else "group"
    writer = str(row.get("writer", ""))
    return Example(row["text"], intent, row.get("target") or None, chat, writer)


def load(path: Path) -> list[Example]:
    """Every example of a JSON-lines file (blank lines skipped)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [parse(line, f"{path}:{n}") for n, line in enumerate(lines, 1) if line.strip()]


def corpus_files(corpus: Path = CORPUS) -> list[Path]:
    """The training corpus: one file per writer."""
    return sorted(corpus.glob("*.jsonl"))


def featurize(
    examples: Iterable[Example], understander: Understander
) -> list[tuple[Example, tuple[str, ...]]]:
    """Each example the model will have to decide, with its features as the bot sees the
    message in its chat. What the emergency rules catch never reaches the model, so it is
    not trained on either: the model learns the emergencies the rules miss (and the near
    misses they rightly let pass), not the ones they already find."""
    seen = ((e, understander.see(e.text, e.chat, FIXED_NOW)) for e in examples)
    return [(e, s.features) for e, s in seen if s.alarm is None]


def fit(
    featuresets: Sequence[Sequence[str]],
    labels: Sequence[str],
    weights: Sequence[float] | None = None,
    c: float = C,
    scale: float = 1000.0,
) -> Model:
    """A multinomial logistic regression over binary features (needs scikit-learn), its
    weights rounded to ``1 / scale``."""
    from scipy.sparse import csr_matrix  # training only, never at run time
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for feats in featuresets for f in set(feats))
    least = MIN_COUNT if len(featuresets) >= SMALL else 1  # a tiny set keeps every feature
    kept = sorted(f for f, n in counts.items() if n >= least)
    vocabulary = {f: i for i, f in enumerate(kept)}
    rows, cols = [], []
    for row, feats in enumerate(featuresets):
        for col in sorted({vocabulary[f] for f in feats if f in vocabulary}):
            rows.append(row)
            cols.append(col)
    shape = (len(featuresets), len(vocabulary))
    matrix = csr_matrix(([1.0] * len(rows), (rows, cols)), shape=shape)
    classifier = LogisticRegression(C=c, max_iter=2000)
    classifier.fit(matrix, list(labels), sample_weight=None if weights is None else list(weights))
    classes = [str(c) for c in classifier.classes_]
    coef = classifier.coef_
    if len(classes) == 2:  # a binary fit keeps one row: spell it out for both classes
        coef = [-coef[0] / 2, coef[0] / 2]
        bias = [-classifier.intercept_[0] / 2, classifier.intercept_[0] / 2]
    else:
        bias = list(classifier.intercept_)
    table = {name: [float(row[i]) for row in coef] for i, name in enumerate(kept)}
    meta = {"examples": len(labels), "features": len(vocabulary), "C": c}
    return build(classes, [float(b) for b in bias], table, meta, scale)


TARGETED = ("service_request", "price_query", "borrow_tool")


def fit_targets(decided: Sequence[tuple[Example, Sequence[str]]], c: float = C) -> Model | None:
    """The target model: which catalogue id a request names, from the labelled targets."""
    named = [(e.target, feats) for e, feats in decided if e.intent in TARGETED and e.target]
    if len({target for target, _ in named}) < 2:
        return None
    # Coarser weights: 38 classes a row, and the rules' pick still weighs in at run time.
    return fit([feats for _, feats in named], [target for target, _ in named], c=c, scale=100.0)


def train(extra: Sequence[Path] = (), out: Path = SHIPPED, corpus: Path = CORPUS) -> str:
    """Train on the corpus (and extra examples), write the model, describe what was done."""
    started = time.perf_counter()
    understander = Understander(Catalogue.default(), FIXED_NOW.tzinfo)  # type: ignore[arg-type]
    files = corpus_files(corpus)
    examples = [e for path in files for e in load(path)]
    extras = [e for path in extra for e in load(path)]
    decided = featurize(examples, understander) + featurize(extras, understander)
    extra_ids = {id(e) for e in extras}
    model = fit(
        [feats for _, feats in decided],
        [e.intent for e, _ in decided],
        [EXTRA_WEIGHT if id(e) in extra_ids else 1.0 for e, _ in decided],
    )
    model = model.with_targets(fit_targets(decided))
    meta = dict(model.meta)
    meta.update(writers=len({e.writer for e in examples}), extra=len(extras), seen=len(decided))
    replace(model, meta=meta).save(out)
    seconds = time.perf_counter() - started
    return (
        f"trained on {len(examples)} corpus examples from {len(files)} files"
        f" and {len(extras)} extra; {meta['features']} features; wrote {out} in {seconds:.1f} s"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m intents.train [--extra FILE ...] [--out PATH]``."""
    parser = argparse.ArgumentParser(prog="concierge train", description=__doc__.split("\n")[0])
    parser.add_argument("--extra", type=Path, action="append", default=[], metavar="FILE.jsonl")
    parser.add_argument("--out", type=Path, default=SHIPPED, metavar="PATH")
    args = parser.parse_args(argv)
    try:
        print(train(args.extra, args.out))
    except (OSError, ValueError) as exc:
        print(f"concierge train: {exc}", file=sys.stderr)
        return 2
    except ImportError:
        needs = "concierge train needs scikit-learn: pip install 'concierge[train]'"
        print(needs, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
