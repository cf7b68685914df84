"""Every decision of the understanding pipeline, recorded once and compared after a change.

A speed change to :mod:`intents` must not change what the bot decides. This module runs
``Understander.understand`` over every labelled message on disk (``intents/corpus/``,
``tests/intents/*.jsonl``, ``tests/intents/measure/``) in a group, a group with the bot
addressed and a private chat (and, for every tenth message, against the tenfold catalogue of
:mod:`bench.intents_bench`), and writes one JSON line per message and chat: the whole
:class:`~intents.pipeline.Understanding`, the rules' reading (verdict, flags, whether the cues
were read, unmatched, the chosen target) and a digest of the model's features, which fixes its
probabilities. ``compare`` runs the same and names every line that differs.

    PYTHONPATH=. python -m bench.intents_golden record /tmp/p14/golden.jsonl
    PYTHONPATH=. python -m bench.intents_golden compare /tmp/p14/golden.jsonl

The file depends on the model and the data files; record it again after retraining.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.intents_bench import NOW, TZ, enlarged
from intents.catalogue import Catalogue
from intents.context import Context
from intents.pipeline import Understander, Understanding

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (
    sorted((ROOT / "intents" / "corpus").glob("*.jsonl"))
    + sorted((ROOT / "tests" / "intents").glob("*.jsonl"))
    + sorted((ROOT / "tests" / "intents" / "measure").glob("*.jsonl"))
)
SITUATIONS: tuple[tuple[str, str, Context], ...] = (
    ("group", "group", Context()),
    ("addressed", "group", Context(addressed=True)),
    ("private", "private", Context()),
)


def texts() -> Iterator[tuple[str, str]]:
    """(where, text) for every message on disk, in a fixed order."""
    for path in SOURCES:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    yield f"{path.relative_to(ROOT)}:{number}", json.loads(line)["text"]


def _understanding(got: Understanding) -> dict[str, Any]:
    return {
        "intent": got.intent,
        "target": got.target,
        "score": got.score,
        "when": None if got.when is None else repr(got.when),
        "duration": None if got.duration is None else got.duration.total_seconds(),
        "respond": got.respond,
        "unmatched": got.unmatched_request,
        "emergency": None if got.emergency is None else str(got.emergency),
    }


def decide(understander: Understander, text: str) -> dict[str, Any]:
    """Everything decided about one message, in each situation."""
    row: dict[str, Any] = {}
    for name, chat, context in SITUATIONS:
        seen = understander.see(text, chat, NOW)  # type: ignore[arg-type]
        got = understander.conclude(seen, chat, context, NOW)  # type: ignore[arg-type]
        entry = _understanding(got)
        reading = seen.reading
        if reading is not None:
            entry["reading"] = {
                "verdict": list(reading.verdict),
                "flags": sorted(reading.flags),
                "signals": reading.signals is not None,
                "chosen": None if reading.chosen is None else reading.chosen.entry.id,
                "candidates": [[c.entry.id, c.score] for c in reading.candidates],
                "unmatched": reading.unmatched,
                "when": None if reading.when is None else repr(reading.when),
            }
        if reading is not None:
            probs = understander.model.probabilities(seen.features)
            entry["probs"] = {name: round(p, 12) for name, p in sorted(probs.items())}
        digest = hashlib.sha1("\n".join(sorted(set(seen.features))).encode()).hexdigest()
        entry["features"] = digest[:16]
        row[name] = entry
    return row


def run() -> Iterator[dict[str, Any]]:
    """One record per message (and one more per tenth message, on the tenfold catalogue)."""
    default = Catalogue.default()
    plain = Understander(default, TZ)
    large = Understander(enlarged(default), TZ)
    for index, (where, text) in enumerate(texts()):
        yield {"where": where, "text": text, "catalogue": "default", **decide(plain, text)}
        if index % 10 == 0:
            yield {"where": where, "text": text, "catalogue": "10x", **decide(large, text)}


def record(path: Path) -> int:
    """Write the decisions of the current code to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for row in run():
            out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    print(f"recorded {count} decisions in {time.perf_counter() - t0:.1f} s -> {path}")
    return 0


def compare(path: Path, limit: int = 20) -> int:
    """Compare the current code's decisions with those recorded; 0 when all are equal."""
    with path.open(encoding="utf-8") as handle:
        golden = [json.loads(line) for line in handle if line.strip()]
    t0 = time.perf_counter()
    current = list(run())
    differ = 0
    if len(current) != len(golden):
        print(f"{len(current)} decisions now, {len(golden)} recorded")
        differ += 1
    for old, new in zip(golden, current, strict=False):
        if old != new:
            differ += 1
            if differ <= limit:
                print(f"DIFFERS {old['where']} [{old['catalogue']}] {old['text'][:60]!r}")
                for key in sorted(set(old) | set(new)):
                    if old.get(key) != new.get(key):
                        print(f"  {key}: was {old.get(key)}")
                        print(f"  {key}: now {new.get(key)}")
    seconds = time.perf_counter() - t0
    print(f"{len(current)} decisions compared in {seconds:.1f} s: {differ} differ")
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> int:
    """``record PATH`` or ``compare PATH``."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2 or args[0] not in ("record", "compare"):
        print(__doc__)
        return 2
    action, path = args[0], Path(args[1])
    return record(path) if action == "record" else compare(path)


if __name__ == "__main__":
    raise SystemExit(main())
