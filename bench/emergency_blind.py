"""An emergency blind set scored by persona: how many emergencies the pipeline misses and how
many near-misses it alarms on.

A blind set is written by someone who never saw the code; its figure is honest only the first
time it is scored after a change, and never once it has been read to tune the rules. Lines are
``{"text", "emergency": bool, "persona", "chat": "group"|"private"}``.

    python -m bench.emergency_blind [FILE] [--show]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

from intents import Catalogue, Understander

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "tests" / "intents" / "measure" / "emergency" / "set7.jsonl"


def main() -> None:
    """Print each persona's misses and false alarms, then the totals (and, with --show, the
    messages themselves — reading them makes the set development data)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    understander = Understander(Catalogue.default(), ZoneInfo("Asia/Shanghai"))
    missed: Counter[str] = Counter()
    alarms: Counter[str] = Counter()
    total: Counter[tuple[str, bool]] = Counter()
    shown: list[str] = []
    for line in args.file.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        got = understander.understand(row["text"], chat=row["chat"])
        alarm, persona, wanted = got.intent == "emergency", row["persona"], bool(row["emergency"])
        total[persona, wanted] += 1
        if wanted != alarm:
            (missed if wanted else alarms)[persona] += 1
            shown.append(f"{'MISS' if wanted else 'FALSE'} | {persona} | {row['text']}")
    for persona in sorted({p for p, _ in total}):
        print(
            f"{persona:24} missed {missed[persona]}/{total[persona, True]}"
            f"  false alarms {alarms[persona]}/{total[persona, False]}"
        )
    emergencies = sum(n for (_, wanted), n in total.items() if wanted)
    print(f"all: missed {sum(missed.values())}/{emergencies}", end="")
    print(f"  false alarms {sum(alarms.values())}/{sum(total.values()) - emergencies}")
    if args.show:
        print(*shown, sep="\n")


if __name__ == "__main__":
    main()
