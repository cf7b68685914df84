"""The console's only SQL: logins, sessions, and the read models of its pages. Pages read ids,
states, times, slots, agreed prices and buildings: never an address, a phone or a door code."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.clock import from_db, to_db
from bot.domain.bookings.policy import confirmed_sql
from bot.domain.console.insight.repo import at
from bot.domain.console.model import Page, Search
from bot.storage import Tx

OPEN_JOBS = ("offered", "accepted", "arrived", "unassigned")


@dataclass(frozen=True)
class JobRow:
    """An open or past booking as the console lists it."""

    id: int
    service: str
    kind: str
    status: str
    provider_id: str | None
    building: str | None
    created_at: datetime
    since: datetime  # when its current step began (the current offer, else the last change)
    worker: str | None = None  # the name of who has the job now (after any re-dispatch)
    asked_at: datetime | None = None  # the resident's ask: its first offer (else created_at)
    slot_start: datetime | None = None
    slot_end: datetime | None = None
    asap: bool = False
    agreed_fen: int | None = None  # the price the resident confirmed, and its unit
    agreed_unit: tuple[str, str] | None = None  # (zh, en)
    units: int = 1
    priority: str | None = None  # a work order's urgent | normal (its response window)

    @property
    def asked(self) -> datetime:
        """When the resident asked: the first offer (a draft's minutes left out)."""
        return self.asked_at or self.created_at


@dataclass(frozen=True)
class IncidentRow:
    """An open help call or emergency: who it is about, where it was raised (a group's title,
    '' for a private chat), what they wrote (masked when shown) and who took it on."""

    id: int
    kind: str
    state: str
    created_at: datetime
    name: str = ""
    place: str = ""
    words: str = ""
    handler: str = ""
    where: str = ""  # the place it recorded (as responders read it; masked when shown)


@dataclass(frozen=True)
class CheckinRow:
    """A check-in nobody answered yet."""

    id: int
    elder_key: str
    state: str
    due_at: datetime


@dataclass(frozen=True)
class LoanRow:
    """A tool loan past its due date."""

    id: int
    tool: str
    due_at: datetime


@dataclass(frozen=True)
class NoticeRow:
    """A staff one-off notice."""

    id: int
    text: str
    post_at: datetime
    status: str
    groups: int | None = None  # how many groups it was chosen for; None: every bound group


def _job(row: Any) -> JobRow:
    # By position (the _JOBS columns' order): quicker than by name for Today's open jobs.
    (ident, service, kind, status, provider, building, created, updated, offered, worker,
     first, start, end, asap, fen, unit_zh, unit_en, units, priority) = row  # fmt: skip
    since = offered if status == "offered" and offered else None
    unit = (unit_zh or "", unit_en or "") if fen is not None else None
    return JobRow(ident, service, kind, status, provider, building, at(created),
                  at(since or updated), worker, at(first) if first else None,
                  at(start) if start else None, at(end) if end else None, bool(asap), fen,
                  unit, int(units or 1), priority)  # fmt: skip


# Drafts are no jobs (``bookings.policy.unconfirmed``): an unfinished or abandoned one, nor one
# called off before it was confirmed (cancelled, never offered).
_CONFIRMED = confirmed_sql("b.")

# The provider shown is the current attempt's (after a re-dispatch or a staff assignment),
# not the one the resident first chose; the worker is whoever has the job now.
_JOBS = (
    "SELECT b.id, b.service, b.kind, b.status, COALESCE(o.provider_id, b.provider_id)"
    " AS provider_id, b.building, b.created_at, b.updated_at, o.offered_at, w.name AS worker,"
    " (SELECT MIN(f.offered_at) FROM booking_offers f WHERE f.booking_id = b.id) AS first_offer,"
    " b.slot_start, b.slot_end, b.asap, b.agreed_fen, b.agreed_unit_zh, b.agreed_unit_en,"
    " b.units, b.priority FROM bookings b LEFT JOIN booking_offers o"
    " ON o.booking_id = b.id AND o.attempt = b.attempt"
    " LEFT JOIN people w ON w.id = b.assignee_id"
)


_NOTICES = "SELECT id, text, post_at, status, chats FROM notices"


def _notice(r: Any) -> NoticeRow:
    chats = len(json.loads(r["chats"])) if r["chats"] else None
    return NoticeRow(r["id"], r["text"], from_db(r["post_at"]), r["status"], chats)


class ConsoleRepo:
    """Named reads and writes for the console (in the caller's transaction)."""

    # -- logins and sessions ---------------------------------------------------------------

    async def add_login(
        self, tx: Tx, digest: str, telegram_id: int, now: datetime, expires: datetime
    ) -> None:
        """Store a login link's token hash."""
        await tx.execute(
            "INSERT INTO console_logins (token_hash, telegram_id, created_at, expires_at)"
            " VALUES (?, ?, ?, ?)",
            (digest, telegram_id, to_db(now), to_db(expires)),
        )

    async def use_login(self, tx: Tx, digest: str, now: datetime) -> int | None:
        """Compare-and-set: use an unused, unexpired login once; whose it was."""
        changed = await tx.changes(
            "UPDATE console_logins SET used_at = ? WHERE token_hash = ? AND used_at IS NULL"
            " AND expires_at > ?",
            (to_db(now), digest, to_db(now)),
        )
        if not changed:
            return None
        found = await tx.scalar(
            "SELECT telegram_id FROM console_logins WHERE token_hash = ?", (digest,)
        )
        return int(found)

    async def add_session(
        self, tx: Tx, digest: str, telegram_id: int, csrf: str, now: datetime, expires: datetime
    ) -> None:
        """Store a session's token hash and its CSRF token."""
        await tx.execute(
            "INSERT INTO console_sessions (token_hash, telegram_id, csrf, created_at, expires_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (digest, telegram_id, csrf, to_db(now), to_db(expires)),
        )

    async def session(self, tx: Tx, digest: str, now: datetime) -> tuple[int, str] | None:
        """The Telegram id and CSRF token of a live session."""
        row = await tx.one(
            "SELECT telegram_id, csrf FROM console_sessions WHERE token_hash = ?"
            " AND expires_at > ?",
            (digest, to_db(now)),
        )
        return (int(row["telegram_id"]), str(row["csrf"])) if row else None

    async def end_session(self, tx: Tx, digest: str) -> None:
        """Sign out."""
        await tx.execute("DELETE FROM console_sessions WHERE token_hash = ?", (digest,))

    # -- pages -----------------------------------------------------------------------------

    async def open_jobs(self, tx: Tx) -> list[JobRow]:
        """Every open job (offered, accepted, on site, unassigned), oldest first."""
        marks = ",".join("?" * len(OPEN_JOBS))
        rows = await tx.all(f"{_JOBS} WHERE b.status IN ({marks}) ORDER BY b.id", OPEN_JOBS)
        return [_job(r) for r in rows]

    async def jobs(
        self,
        tx: Tx,
        status: str,
        service: str,
        page: Page,
        found: Search | None = None,
        buildings: frozenset[str] | None = None,
    ) -> tuple[list[JobRow], int]:
        """A page of bookings (drafts aside), newest first, filtered by state, service and
        what the search box found, and to these buildings when given (a housekeeper's: the
        page and its count hold nothing of another building); and how many match."""
        where = [_CONFIRMED]
        params: list[object] = []
        if buildings is not None:
            where.append(f"b.building IN ({','.join('?' * len(buildings)) or 'NULL'})")
            params.extend(sorted(buildings))
        if status:
            where.append("b.status = ?")
            params.append(status)
        if service:
            where.append("b.service = ?")
            params.append(service)
        if found is not None and found.booking_id is not None:
            where.append("b.id = ?")
            params.append(found.booking_id)
        if found is not None and found.services is not None:
            where.append(f"b.service IN ({','.join('?' * len(found.services)) or 'NULL'})")
            params.extend(found.services)
        clause = " AND ".join(where)
        total = await tx.scalar(f"SELECT COUNT(*) FROM bookings b WHERE {clause}", params)
        rows = await tx.all(
            f"{_JOBS} WHERE {clause} ORDER BY b.id DESC LIMIT ? OFFSET ?",
            [*params, page.size, page.offset],
        )
        return [_job(r) for r in rows], int(total or 0)

    async def job(self, tx: Tx, booking_id: int) -> JobRow | None:
        """One booking as the console shows it (a draft is none: not found)."""
        row = await tx.one(f"{_JOBS} WHERE b.id = ? AND {_CONFIRMED}", (booking_id,))
        return _job(row) if row else None

    async def open_incidents(self, tx: Tx) -> list[IncidentRow]:
        """Help calls and emergencies not yet closed, oldest first."""
        rows = await tx.all(
            "SELECT i.id, i.kind, i.state, i.created_at, i.subject_name, i.chat_title, i.words,"
            " i.address,"
            " (SELECT p.name FROM incident_people ip JOIN people p ON p.telegram_id = ip.chat_id"
            "  WHERE ip.incident_id = i.id AND ip.acked_at IS NOT NULL"
            "  AND ip.role IN ('grid_worker', 'responder', 'staff')"
            "  ORDER BY ip.acked_at LIMIT 1) AS handler"
            " FROM incidents i WHERE i.state != 'closed' ORDER BY i.id"
        )
        return [
            IncidentRow(
                r["id"],
                r["kind"],
                r["state"],
                from_db(r["created_at"]),
                r["subject_name"],
                *(r["chat_title"] or "", r["words"] or "", r["handler"] or ""),
                r["address"] or "",
            )
            for r in rows
        ]

    async def unanswered_checkins(self, tx: Tx, now: datetime) -> list[CheckinRow]:
        """Check-ins due and not closed (the ladder is running), oldest first."""
        rows = await tx.all(
            "SELECT id, elder_key, state, due_at FROM checkins WHERE closed_at IS NULL"
            " AND due_at <= ? ORDER BY due_at",
            (to_db(now),),
        )
        return [
            CheckinRow(r["id"], r["elder_key"], r["state"], from_db(r["due_at"])) for r in rows
        ]

    async def overdue_loans(self, tx: Tx, now: datetime) -> list[LoanRow]:
        """Tools lent out and past their due date, most overdue first."""
        rows = await tx.all(
            "SELECT l.id, u.tool_id, l.due_at FROM tool_loans l JOIN tool_units u"
            " ON u.id = l.unit_id WHERE l.status = 'lent' AND l.due_at < ? ORDER BY l.due_at",
            (to_db(now),),
        )
        return [LoanRow(r["id"], r["tool_id"], from_db(r["due_at"])) for r in rows]

    async def notices(self, tx: Tx, limit: int = 100) -> list[NoticeRow]:
        """Staff one-off notices, the latest first."""
        rows = await tx.all(f"{_NOTICES} ORDER BY id DESC LIMIT ?", (limit,))
        return [_notice(r) for r in rows]

    async def notice(self, tx: Tx, notice_id: int) -> NoticeRow | None:
        """One staff one-off notice, as it stands."""
        row = await tx.one(f"{_NOTICES} WHERE id = ?", (notice_id,))
        return _notice(row) if row else None

    async def groups(self, tx: Tx) -> list[tuple[int, str]]:
        """The bound groups, (chat id, title), for choosing where a notice goes."""
        rows = await tx.all(
            "SELECT chat_id, title FROM groups WHERE bound = 1 AND migrated_to IS NULL"
            " ORDER BY chat_id"
        )
        return [(int(r["chat_id"]), str(r["title"])) for r in rows]
