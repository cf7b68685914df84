"""Issue 13's use cases on a real SQLite database: ASAP for urgent services, typed times and
days of care, cancel words, another address for one booking, my bookings and where a booking
stands, rescheduling (moved, agreed, refused, lapsed, late) and the address in words.

Helpers come from test_service.py (sample community, a resident and a member of every
provider)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot import deadlines
from bot.clock import FakeClock
from bot.domain.bookings.contract import Action, DeadlineKind, DeadlineRef, Pending
from bot.domain.bookings.model import Booking, Status
from bot.domain.bookings.timing import Said
from bot.domain.people import Address
from bot.i18n import T
from intents import TimeSpan
from intents.amounts import count_asked
from intents.times import parse_when, says_day
from tests.bookings.test_service import (
    CREW,
    RANGE_HOOD,
    SLOT,
    SLOT_END,
    World,
    _actions,
    _world,
    confirmed,
)
from tests.domain_support import domain_world, rendered
from tests.harness import START

LUNCH = START.replace(hour=13, minute=27)  # Saturday 13:27
DRAIN = "drain_unclogging"  # urgent, 15-minute window: 物业 ¥80, 快修 ¥100


@pytest.fixture
async def x(store: Path | str) -> AsyncIterator[World]:
    """The sample community with a resident and a member of every provider (test_service)."""
    async with domain_world(store, FakeClock(START)) as w:
        yield await _world(w, CREW)


def span(x: World, text: str) -> TimeSpan:
    found = parse_when(text, x.w.clock.now(), x.w.community.tz)
    assert found is not None, text
    return found


async def draft_at_slot(x: World, service: str, provider: str, **said: object) -> Booking:
    """A draft with its provider chosen, waiting at the time step."""
    async with x.w.tx() as tx:
        booking = await x.s.flow.start(tx, x.resident, service, **said)  # type: ignore[arg-type]
        assert booking is not None
        assert await x.s.flow.choose_provider(tx, booking, x.resident, provider)
    booking = await x.get(booking.id)
    assert booking.step == "slot"
    return booking


async def draft_said(
    x: World, service: str, provider: str, said: TimeSpan, **more: object
) -> Booking:
    """A draft at the time step, started with the time a request said."""
    return await draft_at_slot(
        x,
        service,
        provider,
        when_start=said.start,
        when_end=said.end,
        has_time=said.has_time,
        days=said.days,
        **more,
    )


async def typed(x: World, booking: Booking, text: str) -> Said:
    async with x.w.tx() as tx:
        return await x.s.timing.typed(tx, await x.s.deps.reload(tx, booking.id), x.resident, text)


async def remember_address(x: World) -> None:
    async with x.w.tx() as tx:
        await x.people.set_address(tx, x.resident.id, Address("3", "2", "501"))


# -- ASAP -----------------------------------------------------------------------------------


async def test_a_burst_pipe_at_1327_is_asked_asap_first_and_dispatched_at_once(x: World) -> None:
    """'马桶堵了，急！现在能来人吗' at 13:27: ASAP is kept first (not 明天上午), the note is
    skipped, and the offer goes out at once with the 15-minute window."""
    x.w.clock.set(LUNCH)
    await remember_address(x)
    said = span(x, "马桶堵了，急！现在能来人吗")
    booking = await draft_at_slot(x, DRAIN, "property_team", when_start=said.start, asap=said.asap)
    assert booking.asap and booking.slot_start is None
    asked = await x.last(x.resident)
    assert _actions(x, asked)[0] == (Action.SLOT, (str(booking.id), "asap"))
    assert asked.text.startswith(
        rendered(T("bookflow.slot_asap_wanted", minutes=15, hint="")).strip()
    )
    assert "明天上午" in asked.buttons[1]["text"]  # the quick choices come after
    async with x.w.tx() as tx:
        assert await x.s.timing.choose(tx, booking, x.resident, "asap")
    summary = await x.last(x.resident)
    assert summary.key == f"bk{booking.id}:step:confirm" and "尽快" in summary.text
    async with x.w.tx() as tx:
        await x.s.dispatch.confirm(tx, await x.s.deps.reload(tx, booking.id), x.resident)
    offer = await x.last(x.wang)
    assert "尽快" in offer.text and _actions(x, offer)[0][0] == Action.ACCEPT
    due = DeadlineRef(DeadlineKind.OFFER, booking.id, 0)
    async with x.w.db.read() as tx:
        pending = await deadlines.pending(tx, due.name)
    assert [d.due_at for d in pending] == [LUNCH + timedelta(minutes=15)]
    async with x.w.tx() as tx:
        assert rendered(await x.s.dispatch.accept(tx, booking.id, 0, x.wang)) == "接单成功"
    told = await x.last(x.resident)
    assert told.text == rendered(T("bookings.resident_accepted_asap", name="王师傅"))


async def test_an_urgent_service_offers_asap_first_when_nothing_was_said(x: World) -> None:
    booking = await draft_at_slot(x, DRAIN, "kuaixiu")
    asked = await x.last(x.resident)
    assert _actions(x, asked)[0] == (Action.SLOT, (str(booking.id), "asap"))
    assert asked.buttons[0]["text"] == rendered(T("bookflow.button_asap", minutes=15))
    cleaning = await draft_at_slot(x, RANGE_HOOD, "jiejia")
    first = _actions(x, await x.last(x.resident))[0]
    assert first == (Action.SLOT, (str(cleaning.id), "d0pm"))  # not urgent: no ASAP button


# -- typed times and days of care -------------------------------------------------------------


async def test_a_typed_time_replaces_the_buttons(x: World) -> None:
    booking = await draft_at_slot(x, RANGE_HOOD, "jiejia")
    assert (await typed(x, booking, "今天下午4点")) == Said(True)
    moved = await x.get(booking.id)
    start = START.replace(hour=16)
    assert (moved.slot_start, moved.slot_end, moved.step) == (
        start,
        start + timedelta(hours=2),
        "address",
    )
    async with x.w.db.read() as tx:
        assert await x.people.expecting(tx, x.resident.id) == (
            Pending.ADDRESS,
            {"booking": booking.id},
        )


async def test_words_without_a_time_are_not_taken(x: World) -> None:
    booking = await draft_at_slot(x, RANGE_HOOD, "jiejia")
    assert (await typed(x, booking, "好的")).consumed is False
    assert (await x.get(booking.id)).step == "slot"


async def cat_for_two_days(x: World) -> tuple[Booking, TimeSpan]:
    """'后天想找人上门喂猫，我要出差两天' with the address known: the draft at the time step."""
    await remember_address(x)
    said = span(x, "后天想找人上门喂猫，我要出差两天")
    booking = await draft_said(x, "pet_sitting", "property_team", said)
    return booking, said


async def test_two_hours_of_cleaning_on_a_day_is_not_asked_as_two_days(x: World) -> None:
    """'周六想找人打扫卫生，2个小时' (final recheck): the hours are the units of an hourly
    service, so the hour question says no "（共2天）" / "for 2 days"."""
    said = span(x, "周六想找人打扫卫生")
    booking = await draft_said(x, "home_cleaning", "jiejia", said, hours=2)
    assert (booking.units, booking.slot_start) == (2, None)
    asked = await x.last(x.resident)
    assert "几点方便" in asked.text and "天" not in asked.text.split("几点方便")[0]


async def test_cat_feeding_for_two_days_asks_a_daytime_hour_and_prices_both_days(x: World) -> None:
    """'后天想找人上门喂猫，我要出差两天': 2 days, the hour asked (no midnight), ¥50/天 × 2."""
    booking, said = await cat_for_two_days(x)
    monday = said.start.date()
    assert (booking.units, booking.wanted_day, booking.slot_start) == (2, monday, None)
    asked = await x.last(x.resident)
    assert "（共2天）几点方便" in asked.text and "00:00" not in asked.text
    assert [b["text"] for b in asked.buttons] == [
        "上午 09:00-12:00",
        "下午 14:00-17:00",
        "晚上 18:00-20:00",
    ]
    assert (await typed(x, booking, "上午10点")) == Said(True)
    kept = await x.get(booking.id)
    assert kept.slot_start == datetime.combine(
        monday, datetime.min.time(), x.w.community.tz
    ) + timedelta(hours=10)
    assert kept.units == 2
    async with x.w.tx() as tx:
        await x.s.flow.give_note(tx, kept, x.resident, None)
        await x.s.flow.give_door_code(tx, await x.s.deps.reload(tx, kept.id), x.resident, None)
    summary = await x.last(x.resident)
    assert "¥50/天 × 2 天 = ¥100" in summary.text and "共2天" in summary.text


async def test_an_hour_after_the_day_question_may_also_change_the_day(x: World) -> None:
    booking = await draft_at_slot(x, RANGE_HOOD, "jiejia")
    said = await typed(x, booking, "周一")
    assert said.consumed and said.text is not None  # the hours of Monday, asked
    assert (await typed(x, booking, "周二下午3点")) == Said(True)
    assert (await x.get(booking.id)).slot_start == START.replace(day=1, month=12, hour=15)


# -- cancel words and another address --------------------------------------------------------


async def test_cancel_words_end_the_draft(x: World) -> None:
    booking = await draft_at_slot(x, RANGE_HOOD, "jiejia")
    async with x.w.tx() as tx:
        await x.s.timing.drop(tx, booking, x.resident)
    assert (await x.get(booking.id)).status == Status.CANCELLED
    async with x.w.db.read() as tx:
        assert await x.people.expecting(tx, x.resident.id) is None


async def test_another_address_for_this_booking_only(x: World) -> None:
    await remember_address(x)
    async with x.w.tx() as tx:
        booking = await x.s.flow.start(tx, x.resident, RANGE_HOOD, SLOT, SLOT_END)
        assert booking is not None
        await x.s.flow.choose_provider(tx, booking, x.resident, "jiejia")
        await x.s.timing.choose(tx, await x.s.deps.reload(tx, booking.id), x.resident, "keep")
        await x.s.flow.give_note(tx, await x.s.deps.reload(tx, booking.id), x.resident, None)
    summary = await x.last(x.resident)
    assert (Action.OTHER_ADDRESS, (str(booking.id),)) in _actions(x, summary)
    async with x.w.tx() as tx:
        draft = await x.s.deps.reload(tx, booking.id)
        asked = await x.s.timing.other_address(tx, draft, x.resident)
        again = await x.s.deps.reload(tx, booking.id)
        text, _ = await x.s.timing.address_once(tx, again, x.resident, Address("5", "1", "302"))
    assert asked == T("bookflow.ask_address_once")
    assert "5-1-302" in rendered(text)
    async with x.w.db.read() as tx:
        assert await x.people.address(tx, x.resident.id) == Address("3", "2", "501")
    assert (await x.get(booking.id)).address == Address("5", "1", "302")


# -- my bookings and where one stands ---------------------------------------------------------


async def test_my_bookings_and_when_the_worker_comes(x: World) -> None:
    async with x.w.tx() as tx:
        text, buttons = await x.s.mine.listing(tx, x.resident)
    assert text == T("bookflow.mine_none") and buttons == []
    booking = await confirmed(x)
    async with x.w.tx() as tx:
        waiting, _ = await x.s.mine.stands(tx, x.resident, None)
        await x.s.dispatch.accept(tx, booking.id, 0, x.zhao)
        accepted, _ = await x.s.mine.stands(tx, x.resident, None)
        text, buttons = await x.s.mine.listing(tx, x.resident)
    assert "正在联系洁家家政" in rendered(waiting)
    assert "赵阿姨已接单，11月29日 周日 09:00-12:00 上门" in rendered(accepted)
    assert "已接单（赵阿姨）" in rendered(text)
    actions = [
        (a, args)
        for row in buttons
        for b in row
        if (a := x.w.signer.verify(b.data)) and (args := a.args)
    ]
    assert {a.action for a, _ in actions} == {Action.MOVE, Action.CANCEL}


async def test_a_draft_called_off_is_not_listed_among_my_bookings(x: World) -> None:
    """ "算了" before confirming: nothing was booked, so 我的预约 does not list a cancelled one;
    a confirmed booking cancelled later is listed."""
    async with x.w.tx() as tx:
        draft = await x.s.flow.start(tx, x.resident, RANGE_HOOD, SLOT, SLOT_END)
        assert draft is not None
        await x.s.timing.drop(tx, draft, x.resident)
        text, _ = await x.s.mine.listing(tx, x.resident)
    assert text == T("bookflow.mine_none")
    booking = await confirmed(x)
    async with x.w.tx() as tx:
        await x.s.cancelling.cancel(tx, booking, x.resident)
        text, _ = await x.s.mine.listing(tx, x.resident)
    assert f"#{booking.id}" in rendered(text) and "#1 " not in rendered(text)


async def test_asking_about_a_service_not_booked_offers_to_book_it(x: World) -> None:
    async with x.w.tx() as tx:
        text, buttons = await x.s.mine.stands(tx, x.resident, RANGE_HOOD)
    assert text == T("bookflow.status_none_service", service=x.names.name(RANGE_HOOD))
    assert buttons is not None and x.w.signer.verify(buttons[0][0].data).action == Action.NEW  # type: ignore[union-attr]


async def test_asking_about_a_relative_service_answers_the_one_open_booking(x: World) -> None:
    """'when will the plumber come?' with one open booking of another service (a drain, a
    cleaning): that booking is meant; no second booking is offered while one is open."""
    booking = await confirmed(x)
    async with x.w.tx() as tx:
        text, buttons = await x.s.mine.stands(tx, x.resident, "plumbing_repair")
    assert text != T("bookflow.status_none_service", service=x.names.name("plumbing_repair"))
    assert "正在联系洁家家政" in rendered(text)
    pressed = {x.w.signer.verify(b.data).action for row in buttons or [] for b in row}  # type: ignore[union-attr]
    assert Action.NEW not in pressed and booking.id


# -- rescheduling -------------------------------------------------------------------------


async def accepted(x: World) -> Booking:
    booking = await confirmed(x)
    async with x.w.tx() as tx:
        await x.s.dispatch.accept(tx, booking.id, 0, x.zhao)
    return await x.get(booking.id)


async def propose(x: World, text: str) -> Said:
    """What the handler does with '能不能改到下午' (a day named or not, from the words)."""
    named = says_day(text, x.w.clock.now(), x.w.community.tz)
    async with x.w.tx() as tx:
        return await x.s.moving.request(tx, x.resident, None, span(x, text), named)


async def test_nobody_accepted_yet_the_booking_just_moves(x: World) -> None:
    booking = await confirmed(x)
    said = await propose(x, "改到明天下午3点")
    moved = await x.get(booking.id)
    start = SLOT.replace(hour=15)
    assert (moved.slot_start, moved.slot_end, moved.proposed_start) == (
        start,
        start + timedelta(hours=3),  # the 09-12 booking keeps its three hours
        None,
    )
    assert said.text is not None and "已改到" in rendered(said.text)
    edited = [m for m in await x.sent(x.zhao) if m.method == "edit"]
    assert edited and "15:00" in edited[-1].text and _actions(x, edited[-1])[0][0] == Action.ACCEPT


async def test_the_worker_agrees_to_the_new_time(x: World) -> None:
    booking = await accepted(x)
    said = await propose(x, "能不能改到下午")  # no day said: the booking's own day
    assert said.text is not None and "已把新时间" in rendered(said.text)
    asked = await x.last(x.zhao)
    assert _actions(x, asked) == [
        (Action.MOVE_YES, (str(booking.id), "1")),
        (Action.MOVE_NO, (str(booking.id), "1")),
    ]
    assert (await x.get(booking.id)).slot_start == SLOT  # unchanged until the worker agrees
    async with x.w.tx() as tx:
        toast = await x.s.moving.decide(tx, booking.id, 1, x.zhao, True)
        again = await x.s.moving.decide(tx, booking.id, 1, x.zhao, True)
    assert toast == T("bookflow.move_yes_toast") and again == T("common.stale_button")
    moved = await x.get(booking.id)
    # "下午" is the 下午 button's 14:00-17:00 (issue 13 retest: one definition of a part)
    assert (moved.slot_start, moved.slot_end) == (SLOT.replace(hour=14), SLOT.replace(hour=17))
    assert moved.proposed_start is None
    assert "赵阿姨同意了" in (await x.last(x.resident)).text
    reminders = [d for d in await pending(x) if d[1] == DeadlineKind.REMIND]
    assert [d[3] for d in reminders] == [SLOT.replace(hour=12)]


async def pending(x: World) -> list[tuple[str, str, str, datetime]]:
    async with x.w.db.read() as tx:
        return [(d.name, d.kind, d.ref, d.due_at) for d in await deadlines.pending(tx, "bk:")]


async def test_the_worker_declines_and_the_old_time_stands(x: World) -> None:
    booking = await accepted(x)
    await propose(x, "改到后天上午")
    async with x.w.tx() as tx:
        assert await x.s.moving.decide(tx, booking.id, 1, x.sun, False) == T("bookings.not_yours")
        assert await x.s.moving.decide(tx, booking.id, 1, x.zhao, False) == T(
            "bookflow.move_no_toast"
        )
    kept = await x.get(booking.id)
    assert (kept.slot_start, kept.proposed_start) == (SLOT, None)
    told = await x.last(x.resident)
    assert "不方便" in told.text and "11月29日 周日 09:00-12:00" in told.text
    assert {a for a, _ in _actions(x, told)} == {Action.MOVE, Action.CANCEL}
    assert not [d for d in await pending(x) if d[1] == DeadlineKind.MOVE]


async def test_an_unanswered_new_time_lapses(x: World) -> None:
    booking = await accepted(x)
    await propose(x, "改到后天上午")
    move = [d for d in await pending(x) if d[1] == DeadlineKind.MOVE]
    assert [(d[0], d[2]) for d in move] == [(f"bk:{booking.id}:move:1", f"{booking.id}:1")]
    async with x.w.tx() as tx:
        await x.s.moving.deadline_due(tx, DeadlineKind.MOVE, f"{booking.id}:1")
    assert (await x.get(booking.id)).proposed_start is None
    assert "没有及时回复" in (await x.last(x.resident)).text


async def test_a_late_change_is_confirmed_first(x: World) -> None:
    """Inside the late-cancel window (4h) the resident confirms before the worker is asked."""
    booking = await accepted(x)
    x.w.clock.set(SLOT - timedelta(hours=2))
    said = await propose(x, "改到下午3点")
    assert said.text is not None and "可能会收取上门费" in rendered(said.text)
    assert said.buttons is not None
    late = x.w.signer.verify(said.buttons[0][0].data)
    assert late is not None and late.action == Action.MOVE_LATE
    assert not [m for m in await x.sent(x.zhao) if "想把时间" in m.text]
    async with x.w.tx() as tx:
        await x.s.moving.confirm_late(tx, booking.id, 1, x.resident)
    assert "想把时间从" in (await x.last(x.zhao)).text


# -- the address in words -----------------------------------------------------------------


async def test_a_new_address_is_kept_and_sent_bookings_say_theirs(x: World) -> None:
    booking = await confirmed(x)  # at 3-2-501
    async with x.w.tx() as tx:
        text, buttons = await x.s.mine.change_address(tx, x.resident, Address("6", "3", "1201"))
        assert await x.people.address(tx, x.resident.id) == Address("6", "3", "1201")
    assert text == T("bookflow.address_changed_open", address="6-3-1201", ids=f"#{booking.id}")
    assert (await x.get(booking.id)).address == Address("3", "2", "501")
    pressed = {x.w.signer.verify(b.data).action for row in buttons or [] for b in row}  # type: ignore[union-attr]
    assert pressed == {Action.USE_ADDRESS}  # a move: offered, not assumed


async def test_a_corrected_address_reaches_the_worker_who_took_the_job(x: World) -> None:
    """'门牌号写错了，应该是502' (corrected) after 赵 accepted at 3-2-501: the booking's record
    goes to 3-2-502 and 赵 hears it in private (session 14 leftover 3: the old door kept)."""
    booking = await accepted(x)
    async with x.w.tx() as tx:
        fixed = Address("3", "2", "502")
        text, buttons = await x.s.mine.change_address(tx, x.resident, fixed, corrected=True)
    assert text == T("bookflow.address_fixed_open", address="3-2-502", ids=f"#{booking.id}")
    assert buttons is None and (await x.get(booking.id)).address == fixed
    told = (await x.last(x.zhao)).text
    assert "3-2-502" in told and f"#{booking.id}" in told


async def test_a_move_goes_to_an_open_booking_only_when_asked(x: World) -> None:
    """After a move, 📍 pressed for the open booking: it goes to the new home, its worker told."""
    booking = await accepted(x)
    async with x.w.tx() as tx:
        await x.s.mine.change_address(tx, x.resident, Address("5", "1", "302"))
        said = await x.s.mine.use_address(tx, booking.id, x.resident)
    assert said == T("bookflow.address_used", id=booking.id, address="5-1-302")
    assert (await x.get(booking.id)).address == Address("5", "1", "302")
    assert "5-1-302" in (await x.last(x.zhao)).text


async def test_window_cleaning_counts_square_metres_not_rooms(x: World) -> None:
    """'客厅+两个卧室大概25平方' (tester item 6): 25 m² at ¥8 = ¥200; the two bedrooms are
    no area. '大概40平' is 40 m²."""
    measures = x.s.deps.services.counted_measures("window_cleaning")
    assert count_asked("大概40平", measures) == 40
    await remember_address(x)
    said = span(x, "周日下午")
    count = count_asked("客厅+两个卧室大概25平方", measures)
    booking = await draft_at_slot(
        x, "window_cleaning", "jiejia", when_start=said.start, when_end=said.end, count=count
    )
    assert booking.units == 25
    async with x.w.tx() as tx:
        await x.s.flow.give_note(tx, booking, x.resident, None)
        await x.s.flow.give_door_code(tx, await x.s.deps.reload(tx, booking.id), x.resident, None)
    summary = await x.last(x.resident)
    assert "¥8/平方米 × 25 平方米 = ¥200" in summary.text


async def test_either_day_books_the_first_and_says_how_to_have_the_other(x: World) -> None:
    """'这周六或者周日都行' (tester item 10): Saturday, said plainly, with the word that moves
    it to Sunday; replying it moves the draft to Sunday."""
    words = "这周六或者周日都行"
    said = span(x, words)
    booking = await draft_said(x, "home_cleaning", "jiejia", said, words=words)
    told = [m for m in await x.sent(x.resident) if m.key == f"bk{booking.id}:onevisit"]
    assert len(told) == 1
    saturday, sunday = said.start.date(), said.start.date() + timedelta(days=1)
    assert (
        f"您说{saturday.month}月{saturday.day}日 周六或{sunday.month}月{sunday.day}日 周日都行"
        in (told[0].text)
    )
    assert "我先约了" in told[0].text and "直接回复“周日”" in told[0].text
    moved = await typed(x, booking, "周日")  # the hour on Sunday asked next
    assert moved.consumed and moved.text is not None and moved.text.key == "bookflow.ask_hour"
    assert (await x.get(booking.id)).wanted_day == sunday


async def test_an_evening_of_childcare_is_one_visit_of_three_hours(x: World) -> None:
    """'周五晚上7点到10点 3个小时' (tester item 11): one evening, three hours at ¥40; no
    '这 5 天里其余几天' (周五晚 was read as five nights)."""
    said = span(x, "周五晚上7点到10点 3个小时")
    assert said.days == 1
    booking = await draft_at_slot(
        x, "childcare", "property_team", when_start=said.start, when_end=said.end, hours=3
    )
    assert booking.units == 3
    assert not [m for m in await x.sent(x.resident) if m.key.endswith(":onevisit")]


async def test_before_nine_tomorrow_is_a_window_ending_at_nine(x: World) -> None:
    """'明早九点前' (tester item 9): the slot ends by 09:00 the next morning, never starts at
    09:00 (nor becomes the 09:00-12:00 morning part)."""
    booking = await draft_at_slot(x, "home_cleaning", "jiejia")
    assert (await typed(x, booking, "明早九点前")).consumed
    kept = await x.get(booking.id)
    tomorrow = x.w.clock.now().astimezone(x.w.community.tz).date() + timedelta(days=1)
    assert kept.slot_start is not None and kept.slot_end is not None
    start, end = (t.astimezone(x.w.community.tz) for t in (kept.slot_start, kept.slot_end))
    assert (start.date(), start.hour, end.date(), end.hour) == (tomorrow, 7, tomorrow, 9)
