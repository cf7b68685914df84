"""What the booking use cases are built from, and the few writes every one of them shares.

:class:`BookingDeps` names each dependency explicitly (repository, people, outbox writer, audit,
texts, community, catalogue, clock, secrets); it is assembled once in
:func:`bot.domain.bookings.service.build` rather than reached through the runtime.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bot.audit import Audit
from bot.clock import Clock
from bot.config import Community
from bot.domain.bookings.contract import Awaiting, Pending
from bot.domain.bookings.messages import BookingTexts
from bot.domain.bookings.model import Booking, Event, Status, next_status
from bot.domain.bookings.repo import BookingRepo
from bot.domain.bookings.slots import night_morning
from bot.domain.catalogue import ServiceCatalogue
from bot.domain.people import People, Person
from bot.domain.secrets import SecretBox
from bot.i18n import T, Text
from bot.outbox import Keyboard, Outbox
from bot.storage import Tx


def actor(person: Person | None) -> str:
    """The audit actor of a person (or the system)."""
    return f"person:{person.id}" if person is not None else "system"


@dataclass(frozen=True)
class BookingDeps:
    """The explicit dependencies of the booking use cases."""

    repo: BookingRepo
    people: People
    outbox: Outbox
    audit: Audit
    texts: BookingTexts
    community: Community
    services: ServiceCatalogue
    clock: Clock
    box: SecretBox

    def now(self) -> datetime:
        """Now (UTC)."""
        return self.clock.now()

    def local_now(self) -> datetime:
        """Now in the community's timezone."""
        return self.clock.now().astimezone(self.community.tz)

    def night_morning(self, service: str) -> date | None:
        """In the quiet hours a service that is not urgent gets no ASAP: its first daytime."""
        checkins = self.community.checkins
        quiet = (checkins.quiet_start, checkins.quiet_end)
        return night_morning(self.local_now(), quiet, self.services.is_urgent(service))

    async def record(
        self, tx: Tx, person: Person | None, action: str, booking: Booking, **detail: Any
    ) -> None:
        """Audit an action on a booking by a person (None: the system)."""
        await self.audit.record(tx, actor(person), action, booking.subject, **detail)

    async def move(
        self,
        tx: Tx,
        booking: Booking,
        event: Event,
        *,
        at_attempt: int | None = None,
        **fields: Any,
    ) -> bool:
        """Apply an event through the transition table: a compare-and-set from the state the
        caller saw (and at_attempt, when given); False when refused or someone was faster."""
        to = next_status(booking.status, event)
        if to is None:
            return False
        return await self.repo.transition(
            tx, booking.id, booking.status, to, at_attempt=at_attempt, **fields
        )

    async def answered(self, tx: Tx, person: Person, booking_id: int) -> None:
        """The summary of that booking is answered (by button too): no longer awaited, so the
        next plain words reach the private line ("猫粮在阳台柜子里" became a new booking)."""
        pending = await self.people.expecting(tx, person.id)
        if pending is None or pending[0] != Pending.CONFIRM:
            return
        if Awaiting.parse(pending[1]).booking_id == booking_id:
            await self.people.done_expecting(tx, person.id)

    async def reload(self, tx: Tx, booking_id: int) -> Booking:
        """A booking that must exist (it was just read or written in this transaction)."""
        booking = await self.repo.get(tx, booking_id)
        assert booking is not None
        return booking

    async def send(
        self, tx: Tx, chat_id: int, text: Text, *, key: str, buttons: Keyboard | None = None
    ) -> None:
        """Queue a message in the caller's transaction."""
        await self.outbox.send(tx, chat_id, text, key=key, buttons=buttons)

    async def unused_key(self, tx: Tx, key: str) -> str:
        """`key`, or when a message was already queued under it (a step asked again) the
        first of `key:2`, `key:3`… that was not: the same key would be dropped as a
        duplicate, and the resident would hear nothing."""
        found, again = key, 1
        while await self.outbox.queued(tx, found):
            again += 1
            found = f"{key}:{again}"
        return found

    async def series(self, tx: Tx, key: str) -> list[str]:
        """`key` and the `key:2`, `key:3`… :meth:`unused_key` made after it, as far as they
        were queued: every time a message was said again (empty when never)."""
        found: list[str] = []
        while await self.outbox.queued(tx, key if not found else f"{key}:{len(found) + 1}"):
            found.append(key if not found else f"{key}:{len(found) + 1}")
        return found

    async def tell(
        self,
        tx: Tx,
        person_id: int | None,
        text: Text,
        *,
        key: str,
        buttons: Keyboard | None = None,
    ) -> None:
        """Queue a message to a known person (nothing when they are unknown)."""
        person = await self.people.by_id(tx, person_id or 0)
        if person is not None:
            await self.send(tx, person.telegram_id, text, key=key, buttons=buttons)

    async def alert_staff(self, tx: Tx, booking: Booking, why: str, **params: Any) -> int:
        """Tell every staff member about a booking that needs them; return how many were."""
        text = self.texts.staff_alert(booking, why, **params)
        reached = await self.people.staff(tx)
        for staff in reached:
            key = f"bk{booking.id}:staff:{why}:{booking.attempt}:{staff.id}"
            await self.send(tx, staff.telegram_id, text, key=key)
        return len(reached)

    async def assigned(
        self, tx: Tx, booking_id: int, person: Person, status: Status
    ) -> Booking | Text:
        """The booking when it is in `status` and this person is its worker; else the toast."""
        booking = await self.repo.get(tx, booking_id)
        if booking is None or booking.status != status:
            return T("common.stale_button")
        if booking.assignee_id != person.id:
            return T("bookings.not_yours")
        return booking
