"""Cancelling: free until the policy's hours before the slot, then a confirmed late cancel."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot import deadlines
from bot.domain.bookings.contract import deadlines_of
from bot.domain.bookings.deps import BookingDeps, actor
from bot.domain.bookings.dispatch import Dispatch
from bot.domain.bookings.model import (
    CANCELLABLE,
    Booking,
    Event,
    Kind,
    Status,
)
from bot.domain.bookings.policy import free_to_cancel, matches_cancel_request
from bot.domain.people import Person
from bot.i18n import T, Text
from bot.storage import Tx


@dataclass(frozen=True)
class CancelAnswer:
    """How a cancel press is answered: a toast, and whether a late cancel must be confirmed."""

    toast: Text | None
    ask_late: bool = False
    on_the_way: bool = False  # an accepted "as soon as possible" job: the worker is coming
    cancelled: bool = False  # it was cancelled now (a refused or stale press changes nothing)


class Cancelling:
    """Use cases of cancelling a booking."""

    def __init__(self, deps: BookingDeps, dispatch: Dispatch) -> None:
        self.d = deps
        self.dispatch = dispatch

    async def matching(
        self,
        tx: Tx,
        person: Person,
        service: str | None,
        start: datetime | None,
        end: datetime | None,
    ) -> list[Booking]:
        """The resident's bookings a 'cancel …' request may mean."""
        mine = await self.d.repo.of_resident(tx, person.id, CANCELLABLE)
        return [b for b in mine if matches_cancel_request(b, service, start, end)]

    async def _own_cancellable(self, tx: Tx, booking_id: int, person: Person) -> Booking | Text:
        booking = await self.d.repo.get(tx, booking_id)
        if booking is None or booking.resident_id != person.id:
            return T("bookings.not_yours")
        if booking.status not in CANCELLABLE:
            return T("common.stale_button")
        return booking

    async def press(
        self, tx: Tx, booking_id: int, person: Person, *, draft: bool = False
    ) -> CancelAnswer:
        """Cancel now when it is free; otherwise ask the resident to confirm a late cancel.
        `draft`: pressed on a draft's step, stale once the booking was confirmed."""
        found = await self._own_cancellable(tx, booking_id, person)
        if isinstance(found, Text):
            return CancelAnswer(found)
        if draft and found.status != Status.DRAFT:
            return CancelAnswer(T("common.stale_button"))
        policy = self.d.community.policy
        if not free_to_cancel(found, self.d.now(), policy.cancel_free_hours):
            return CancelAnswer(None, ask_late=True, on_the_way=found.asap)
        await self.cancel(tx, found, person)
        return CancelAnswer(T("bookings.cancelled_toast"), cancelled=True)

    async def confirm_late(self, tx: Tx, booking_id: int, person: Person) -> Text:
        """The resident confirmed a late cancel (late only if it still is)."""
        found = await self._own_cancellable(tx, booking_id, person)
        if isinstance(found, Text):
            return found
        policy = self.d.community.policy
        late = not free_to_cancel(found, self.d.now(), policy.cancel_free_hours)
        await self.cancel(tx, found, person, late=late)
        return T("bookings.cancelled_toast")

    async def cancel(
        self,
        tx: Tx,
        booking: Booking,
        person: Person,
        *,
        late: bool = False,
        staff: bool = False,
        told: bool = False,
    ) -> None:
        """Cancel a booking: the worker (or the offer's recipients) told, door code purged.
        ``staff``: ``person`` is a staff member (the console), so the resident is told the
        property office cancelled it and the worker that staff, not the resident, called it
        off; the trail names the staff member. ``told``: a draft the caller's own message
        already says is dropped ("只约家庭保洁，擦玻璃这次不约了"), so no second one is sent."""
        previous = booking.status
        if not await self.d.move(tx, booking, Event.CANCEL, door_code=None, late_cancel=int(late)):
            return
        await deadlines.cancel_prefix(tx, deadlines_of(booking.id))
        if previous == Status.DRAFT and not staff:
            await self.d.people.done_expecting(tx, person.id)
        await self.d.audit.record(
            tx, actor(person), "cancelled", booking.subject, was=previous, late=late, staff=staff
        )
        by = "_staff" if staff else ""
        if previous == Status.OFFERED:
            text = T(f"bookings.offer_cancelled{by}", id=booking.id)
            await self.dispatch.close_offer(tx, booking, Event.CANCEL, text)
        elif previous in (Status.ACCEPTED, Status.ARRIVED):
            when = self.d.texts.slot(booking)
            text = T(f"bookings.worker_cancelled{by}", id=booking.id, when=when)
            await self.d.tell(tx, booking.assignee_id, text, key=f"bk{booking.id}:w:cancelled")
            ended = T(f"onsite.status_cancelled{by}")
            await self.dispatch.site.ended(tx, booking, booking.assignee_id, ended)
        service, key = self.d.texts.service(booking), f"bk{booking.id}:r:cancelled"
        report = booking.kind == Kind.WORK_ORDER  # a report withdrawn: no fee to speak of
        if staff:
            which = "onsite.wo_cancelled_staff" if report else "bookings.resident_cancelled_staff"
            await self.d.tell(tx, booking.resident_id, T(which, service=service), key=key)
            return
        if previous == Status.DRAFT:  # never booked: nothing was cancelled, nothing charged
            if told:
                return
            text = T("bookflow.draft_dropped", service=service)
        elif report:
            text = T("onsite.wo_cancelled", service=service)
        else:
            key_late = "bookings.resident_cancelled_late"
            text = T(key_late if late else "bookings.resident_cancelled", service=service)
        await self.d.send(tx, person.telegram_id, text, key=key)
