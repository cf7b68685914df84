"""After the accept, on a real SQLite database: arrival promises, lateness and no-shows, the
private line, honest final states of a worker's messages, work orders and photos."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.clock import to_db
from bot.domain.bookings.contract import Action, Awaiting, DeadlineKind, DeadlineRef, Pending
from bot.domain.bookings.model import Status, Step
from bot.domain.bookings.onsite.line import Relayed
from bot.domain.bookings.onsite.repo import Photo
from bot.domain.people import Address
from bot.i18n import T, Text
from tests.bookings.test_service import (
    SLOT,
    World,
    _actions,
    _pending,
    confirmed,
    world,
)
from tests.domain_support import rendered

__all__ = ["world"]  # the fixture, shared with the dispatch tests

PHONE = "138 1234 5678"


async def _accepted(x: World) -> None:
    """Booked for tomorrow 09:00-12:00 with 洁家家政; 赵阿姨 accepts."""
    await confirmed(x)
    async with x.w.tx() as tx:
        await x.s.dispatch.accept(tx, 1, 0, x.zhao)


async def _due(x: World, kind: DeadlineKind, attempt: int = 0) -> None:
    due = DeadlineRef(kind, 1, attempt)
    async with x.w.tx() as tx:
        assert await x.s.onsite.deadline_due(tx, due.kind, due.ref)


# -- the arrival promise, lateness, no-shows --------------------------------------------------


async def test_a_promise_tells_the_resident_and_moves_the_late_check(world: World) -> None:
    """'30 min' on the day: the resident hears the time; the late check follows the promise."""
    x = world
    await _accepted(x)
    x.w.clock.set(SLOT - timedelta(minutes=40))  # Sunday 08:20
    async with x.w.tx() as tx:
        assert await x.s.onsite.arrival.promise_pressed(tx, 1, x.sun, "30") == T(
            "bookings.not_yours"
        )
        assert await x.s.onsite.arrival.promise_pressed(tx, 1, x.zhao, "45") == T(
            "common.stale_button"
        )
        toast = await x.s.onsite.arrival.promise_pressed(tx, 1, x.zhao, "30")
    assert toast == T("onsite.eta_toast")
    eta = x.w.clock.now() + timedelta(minutes=30)
    assert (await x.get()).eta_at == eta
    told = await x.last(x.resident)
    assert told.text == rendered(T("onsite.resident_eta", name="赵阿姨", at="08:50"))
    assert [a for a, _ in _actions(x, told)] == [Action.LINE, Action.CANCEL]
    grace = x.w.community.policy.arrival_grace
    late = [d for d in await _pending(x) if d[1] == DeadlineKind.LATE]
    assert late == [(f"bk:1:late:0:{to_db(eta)}", "bk_late", "1:0", eta + grace)]


async def test_a_typed_arrival_time_is_a_promise(world: World) -> None:
    """'20分钟到' typed by the worker; words without a time are not taken for one."""
    x = world
    await _accepted(x)
    async with x.w.tx() as tx:
        waiting = Awaiting(1)
        assert not await x.s.onsite.arrival.typed(tx, x.zhao, waiting, "好的收到")
        assert await x.s.onsite.arrival.typed(tx, x.zhao, waiting, "20分钟到")
        assert not await x.s.onsite.arrival.typed(tx, x.sun, waiting, "20分钟到")
    assert (await x.get()).eta_at == x.w.clock.now() + timedelta(minutes=20)


async def test_late_asks_the_resident_pings_the_worker_and_alerts_staff_once(
    world: World,
) -> None:
    """Not arrived by the promise + grace: all three hear, once; early it does nothing."""
    x = world
    await _accepted(x)
    booking = await x.get()
    assert booking.eta_at is not None
    grace = x.w.community.policy.arrival_grace
    x.w.clock.set(booking.eta_at + grace - timedelta(seconds=1))
    await _due(x, DeadlineKind.LATE)
    assert (await x.get()).late_at is None
    x.w.clock.set(booking.eta_at + grace)
    await _due(x, DeadlineKind.LATE)
    await _due(x, DeadlineKind.LATE)  # a second run changes nothing
    asked = await x.last(x.resident)
    assert asked.key == "bk1:r:late:0"
    assert asked.text == rendered(T("onsite.late_resident", name="赵阿姨", at="12:00"))
    assert _actions(x, asked) == [(Action.CAME, ("1", "yes")), (Action.CAME, ("1", "no"))]
    pinged = await x.last(x.zhao)
    assert pinged.key == "bk1:w:late:0" and Action.ARRIVED in [a for a, _ in _actions(x, pinged)]
    alerts = [m for m in await x.sent(x.staff) if m.key.startswith("bk1:staff:late:")]
    assert len(alerts) == 1 and "赵阿姨" in alerts[0].text and "501" not in alerts[0].text
    assert (await x.get()).late_at == booking.eta_at + grace


async def test_nobody_came_reassigns_to_the_next_provider(world: World) -> None:
    """'Nobody came': the job leaves that worker (their message says so, no address, no
    buttons), staff are told, the next provider is offered it; pressing again changes nothing."""
    x = world
    await _accepted(x)
    booking = await x.get()
    assert booking.eta_at is not None
    x.w.clock.set(booking.eta_at + timedelta(hours=1))
    async with x.w.tx() as tx:
        early = await x.s.onsite.arrival.came(tx, 1, x.resident, "no")
    assert early == T("common.stale_button")  # not late yet: nothing to answer
    await _due(x, DeadlineKind.LATE)
    async with x.w.tx() as tx:
        assert await x.s.onsite.arrival.came(tx, 1, x.sun, "no") == T("bookings.not_yours")
        assert await x.s.onsite.arrival.came(tx, 1, x.resident, "no") == T(
            "onsite.reassigned_toast"
        )
        assert await x.s.onsite.arrival.came(tx, 1, x.resident, "no") == T("common.stale_button")
    after = await x.get()
    assert after.status == Status.OFFERED and after.attempt == 1 and after.assignee_id is None
    assert await x.sql("SELECT outcome FROM booking_offers WHERE attempt = 0") == [("no_show",)]
    job = [m for m in await x.sent(x.zhao) if m.key.startswith(f"bk1:offer:{x.zhao.id}:0:ended")]
    assert len(job) == 1 and job[0].method == "edit" and job[0].buttons == []
    assert job[0].text.endswith(rendered(T("onsite.status_no_show"))) and "501" not in job[0].text
    late_ping = [m for m in await x.sent(x.zhao) if m.key.startswith("bk1:w:late:0:ended")]
    assert len(late_ping) == 1 and late_ping[0].buttons == []
    assert [m.key for m in await x.sent(x.sun) if m.key == f"bk1:offer:{x.sun.id}:1"]
    assert any(m.key.startswith("bk1:staff:no_show:") for m in await x.sent(x.staff))
    assert [d for d in await _pending(x) if d[1] == DeadlineKind.LATE] == []


async def test_they_came_after_all_records_the_arrival(world: World) -> None:
    """'The worker is here': the arrival is recorded for them and they can finish."""
    x = world
    await _accepted(x)
    booking = await x.get()
    assert booking.eta_at is not None
    x.w.clock.set(booking.eta_at + timedelta(hours=1))
    await _due(x, DeadlineKind.LATE)
    async with x.w.tx() as tx:
        assert await x.s.onsite.arrival.came(tx, 1, x.resident, "yes") == T("onsite.thanks_toast")
    assert (await x.get()).status == Status.ARRIVED
    told = await x.last(x.zhao)
    assert [a for a, _ in _actions(x, told)] == [Action.DONE, Action.LINE]
    answered = await x.last(x.resident)
    assert answered.method == "edit" and answered.buttons == []


async def test_arriving_stops_the_late_check(world: World) -> None:
    """Arrived in time: the late check is gone."""
    x = world
    await _accepted(x)
    async with x.w.tx() as tx:
        await x.s.jobs.arrived(tx, 1, x.zhao, sure=True)
    assert [d for d in await _pending(x) if d[1] == DeadlineKind.LATE] == []


# -- honest final states -----------------------------------------------------------------------


async def test_a_withdrawn_job_message_loses_address_and_buttons(world: World) -> None:
    """The worker gives the job back: the message that showed the address now says so."""
    x = world
    await _accepted(x)
    async with x.w.tx() as tx:
        await x.s.dispatch.withdraw(tx, 1, x.zhao, sure=True)
    edits = [m for m in await x.sent(x.zhao) if m.method == "edit" and ":ended" in m.key]
    assert [m.key.split(":ended")[0] for m in edits] == [f"bk1:offer:{x.zhao.id}:0"]
    assert "3-2-501" not in edits[0].text and edits[0].buttons == []
    assert "油烟机清洗" in edits[0].text
    assert edits[0].text.endswith(rendered(T("onsite.status_withdrawn")))


# -- the private line ----------------------------------------------------------------------------


async def test_the_line_relays_both_ways_without_numbers(world: World) -> None:
    """Open by either side; text masked, media copied under a header; kept for staff; closed
    with the job."""
    x = world
    await _accepted(x)
    async with x.w.tx() as tx:
        assert await x.s.onsite.line.open(tx, 1, x.sun) == T("bookings.not_yours")
        assert await x.s.onsite.line.open(tx, 1, x.resident) is None
        assert await x.people.expecting(tx, x.resident.id) == (Pending.LINE, {"booking": 1})
        said = Relayed("text", x.resident.telegram_id, 41, f"师傅几点到？我电话 {PHONE}")
        assert await x.s.onsite.line.relay(tx, x.resident, Awaiting(1), said)
        assert await x.s.onsite.line.relay(tx, x.resident, Awaiting(1), said)  # redelivered
        assert await x.s.onsite.line.open(tx, 1, x.zhao) is None
        photo = Relayed("photo", x.zhao.telegram_id, 77, "加我微信 zhao_ayi88")
        assert await x.s.onsite.line.relay(tx, x.zhao, Awaiting(1), photo)
    to_worker = [m for m in await x.sent(x.zhao) if m.key.startswith("bk1:line:6")]
    assert [m.key for m in to_worker] == [f"bk1:line:{x.resident.telegram_id}:41"]
    assert "师傅几点到" in to_worker[0].text and "1234" not in to_worker[0].text
    assert _actions(x, to_worker[0]) == [(Action.LINE, ("1",))]
    to_resident = [m for m in await x.sent(x.resident) if m.key.startswith("bk1:line:3")]
    assert [m.method for m in to_resident] == ["send", "copy"]
    copy = await x.sql("SELECT payload FROM outbox WHERE dedupe_key LIKE 'bk1:line:%:c'")
    assert '"message_id": 77' in copy[0][0] and "zhao_ayi88" not in copy[0][0]
    async with x.w.tx() as tx:
        card = await x.s.staff_card(tx, 1)
    assert card is not None and "师傅几点到" in rendered(card) and "1234" not in rendered(card)
    async with x.w.tx() as tx:
        await x.s.jobs.arrived(tx, 1, x.zhao, sure=True)
        await x.s.jobs.done(tx, 1, x.zhao)
        late = Relayed("text", x.resident.telegram_id, 42, "谢谢师傅")
        assert await x.s.onsite.line.relay(tx, x.resident, Awaiting(1), late)
        assert await x.people.expecting(tx, x.resident.id) is None
        assert await x.s.onsite.line.open(tx, 1, x.resident) == T("onsite.line_closed_toast")
    assert (await x.last(x.resident)).text == rendered(T("onsite.line_closed", id=1))
    assert not [
        m for m in await x.sent(x.zhao) if m.key == f"bk1:line:{x.resident.telegram_id}:42"
    ]


async def test_leaving_the_line(world: World) -> None:
    """'End chat' ends only the line it belongs to."""
    x = world
    await _accepted(x)
    async with x.w.tx() as tx:
        assert await x.s.onsite.line.stop(tx, 1, x.resident) == T("common.stale_button")
        await x.s.onsite.line.open(tx, 1, x.resident)
        assert await x.s.onsite.line.stop(tx, 2, x.resident) == T("common.stale_button")
        assert await x.s.onsite.line.stop(tx, 1, x.resident) == T("onsite.line_left_toast")
        assert await x.people.expecting(tx, x.resident.id) is None


# -- work orders ----------------------------------------------------------------------------------


async def _work_order(x: World, said: str = "单元门坏了，关不上") -> None:
    """'单元门坏了': place typed, one photo, no note, confirmed."""
    s, me = x.s, x.resident
    async with x.w.tx() as tx:
        draft = await s.onsite.work_orders.start(tx, me, said)
        assert draft.step == Step.PLACE and draft.priority == "urgent" and draft.issue == "door"
        unclear = await s.onsite.work_orders.typed_place(tx, me, Awaiting(1), "大门口")
        assert isinstance(unclear, Text) and unclear.key == "onsite.place_unclear"
        assert await s.onsite.work_orders.typed_place(tx, me, Awaiting(1), "3栋1单元大门") is True
        photo = Photo(me.telegram_id, 55)
        assert await s.onsite.work_orders.attach_photo(tx, me, Awaiting(1), photo)
        assert await s.onsite.work_orders.attach_photo(tx, me, Awaiting(1), photo)  # again
        await s.flow.give_note(tx, await s.deps.reload(tx, 1), me, None)
        draft = await s.deps.reload(tx, 1)
        assert draft.step == Step.CONFIRM
        await s.dispatch.confirm(tx, draft, me)


async def test_an_urgent_work_order_is_dispatched_at_once_without_price_or_room(
    world: World,
) -> None:
    """No price, no room: what, where, urgent; the housekeeper and the property team with the
    urgent window; staff copied."""
    x = world
    await _work_order(x)
    confirm = next(m for m in await x.sent(x.resident) if m.key == "bk1:step:confirm")
    assert "¥" not in confirm.text and "3栋1单元大门" in confirm.text and "紧急" in confirm.text
    assert await x.sql("SELECT count(*) FROM booking_photos") == [(1,)]
    offer = await x.last(x.zhang)
    assert offer.key == f"bk1:offer:{x.zhang.id}:0" and "¥" not in offer.text
    assert "3栋1单元大门" in offer.text and "紧急" in offer.text
    window = x.w.community.work_orders.response_window.urgent
    offers = [d for d in await _pending(x) if d[1] == DeadlineKind.OFFER]
    assert offers == [("bk:1:offer:0", "bk_offer", "1:0", x.w.clock.now() + window)]
    copied = [m for m in await x.sent(x.staff) if m.key.startswith("bk1:staff:urgent:")]
    assert len(copied) == 1 and "3栋1单元大门" in copied[0].text


async def test_an_accepted_work_order_escalates_and_the_reporter_hears_it_is_done(
    world: World,
) -> None:
    """Photos reach the worker who accepts; not done within the window: staff alerted; done:
    the reporter is told (nothing to rate)."""
    x = world
    await _work_order(x)
    async with x.w.tx() as tx:
        await x.s.dispatch.accept(tx, 1, 0, x.zhang)
    copies = [m for m in await x.sent(x.zhang) if m.method == "copy"]
    assert [m.key for m in copies] == ["bk1:w:photos:0:0"]
    after = x.w.community.work_orders.escalate_after.urgent
    escalations = [d for d in await _pending(x) if d[1] == DeadlineKind.ESCALATE]
    assert escalations == [("bk:1:escalate:0", "bk_esc", "1:0", x.w.clock.now() + after)]
    x.w.clock.advance(after)
    await _due(x, DeadlineKind.ESCALATE)
    alert = [m for m in await x.sent(x.staff) if m.key.startswith("bk1:staff:escalated:")]
    assert len(alert) == 1 and "张管家" in alert[0].text and "4小时" in alert[0].text
    async with x.w.tx() as tx:
        await x.s.jobs.arrived(tx, 1, x.zhang, sure=True)
        await x.s.jobs.done(tx, 1, x.zhang)
    done = await x.last(x.resident)
    assert done.key == "bk1:r:done" and done.buttons == [] and "张管家" in done.text
    assert "3栋1单元大门" in done.text
    assert [d for d in await _pending(x) if d[1] == DeadlineKind.ESCALATE] == []


async def test_an_outage_named_with_its_building_keeps_the_words_and_asks_no_place(
    world: World,
) -> None:
    """'3号楼没水了': urgent, building 3 from the words (no place question, no room), the words
    kept through a skipped note and shown to the worker and in staff's copy."""
    x = world
    async with x.w.tx() as tx:
        draft = await x.s.onsite.work_orders.start(tx, x.resident, "3号楼没水了，一滴都没有")
        assert draft.step == Step.NOTE and draft.issue == "water" and draft.priority == "urgent"
        assert draft.address is not None and draft.address.building == "3"
        assert draft.address.room == "" and draft.note == "3号楼没水了，一滴都没有"
        await x.s.flow.give_note(tx, draft, x.resident, None)  # skipped: the words stay
        draft = await x.s.deps.reload(tx, 1)
        assert draft.note == "3号楼没水了，一滴都没有" and draft.step == Step.CONFIRM
        await x.s.dispatch.confirm(tx, draft, x.resident)
    asked = [m.key for m in await x.sent(x.resident)]
    assert "bk1:step:place" not in asked
    offer = await x.last(x.zhang)
    assert offer.key == f"bk1:offer:{x.zhang.id}:0" and "3号楼没水了，一滴都没有" in offer.text
    copied = [m for m in await x.sent(x.staff) if m.key.startswith("bk1:staff:urgent:")]
    assert len(copied) == 1 and "3号楼没水了，一滴都没有" in copied[0].text


