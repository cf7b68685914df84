"""Short answers to a question the bot asked: "nothing to add" after "anything to note?".

Text understanding, so it lives in ``intents/`` (pure, no I/O): the handler that waits for the
answer asks here whether the person declined.
"""

from __future__ import annotations

_NO_NOTE = frozenset(
    {"无", "没有", "没", "不用", "跳过", "略", "none", "no", "nope", "nothing", "skip", "n/a", "-"}
)


def declines_note(text: str) -> bool:
    """Whether an answer to "add a note?" says there is nothing to add ("无", "no", "-")."""
    return text.strip().lower().rstrip(".。!！") in _NO_NOTE
