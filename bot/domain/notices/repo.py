"""Notices' only SQL: staff one-offs, stored and moved by compare-and-set."""

from __future__ import annotations

import json
from datetime import datetime

from bot.clock import from_db, to_db
from bot.domain.notices.model import OneOff, OneOffStatus
from bot.storage import Tx


class NoticeRepo:
    """Named reads and writes of the ``notices`` table (in the caller's transaction)."""

    async def add(
        self,
        tx: Tx,
        text: str,
        post_at: datetime,
        by: int,
        now: datetime,
        chats: tuple[int, ...] | None = None,
    ) -> int:
        """Store a one-off notice (for chosen groups, or every bound one); its id."""
        return await tx.execute(
            "INSERT INTO notices (text, post_at, created_by, created_at, chats)"
            " VALUES (?, ?, ?, ?, ?)",
            (text, to_db(post_at), by, to_db(now), None if chats is None else json.dumps(chats)),
        )

    async def edit(self, tx: Tx, notice_id: int, text: str, post_at: datetime) -> bool:
        """Compare-and-set: change a notice's text and time while it is still scheduled."""
        changed = await tx.changes(
            "UPDATE notices SET text = ?, post_at = ? WHERE id = ? AND status = 'scheduled'",
            (text, to_db(post_at), notice_id),
        )
        return changed > 0

    async def one_off(self, tx: Tx, notice_id: int) -> OneOff | None:
        """A one-off notice by id."""
        row = await tx.one("SELECT * FROM notices WHERE id = ?", (notice_id,))
        if row is None:
            return None
        return OneOff(
            row["id"],
            row["text"],
            from_db(row["post_at"]),
            row["created_by"],
            OneOffStatus(row["status"]),
            tuple(json.loads(row["chats"])) if row["chats"] else None,
        )

    async def transition(
        self, tx: Tx, notice_id: int, from_: OneOffStatus, to: OneOffStatus
    ) -> bool:
        """Compare-and-set: move a notice still in from_; whether it moved."""
        changed = await tx.changes(
            "UPDATE notices SET status = ? WHERE id = ? AND status = ?",
            (str(to), notice_id, str(from_)),
        )
        return changed > 0