@pytest.mark.parametrize(
    ("words", "place"),
    [
        # second retest of #13: the unit was lost ("4栋" for "4栋2单元")
        ("2号楼1单元电梯停在半中间不动了 我刚才看了没人在里头", "2号楼1单元电梯"),
        ("3栋2单元的大门关不上了", "3栋2单元的大门"),
        ("3号楼没水了", None),  # the building alone: shown as the building
    ],
)
async def test_a_named_unit_or_spot_stays_on_the_work_orders_place(
    world: World, words: str, place: str | None
) -> None:
    x = world
    async with x.w.tx() as tx:
        draft = await x.s.onsite.work_orders.start(tx, x.resident, words)
    assert draft.step == Step.NOTE and draft.place == place


async def test_a_note_adds_to_the_work_orders_words(world: World) -> None:
    """A typed note after the words keeps both."""
    x = world
    async with x.w.tx() as tx:
        draft = await x.s.onsite.work_orders.start(tx, x.resident, "2栋电梯坏了")
        await x.s.flow.give_note(tx, draft, x.resident, "卡在5楼")
        draft = await x.s.deps.reload(tx, 1)
    assert draft.note == "2栋电梯坏了；卡在5楼" and draft.issue == "lift"


async def test_a_work_order_without_a_named_issue_asks_for_it(world: World) -> None:
    """'楼道扶手松了': the resident picks; the own building is offered as a button."""
    x = world
    async with x.w.tx() as tx:
        await x.people.set_address(tx, x.resident.id, Address("2", "1", "302"))
        draft = await x.s.onsite.work_orders.start(tx, x.resident, "楼道扶手松了")
        assert draft.step == Step.ISSUE
        assert not await x.s.onsite.work_orders.choose_issue(tx, draft, x.resident, "forged")
        assert await x.s.onsite.work_orders.choose_issue(tx, draft, x.resident, "other")
    asked = await x.last(x.resident)
    assert _actions(x, asked) == [(Action.PLACE, ("1", "2"))]
    async with x.w.tx() as tx:
        draft = await x.s.deps.reload(tx, 1)
        assert draft.priority == "normal" and draft.step == Step.PLACE
        assert not await x.s.onsite.work_orders.choose_building(tx, draft, x.resident, "99")
        assert await x.s.onsite.work_orders.choose_building(tx, draft, x.resident, "2")
        draft = await x.s.deps.reload(tx, 1)
    assert draft.step == Step.NOTE and draft.address is not None
    assert draft.address.building == "2" and draft.address.room == ""


