"""The learning loop: request-like messages that matched nothing, counted by text.

Only the text is kept, with phone numbers and addresses redacted (no sender, no chat), so
staff can add aliases for what residents actually say.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock, to_db
from bot.privacy import redact
from bot.storage import Tx


@dataclass(frozen=True)
class Miss:
    """A text that looked like a request and how often it was seen."""

    text: str
    count: int


MAX_TEXT = 200


async def record_miss(tx: Tx, clock: Clock, text: str) -> None:
    """Count one more occurrence of an unmatched request-like text."""
    text = redact(" ".join(text.split()))[:MAX_TEXT]
    if not text:
        return
    await tx.execute(
        "INSERT INTO misses (text, count, last_at) VALUES (?, 1, ?)"
        " ON CONFLICT(text) DO UPDATE SET count = count + 1, last_at = excluded.last_at",
        (text, to_db(clock.now())),
    )


async def top_misses(tx: Tx, limit: int = 20) -> list[Miss]:
    """The most frequent misses, most frequent first."""
    rows = await tx.all(
        "SELECT text, count FROM misses ORDER BY count DESC, last_at DESC LIMIT ?", (limit,)
    )
    return [Miss(r["text"], r["count"]) for r in rows]
