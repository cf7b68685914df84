"""A community's confirmed examples as training lines for ``concierge train --extra FILE``.

The format is the corpus's JSON-lines contract, one object a line:
``{"text", "intent", "target", "chat", "writer"}`` with ``writer = "community"``, so the
trainer can keep a community's own examples apart from the shipped corpus (and never score
on them). Pure: the service reads the examples, this writes the lines.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from bot.domain.corrections.model import Example

WRITER = "community"


def example_line(example: Example) -> str:
    """One example as one JSON line (no trailing newline)."""
    row = {
        "text": example.text,
        "intent": example.intent,
        "target": example.target,
        "chat": example.chat,
        "writer": WRITER,
    }
    return json.dumps(row, ensure_ascii=False)


def export_lines(examples: Iterable[Example]) -> str:
    """The examples as JSON lines, each ended by a newline; confirmed ones only, each text
    once (the latest label of a text wins)."""
    latest: dict[str, Example] = {}
    for example in examples:
        if example.confirmed and example.text.strip():
            latest.pop(example.text, None)
            latest[example.text] = example
    return "".join(example_line(e) + "\n" for e in latest.values())
