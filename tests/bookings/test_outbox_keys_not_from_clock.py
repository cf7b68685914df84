"""Outbox keys of bookings that held a clock reading (session 14, issue 13): the sandbox's
clock can stand still, so two different messages got the same key and the second was dropped
as a duplicate; the resident or the worker heard nothing the second time. Each test here says
the same thing twice at one clock reading (the FakeClock stands still unless moved) and wants
two answers. A redelivered update is still answered once: its transaction is recorded once
(``handlers/base.py: transactional``), so nothing of it runs again."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.domain.bookings.contract import Awaiting, DeadlineKind, DeadlineRef, Pending
from bot.domain.bookings.mind import keep_only
from bot.domain.bookings.model import Step
from bot.domain.bookings.queued import start_or_queue
from bot.i18n import T
from tests.bookings.test_flow_more import accepted, x
from tests.bookings.test_service import RANGE_HOOD, SLOT, World, _pending, confirmed
from tests.domain_support import rendered

__all__ = ["x"]  # the fixture


def _count(texts: list[str], want: str) -> int:
    return sum(1 for t in texts if want in t)


async def _texts(x: World, who: object) -> list[str]:
    return [m.text for m in await x.sent(who)]  # type: ignore[arg-type]


async def test_the_next_service_asked_twice_is_answered_twice(x: World) -> None:
    """➕ 接着约空调清洗 twice (a second press, words said again): both answered."""
    me = x.resident
    async with x.w.tx() as tx:
        assert await x.s.flow.start(tx, me, RANGE_HOOD, SLOT, SLOT + timedelta(hours=3))
    for _ in range(2):
        async with x.w.tx() as tx:
            await start_or_queue(x.s.flow, tx, me, "ac_cleaning")
    lead = T("bookflow.queued_next", first={"zh": "油烟机清洗"}, second={"zh": "空调清洗"})
    assert _count(await _texts(x, me), rendered(lead)) == 2


async def test_an_urgent_service_asked_twice_at_a_draft_is_answered_twice(x: World) -> None:
    """ "水管爆了，尽快" at a range-hood draft, said twice: each time told it comes first."""
    me = x.resident
    async with x.w.tx() as tx:
        first = await x.s.flow.start(tx, me, RANGE_HOOD, SLOT, SLOT + timedelta(hours=3))
    assert first is not None
    for _ in range(2):
        async with x.w.tx() as tx:
            current = await x.s.deps.reload(tx, first.id)
            await x.s.aside.another_request(
                tx, me, current, "plumbing_repair", "水管爆了", asap=True
            )
    names = x.s.deps.services
    lead = T(
        "bookflow.urgent_first",
        first=names.name(RANGE_HOOD),
        second=names.name("plumbing_repair"),
    )
    assert _count(await _texts(x, me), rendered(lead)) == 2


async def test_asap_asked_twice_at_night_is_answered_twice(x: World) -> None:
    """At 23:00 尽快 for a service that is not urgent asks the morning's hour, every time."""
    me = x.resident
    night = datetime(2026, 11, 28, 23, 0, tzinfo=x.w.community.tz)
    x.w.clock.set(night)
    async with x.w.tx() as tx:
        booking = await x.s.flow.start(tx, me, RANGE_HOOD)
    assert booking is not None
    for _ in range(2):
        async with x.w.tx() as tx:
            await x.s.timing.asap(tx, await x.s.deps.reload(tx, booking.id), me)
    night_keys = [m.key for m in await x.sent(me) if ":step:night" in m.key]
    assert len(night_keys) == 2


async def test_the_line_opened_twice_is_answered_twice(x: World) -> None:
    """💬 pressed, closed, pressed again at one clock reading: opened both times, said both."""
    await accepted(x)
    for _ in range(2):
        async with x.w.tx() as tx:
            assert await x.s.onsite.line.open(tx, 1, x.resident) is None
    want = rendered(T("onsite.line_open_resident", id=1, name="赵阿姨"))
    assert _count(await _texts(x, x.resident), want) == 2


