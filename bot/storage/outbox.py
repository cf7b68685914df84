"""The outbox table as the sender sees it: the only SQL of delivery.

Every method runs in the caller's transaction, so the sender decides what commits together:
a batch of outcomes with the next claims, a migration with its copies, a failure with the
staff notice it causes. Status meanings are in migration 0007.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from bot.clock import to_db
from bot.storage.db import Row, Tx

Status = Literal["sent", "pending", "failed", "uncertain"]
_COLUMNS = "id, dedupe_key, chat_id, method, payload, attempts, kind"


@dataclass
class QueuedRow:
    """One outbox row in the sender's memory (payload still JSON text: a broken row fails as
    a row, it never breaks the loop)."""

    id: int
    key: str
    chat_id: int
    method: str
    payload: str
    attempts: int
    kind: str


@dataclass(frozen=True)
class Outcome:
    """What became of one delivery attempt, to be recorded in a batch."""

    row: QueuedRow
    status: Status
    message_id: int | None = None
    error: str | None = None


def _row(r: Row) -> QueuedRow:
    return QueuedRow(
        int(r["id"]),
        str(r["dedupe_key"]),
        int(r["chat_id"]),
        str(r["method"]),
        str(r["payload"]),
        int(r["attempts"]),
        str(r["kind"]),
    )


class OutboxStore:
    """Named reads and writes of the outbox for the sender."""

    async def interrupted(self, tx: Tx) -> list[QueuedRow]:
        """Resolve rows a previous run claimed and never recorded; return those now marked
        uncertain: sends, copies, and edits of a message whose id is unknown (they went out as
        new messages). Other edits go back to pending: repeating one is harmless."""
        rows = [
            _row(r)
            for r in await tx.all(
                f"SELECT {_COLUMNS} FROM outbox WHERE status = 'sending' ORDER BY id"
            )
        ]
        uncertain = [
            r
            for r in rows
            if r.method not in ("edit", "delete") or not await self._edits_known(tx, r)
        ]
        await tx.execute("UPDATE outbox SET status = 'pending' WHERE status = 'sending'")
        await tx.executemany(
            "UPDATE outbox SET status = 'uncertain',"
            " last_error = 'interrupted between the request and its answer' WHERE id = ?",
            [(r.id,) for r in uncertain],
        )
        return uncertain

    async def _edits_known(self, tx: Tx, row: QueuedRow) -> bool:
        """Whether an edit row targets a message whose id is known (an in-place edit)."""
        try:
            payload = json.loads(row.payload)
        except ValueError:
            return True  # unreadable: it fails as a row when tried again
        if payload.get("message_id") is not None or payload.get("of_key") is None:
            return True
        return await self.message_id_of(tx, str(payload["of_key"])) is not None

    async def pending(self, tx: Tx, after_id: int, limit: int) -> list[QueuedRow]:
        """Pending rows with an id above `after_id`, oldest first."""
        rows = await tx.all(
            f"SELECT {_COLUMNS} FROM outbox WHERE status = 'pending' AND id > ?"
            " ORDER BY id LIMIT ?",
            (after_id, limit),
        )
        return [_row(r) for r in rows]

    async def pending_for_chat(
        self, tx: Tx, chat_id: int, after_id: int, limit: int
    ) -> list[QueuedRow]:
        """One chat's next pending rows after `after_id`, oldest first."""
        rows = await tx.all(
            f"SELECT {_COLUMNS} FROM outbox WHERE chat_id = ? AND status = 'pending'"
            " AND id > ? ORDER BY id LIMIT ?",
            (chat_id, after_id, limit),
        )
        return [_row(r) for r in rows]

    async def claim(self, tx: Tx, ids: Sequence[int]) -> set[int]:
        """Mark rows in flight (committed before the Bot API call); the ids actually claimed.
        A row no longer pending (withdrawn, or claimed by a sender that held the outbox
        before this one) is not claimed, and must not be sent."""
        if not ids:
            return set()
        marks = ", ".join("?" * len(ids))
        rows = await tx.all(
            "UPDATE outbox SET status = 'sending', attempts = attempts + 1"
            f" WHERE id IN ({marks}) AND status = 'pending' RETURNING id",
            tuple(ids),
        )
        return {int(r["id"]) for r in rows}

    async def record(self, tx: Tx, outcomes: Iterable[Outcome], at: datetime) -> None:
        """Record a batch of outcomes: sent rows with their message id, the rest with the
        error text (never the message text)."""
        sent, other = [], []
        for o in outcomes:
            if o.status == "sent":
                sent.append((to_db(at), o.message_id, o.row.id))
            else:
                other.append((o.status, o.error, o.row.id))
        if sent:
            await tx.executemany(
                "UPDATE outbox SET status = 'sent', sent_at = ?, message_id = ?,"
                " last_error = NULL WHERE id = ?",
                sent,
            )
        if other:
            await tx.executemany(
                "UPDATE outbox SET status = ?, last_error = ? WHERE id = ?", other
            )

    async def migrations(self, tx: Tx) -> dict[int, int]:
        """Every group known to have become a supergroup: old id -> new id."""
        rows = await tx.all("SELECT old_chat_id, new_chat_id FROM chat_migrations")
        return {int(r["old_chat_id"]): int(r["new_chat_id"]) for r in rows}

    async def migrate(self, tx: Tx, old: int, new: int, first: int, at: datetime) -> int:
        """Record that `old` became `new`; mark row `first` and every pending row of `old`
        migrated and queue a copy of each for `new` (in the same order). Edits cannot follow
        (their message stays in the old group): they fail. Return how many rows moved."""
        await tx.execute(
            "INSERT INTO chat_migrations (old_chat_id, new_chat_id, at) VALUES (?, ?, ?)"
            " ON CONFLICT (old_chat_id) DO UPDATE SET new_chat_id = excluded.new_chat_id,"
            " at = excluded.at",
            (old, new, to_db(at)),
        )
        rows = await tx.all(
            "SELECT id, method FROM outbox WHERE chat_id = ?"
            " AND (id = ? OR status = 'pending') ORDER BY id",
            (old, first),
        )
        stay = ("edit", "delete")  # both act on a message that stays in the old group
        moved = [int(r["id"]) for r in rows if r["method"] not in stay]
        edits = [(int(r["id"]),) for r in rows if r["method"] in stay]
        await tx.executemany(
            "INSERT OR IGNORE INTO outbox (dedupe_key, chat_id, method, payload, not_before,"
            " created_at, kind) SELECT dedupe_key || '@' || ?, ?, method, payload, not_before,"
            " created_at, kind FROM outbox WHERE id = ?",
            [(new, new, i) for i in moved],
        )
        await tx.executemany(
            "UPDATE outbox SET status = 'migrated', last_error = ? WHERE id = ?",
            [(f"ChatMigrated: now {new}", i) for i in moved],
        )
        await tx.executemany(
            "UPDATE outbox SET status = 'failed',"
            " last_error = 'ChatMigrated: the message to edit stays in the old group'"
            " WHERE id = ?",
            edits,
        )
        return len(moved)

    async def message_id_of(self, tx: Tx, key: str) -> int | None:
        """The Telegram message id a sent row got (for edits by key); when that row's send
        ended uncertain or failed, the id of the newest edit of it that was sent as a new
        message (so later edits change that one, not add another)."""
        found = await tx.scalar(
            "SELECT message_id FROM outbox WHERE dedupe_key = ? AND status = 'sent'", (key,)
        )
        if found is None:
            found = await tx.scalar(
                "SELECT message_id FROM outbox WHERE method = 'edit' AND status = 'sent'"
                " AND json_extract(payload, '$.of_key') = ? ORDER BY id DESC LIMIT 1",
                (key,),
            )
        return None if found is None else int(found)

    async def uncertain_stand_in(self, tx: Tx, key: str, text: str) -> bool:
        """Whether an earlier edit of `key` with this very text went out as a new message whose
        answer was lost (an edit of a known message is retried, never left uncertain)."""
        found = await tx.scalar(
            "SELECT 1 FROM outbox WHERE method = 'edit' AND status = 'uncertain'"
            " AND json_extract(payload, '$.of_key') = ? AND json_extract(payload, '$.text') = ?"
            " LIMIT 1",
            (key, text),
        )
        return found is not None

    async def unfinished(self, tx: Tx) -> int:
        """Rows still pending or in flight."""
        return int(
            await tx.scalar("SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending')")
        )
