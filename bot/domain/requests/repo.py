"""Requests' only SQL: the requests table, written once and read by token."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from bot.clock import from_db, to_db
from bot.domain.bookings.model import CANCELLABLE, OPEN
from bot.domain.requests.model import Burst, GroupRequest
from bot.domain.tools.model import ACTIVE
from bot.storage import Tx

# What a writer can cancel, ask about or move: a booking not finished (a draft included) or a
# tool reserved or lent.
_BOOKED = tuple(dict.fromkeys((*CANCELLABLE, *OPEN)))
_OPEN_SQL = (
    "SELECT EXISTS (SELECT 1 FROM bookings b JOIN people p ON p.id = b.resident_id"
    f" WHERE p.telegram_id = ? AND b.status IN ({','.join('?' * len(_BOOKED))}))"
    " OR EXISTS (SELECT 1 FROM tool_loans l JOIN people p ON p.id = l.person_id"
    f" WHERE p.telegram_id = ? AND l.status IN ({','.join('?' * len(ACTIVE))}))"
)


def _request(row: Any) -> GroupRequest:
    """A request from its stored columns (a row, or the values just inserted)."""
    return GroupRequest(
        row["token"],
        row["telegram_id"],
        row["chat_id"],
        row["intent"],
        row["target"],
        from_db(row["when_start"]) if row["when_start"] else None,
        from_db(row["when_end"]) if row["when_end"] else None,
        timedelta(seconds=row["duration_s"]) if row["duration_s"] else None,
        bool(row["when_asap"]),
        bool(row["when_has_time"]),
        int(row["when_days"]),
        row["words"],
    )


class RequestsRepo:
    """Named reads and writes of the requests table (in the caller's transaction)."""

    async def add(self, tx: Tx, request: GroupRequest, at: datetime) -> GroupRequest:
        """Keep a request (durations are stored in whole seconds); return it as stored, as
        :meth:`by_token` would read it back."""
        row = {
            "token": request.token,
            "telegram_id": request.telegram_id,
            "chat_id": request.chat_id,
            "intent": request.intent,
            "target": request.target,
            "when_start": to_db(request.when_start) if request.when_start else None,
            "when_end": to_db(request.when_end) if request.when_end else None,
            "duration_s": int(request.duration.total_seconds()) if request.duration else None,
            "created_at": to_db(at),
            "when_asap": int(request.when_asap),
            "when_has_time": int(request.when_has_time),
            "when_days": request.when_days,
            "words": request.words,
        }
        await tx.execute(
            f"INSERT INTO requests ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
            tuple(row.values()),
        )
        return _request(row)

    async def by_token(self, tx: Tx, token: str) -> GroupRequest | None:
        """The request behind a deep-link token (none once withdrawn: its writer or staff
        said it was not a request)."""
        row = await tx.one(
            "SELECT * FROM requests WHERE token = ? AND withdrawn_at IS NULL", (token,)
        )
        return None if row is None else _request(row)

    async def burst(self, tx: Tx, chat_id: int, telegram_id: int) -> Burst | None:
        """A member's recent answers in a group, if any were kept."""
        row = await tx.one(
            "SELECT since, answered, acknowledged FROM group_pace"
            " WHERE chat_id = ? AND telegram_id = ?",
            (chat_id, telegram_id),
        )
        if row is None:
            return None
        return Burst(from_db(row["since"]), int(row["answered"]), bool(row["acknowledged"]))

    async def has_open(self, tx: Tx, telegram_id: int) -> bool:
        """Whether this writer has a booking or a tool loan open (by the people table)."""
        found = await tx.scalar(_OPEN_SQL, (telegram_id, *_BOOKED, telegram_id, *ACTIVE))
        return bool(found)

    async def keep_burst(self, tx: Tx, chat_id: int, telegram_id: int, burst: Burst) -> None:
        """Store a member's burst (one row per member and group)."""
        await tx.execute(
            "INSERT INTO group_pace (chat_id, telegram_id, since, answered, acknowledged)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (chat_id, telegram_id) DO UPDATE SET"
            " since = excluded.since, answered = excluded.answered,"
            " acknowledged = excluded.acknowledged",
            (chat_id, telegram_id, to_db(burst.since), burst.answered, int(burst.acknowledged)),
        )