async def test_a_worker_told_twice_that_a_job_is_no_longer_theirs(x: World) -> None:
    await accepted(x)
    async with x.w.tx() as tx:
        await x.s.dispatch.withdraw(tx, 1, x.zhao, sure=True)
    for words in ("我快到了", "我到楼下了"):
        async with x.w.tx() as tx:
            pending = await x.people.expecting(tx, x.zhao.id)
            assert pending is not None and pending[0] == Pending.GONE
            assert await x.s.onsite.plain.gone(tx, x.zhao, pending[1], words, "none")
    why = rendered(T("onsite.job_gone_why", id=1, status=T("onsite.status_withdrawn")))
    assert _count(await _texts(x, x.zhao), why) == 2


async def test_still_waiting_said_twice_pings_the_worker_twice(x: World) -> None:
    """Late, the resident says 还没到 twice: the worker is reminded each time."""
    await accepted(x)
    booking = await x.get()
    assert booking.eta_at is not None
    x.w.clock.set(booking.eta_at + x.w.community.policy.arrival_grace)
    async with x.w.tx() as tx:
        late = DeadlineRef(DeadlineKind.LATE, 1, booking.attempt)
        assert await x.s.onsite.deadline_due(tx, late.kind, late.ref)
    for _ in range(2):
        async with x.w.tx() as tx:
            await x.people.done_expecting(tx, x.resident.id)
            said = await x.s.onsite.waiting.typed(tx, x.resident, "师傅还没到")
            assert isinstance(said, tuple)
    pings = [m for m in await x.sent(x.zhao) if ":w:waiting:" in m.key]
    assert len(pings) == 2


async def test_a_fault_reported_again_twice_is_answered_twice(x: World) -> None:
    """ "2号楼停水了" while its work order is open, said twice: pointed to it twice."""
    me = x.resident
    async with x.w.tx() as tx:
        draft = await x.s.onsite.work_orders.start(tx, me, "2号楼停水了")
        assert draft.step == Step.NOTE
        await x.s.flow.give_note(tx, draft, me, None)
        await x.s.dispatch.confirm(tx, await x.s.deps.reload(tx, draft.id), me)
    for _ in range(2):
        async with x.w.tx() as tx:
            assert await x.s.onsite.work_orders.report(tx, me, "2号楼停水了") is None
    again = [m for m in await x.sent(me) if ":again:" in m.key]
    assert len(again) == 2


async def test_a_fault_reported_twice_during_a_booking_says_twice_it_comes_first(
    x: World,
) -> None:
    """A fault said at a range-hood draft sets the draft aside with a word; a fault said
    again (the first report replaced) says it again."""
    me = x.resident
    async with x.w.tx() as tx:
        assert await x.s.flow.start(tx, me, RANGE_HOOD, SLOT, SLOT + timedelta(hours=3))
    for _ in range(2):
        async with x.w.tx() as tx:
            await x.s.onsite.work_orders.report(tx, me, "楼道灯坏了")
    first = rendered(T("onsite.fault_first", first={"zh": "油烟机清洗"}))
    assert _count(await _texts(x, me), first) == 2


# -- a work order nobody takes or nobody finishes (issue 13) ------------------------------------


async def test_an_urgent_work_order_nobody_accepts_in_its_window_alerts_staff(
    x: World,
) -> None:
    """单元门坏了 offered to the property team with the urgent window (15 min): nobody accepts;
    at the window's end staff are alerted with the job (not left waiting), the offers lose
    their buttons and the reporter is told honestly that staff were told."""
    await _work_order(x)
    window = x.w.community.work_orders.response_window.urgent
    x.w.clock.advance(window)
    async with x.w.tx() as tx:
        due = DeadlineRef(DeadlineKind.OFFER, 1, 0)
        await x.s.dispatch.deadline_due(tx, due.kind, due.ref)
    alerts = [m for m in await x.sent(x.staff) if m.key.startswith("bk1:staff:unassigned:")]
    assert len(alerts) == 1 and "3栋1单元大门" in alerts[0].text
    closed = [m for m in await x.sent(x.zhang) if m.key == f"bk1:offer:{x.zhang.id}:0:closed"]
    assert len(closed) == 1 and closed[0].buttons == []
    told = await x.last(x.resident)
    assert told.key.startswith("bk1:r:unassigned")