async def test_a_new_promise_replaces_the_check_and_the_same_one_keeps_it(world: World) -> None:
    """'2 h' then 'the slot' twice: one late check, for the last promise."""
    x = world
    await _accepted(x)
    x.w.clock.set(SLOT - timedelta(hours=1))
    async with x.w.tx() as tx:
        await x.s.onsite.arrival.promise_pressed(tx, 1, x.zhao, "120")
        await x.s.onsite.arrival.promise_pressed(tx, 1, x.zhao, "slot")
        await x.s.onsite.arrival.promise_pressed(tx, 1, x.zhao, "slot")
    late = [d for d in await _pending(x) if d[1] == DeadlineKind.LATE]
    grace = x.w.community.policy.arrival_grace
    assert [d[3] for d in late] == [SLOT + timedelta(hours=3) + grace]


async def test_a_fault_already_being_handled_points_to_its_work_order(world: World) -> None:
    """F17 of the #13 retest: "2号楼停水了" while urgent work order #1 for building 2's water
    is open: the resident is told it is already being handled (#1), no second work order; a
    fault of another building is a work order of its own."""
    x = world
    async with x.w.tx() as tx:
        draft = await x.s.onsite.work_orders.start(tx, x.resident, "2号楼从早上就停水了")
        await x.s.flow.give_note(tx, draft, x.resident, None)
        await x.s.dispatch.confirm(tx, await x.s.deps.reload(tx, 1), x.resident)
        again = await x.s.onsite.work_orders.report(tx, x.resident, "2号楼停水了")
        other = await x.s.onsite.work_orders.report(tx, x.resident, "3号楼停水了")
    assert again is None and other is not None and other.id == 2
    pointed = [m for m in await x.sent(x.resident) if m.key.startswith("bk1:again:")]
    assert len(pointed) == 1 and "已在处理：#1" in pointed[0].text and "2栋" in pointed[0].text
    assert "紧急" in pointed[0].text and "¥" not in pointed[0].text


