"""The bookings repository: the only SQL of the feature.

Bookings, their offers, ratings, and the provider flags, suspensions and blocks that decide who
may be offered a job. Every state change is a compare-and-set (:meth:`BookingRepo.transition`):
it happens only if the booking is still in the state the caller saw, and says whether it did.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bot.clock import Clock, from_db, to_db
from bot.domain.bookings.model import (
    OPEN,
    Booking,
    Kind,
    OfferOutcome,
    ProviderStats,
    Status,
    Step,
)
from bot.domain.bookings.slots import FLOW_COLUMNS, flow_fields
from bot.domain.people import Address
from bot.storage import Tx

_FIELDS = frozenset(
    {"step", "provider_id", "slot_start", "slot_end", "building", "unit", "room", "note"}
    | {"door_code", "plan", "attempt", "assignee_id", "late_cancel"}
    | {"eta_at", "eta_said", "late_at", "priority", "issue", "place"}
    | FLOW_COLUMNS
)


def _sets(fields: dict[str, Any]) -> tuple[str, list[Any]]:
    """', a = ?, b = ?' and the values, for columns a use case may set (datetimes and lists
    converted); status is not one of them: it only moves through a transition."""
    unknown = set(fields) - _FIELDS
    if unknown:
        raise ValueError(f"not settable outside a transition: {sorted(unknown)}")
    return "".join(f", {name} = ?" for name in fields), [_db(v) for v in fields.values()]


def _db(value: Any) -> Any:
    if isinstance(value, datetime):
        return to_db(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return json.dumps(value)
    return value


def _booking(row: Any) -> Booking:
    address = (
        Address(row["building"], row["unit"], row["room"]) if row["building"] is not None else None
    )
    return Booking(
        row["id"],
        row["resident_id"],
        row["service"],
        row["kind"],
        row["status"],
        row["step"],
        row["provider_id"],
        json.loads(row["plan"]),
        row["attempt"],
        row["assignee_id"],
        from_db(row["slot_start"]) if row["slot_start"] else None,
        from_db(row["slot_end"]) if row["slot_end"] else None,
        address,
        row["note"],
        row["door_code"] is not None,
        eta_at=from_db(row["eta_at"]) if row["eta_at"] else None,
        eta_said=bool(row["eta_said"]),
        late_at=from_db(row["late_at"]) if row["late_at"] else None,
        priority=row["priority"],
        issue=row["issue"],
        place=row["place"],
        **flow_fields(row),
    )


@dataclass(frozen=True)
class NewDraft:
    """What a draft starts with."""

    resident_id: int
    service: str
    kind: Kind
    step: Step
    slot_start: datetime | None
    slot_end: datetime | None


class BookingRepo:
    """Named reads and writes of bookings and what dispatch remembers about providers."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        # Grows with every write that can change who is offered and how they rank, so a
        # ranking computed earlier in the same transaction is known to be still good.
        self.generation = 0

    def _now(self) -> str:
        return to_db(self._clock.now())

    # -- bookings --------------------------------------------------------------------------

    async def get(self, tx: Tx, booking_id: int) -> Booking | None:
        """The booking with this id."""
        row = await tx.one("SELECT * FROM bookings WHERE id = ?", (booking_id,))
        return _booking(row) if row else None

    async def of_resident(
        self, tx: Tx, resident_id: int, statuses: tuple[str, ...]
    ) -> list[Booking]:
        """The resident's bookings in these states, oldest first."""
        marks = ",".join("?" * len(statuses))
        rows = await tx.all(
            f"SELECT * FROM bookings WHERE resident_id = ? AND status IN ({marks}) ORDER BY id",
            (resident_id, *statuses),
        )
        return [_booking(r) for r in rows]

    async def open_bookings(self, tx: Tx) -> list[Booking]:
        """Every booking that is not finished, oldest first."""
        marks = ",".join("?" * len(OPEN))
        rows = await tx.all(f"SELECT * FROM bookings WHERE status IN ({marks}) ORDER BY id", OPEN)
        return [_booking(r) for r in rows]

    async def abandon_drafts(self, tx: Tx, resident_id: int) -> int:
        """A new draft replaces the resident's unfinished ones; how many were abandoned."""
        return await tx.changes(
            "UPDATE bookings SET status = ?, updated_at = ? WHERE resident_id = ? AND status = ?",
            (Status.ABANDONED, self._now(), resident_id, Status.DRAFT),
        )

    async def add_draft(self, tx: Tx, draft: NewDraft) -> int:
        """Insert a draft; its id."""
        now = self._now()
        d = draft
        values = (d.resident_id, d.service, d.kind, d.step, _db(d.slot_start), _db(d.slot_end))
        return await tx.execute(
            "INSERT INTO bookings (resident_id, service, kind, step, slot_start, slot_end,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (*values, now, now),
        )

    async def update(self, tx: Tx, booking_id: int, **fields: Any) -> None:
        """Set columns of a booking that are not its state (datetimes and lists converted)."""
        sets, values = _sets(fields)
        await tx.execute(
            f"UPDATE bookings SET updated_at = ?{sets} WHERE id = ?",
            (self._now(), *values, booking_id),
        )

    async def transition(
        self,
        tx: Tx,
        booking_id: int,
        from_: str,
        to: Status,
        *,
        at_attempt: int | None = None,
        **fields: Any,
    ) -> bool:
        """Move a booking from `from_` to `to` (and set fields) only if it is still in `from_`
        (and at offer attempt `at_attempt`, when given); whether it moved."""
        sets, values = _sets(fields)
        guard, guards = (" AND attempt = ?", [at_attempt]) if at_attempt is not None else ("", [])
        sql = f"UPDATE bookings SET status = ?, updated_at = ?{sets} WHERE id = ? AND status = ?"
        params = (to, self._now(), *values, booking_id, from_, *guards)
        return bool(await tx.changes(sql + guard, params))

    async def sealed_door_code(self, tx: Tx, booking_id: int) -> str | None:
        """The encrypted door code, if one is kept."""
        value = await tx.scalar("SELECT door_code FROM bookings WHERE id = ?", (booking_id,))
        return str(value) if value else None

    # -- offers ----------------------------------------------------------------------------

    async def skip_offer(self, tx: Tx, booking_id: int, attempt: int, provider_id: str) -> None:
        """Record that a provider in the plan was skipped (nobody to tell)."""
        now = self._now()
        await tx.execute(
            "INSERT OR IGNORE INTO booking_offers (booking_id, attempt, provider_id,"
            " offered_at, answered_at, outcome) VALUES (?, ?, ?, ?, ?, ?)",
            (booking_id, attempt, provider_id, now, now, OfferOutcome.SKIPPED),
        )

    async def add_offer(
        self, tx: Tx, booking_id: int, attempt: int, provider_id: str, recipients: list[int]
    ) -> None:
        """Record an open offer and who it went to."""
        await tx.execute(
            "INSERT INTO booking_offers (booking_id, attempt, provider_id, recipients, offered_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (booking_id, attempt, provider_id, json.dumps(recipients), self._now()),
        )

    async def offer_recipients(self, tx: Tx, booking_id: int, attempt: int) -> list[int]:
        """Who an offer went to."""
        raw = await tx.scalar(
            "SELECT recipients FROM booking_offers WHERE booking_id = ? AND attempt = ?",
            (booking_id, attempt),
        )
        return list(json.loads(raw)) if raw else []

    async def end_offer(
        self, tx: Tx, booking_id: int, attempt: int, from_: OfferOutcome, to: OfferOutcome
    ) -> bool:
        """Move an offer from `from_` (OPEN: no outcome yet, then answered now) to `to`, only
        if it is still there; whether it moved. An accept counts in the provider's stats."""
        if from_ is OfferOutcome.OPEN:
            sql = "outcome = ?, answered_at = ? WHERE outcome IS NULL"
            params: tuple[Any, ...] = (to, self._now())
        else:
            sql, params = "outcome = ? WHERE outcome = ?", (to, from_)
        where = " AND booking_id = ? AND attempt = ?"
        moved = bool(
            await tx.changes(
                f"UPDATE booking_offers SET {sql}{where}", (*params, booking_id, attempt)
            )
        )
        if moved and from_ is OfferOutcome.OPEN and to is OfferOutcome.ACCEPTED:
            await self._count_accept(tx, booking_id, attempt)
        return moved

    async def _count_accept(self, tx: Tx, booking_id: int, attempt: int) -> None:
        """Add an accept's response time (to the nearest minute, at least 1) to its provider's
        stats; the same expression backfilled them (migration 0009)."""
        self.generation += 1
        row = await tx.one(
            "SELECT provider_id, MAX(1, CAST((julianday(answered_at) - julianday(offered_at))"
            " * 1440 + 0.5 AS INTEGER)) AS minutes FROM booking_offers"
            " WHERE booking_id = ? AND attempt = ?",
            (booking_id, attempt),
        )
        assert row is not None, "the offer was just answered"
        path = f'$."{int(row["minutes"])}"'
        await tx.execute(
            "INSERT INTO provider_stats (provider_id, accepts, response_minutes)"
            " VALUES (?, 1, json_set('{}', ?, 1)) ON CONFLICT (provider_id) DO UPDATE SET"
            " accepts = accepts + 1, response_minutes = json_set(response_minutes, ?,"
            " COALESCE(json_extract(response_minutes, ?), 0) + 1)",
            (row["provider_id"], path, path, path),
        )

    # -- ratings and provider stats ----------------------------------------------------------

    async def provider_stats(self, tx: Tx) -> dict[str, ProviderStats]:
        """Every provider's ratings and response times (one row each)."""
        rows = await tx.all(
            "SELECT provider_id, ratings, stars, response_minutes FROM provider_stats"
        )
        return {
            r["provider_id"]: ProviderStats(
                r["provider_id"],
                int(r["ratings"]),
                int(r["stars"]),
                {int(m): int(n) for m, n in json.loads(r["response_minutes"]).items()},
            )
            for r in rows
        }

    async def add_rating(
        self, tx: Tx, booking_id: int, provider_id: str, resident_id: int, stars: int
    ) -> None:
        """Keep a rating, and count it in the provider's stats."""
        self.generation += 1
        await tx.execute(
            "INSERT INTO ratings (booking_id, provider_id, resident_id, stars, at)"
            " VALUES (?, ?, ?, ?, ?)",
            (booking_id, provider_id, resident_id, stars, self._now()),
        )
        await tx.execute(
            "INSERT INTO provider_stats (provider_id, ratings, stars) VALUES (?, 1, ?)"
            " ON CONFLICT (provider_id) DO UPDATE SET ratings = ratings + 1,"
            " stars = stars + excluded.stars",
            (provider_id, stars),
        )

    async def add_comment(self, tx: Tx, booking_id: int, resident_id: int, text: str) -> None:
        """Add the resident's comment to their rating."""
        await tx.execute(
            "UPDATE ratings SET comment = ? WHERE booking_id = ? AND resident_id = ?",
            (text, booking_id, resident_id),
        )

    # -- providers -------------------------------------------------------------------------

    async def block(self, tx: Tx, resident_id: int, provider_id: str) -> None:
        """This resident is not offered this provider again."""
        self.generation += 1
        await tx.execute(
            "INSERT OR IGNORE INTO provider_blocks (resident_id, provider_id, at)"
            " VALUES (?, ?, ?)",
            (resident_id, provider_id, self._now()),
        )

    async def blocked(self, tx: Tx, resident_id: int) -> set[str]:
        """The providers this resident blocked."""
        rows = await tx.all(
            "SELECT provider_id FROM provider_blocks WHERE resident_id = ?", (resident_id,)
        )
        return {r["provider_id"] for r in rows}

    async def flag(self, tx: Tx, provider_id: str, reason: str) -> bool:
        """Remember why a provider is left out; whether this is news."""
        return bool(
            await tx.changes(
                "INSERT OR IGNORE INTO provider_flags (provider_id, reason, at) VALUES (?, ?, ?)",
                (provider_id, reason, self._now()),
            )
        )

    async def suspend(self, tx: Tx, provider_id: str, by_person: int) -> None:
        """Staff stop offering a provider."""
        self.generation += 1
        await tx.execute(
            "INSERT OR IGNORE INTO provider_suspensions (provider_id, by_person, at)"
            " VALUES (?, ?, ?)",
            (provider_id, by_person, self._now()),
        )

    async def unsuspend(self, tx: Tx, provider_id: str) -> None:
        """Staff lift a suspension."""
        self.generation += 1
        await tx.execute("DELETE FROM provider_suspensions WHERE provider_id = ?", (provider_id,))

    async def suspended(self, tx: Tx) -> set[str]:
        """The providers staff suspended."""
        rows = await tx.all("SELECT provider_id FROM provider_suspensions")
        return {r["provider_id"] for r in rows}