async def _work_order(x: World) -> None:
    """单元门坏了 at 3栋1单元大门, no note, confirmed (an urgent work order)."""
    me = x.resident
    async with x.w.tx() as tx:
        draft = await x.s.onsite.work_orders.start(tx, me, "3栋1单元大门坏了，关不上")
        if draft.step == Step.PLACE:
            await x.s.onsite.work_orders.typed_place(tx, me, Awaiting(1), "3栋1单元大门")
        await x.s.flow.give_note(tx, await x.s.deps.reload(tx, 1), me, None)
        draft = await x.s.deps.reload(tx, 1)
        assert draft.step == Step.CONFIRM and draft.priority == "urgent"
        await x.s.dispatch.confirm(tx, draft, me)


async def test_an_accepted_work_order_not_done_alerts_staff_and_the_buildings_keeper_once(
    x: World,
) -> None:
    """王师傅 of the property team accepts; 4 hours on it is not done: staff and 张管家, the
    housekeeper of building 3, are alerted with the job, once (a second run says nothing)."""
    await _work_order(x)
    async with x.w.tx() as tx:
        assert await x.s.dispatch.accept(tx, 1, 0, x.wang) == T("bookings.accepted_toast")
    x.w.clock.advance(x.w.community.work_orders.escalate_after.urgent)
    for _ in range(2):
        async with x.w.tx() as tx:
            due = DeadlineRef(DeadlineKind.ESCALATE, 1, 0)
            assert await x.s.onsite.deadline_due(tx, due.kind, due.ref)
    for who, said in ((x.staff, "请跟进"), (x.zhang, "请去现场看看")):
        alerts = [m for m in await x.sent(who) if ":escalated:" in m.key]
        assert len(alerts) == 1, who.name
        assert "王师傅" in alerts[0].text and "4小时" in alerts[0].text and said in alerts[0].text
        assert "3栋1单元大门" in alerts[0].text
    reminded = [m for m in await x.sent(x.wang) if m.key == "bk1:w:escalated:0"]
    assert len(reminded) == 1


async def test_a_work_order_cancelled_or_given_to_another_stops_its_escalation(
    x: World,
) -> None:
    """Given by staff to 张管家, the first worker's clock stops and hers starts; cancelled,
    no clock is left, and a due one that was missed says nothing."""
    await _work_order(x)
    async with x.w.tx() as tx:
        await x.s.dispatch.accept(tx, 1, 0, x.wang)
        assert await x.s.staffing.assign(tx, 1, "property_team", x.zhang.id, x.staff)
    moved = await x.get()
    escalations = [d[0] for d in await _pending(x) if d[1] == DeadlineKind.ESCALATE]
    assert escalations == [f"bk:1:escalate:{moved.attempt}"]
    async with x.w.tx() as tx:
        await x.s.cancelling.cancel(tx, await x.s.deps.reload(tx, 1), x.resident)
    assert [d for d in await _pending(x) if d[1] == DeadlineKind.ESCALATE] == []
    x.w.clock.advance(x.w.community.work_orders.escalate_after.urgent)
    async with x.w.tx() as tx:
        due = DeadlineRef(DeadlineKind.ESCALATE, 1, moved.attempt)
        assert await x.s.onsite.deadline_due(tx, due.kind, due.ref)
    assert not [m for m in await x.sent(x.staff) if ":escalated:" in m.key]


