"""Reminders before a job's slot: planned when a worker takes the job, sent to both sides
when due (unless the job moved on meanwhile).

Days of care (a per-day service booked for N days, "出差两天喂猫") get one reminder before each
day's visit, not only the first: the same hours on each day, each named after its day
(``bk:<id>:remind:<attempt>`` for the first, ``…:d<n>`` for the n-th after it). A new time
agreed later moves every day's reminder (:meth:`Reminders.reschedule`). Each later day's
reminder also holds that day's promised arrival, so a day nobody comes to is checked (resident
asked, worker pinged, staff alerted) like the first day (session 15, finding 7)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from bot import deadlines
from bot.domain.bookings.contract import DeadlineKind, DeadlineRef, reminders_of
from bot.domain.bookings.deps import BookingDeps
from bot.domain.bookings.model import Booking, Status
from bot.domain.bookings.onsite.model import default_promise
from bot.domain.bookings.slots import reminder_time
from bot.i18n import T
from bot.storage import Tx

# Keeps a day's promised arrival and schedules its late check (Jobsite.promise).
Promise = Callable[[Tx, Booking, datetime], Awaitable[None]]


def visit_days(booking: Booking, per_day: bool) -> list[tuple[datetime, datetime | None]]:
    """Each day's visit of a booking (one for anything but days of care): start and end."""
    if booking.slot_start is None:
        return []
    count = booking.units if per_day and booking.units > 1 else 1
    day = timedelta(days=1)
    end = booking.slot_end
    return [(booking.slot_start + n * day, end + n * day if end else None) for n in range(count)]


def remind_key(booking: Booking, side: str, day: int = 0) -> str:
    """The outbox key of a reminder ("r" resident, "w" worker) of the booking's ``day``-th
    visit. Once a new time was ever asked, the slot's start is in it: a reminder for the time
    agreed later is a message of its own, never dropped as a copy of the one already sent for
    the old time (tester 2 #9: audited "reminded", received by nobody)."""
    key = f"bk{booking.id}:{side}:remind:{booking.attempt}" + (f":d{day}" if day else "")
    if booking.proposal and booking.slot_start is not None:
        key += ":" + booking.slot_start.strftime("%y%m%d%H%M")
    return key


class Reminders:
    """Plan and send the reminders before a job's slot (each day's, for days of care)."""

    def __init__(self, deps: BookingDeps, promise: Promise | None = None) -> None:
        self.d = deps
        self.promise = promise  # a later day of care is checked like the first (session 15)

    def _days(self, booking: Booking) -> list[tuple[datetime, datetime | None]]:
        return visit_days(booking, self.d.services.is_per_day(booking.service))

    async def schedule(self, tx: Tx, booking: Booking, again: int | None = None) -> None:
        """Remind both sides before each visit still ahead; `again`: the n-th plan of the same
        attempt (a new time agreed), under new names since the old ones were used."""
        before, checkins = self.d.community.policy.reminder_before, self.d.community.checkins
        quiet = (checkins.quiet_start, checkins.quiet_end)
        due = DeadlineRef(DeadlineKind.REMIND, booking.id, booking.attempt)
        base = due.name if again is None else due.again(again)
        for n, (start, _) in enumerate(self._days(booking)):
            remind = reminder_time(start, before, self.d.now(), quiet, self.d.community.tz)
            if remind is not None:
                name = base if n == 0 else f"{base}:d{n}"
                await deadlines.schedule(tx, name, due.kind, remind, due.ref)

    async def reschedule(self, tx: Tx, booking: Booking) -> None:
        """The slot moved: every day's reminder follows it."""
        await deadlines.cancel_prefix(tx, reminders_of(booking.id))
        await self.schedule(tx, booking, again=booking.proposal)

    async def arrived(self, tx: Tx, booking: Booking) -> None:
        """The worker is there: this visit's reminder is over, a later day's stays."""
        days, today = self._days(booking), booking.days_done
        if len(days) < 2 or today >= len(days):
            await deadlines.cancel_prefix(tx, reminders_of(booking.id))
            return
        for due in await deadlines.pending(tx, reminders_of(booking.id)):
            if due.due_at <= days[today][0]:
                await deadlines.cancel(tx, due.name)

    async def remind(self, tx: Tx, booking_id: int, attempt: int) -> None:
        """Before a visit: remind both sides of that day's time."""
        booking = await self.d.repo.get(tx, booking_id)
        if booking is None or booking.attempt != attempt or booking.status != Status.ACCEPTED:
            return
        resident = await self.d.people.by_id(tx, booking.resident_id)
        worker = await self.d.people.by_id(tx, booking.assignee_id or 0)
        if resident is None or worker is None:
            return
        days = self._days(booking)
        ahead = [n for n, (start, _) in enumerate(days) if start > self.d.now()]
        n = ahead[0] if ahead else 0
        texts = self.d.texts
        when = texts.slot(booking) if len(days) < 2 else texts.slot_of(*days[n])
        await self.d.record(tx, None, "reminded", booking)
        if n > 0 and self.promise is not None:  # a later day: its own late check, as day 1's
            await self.promise(tx, booking, default_promise(self.d.now(), *days[n]))
        text = T(
            "bookings.remind_resident", name=worker.name, when=when, service=texts.service(booking)
        )
        await self.d.send(tx, resident.telegram_id, text, key=remind_key(booking, "r", n))
        await self.d.send(
            tx,
            worker.telegram_id,
            T("bookings.remind_worker", id=booking.id, when=when),
            key=remind_key(booking, "w", n),
            buttons=texts.job_buttons(booking, Status.ACCEPTED),
        )
