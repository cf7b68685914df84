"""Which Telegram updates were already handled: the one place that reads and writes
``processed_updates``, so handling the same update twice changes nothing the second time."""

from __future__ import annotations

from datetime import datetime

from bot.clock import to_db
from bot.storage.db import Tx


async def mark_processed(tx: Tx, update_id: int, now: datetime) -> bool:
    """Record the update as processed; False if it already was (then do nothing with it)."""
    fresh = await tx.changes(
        "INSERT OR IGNORE INTO processed_updates (update_id, processed_at) VALUES (?, ?)",
        (update_id, to_db(now)),
    )
    return fresh > 0


async def was_processed(tx: Tx, update_id: int) -> bool:
    """Whether the update was already processed (without marking it)."""
    return (
        await tx.one("SELECT 1 FROM processed_updates WHERE update_id = ?", (update_id,))
        is not None
    )
