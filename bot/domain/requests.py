"""Requests recognised in a group chat, carried into a private chat by a deep-link token."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.clock import Clock, from_db, to_db
from bot.storage import Tx
from intents import Understanding


@dataclass(frozen=True)
class GroupRequest:
    """What was understood in the group, without the text itself."""

    token: str
    telegram_id: int
    chat_id: int
    intent: str
    target: str | None
    when_start: datetime | None
    when_end: datetime | None
    duration: timedelta | None


class Requests:
    """Stores group requests and finds them again by token."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    async def record(
        self, tx: Tx, telegram_id: int, chat_id: int, understood: Understanding
    ) -> GroupRequest:
        """Keep what was understood and return it with a fresh token."""
        token = "req_" + secrets.token_urlsafe(9).replace("-", "x").replace("_", "y")
        when = understood.when
        duration = understood.duration
        await tx.execute(
            "INSERT INTO requests (token, telegram_id, chat_id, intent, target, when_start,"
            " when_end, duration_s, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                token,
                telegram_id,
                chat_id,
                understood.intent,
                understood.target,
                to_db(when.start) if when else None,
                to_db(when.end) if when and when.end else None,
                int(duration.total_seconds()) if duration else None,
                to_db(self._clock.now()),
            ),
        )
        found = await self.find(tx, token)
        assert found is not None
        return found

    async def find(self, tx: Tx, token: str) -> GroupRequest | None:
        """The request behind a deep-link token."""
        row = await tx.one("SELECT * FROM requests WHERE token = ?", (token,))
        if row is None:
            return None
        return GroupRequest(
            row["token"],
            row["telegram_id"],
            row["chat_id"],
            row["intent"],
            row["target"],
            from_db(row["when_start"]) if row["when_start"] else None,
            from_db(row["when_end"]) if row["when_end"] else None,
            timedelta(seconds=row["duration_s"]) if row["duration_s"] else None,
        )
