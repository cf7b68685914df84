"""Where rescheduling (issue 13, first half) meets what happens after the accept (second half),
on a real SQLite database: the arrival promise follows an agreed new time, a job that ends for
its worker closes the new time they were asked about, and "师傅几点到" names the promised time.

Helpers come from test_service.py and test_flow_more.py."""

from __future__ import annotations

from datetime import timedelta

from bot import deadlines
from bot.domain.bookings.contract import DeadlineKind
from bot.domain.bookings.onsite.model import slot_promise
from bot.i18n import T
from tests.bookings.test_flow_more import accepted, propose, x
from tests.bookings.test_service import SLOT, World, _actions
from tests.domain_support import rendered

__all__ = ["x"]  # the fixture


async def _late_checks(x: World) -> list[tuple[str, object]]:
    async with x.w.db.read() as tx:
        found = await deadlines.pending(tx, "bk:")
    return [(d.name, d.due_at) for d in found if d.kind == DeadlineKind.LATE]


async def test_an_agreed_new_time_moves_the_arrival_promise_and_its_late_check(x: World) -> None:
    """Sunday 09-12 accepted (promise: by 12:00), moved to Monday morning: the late check is
    Monday's, so nobody asks on Sunday whether a worker came who is not due until Monday."""
    booking = await accepted(x)
    grace = x.w.community.policy.arrival_grace
    assert [due for _, due in await _late_checks(x)] == [SLOT + timedelta(hours=3) + grace]
    await propose(x, "改到后天上午")
    async with x.w.tx() as tx:
        assert await x.s.moving.decide(tx, booking.id, 1, x.zhao, True) == T(
            "bookflow.move_yes_toast"
        )
    moved = await x.get(booking.id)
    assert moved.slot_start is not None and moved.slot_start.date() > SLOT.date()
    promise = slot_promise(moved.slot_start, moved.slot_end)
    assert moved.eta_at == promise
    assert [due for _, due in await _late_checks(x)] == [promise + grace]
    x.w.clock.set(SLOT + timedelta(hours=4))  # Sunday 13:00: the old check would have fired
    async with x.w.tx() as tx:
        await x.s.onsite.arrival.late_due(tx, booking.id, 0)
    assert (await x.get(booking.id)).late_at is None


async def test_a_worker_leaving_closes_the_new_time_they_were_asked_about(x: World) -> None:
    """Withdrawn while a new time waits for their answer: the question loses its buttons, its
    window is no longer watched, and the booking keeps its time for the next worker."""
    booking = await accepted(x)
    await propose(x, "改到后天上午")
    asked = await x.last(x.zhao)
    assert _actions(x, asked)  # 可以 / 不行
    async with x.w.tx() as tx:
        assert await x.s.dispatch.withdraw(tx, booking.id, x.zhao, sure=True) == T(
            "bookings.ok_toast"
        )
    after = await x.get(booking.id)
    assert (after.slot_start, after.proposed_start) == (SLOT, None)
    edits = [m for m in await x.sent(x.zhao) if m.key.startswith(f"{asked.key}:ended")]
    assert edits and not _actions(x, edits[-1]) and "3-2-501" not in edits[-1].text
    async with x.w.db.read() as tx:
        waiting = await deadlines.pending(tx, "bk:")
    assert not [d for d in waiting if d.kind == DeadlineKind.MOVE]


async def test_when_will_the_worker_come_names_the_promised_time(x: World) -> None:
    """'师傅几点到' once the worker said '30 min': the promised time; before they said one,
    the slot (the promise held meanwhile, 12:00, is the bot's, not theirs)."""
    booking = await accepted(x)
    x.w.clock.set(SLOT - timedelta(minutes=40))  # Sunday 08:20
    async with x.w.tx() as tx:
        before, _ = await x.s.mine.stands(tx, x.resident, None)
        await x.s.onsite.arrival.promise_pressed(tx, booking.id, x.zhao, "30")
        after, _ = await x.s.mine.stands(tx, x.resident, None)
    assert "09:00-12:00" in rendered(before) and "12:00 前" not in rendered(before)
    assert "预计 08:50 前到达" in rendered(after)


async def test_asked_after_the_promise_passed_staff_are_told_once_and_the_resident_hears_it(
    x: World,
) -> None:
    """'怎么还没来' at 09:05 with the worker's '30 min' from 08:20 (08:50): the answer says the
    time passed and staff were told; staff get one alert with name, time and building (no
    room), however often it is asked; before 08:50 nothing of the kind."""
    booking = await accepted(x)
    x.w.clock.set(SLOT - timedelta(minutes=40))
    async with x.w.tx() as tx:
        await x.s.onsite.arrival.promise_pressed(tx, booking.id, x.zhao, "30")
        early, _ = await x.s.mine.stands(tx, x.resident, None)
    assert "已经过了约定" not in rendered(early)
    x.w.clock.set(SLOT + timedelta(minutes=5))
    async with x.w.tx() as tx:
        late, buttons = await x.s.mine.stands(tx, x.resident, None)
        again, _ = await x.s.mine.stands(tx, x.resident, None)
    assert "预计 08:50 前到达" in rendered(late)
    assert "已经过了约定的 08:50" in rendered(late) and "社区工作人员" in rendered(late)
    assert rendered(again) == rendered(late) and buttons
    alerts = [m for m in await x.sent(x.staff) if m.key.startswith("bk1:staff:asked_late:")]
    assert len(alerts) == 1
    assert "赵阿姨约定 08:50 前到达" in alerts[0].text and "楼栋：3" in alerts[0].text
    assert "501" not in alerts[0].text
