"""The job after dispatch: arrival, completion, the door code, ratings and comments."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from bot.domain.bookings.contract import Awaiting, Pending, Skip
from bot.domain.bookings.deps import BookingDeps, actor
from bot.domain.bookings.model import Booking, Event, Kind, Status
from bot.domain.bookings.onsite.jobsite import Jobsite, arrived_key
from bot.domain.bookings.policy import blocks_provider, days_left_after_visit, next_visit_day
from bot.domain.bookings.providers import Providers
from bot.domain.bookings.reminders import Reminders
from bot.domain.people import Person
from bot.i18n import T, Text, both
from bot.i18n.fmt import day as day_words
from bot.outbox import Keyboard
from bot.storage import Tx

EARLY_ARRIVAL = timedelta(hours=2)  # 已到达 earlier than this before the slot: asked first


class Jobs:
    """Use cases of an accepted job, up to its rating."""

    def __init__(self, deps: BookingDeps, providers: Providers, site: Jobsite) -> None:
        self.d = deps
        self.providers = providers
        self.site = site

    async def arrived(
        self, tx: Tx, booking_id: int, person: Person, *, sure: bool = False
    ) -> Text:
        """The worker is at the door. Pressed long before the slot (a slip, the evening
        before), they are asked first: an arrival ends the reminder and the late check."""
        found = await self.d.assigned(tx, booking_id, person, Status.ACCEPTED)
        if isinstance(found, Text):
            return found
        start, today = found.slot_start, self._stay_day(found)
        if today is not None and today >= found.units:  # after the stay: never "day 1"
            return T("bookings.stay_over", id=found.id)
        if today is not None and today > found.days_done:  # days missed: today is today's
            await self.d.repo.update(tx, found.id, days_done=today)
            await self.d.audit.record(tx, actor(person), "days_missed", found.subject, day=today)
            found = await self.d.reload(tx, found.id)
        waiting = self._next_day(found)
        if waiting is not None and self.d.local_now().date() < waiting:  # today's visit is done
            return T("bookings.day_not_yet", day=found.days_done + 1, date=_day(waiting))
        if not sure and start is not None and self.d.now() < start - EARLY_ARRIVAL:
            return await self.site.ask_sure(tx, found, person, "early")
        if not await self.d.move(tx, found, Event.ARRIVE):
            return T("common.stale_button")
        await Reminders(self.d).arrived(tx, found)  # a later day's reminder stays
        await self.site.arrived(tx, found)
        await self.d.audit.record(tx, actor(person), "arrived", found.subject)
        text = T("bookings.resident_arrived", name=person.name)
        # each attempt's and each day's arrival is news (a job of days: she is away)
        came = f"bk{found.id}:r:arrived:{found.attempt}:{found.days_done}"
        await self.d.tell(tx, found.resident_id, text, key=came)
        await self.d.send(
            tx,
            person.telegram_id,
            T("bookings.worker_arrived", id=found.id),
            key=arrived_key(found),
            buttons=self.d.texts.job_buttons(found, Status.ARRIVED),
        )
        return T("bookings.ok_toast")

    def _stay_day(self, booking: Booking) -> int | None:
        """Which day of a stay of several days of care today is (0: the first; may be past
        its end); None for a job of one visit (session 15: a worker who came after the stay
        was filed as day 1, the next visit on a date already past)."""
        per_day = self.d.services.is_per_day(booking.service)
        if not per_day or booking.units < 2 or booking.slot_start is None:
            return None
        first = booking.slot_start.astimezone(self.d.community.tz).date()
        return (self.d.local_now().date() - first).days

    def _next_day(self, booking: Booking) -> date | None:
        """The day of the next visit of a booking of several days, once one was done."""
        if booking.days_done == 0 or booking.slot_start is None:
            return None
        first = booking.slot_start.astimezone(self.d.community.tz).date()
        return next_visit_day(first, booking.days_done)

    async def done(self, tx: Tx, booking_id: int, person: Person) -> Text:
        """The worker finished: the door code is purged and the resident asked to rate. On a
        day before the last of several days of care it is that day's visit: the booking
        stays the worker's (door code kept) until the last day."""
        found = await self.d.assigned(tx, booking_id, person, Status.ARRIVED)
        if isinstance(found, Text):
            return found
        per_day = self.d.services.is_per_day(found.service)
        left = days_left_after_visit(found.units, found.days_done, per_day)
        if left > 0:
            return await self._day_done(tx, found, person, left)
        visits = {"days_done": found.units} if per_day and found.units > 1 else {}
        moved = await self.d.move(tx, found, Event.FINISH, door_code=None, **visits)
        if not moved:
            return T("common.stale_button")
        await self.d.audit.record(tx, actor(person), "done", found.subject)
        if found.has_door_code:
            await self.d.audit.record(tx, "system", "door_code_purged", found.subject)
        await self.site.finished(tx, found)
        service = self.d.texts.service(found)
        told = T("bookings.resident_done", name=person.name, service=service)
        stars: Keyboard | None = self.d.texts.stars(found.id)
        if found.kind == Kind.WORK_ORDER:  # the one who reported it is told; nothing to rate
            told, stars = self.site.work_order_done(found, person), None
        key = f"bk{found.id}:r:done"
        await self.d.tell(tx, found.resident_id, told, key=key, buttons=stars)
        text = T("bookings.worker_done", id=found.id)
        await self.d.send(tx, person.telegram_id, text, key=f"bk{found.id}:w:done")
        return T("bookings.ok_toast")

    async def _day_done(self, tx: Tx, found: Booking, person: Person, left: int) -> Text:
        """One day's visit of several finished: both sides told which day and what is left."""
        day = found.days_done + 1
        if not await self.d.move(tx, found, Event.DAY_DONE, days_done=day):
            return T("common.stale_button")
        await self.d.audit.record(tx, actor(person), "day_done", found.subject, day=day)
        booking = await self.d.reload(tx, found.id)
        after = self._next_day(booking)
        assert after is not None
        service = self.d.texts.service(found)
        said = {"day": day, "days": found.units, "left": left, "date": _day(after)}
        told = T("bookings.resident_day_done", name=person.name, service=service, **said)
        await self.d.tell(tx, found.resident_id, told, key=f"bk{found.id}:r:day{day}")
        await self.d.send(
            tx,
            person.telegram_id,
            T("bookings.worker_day_done", id=found.id, **said),
            key=f"bk{found.id}:w:day{day}",
            buttons=self.d.texts.job_buttons(booking, Status.ACCEPTED),
        )
        return T("bookings.ok_toast")

    async def reveal_door_code(self, tx: Tx, booking_id: int, person: Person) -> Text:
        """Only the assigned worker, only between accept and done; every reveal audited."""
        booking = await self.d.repo.get(tx, booking_id)
        between = (Status.ACCEPTED, Status.ARRIVED)
        if booking is None or booking.status not in between or not booking.has_door_code:
            return T("common.stale_button")
        if booking.assignee_id != person.id:
            await self.d.audit.record(tx, actor(person), "door_code_refused", booking.subject)
            return T("bookings.not_yours")
        sealed = await self.d.repo.sealed_door_code(tx, booking.id)
        code = self.d.box.open(sealed) if sealed else None
        if code is None:
            return T("common.stale_button")
        await self.d.audit.record(tx, actor(person), "door_code_revealed", booking.subject)
        return T("bookings.door_code", code=code)

    async def rate(self, tx: Tx, booking_id: int, person: Person, stars: int) -> Text:
        """The resident rates the finished job; low ratings reach staff and block the provider."""
        booking = await self.d.repo.get(tx, booking_id)
        if booking is None or booking.resident_id != person.id:
            return T("bookings.not_yours")
        if booking.status != Status.DONE or not 1 <= stars <= 5:
            return T("common.stale_button")
        if not await self.d.move(tx, booking, Event.RATE):
            return T("common.stale_button")
        provider_id = booking.current_provider or ""
        await self.d.repo.add_rating(tx, booking.id, provider_id, person.id, stars)
        await self.d.audit.record(
            tx, actor(person), "rated", booking.subject, stars=stars, provider=provider_id
        )
        await self.d.people.expect(tx, person.id, Pending.COMMENT, **Awaiting(booking.id).data())
        await self.d.send(
            tx,
            person.telegram_id,
            T("bookings.ask_comment", stars=stars),
            key=f"bk{booking.id}:r:rated",
            buttons=self.d.texts.skip_button(booking.id, Skip.COMMENT),
        )
        if blocks_provider(stars):
            await self.d.repo.block(tx, person.id, provider_id)
            name = self.d.texts.provider_name(provider_id)
            await self.d.alert_staff(tx, booking, "low_rating", stars=stars, provider=name)
        await self.providers.check_floor(tx, provider_id)
        return T("bookings.thanks_toast")

    async def comment(self, tx: Tx, booking_id: int, person: Person, text: str | None) -> None:
        """The resident's optional comment on their rating (None: skipped)."""
        await self.d.people.done_expecting(tx, person.id)
        if text:
            await self.d.repo.add_comment(tx, booking_id, person.id, text[:500])
            await self.d.audit.record(tx, actor(person), "commented", f"booking:{booking_id}")
        thanks = T("bookings.thanks")
        await self.d.send(tx, person.telegram_id, thanks, key=f"bk{booking_id}:r:thanks")

    async def comment_awaited(self, tx: Tx, person: Person, booking_id: int) -> bool:
        """Whether the bot is waiting for this person's comment on this booking."""
        booking = await self.d.repo.get(tx, booking_id)
        pending = await self.d.people.expecting(tx, person.id)
        if booking is None or booking.resident_id != person.id or pending is None:
            return False
        kind, data = pending
        return kind == Pending.COMMENT and Awaiting.parse(data).booking_id == booking.id

    async def typed_comment(self, tx: Tx, person: Person, awaiting: Awaiting, text: str) -> bool:
        """A typed comment; False (and nothing awaited) when the booking is not theirs."""
        booking = await self.d.repo.get(tx, awaiting.booking_id)
        if booking is None or booking.resident_id != person.id:
            await self.d.people.done_expecting(tx, person.id)
            return False
        await self.comment(tx, booking.id, person, text.strip() or None)
        return True


def _day(on: date) -> dict[str, str]:
    """12月5日 周六 / Sat 5 Dec."""
    moment = datetime.combine(on, time(12))
    return both(day_words(moment, "zh"), day_words(moment, "en"))
