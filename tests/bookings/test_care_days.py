"""Days of care on a real SQLite database (issue 13, tester's finding 12): "出差两天喂猫" gets
a reminder before each day's visit, an arrival ends only that day's, and a new time agreed
moves every day's reminder."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.domain.bookings.contract import DeadlineKind
from bot.domain.bookings.model import Booking, Step
from bot.domain.bookings.reminders import visit_days
from bot.i18n import T
from tests.bookings.test_flow_more import (
    cat_for_two_days,
    draft_at_slot,
    pending,
    propose,
    typed,
    x,
)
from tests.bookings.test_service import World
from tests.domain_support import rendered

__all__ = ["x"]


async def _two_days_accepted(x: World) -> Booking:
    """'后天想找人上门喂猫，我要出差两天' at 10:00, confirmed, accepted by 王师傅."""
    booking, _ = await cat_for_two_days(x)
    await typed(x, booking, "上午10点")
    async with x.w.tx() as tx:
        await x.s.flow.give_note(tx, await x.s.deps.reload(tx, booking.id), x.resident, None)
        draft = await x.s.deps.reload(tx, booking.id)
        await x.s.flow.give_door_code(tx, draft, x.resident, None)
        draft = await x.s.deps.reload(tx, booking.id)
        assert draft.step == Step.CONFIRM
        await x.s.dispatch.confirm(tx, draft, x.resident)
        await x.s.dispatch.accept(tx, booking.id, 0, x.wang)
    return await x.get(booking.id)


async def _reminders(x: World) -> list[datetime]:
    return [d[3] for d in await pending(x) if d[1] == DeadlineKind.REMIND]


async def test_each_day_of_care_is_reminded_and_an_arrival_ends_only_its_own(x: World) -> None:
    booking = await _two_days_accepted(x)
    assert booking.units == 2 and booking.slot_start is not None
    first = booking.slot_start
    before = x.w.community.policy.reminder_before
    assert await _reminders(x) == [first - before, first + timedelta(days=1) - before]

    x.w.clock.set(first - before)  # each reminder names its own day's visit
    async with x.w.tx() as tx:
        await x.s.dispatch.deadline_due(tx, "bk_remind", f"{booking.id}:0")
    told = await x.last(x.resident)
    assert "11月30日 周一 10:00-12:00" in told.text

    x.w.clock.set(first + timedelta(minutes=5))
    async with x.w.tx() as tx:
        await x.s.jobs.arrived(tx, booking.id, x.wang, sure=True)
        await x.s.jobs.done(tx, booking.id, x.wang)
    assert await _reminders(x) == [first + timedelta(days=1) - before]

    x.w.clock.set(first + timedelta(days=1) - before)
    async with x.w.tx() as tx:
        await x.s.dispatch.deadline_due(tx, "bk_remind", f"{booking.id}:0")
    told = await x.last(x.resident)
    assert told.key == f"bk{booking.id}:r:remind:0:d1"
    assert "12月1日 周二 10:00-12:00" in told.text


async def test_a_new_time_moves_every_days_reminder(x: World) -> None:
    booking = await _two_days_accepted(x)
    await propose(x, "能不能改到下午")
    async with x.w.tx() as tx:
        await x.s.moving.decide(tx, booking.id, 1, x.wang, True)
    moved = await x.get(booking.id)
    assert moved.slot_start is not None
    assert moved.slot_start.astimezone(x.w.community.tz).hour == 14
    before = x.w.community.policy.reminder_before
    days = [start for start, _ in visit_days(moved, per_day=True)]
    assert len(days) == 2
    assert await _reminders(x) == [day - before for day in days]


def test_visit_days() -> None:
    """One visit for anything but days of care; each day's hours for those."""
    start = datetime(2026, 11, 30, 10, 0)
    booking = Booking(
        1, 1, "pet_sitting", "service", "accepted", "confirm", None, [], 0, None,
        start, start + timedelta(hours=2), None, None, False, units=3,
    )  # fmt: skip
    days = visit_days(booking, per_day=True)
    assert [d[0].day for d in days] == [30, 1, 2] and days[2][1] == datetime(2026, 12, 2, 12)
    assert visit_days(booking, per_day=False) == [(start, start + timedelta(hours=2))]


async def test_hours_asked_of_a_per_visit_service_make_the_visit_that_long(x: World) -> None:
    """'陪护4个小时' (priced per visit): the 明天下午 button gives 14:00-18:00, one visit at one
    visit's price; a typed time keeps the four hours too."""
    booking = await draft_at_slot(x, "elder_companion", "property_team", hours=4)
    assert (booking.hours, booking.units) == (4, 1)
    async with x.w.tx() as tx:
        assert await x.s.flow.choose_slot(tx, booking, x.resident, "d1pm")
    chosen = await x.get(booking.id)
    assert chosen.slot_start is not None and chosen.slot_end is not None
    assert chosen.slot_end - chosen.slot_start == timedelta(hours=4) and chosen.units == 1
    other = await draft_at_slot(x, "elder_companion", "property_team", hours=4)
    await typed(x, other, "周一上午9点")
    typed_in = await x.get(other.id)
    assert typed_in.slot_start is not None and typed_in.slot_end is not None
    assert typed_in.slot_end - typed_in.slot_start == timedelta(hours=4)


async def test_hours_of_an_hourly_service_are_its_units(x: World) -> None:
    """'打扫卫生，4个小时' (priced per hour): 4 units and a 4-hour slot; no visit length kept."""
    booking = await draft_at_slot(x, "home_cleaning", "jiejia", hours=4)
    assert (booking.hours, booking.units) == (None, 4)


async def test_a_worker_taken_off_a_job_of_days_loses_the_buttons_of_each_day_done(
    x: World,
) -> None:
    """王师傅 did day 1 of 2 (its message has the job's buttons) and is there on day 2 (told
    so again: that message was dropped as a copy of day 1's); staff revoke him: every one of
    those messages says so and loses its buttons, so nothing of a job no longer his is left
    to press."""
    booking = await _two_days_accepted(x)
    assert booking.slot_start is not None
    x.w.clock.set(booking.slot_start + timedelta(minutes=5))
    async with x.w.tx() as tx:
        await x.s.jobs.arrived(tx, booking.id, x.wang, sure=True)
        await x.s.jobs.done(tx, booking.id, x.wang)
    day = f"bk{booking.id}:w:day1"
    assert [m.buttons != [] for m in await x.sent(x.wang) if m.key == day] == [True]
    x.w.clock.set(booking.slot_start + timedelta(days=1, minutes=5))
    async with x.w.tx() as tx:  # day 2: "you are there" again, with its ✅ button
        await x.s.jobs.arrived(tx, booking.id, x.wang, sure=True)
    there = rendered(T("bookings.worker_arrived", id=booking.id))
    arrivals = [m for m in await x.sent(x.wang) if m.text == there]
    assert len(arrivals) == 2 and all(m.buttons for m in arrivals)
    came = rendered(T("bookings.resident_arrived", name="王师傅"))
    assert [m.text for m in await x.sent(x.resident)].count(came) == 2  # she is away: told
    async with x.w.tx() as tx:  # staff revoke him while he is there
        await x.people.revoke(tx, x.wang.telegram_id)
        await x.s.staffing.take_back(tx, x.wang, x.staff)
    for key in [day, *(m.key for m in arrivals)]:
        edits = [m for m in await x.sent(x.wang) if m.key.startswith(f"{key}:ended")]
        assert len(edits) == 1 and edits[0].buttons == [] and "已改派" in edits[0].text, key
