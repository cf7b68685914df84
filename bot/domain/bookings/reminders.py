"""Reminders before a job's slot: planned when a worker takes the job, sent to both sides
when due (unless the job moved on meanwhile)."""

from __future__ import annotations

from bot import deadlines
from bot.domain.bookings.contract import DeadlineKind, DeadlineRef
from bot.domain.bookings.deps import BookingDeps
from bot.domain.bookings.model import Booking, Status
from bot.domain.bookings.slots import reminder_time
from bot.i18n import T
from bot.storage import Tx


class Reminders:
    """Plan and send the reminder before a job's slot."""

    def __init__(self, deps: BookingDeps) -> None:
        self.d = deps

    async def schedule(self, tx: Tx, booking: Booking) -> None:
        """Remind both sides before the slot (when there is one still ahead)."""
        before, checkins = self.d.community.policy.reminder_before, self.d.community.checkins
        quiet = (checkins.quiet_start, checkins.quiet_end)
        remind = reminder_time(
            booking.slot_start, before, self.d.now(), quiet, self.d.community.tz
        )
        if remind is not None:
            due = DeadlineRef(DeadlineKind.REMIND, booking.id, booking.attempt)
            await deadlines.schedule(tx, due.name, due.kind, remind, due.ref)

    async def remind(self, tx: Tx, booking_id: int, attempt: int) -> None:
        """Before the slot: remind both sides."""
        booking = await self.d.repo.get(tx, booking_id)
        if booking is None or booking.attempt != attempt or booking.status != Status.ACCEPTED:
            return
        resident = await self.d.people.by_id(tx, booking.resident_id)
        worker = await self.d.people.by_id(tx, booking.assignee_id or 0)
        if resident is None or worker is None:
            return
        await self.d.record(tx, None, "reminded", booking)
        texts, when = self.d.texts, self.d.texts.slot(booking)
        text = T(
            "bookings.remind_resident", name=worker.name, when=when, service=texts.service(booking)
        )
        await self.d.send(tx, resident.telegram_id, text, key=f"bk{booking.id}:r:remind:{attempt}")
        await self.d.send(
            tx,
            worker.telegram_id,
            T("bookings.remind_worker", id=booking.id, when=when),
            key=f"bk{booking.id}:w:remind:{attempt}",
            buttons=texts.job_buttons(booking, Status.ACCEPTED),
        )
