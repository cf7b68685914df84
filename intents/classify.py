"""Classify JSON lines: ``{"text": ..., "chat": "group"|"private"}`` in, one JSON line out each.

``python -m intents.classify < in.jsonl > out.jsonl`` uses the default catalogue and
Asia/Shanghai; the bot's ``concierge classify`` calls :func:`run_classify` with its own.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from datetime import datetime
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from intents.catalogue import Catalogue
from intents.pipeline import Understander, Understanding


def to_json(text: str, understanding: Understanding) -> dict[str, Any]:
    """The output record for one message."""
    when = understanding.when
    duration = understanding.duration
    return {
        "text": text,
        "intent": understanding.intent,
        "target": understanding.target,
        "score": understanding.score,
        "when": None
        if when is None
        else {
            "start": when.start.isoformat(),
            "end": None if when.end is None else when.end.isoformat(),
        },
        "duration_seconds": None if duration is None else int(duration.total_seconds()),
        "respond": understanding.respond,
        "unmatched_request": understanding.unmatched_request,
        "emergency": None if understanding.emergency is None else str(understanding.emergency),
    }


def classify_line(line: str, understander: Understander, now: datetime | None) -> dict[str, Any]:
    """Classify one input line; a bad line becomes ``{"error": ...}``."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"error": f"not JSON: {exc.msg}"}
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return {"error": 'expected an object with a string "text"'}
    chat = record.get("chat", "group")
    if chat not in ("group", "private"):
        return {"error": f'"chat" must be "group" or "private", not {chat!r}'}
    text = record["text"]
    return to_json(text, understander.understand(text, chat=chat, now=now))


def run_classify(
    lines: Iterable[str],
    out: TextIO,
    understander: Understander,
    now: datetime | None = None,
) -> int:
    """Write one JSON line per non-blank input line; return how many lines were errors."""
    errors = 0
    for line in lines:
        if not line.strip():
            continue
        result = classify_line(line, understander, now)
        errors += "error" in result
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
    return errors


def main() -> int:
    """Classify stdin to stdout with the default catalogue in Asia/Shanghai."""
    understander = Understander(Catalogue.default(), ZoneInfo("Asia/Shanghai"))
    run_classify(sys.stdin, sys.stdout, understander)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
