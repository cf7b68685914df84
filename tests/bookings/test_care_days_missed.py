"""Days of care whose worker does not come (session 15, finding 7), on real SQLite: each day
without an arrival gets the same late check as a one-day job (resident asked, worker pinged,
staff alerted), not only the first day; an arrival after the stay ended is refused, never
filed as "day 1 of 3, next visit" on a date already past; an arrival on a later day of the
stay counts as that day (the missed ones are not done by it)."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.bookings.contract import DeadlineKind
from bot.domain.bookings.model import Status
from bot.i18n import T
from tests.bookings.test_care_days import _two_days_accepted
from tests.bookings.test_flow_more import pending, x
from tests.bookings.test_service import World

__all__ = ["x"]


async def _late_checks(x: World) -> list[str]:
    return [d[0] for d in await pending(x) if d[1] == DeadlineKind.LATE]


async def test_a_later_day_without_an_arrival_is_checked_like_the_first(x: World) -> None:
    booking = await _two_days_accepted(x)
    assert booking.slot_start is not None and booking.slot_end is not None
    first = booking.slot_start
    before = x.w.community.policy.reminder_before
    x.w.clock.set(first + timedelta(minutes=5))
    async with x.w.tx() as tx:
        await x.s.jobs.arrived(tx, booking.id, x.wang, sure=True)
        await x.s.jobs.done(tx, booking.id, x.wang)
    x.w.clock.set(first + timedelta(days=1) - before)  # day 2's reminder
    async with x.w.tx() as tx:
        await x.s.dispatch.deadline_due(tx, "bk_remind", f"{booking.id}:0")
    assert await _late_checks(x), await pending(x)
    x.w.clock.set(booking.slot_end + timedelta(days=1, hours=1))
    async with x.w.tx() as tx:
        await x.s.onsite.arrival.late_due(tx, booking.id, 0)
    asked = [m for m in await x.sent(x.resident) if ":r:late:" in m.key]
    assert asked, [m.key for m in await x.sent(x.resident)]


async def test_an_arrival_after_the_stay_is_refused(x: World) -> None:
    booking = await _two_days_accepted(x)
    assert booking.slot_start is not None
    x.w.clock.set(booking.slot_start + timedelta(days=4))
    async with x.w.tx() as tx:
        said = await x.s.jobs.arrived(tx, booking.id, x.wang, sure=True)
    assert said == T("bookings.stay_over", id=booking.id)
    kept = await x.get(booking.id)
    assert (kept.status, kept.days_done) == (Status.ACCEPTED, 0)


async def test_an_arrival_on_the_last_day_is_that_day(x: World) -> None:
    booking = await _two_days_accepted(x)
    assert booking.slot_start is not None
    x.w.clock.set(booking.slot_start + timedelta(days=1, minutes=5))
    async with x.w.tx() as tx:
        await x.s.jobs.arrived(tx, booking.id, x.wang, sure=True)
        await x.s.jobs.done(tx, booking.id, x.wang)
    done = await x.get(booking.id)
    assert done.status == Status.DONE, done
    told = [m.text for m in await x.sent(x.resident)]
    assert not any("还剩" in t for t in told), told
