"""The only check-in SQL: enrolled elders, check-ins and who was alerted about each, visits,
and family requests. State changes are compare-and-set: they name the state they expect and
say whether the row moved. What a stored row means as an entity is :mod:`.rows`."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.clock import from_db, to_db
from bot.domain.checkins import rows as mapped
from bot.domain.checkins.elders.repo import ElderRepo
from bot.domain.checkins.model import (
    OPEN,
    VISIT_OPEN,
    WAITING,
    Checkin,
    CheckinState,
    FamilyRequest,
    Visit,
    VisitState,
)
from bot.storage import Tx


async def _cas(tx: Tx, sql: str, params: tuple[Any, ...]) -> bool:
    """Run a compare-and-set update; whether the row moved."""
    return bool(await tx.changes(sql, params))


def _marks(states: tuple[str, ...]) -> str:
    return ",".join("?" * len(states))


class CheckinRepo(ElderRepo):
    """Named reads and compare-and-set writes over the check-in tables (the elders table
    through :class:`ElderRepo`)."""

    # -- check-ins -------------------------------------------------------------------------

    async def checkin(self, tx: Tx, checkin_id: int) -> Checkin | None:
        """A check-in by id."""
        row = await tx.one("SELECT * FROM checkins WHERE id = ?", (checkin_id,))
        return mapped.checkin_of(row) if row else None

    async def by_slot(
        self, tx: Tx, key: str, slot: str, *, legacy: bool = False
    ) -> Checkin | None:
        """An elder's check-in of one slot. With ``legacy``, check-ins pinged before the slot
        fix (stored by the hour, "…T08") are found too, so their ladder steps still run."""
        row = await tx.one("SELECT * FROM checkins WHERE elder_key = ? AND slot = ?", (key, slot))
        if row is None and legacy and len(slot) == 16:
            row = await tx.one(
                "SELECT * FROM checkins WHERE elder_key = ? AND slot = ?", (key, slot[:13])
            )
        return mapped.checkin_of(row) if row else None

    async def add_checkin(
        self, tx: Tx, key: str, slot: str, due_at: datetime, state: CheckinState, proxy: bool,
        now: datetime,
    ) -> Checkin:  # fmt: skip
        """Record a ping (or a skipped one) for a slot."""
        await tx.execute(
            "INSERT INTO checkins (elder_key, slot, due_at, state, proxy, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (key, slot, to_db(due_at), state, int(proxy), to_db(now)),
        )
        checkin = await self.by_slot(tx, key, slot)
        assert checkin is not None
        return checkin

    async def move(self, tx: Tx, checkin: Checkin, to: CheckinState) -> Checkin | None:
        """Compare-and-set: move a check-in from the state it was read in; the row as it now
        is, or None when someone else moved it first."""
        moved = await tx.changes(
            "UPDATE checkins SET state = ? WHERE id = ? AND state = ?",
            (to, checkin.id, checkin.state),
        )
        return await self.checkin(tx, checkin.id) if moved else None

    async def settle(
        self, tx: Tx, checkin: Checkin, to: CheckinState, closed_by: str, now: datetime
    ) -> bool:
        """Compare-and-set: close a check-in (fine or unwell), saying how it was settled."""
        return await _cas(
            tx,
            "UPDATE checkins SET state = ?, closed_at = ?, closed_by = ?"
            " WHERE id = ? AND state = ?",
            (to, to_db(now), closed_by, checkin.id, checkin.state),
        )

    async def in_states(self, tx: Tx, key: str, states: tuple[str, ...]) -> list[Checkin]:
        """An elder's check-ins in these states, oldest first."""
        rows = await tx.all(
            f"SELECT * FROM checkins WHERE elder_key = ? AND state IN ({_marks(states)})"
            " ORDER BY due_at, id",
            (key, *states),
        )
        return [mapped.checkin_of(r) for r in rows]

    async def waiting(self, tx: Tx, key: str) -> list[Checkin]:
        """An elder's check-ins still on the ladder, oldest first."""
        return await self.in_states(tx, key, WAITING)

    async def latest_open(self, tx: Tx, key: str) -> Checkin | None:
        """The elder's most recent check-in not settled yet."""
        row = await tx.one(
            f"SELECT * FROM checkins WHERE elder_key = ? AND state IN ({_marks(OPEN)})"
            " ORDER BY due_at DESC LIMIT 1",
            (key, *OPEN),
        )
        return mapped.checkin_of(row) if row else None

    async def today(self, tx: Tx, key: str, day: str) -> Checkin | None:
        """The check-in /care shows for today: an open one first, else the latest."""
        row = await tx.one(
            "SELECT * FROM checkins WHERE elder_key = ? AND slot >= ? AND state != 'skipped'"
            f" ORDER BY CASE WHEN state IN ({_marks(OPEN)}) THEN 0 ELSE 1 END, due_at DESC"
            " LIMIT 1",
            (key, day, *OPEN),
        )
        return mapped.checkin_of(row) if row else None

    async def closed_at(self, tx: Tx, checkin_id: int) -> datetime | None:
        """When a settled check-in was answered (or confirmed)."""
        at = await tx.scalar("SELECT closed_at FROM checkins WHERE id = ?", (checkin_id,))
        return from_db(at) if at else None

    async def mark_alerted(self, tx: Tx, checkin_id: int, chat_id: int) -> None:
        """Remember that a chat was alerted about a check-in (it hears the all-clear)."""
        await tx.execute(
            "INSERT OR IGNORE INTO checkin_alerted (checkin_id, chat_id, seq)"
            " SELECT ?, ?, COALESCE(MAX(seq), 0) + 1 FROM checkin_alerted WHERE checkin_id = ?",
            (checkin_id, chat_id, checkin_id),
        )

    async def alerted(self, tx: Tx, checkin_id: int) -> list[int]:
        """The chats alerted about a check-in, in the order they were."""
        rows = await tx.all(
            "SELECT chat_id FROM checkin_alerted WHERE checkin_id = ? ORDER BY seq",
            (checkin_id,),
        )
        return [int(r["chat_id"]) for r in rows]

    async def alerted_waiting(self, tx: Tx, chat_id: int) -> list[Checkin]:
        """Check-ins still on the ladder that this chat was alerted about, oldest first."""
        rows = await tx.all(
            "SELECT c.* FROM checkins c JOIN checkin_alerted a ON a.checkin_id = c.id"
            f" WHERE a.chat_id = ? AND c.state IN ({_marks(WAITING)}) ORDER BY c.due_at, c.id",
            (chat_id, *WAITING),
        )
        return [mapped.checkin_of(r) for r in rows]

    async def was_queued(self, tx: Tx, dedupe_key: str) -> bool:
        """Whether a message with this key went into the outbox (a ping or reminder sent)."""
        return await tx.one("SELECT 1 FROM outbox WHERE dedupe_key = ?", (dedupe_key,)) is not None

    # -- visits ----------------------------------------------------------------------------

    async def visit(self, tx: Tx, visit_id: int) -> Visit | None:
        """A visit by id."""
        row = await tx.one("SELECT * FROM visits WHERE id = ?", (visit_id,))
        return mapped.visit_of(row) if row else None

    async def with_open_visit(self, tx: Tx, keys: list[str]) -> set[str]:
        """Which of these elders have a visit scheduled or missed (not recorded yet)."""
        rows = await tx.all(
            f"SELECT DISTINCT elder_key FROM visits WHERE elder_key IN ({_marks(tuple(keys))})"
            " AND state IN (?, ?)",
            (*keys, *VISIT_OPEN),
        )
        return {r["elder_key"] for r in rows}

    async def last_visit_done(self, tx: Tx, key: str) -> datetime | None:
        """When the elder's last recorded visit was done."""
        last = await tx.scalar(
            "SELECT MAX(done_at) FROM visits WHERE elder_key = ? AND state = ?",
            (key, VisitState.DONE),
        )
        return from_db(last) if last else None

    async def add_visit(self, tx: Tx, key: str, due: datetime, now: datetime) -> int:
        """Schedule a visit; its id."""
        return await tx.execute(
            "INSERT INTO visits (elder_key, due_at, created_at) VALUES (?, ?, ?)",
            (key, to_db(due), to_db(now)),
        )

    async def miss_visit(self, tx: Tx, visit_id: int) -> bool:
        """Compare-and-set: a scheduled visit becomes missed."""
        return await _cas(
            tx,
            "UPDATE visits SET state = ? WHERE id = ? AND state = ?",
            (VisitState.MISSED, visit_id, VisitState.SCHEDULED),
        )

    async def record_visit(
        self, tx: Tx, visit_id: int, mood: str, note: str, by: int, at: datetime
    ) -> bool:
        """Compare-and-set: an open visit is recorded done, once."""
        return await _cas(
            tx,
            "UPDATE visits SET state = ?, mood = ?, note = ?, done_by = ?, done_at = ?"
            " WHERE id = ? AND state IN (?, ?)",
            (VisitState.DONE, mood, note, by, to_db(at), visit_id, *VISIT_OPEN),
        )

    async def overdue_visits(self, tx: Tx, now: datetime) -> list[Visit]:
        """Visits not recorded and past due, soonest first."""
        rows = await tx.all(
            "SELECT * FROM visits WHERE state IN (?, ?) AND due_at < ? ORDER BY due_at",
            (*VISIT_OPEN, to_db(now)),
        )
        return [mapped.visit_of(r) for r in rows]

    # -- family requests -------------------------------------------------------------------

    async def ask_family(self, tx: Tx, key: str, person_id: int, now: datetime) -> int | None:
        """Record a pending request to follow an elder; its id, or None if one was decided."""
        await tx.execute(
            "INSERT OR IGNORE INTO family_requests (elder_key, person_id, created_at)"
            " VALUES (?, ?, ?)",
            (key, person_id, to_db(now)),
        )
        found = await tx.scalar(
            "SELECT id FROM family_requests WHERE elder_key = ? AND person_id = ?"
            " AND state = 'pending'",  # asked once; one waiting for staff is not asked again
            (key, person_id),
        )
        return int(found) if found is not None else None

    async def family_request(self, tx: Tx, request_id: int) -> FamilyRequest | None:
        """A family request by id."""
        row = await tx.one("SELECT * FROM family_requests WHERE id = ?", (request_id,))
        if row is None:
            return None
        return mapped.family_request_of(row)

    async def decide_family(self, tx: Tx, request_id: int, was: str, state: str, by: int) -> bool:
        """Compare-and-set: a request moves on from the state it was in, once."""
        return await _cas(
            tx,
            "UPDATE family_requests SET state = ?, decided_by = ? WHERE id = ? AND state = ?",
            (state, by, request_id, was),
        )