async def test_a_work_order_is_worded_as_a_report_not_a_home_booking(world: World) -> None:
    """F15 of the #13 retest: a building without power. The note prompt has no "dog at home",
    the button submits a report, the worker is asked how soon it will be handled (not when
    they reach the resident's home), a missed estimate pings the worker and staff but asks
    the reporter nothing, and withdrawing it mentions no fee."""
    x = world
    async with x.w.tx() as tx:
        draft = await x.s.onsite.work_orders.start(tx, x.resident, "3号楼整栋楼停电了")
    note = next(m for m in await x.sent(x.resident) if m.key == "bk1:step:note")
    assert "家里有狗" not in note.text and "维修人员" in note.text
    async with x.w.tx() as tx:
        await x.s.flow.give_note(tx, draft, x.resident, None)
    confirm = next(m for m in await x.sent(x.resident) if m.key == "bk1:step:confirm")
    assert "提交报修" in str(confirm.buttons) and "确认预约" not in str(confirm.buttons)
    async with x.w.tx() as tx:
        await x.s.dispatch.confirm(tx, await x.s.deps.reload(tx, 1), x.resident)
        await x.s.dispatch.accept(tx, 1, 0, x.zhang)
    ask = next(m for m in await x.sent(x.zhang) if m.key == "bk1:w:eta:0")
    assert "预计多久处理" in ask.text and "业主" not in ask.text
    async with x.w.tx() as tx:
        toast = await x.s.onsite.arrival.promise_pressed(tx, 1, x.zhang, "30")
    assert rendered(toast) == "已告诉报修人"
    told = await x.last(x.resident)
    assert "预计" in told.text and "处理" in told.text
    booking = await x.get()
    assert booking.eta_at is not None
    x.w.clock.set(booking.eta_at + x.w.community.policy.arrival_grace)
    await _due(x, DeadlineKind.LATE)
    keys = [m.key for m in await x.sent(x.resident)]
    assert "bk1:r:late:0" not in keys  # nobody asks the reporter "师傅到了吗？"
    pinged = await x.last(x.zhang)
    assert pinged.key == "bk1:w:late:0" and "业主" not in pinged.text
    alerts = [m for m in await x.sent(x.staff) if m.key.startswith("bk1:staff:late:")]
    assert len(alerts) == 1 and "报修 #1" in alerts[0].text
    booking = await x.get()
    async with x.w.tx() as tx:
        await x.s.cancelling.cancel(tx, booking, x.resident)
    withdrawn = await x.last(x.resident)
    assert "撤销您的报修" in withdrawn.text and "费" not in withdrawn.text
