"""The bookings repository: bookings and their offers.

What dispatch remembers about providers (stats, ratings, blocks, flags, suspensions) is the
provider-trust SQL in :mod:`bot.domain.bookings.trust.repo`, which :class:`BookingRepo`
inherits, so a use case still asks one repository. Every state change is a compare-and-set
(:meth:`BookingRepo.transition`): it happens only if the booking is still in the state the
caller saw, and says whether it did. (After the accept, photos and the private line's messages
are in :mod:`bot.domain.bookings.onsite.repo`.)
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bot.clock import from_db, to_db
from bot.domain.bookings.model import OPEN, Booking, Kind, OfferOutcome, Status, Step
from bot.domain.bookings.slots import FLOW_COLUMNS, flow_fields
from bot.domain.bookings.trust.repo import TrustRepo
from bot.domain.people import Address
from bot.storage import Tx

_FIELDS = frozenset(
    {"step", "provider_id", "slot_start", "slot_end", "building", "unit", "room", "note"}
    | {"door_code", "plan", "attempt", "assignee_id", "late_cancel"}
    | {"eta_at", "eta_said", "late_at", "priority", "issue", "place", "days_done", "hours"}
    | {"for_other"}
    | {"agreed_fen", "agreed_unit_zh", "agreed_unit_en"}
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
        created_at=from_db(row["created_at"]),
        for_other=bool(row["for_other"]),
        agreed_fen=row["agreed_fen"],
        agreed_unit=(row["agreed_unit_zh"] or "", row["agreed_unit_en"] or "")
        if row["agreed_fen"] is not None
        else None,
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


_READ = "bookings_by_id"  # bookings read by id in a transaction (Tx.kept), dropped on writes


class BookingRepo(TrustRepo):
    """Named reads and writes of bookings and their offers (and, inherited, of what dispatch
    remembers about providers)."""

    # -- bookings --------------------------------------------------------------------------

    async def get(self, tx: Tx, booking_id: int) -> Booking | None:
        """The booking with this id, read once a transaction until a booking is written
        (every write is here): a step reads its draft to check it, then again to answer."""
        read: dict[int, Booking | None] = tx.kept(_READ)
        if booking_id not in read:
            row = await tx.one("SELECT * FROM bookings WHERE id = ?", (booking_id,))
            read[booking_id] = _booking(row) if row else None
        return read[booking_id]

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

    async def with_party(self, tx: Tx, person_id: int, statuses: tuple[str, ...]) -> list[Booking]:
        """The bookings in these states this person is the resident or the worker of."""
        marks = ",".join("?" * len(statuses))
        rows = await tx.all(
            f"SELECT * FROM bookings WHERE (resident_id = ? OR assignee_id = ?)"
            f" AND status IN ({marks}) ORDER BY id",
            (person_id, person_id, *statuses),
        )
        return [_booking(r) for r in rows]

    async def open_bookings(self, tx: Tx) -> list[Booking]:
        """Every booking that is not finished, oldest first."""
        marks = ",".join("?" * len(OPEN))
        rows = await tx.all(f"SELECT * FROM bookings WHERE status IN ({marks}) ORDER BY id", OPEN)
        return [_booking(r) for r in rows]

    async def abandon_drafts(self, tx: Tx, resident_id: int) -> int:
        """A new draft replaces the resident's unfinished ones; how many were abandoned."""
        tx.reread(_READ)
        return await tx.changes(
            "UPDATE bookings SET status = ?, updated_at = ? WHERE resident_id = ? AND status = ?",
            (Status.ABANDONED, self._now(), resident_id, Status.DRAFT),
        )

    async def drafts_of(self, tx: Tx, resident_id: int) -> list[Booking]:
        """The resident's unfinished drafts, oldest first."""
        rows = await tx.all(
            "SELECT * FROM bookings WHERE resident_id = ? AND status = ? ORDER BY id",
            (resident_id, Status.DRAFT),
        )
        return [_booking(r) for r in rows]

    async def add_draft(self, tx: Tx, draft: NewDraft, **fields: Any) -> int:
        """Insert a draft, with columns a use case may set (as :meth:`update` sets them) in
        the same statement; its id."""
        now = self._now()
        d = draft
        values = (d.resident_id, d.service, d.kind, d.step, _db(d.slot_start), _db(d.slot_end))
        sets, more = _sets(fields)
        names = sets.replace(" = ?", "")
        tx.reread(_READ)
        return await tx.execute(
            "INSERT INTO bookings (resident_id, service, kind, step, slot_start, slot_end,"
            f" created_at, updated_at{names}) VALUES (?, ?, ?, ?, ?, ?, ?, ?{', ?' * len(more)})",
            (*values, now, now, *more),
        )

    async def update(self, tx: Tx, booking_id: int, **fields: Any) -> None:
        """Set columns of a booking that are not its state (datetimes and lists converted)."""
        sets, values = _sets(fields)
        tx.reread(_READ)
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
        tx.reread(_READ)
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
        await tx.executemany(
            "INSERT OR IGNORE INTO offer_recipients (person_id, booking_id, attempt)"
            " VALUES (?, ?, ?)",
            [(person_id, booking_id, attempt) for person_id in recipients],
        )

    async def had_worker(self, tx: Tx, booking_id: int) -> bool:
        """Whether a worker accepted the booking once and it was taken from them (withdrew,
        did not come, reassigned): it is being offered again."""
        left = (OfferOutcome.WITHDRAWN, OfferOutcome.NO_SHOW, OfferOutcome.REASSIGNED)
        found = await tx.scalar(
            "SELECT count(*) FROM booking_offers WHERE booking_id = ? AND outcome IN (?, ?, ?)",
            (booking_id, *left),
        )
        return bool(found)

    async def open_offers_to(self, tx: Tx, person_id: int) -> list[tuple[int, int]]:
        """(booking id, attempt) of every offer still open that was sent to this person."""
        rows = await tx.all(
            "SELECT o.booking_id, o.attempt FROM offer_recipients r JOIN booking_offers o"
            " ON o.booking_id = r.booking_id AND o.attempt = r.attempt"
            " WHERE r.person_id = ? AND o.outcome IS NULL ORDER BY o.booking_id, o.attempt",
            (person_id,),
        )
        return [(r["booking_id"], r["attempt"]) for r in rows]

    async def offer_outcomes(self, tx: Tx, booking_id: int) -> list[tuple[str, str | None]]:
        """Each offer of a booking, in order: (provider id, how it ended; None while open)."""
        rows = await tx.all(
            "SELECT provider_id, outcome FROM booking_offers WHERE booking_id = ?"
            " ORDER BY attempt",
            (booking_id,),
        )
        return [(r["provider_id"], r["outcome"]) for r in rows]

    async def offer_recipients(self, tx: Tx, booking_id: int, attempt: int) -> list[int]:
        """Who an offer went to."""
        raw = await tx.scalar(
            "SELECT recipients FROM booking_offers WHERE booking_id = ? AND attempt = ?",
            (booking_id, attempt),
        )
        return list(json.loads(raw)) if raw else []

    async def end_offer(
        self,
        tx: Tx,
        booking_id: int,
        attempt: int,
        from_: OfferOutcome,
        to: OfferOutcome,
        timed: bool = True,
    ) -> bool:
        """Move an offer from `from_` (OPEN: no outcome yet, then answered now) to `to`, only
        if it is still there; whether it moved. An accept counts in the provider's response
        times unless not ``timed`` (staff assigned the job: how fast staff acted says nothing
        of how fast the provider answers, and residents are quoted those times)."""
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
        if moved and timed and from_ is OfferOutcome.OPEN and to is OfferOutcome.ACCEPTED:
            await self._count_accept(tx, booking_id, attempt)
        return moved