async def test_a_work_order_whose_worker_is_revoked_goes_to_staff_and_the_reporter_is_told(
    x: World,
) -> None:
    """王师傅 accepted the broken entrance door and is revoked: his job message says so and
    loses its buttons (a common area's place is no one's home: it stays), his escalation
    clock stops, and the rest of the team (张管家) is asked; 张管家 revoked too, nobody of the
    team is left, so staff are alerted with the job and the reporter is told who follows it
    up."""
    await _work_order(x)
    async with x.w.tx() as tx:
        await x.s.dispatch.accept(tx, 1, 0, x.wang)
        await x.people.revoke(tx, x.wang.telegram_id)
        await x.s.staffing.take_back(tx, x.wang, x.staff)
    job = [m for m in await x.sent(x.wang) if m.key.startswith(f"bk1:offer:{x.wang.id}:0:ended")]
    assert len(job) == 1 and job[0].buttons == [] and "已改派" in job[0].text
    assert [d for d in await _pending(x) if d[1] == DeadlineKind.ESCALATE] == []
    assert [m for m in await x.sent(x.zhang) if m.key == f"bk1:offer:{x.zhang.id}:1"]
    assert not [m for m in await x.sent(x.staff) if m.key.startswith("bk1:staff:unassigned:")]
    async with x.w.tx() as tx:
        await x.people.revoke(tx, x.zhang.telegram_id)
        await x.s.staffing.take_back(tx, x.zhang, x.staff)
    alerts = [m for m in await x.sent(x.staff) if m.key.startswith("bk1:staff:unassigned:")]
    assert len(alerts) == 1 and "3栋1单元大门" in alerts[0].text
    told = [m.text for m in await x.sent(x.resident)]
    assert rendered(T("onsite.resident_worker_left.reassigned", name="王师傅")) in told
    assert told[-1] == rendered(T("bookings.resident_unassigned"))


async def test_keeping_one_service_said_twice_asks_the_step_again_twice(x: World) -> None:
    """The AC cleaning queued behind the range hood, then "只要油烟机": dropped, the range
    hood's step asked again; queued and dropped a second time: asked again a second time."""
    me = x.resident
    async with x.w.tx() as tx:
        first = await x.s.flow.start(tx, me, RANGE_HOOD, SLOT, SLOT + timedelta(hours=3))
    assert first is not None
    for _ in range(2):
        async with x.w.tx() as tx:
            await start_or_queue(x.s.flow, tx, me, "ac_cleaning")
            current = await x.s.deps.reload(tx, first.id)
            await keep_only(x.s.flow, x.s.cancelling, tx, current, me, RANGE_HOOD, ["ac_cleaning"])
    names = x.s.deps.services
    lead = T("bookflow.only_kept", kept=names.name(RANGE_HOOD), dropped=names.name("ac_cleaning"))
    assert _count(await _texts(x, me), rendered(lead)) == 2


async def test_a_promise_changed_back_is_told_again_and_the_same_one_once(x: World) -> None:
    """赵阿姨 says 30 min, then 1 h, then 30 min again at one clock reading: the resident's
    last word is 08:50 (the third was dropped as a copy of the first, leaving 09:20); the
    same 30 min pressed once more is nothing new to tell."""
    await accepted(x)
    x.w.clock.set(SLOT - timedelta(minutes=40))  # Sunday 08:20
    for choice in ("30", "60", "30", "30"):
        async with x.w.tx() as tx:
            await x.s.onsite.arrival.promise_pressed(tx, 1, x.zhao, choice)
    told = [m.text for m in await x.sent(x.resident) if ":r:eta:" in m.key]
    said = [rendered(T("onsite.resident_eta", name="赵阿姨", at=at)) for at in ("08:50", "09:20")]
    assert told == [said[0], said[1], said[0]]
    worker = [m.text for m in await x.sent(x.zhao) if ":w:eta:0:set" in m.key]
    assert len(worker) == 3 and "08:50" in worker[-1]


