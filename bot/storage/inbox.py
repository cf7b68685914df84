"""The webhook inbox: the one place that reads and writes ``webhook_inbox``.

A delivery is recorded (:func:`record`) before Telegram is answered, so an update Telegram
considers delivered is on disk; it is then claimed (:func:`claim`), handled, and removed
(:func:`done`). A claim is a time stamp: one older than the lease is taken again (its handler
died), and :func:`release_all` frees every claim at start, when this process is the database's
only user. Handling twice is harmless (``processed_updates``); losing an update is not.
Portable SQL only (``ON CONFLICT … DO NOTHING``, no SQLite-only functions).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.clock import to_db
from bot.storage.db import Tx


@dataclass(frozen=True)
class Delivery:
    """A recorded update: its id and the JSON body Telegram posted."""

    update_id: int
    body: str


async def record(tx: Tx, update_id: int, body: str, now: datetime) -> bool:
    """Record a delivery; False if it is already waiting or was already handled (a
    redelivery: nothing to do)."""
    changed = await tx.changes(
        "INSERT INTO webhook_inbox (update_id, body, received_at)"
        " SELECT ?, ?, ? WHERE NOT EXISTS"
        " (SELECT 1 FROM processed_updates WHERE update_id = ?)"
        " ON CONFLICT (update_id) DO NOTHING",
        (update_id, body, to_db(now), update_id),
    )
    return changed > 0


async def claim(tx: Tx, now: datetime, lease: timedelta, limit: int) -> list[Delivery]:
    """Claim the oldest waiting deliveries (unclaimed, or claimed longer ago than the lease),
    in update order, and return them."""
    stale = to_db(now - lease)
    rows = await tx.all(
        "SELECT update_id, body FROM webhook_inbox"
        " WHERE claimed_at IS NULL OR claimed_at < ?"
        " ORDER BY update_id LIMIT ?",
        (stale, limit),
    )
    taken = [Delivery(int(row["update_id"]), str(row["body"])) for row in rows]
    for delivery in taken:
        await tx.execute(
            "UPDATE webhook_inbox SET claimed_at = ? WHERE update_id = ?",
            (to_db(now), delivery.update_id),
        )
    return taken


async def done(tx: Tx, update_id: int) -> None:
    """The delivery was handled: forget it."""
    await tx.execute("DELETE FROM webhook_inbox WHERE update_id = ?", (update_id,))


async def release_all(tx: Tx) -> int:
    """Free every claim (at start: the claims of a process that died); how many were held."""
    return await tx.changes(
        "UPDATE webhook_inbox SET claimed_at = NULL WHERE claimed_at IS NOT NULL"
    )


async def waiting(tx: Tx) -> int:
    """How many deliveries wait to be handled (claimed or not)."""
    return int(await tx.scalar("SELECT COUNT(*) FROM webhook_inbox") or 0)


__all__ = ["Delivery", "claim", "done", "record", "release_all", "waiting"]
