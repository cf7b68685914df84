"""Which Telegram updates were already handled: the one place that reads and writes
``processed_updates``, so handling the same update twice changes nothing the second time, and
``answered_messages``, so an edit of a message the bot already answered is not answered again."""

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


async def mark_answered(
    tx: Tx, chat_id: int, message_id: int, update_id: int, now: datetime
) -> None:
    """Remember that handling this update answered this message (the first answer counts)."""
    await tx.execute(
        "INSERT OR IGNORE INTO answered_messages (chat_id, message_id, update_id, answered_at)"
        " VALUES (?, ?, ?, ?)",
        (chat_id, message_id, update_id, to_db(now)),
    )


async def answered_before(tx: Tx, chat_id: int, message_id: int, update_id: int) -> bool:
    """Whether an earlier update (not this one) already answered this message."""
    found = await tx.scalar(
        "SELECT update_id FROM answered_messages WHERE chat_id = ? AND message_id = ?",
        (chat_id, message_id),
    )
    return found is not None and int(found) != update_id