async def _time_out_all(x: World) -> None:
    """Every offer's window closes unanswered until nobody is left."""
    while (booking := await x.get()).status == "offered":
        async with x.w.tx() as tx:
            due = DeadlineRef(DeadlineKind.OFFER, 1, booking.attempt)
            await x.s.dispatch.deadline_due(tx, due.kind, due.ref)


async def test_nobody_accepting_twice_is_told_to_the_resident_twice(x: World) -> None:
    """Nobody took the range hood; staff re-dispatched it and again nobody took it: the
    resident hears so the second time too (it was dropped as a copy of the first)."""
    await confirmed(x)
    await _time_out_all(x)
    async with x.w.tx() as tx:
        assert await x.s.staffing.redispatch(tx, 1, x.staff)
    await _time_out_all(x)
    nobody = rendered(T("bookings.resident_unassigned"))
    assert _count(await _texts(x, x.resident), nobody) == 2


async def _late(x: World) -> None:
    """The clock at the promise plus its grace, and the late check run."""
    booking = await x.get()
    assert booking.eta_at is not None
    x.w.clock.set(booking.eta_at + x.w.community.policy.arrival_grace)
    async with x.w.tx() as tx:
        due = DeadlineRef(DeadlineKind.LATE, 1, booking.attempt)
        assert await x.s.onsite.deadline_due(tx, due.kind, due.ref)


async def test_late_again_after_a_new_promise_asks_pings_and_alerts_again(x: World) -> None:
    """赵阿姨 is late, promises 30 min more and is late again: the resident is asked again,
    she is pinged again and staff are alerted again (all three were dropped as copies of the
    first lateness, so nobody heard of the second). Left unanswered, staff hear that too."""
    await accepted(x)
    await _late(x)
    async with x.w.tx() as tx:
        await x.s.onsite.arrival.promise_pressed(tx, 1, x.zhao, "30")
    await _late(x)
    asked = [m for m in await x.sent(x.resident) if m.key.startswith("bk1:r:late:0")]
    assert [m.key for m in asked] == ["bk1:r:late:0", "bk1:r:late:0:2"]
    pinged = [m for m in await x.sent(x.zhao) if m.key.startswith("bk1:w:late:0")]
    assert len(pinged) == 2
    alerts = [m for m in await x.sent(x.staff) if m.key.startswith("bk1:staff:late")]
    assert len(alerts) == 2 and "09:" in alerts[1].text
    x.w.clock.advance(timedelta(hours=2))
    async with x.w.tx() as tx:
        await x.s.onsite.arrival.late_due(tx, 1, 0)
    unanswered = [m for m in await x.sent(x.staff) if ":unanswered" in m.key]
    assert len(unanswered) == 1
    async with x.w.tx() as tx:  # her answer edits the question she was asked last
        assert await x.s.onsite.arrival.typed_came(tx, x.resident, "到了")
    edits = [m for m in await x.sent(x.resident) if m.key.startswith("bk1:r:late:0:2:answered")]
    assert len(edits) == 1


async def test_someone_elses_address_asked_again_when_the_step_comes_again(x: World) -> None:
    """A booking for someone else reaches its address step a second time (the resident went
    back to it): asked again, not silently waiting for an answer to a question not shown."""
    me = x.resident
    async with x.w.tx() as tx:
        booking = await x.s.flow.start(tx, me, RANGE_HOOD, SLOT, SLOT + timedelta(hours=3))
        assert booking is not None
        await x.s.deps.repo.update(tx, booking.id, for_other=1)
        for _ in range(2):
            await x.s.flow.enter(tx, await x.s.deps.reload(tx, booking.id), me, Step.ADDRESS)
    asked = rendered(T("bookflow.ask_address_other"))
    assert _count(await _texts(x, me), asked) == 2
