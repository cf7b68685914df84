"""Pruning finished bookkeeping by age: processed update ids, delivered outbox rows, finished
deadlines, group replies that can no longer be dismissed (with the message text they keep).
The audit trail is never pruned (it is the responsibility trail).

Each call deletes at most ``limit`` rows of each kind, oldest first, in the caller's
transaction; :meth:`bot.runtime.Runtime.plan` calls it again while it deletes something, so
the lock is held briefly however much there is to prune. Only rows in a final state are
touched: an outbox row only once ``sent``, a deadline only once done, cancelled or failed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.clock import to_db
from bot.config import Retention
from bot.storage.db import Tx

BATCH = 500

# What each kind prunes: the rows past the cut-off, oldest first, through an index (the
# outbox's is named: without statistics SQLite would rather walk every sent row by status).
_OLDEST = {
    "processed_updates": "SELECT update_id FROM processed_updates WHERE processed_at < ?"
    " ORDER BY processed_at LIMIT ?",
    "outbox": "SELECT id FROM outbox INDEXED BY outbox_sent_by_time"
    " WHERE status = 'sent' AND sent_at < ? ORDER BY sent_at LIMIT ?",
    "deadlines": "SELECT id FROM deadlines WHERE status IN ('done', 'cancelled', 'failed')"
    " AND due_at < ? LIMIT ?",
    "group_replies": "SELECT id FROM group_replies WHERE created_at < ?"
    " ORDER BY created_at LIMIT ?",
}

_KEY = {"processed_updates": "update_id", "outbox": "id", "deadlines": "id", "group_replies": "id"}


@dataclass(frozen=True)
class Pruned:
    """How many rows one call removed, by table."""

    processed_updates: int
    outbox: int
    deadlines: int
    group_replies: int = 0

    @property
    def total(self) -> int:
        """All rows removed."""
        return self.processed_updates + self.outbox + self.deadlines + self.group_replies


async def prune(tx: Tx, policy: Retention, now: datetime, limit: int = BATCH) -> Pruned:
    """Delete up to `limit` rows of each kind older than the policy keeps them."""
    ages = {
        "processed_updates": policy.processed_updates,
        "outbox": policy.outbox_sent,
        "deadlines": policy.deadlines_finished,
        "group_replies": policy.group_replies,
    }
    removed: dict[str, int] = {}
    for table, age in ages.items():
        removed[table] = await tx.changes(
            f"DELETE FROM {table} WHERE {_KEY[table]} IN ({_OLDEST[table]})",
            (to_db(now - age), limit),
        )
    return Pruned(**removed)
