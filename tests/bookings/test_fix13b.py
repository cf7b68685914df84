"""Review findings of issue 13 (bookings), on a real SQLite database: an unanswered late
question escalates again and counts as overdue, a confirmed summary loses its buttons, the
private line leaves bot requests to the bot, honest offer texts and totals, no arrival the day
before, withdrawal confirmed first, no ASAP at night for everyday services."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain.bookings.contract import DRAFT, SURE, Action, DeadlineKind
from bot.domain.bookings.jobs import EARLY_ARRIVAL
from bot.domain.bookings.model import Status
from bot.domain.bookings.onsite.arrival import UNANSWERED
from bot.i18n import T
from intents.times import parse_when
from tests.bookings.test_onsite import _accepted, _due
from tests.bookings.test_service import SLOT, World, _actions, _pending, confirmed, world
from tests.domain_support import rendered
from tests.harness import START

__all__ = ["world"]


async def test_an_unanswered_late_question_alerts_staff_again_and_is_overdue(
    world: World,
) -> None:
    """Nobody answers '师傅到了吗': after the window staff hear again (once) and /bookings
    counts the job overdue; asked but not yet unanswered it is overdue already."""
    x = world
    await _accepted(x)
    booking = await x.get()
    assert booking.eta_at is not None
    grace = x.w.community.policy.arrival_grace
    x.w.clock.set(booking.eta_at + grace)
    await _due(x, DeadlineKind.LATE)
    async with x.w.tx() as tx:
        listed = await x.s.staff_list(tx)
    assert listed == T("bookings.staff_list", count=1, overdue=1, lines=listed.params["lines"])
    again = [d[3] for d in await _pending(x) if d[0] == "bk:1:late:0:unanswered"]
    assert again == [booking.eta_at + grace + UNANSWERED]
    x.w.clock.set(booking.eta_at + grace + UNANSWERED)
    await _due(x, DeadlineKind.LATE)
    await _due(x, DeadlineKind.LATE)
    alerts = [m for m in await x.sent(x.staff) if m.key.startswith("bk1:staff:unanswered:")]
    assert len(alerts) == 1
    assert alerts[0].text.startswith(rendered(T("onsite.staff_unanswered_head", id=1)))
    assert "501" not in alerts[0].text


async def test_the_summary_loses_its_buttons_once_confirmed_and_its_cancel_is_stale(
    world: World,
) -> None:
    """Confirmed: the summary is edited without buttons; its old Cancel changes nothing,
    while the live booking's own Cancel still works."""
    x = world
    await confirmed(x)
    edits = [m for m in await x.sent(x.resident) if m.key.startswith("bk1:step:confirm:")]
    assert len(edits) == 1 and edits[0].method == "edit" and edits[0].buttons == []
    summary = next(m for m in await x.sent(x.resident) if m.key == "bk1:step:confirm")
    old_cancel = [a for a in _actions(x, summary) if a[0] == Action.CANCEL]
    assert old_cancel == [(Action.CANCEL, ("1", DRAFT))]
    async with x.w.tx() as tx:
        answer = await x.s.cancelling.press(tx, 1, x.resident, draft=True)
    assert answer.toast == T("common.stale_button")
    assert (await x.get()).status == Status.OFFERED
    async with x.w.tx() as tx:
        answer = await x.s.cancelling.press(tx, 1, x.resident)
    assert (await x.get()).status == Status.CANCELLED


async def test_after_a_withdrawal_the_resident_reads_what_happened(world: World) -> None:
    """赵阿姨 withdraws: the resident's '…已接单' message loses its buttons and says she
    withdrew; the next message says so instead of '暂时无法接单'; 💬 says nobody is assigned."""
    x = world
    await _accepted(x)
    async with x.w.tx() as tx:
        await x.s.dispatch.withdraw(tx, 1, x.zhao, sure=True)
    edits = [m for m in await x.sent(x.resident) if m.key.startswith("bk1:r:accepted:0:")]
    assert len(edits) == 1 and edits[0].method == "edit" and edits[0].buttons == []
    assert edits[0].text == rendered(T("onsite.resident_worker_left.withdrawn", name="赵阿姨"))
    told = next(m for m in await x.sent(x.resident) if m.key == "bk1:r:contact:1")
    lead = T("bookings.redispatch_lead.withdrawn", previous="赵阿姨")
    assert told.text.startswith(rendered(lead)) and "暂时无法接单" not in told.text
    async with x.w.tx() as tx:
        toast = await x.s.onsite.line.open(tx, 1, x.resident)
    assert toast == T("onsite.line_no_worker_toast")


async def test_after_a_no_show_the_resident_reads_that_nobody_came(world: World) -> None:
    """'没来，换个师傅': the accepted message and the next one say the worker did not come."""
    x = world
    await _accepted(x)
    booking = await x.get()
    assert booking.eta_at is not None
    x.w.clock.set(booking.eta_at + timedelta(hours=1))
    await _due(x, DeadlineKind.LATE)
    async with x.w.tx() as tx:
        await x.s.onsite.arrival.came(tx, 1, x.resident, "no")
    edits = [m for m in await x.sent(x.resident) if m.key.startswith("bk1:r:accepted:0:")]
    assert len(edits) == 1 and edits[0].buttons == []
    assert edits[0].text == rendered(T("onsite.resident_worker_left.no_show", name="赵阿姨"))
    told = next(m for m in await x.sent(x.resident) if m.key == "bk1:r:contact:1")
    assert told.text.startswith(rendered(T("bookings.redispatch_lead.no_show", previous="赵阿姨")))


async def test_an_expired_offer_does_not_claim_another_provider_took_it(world: World) -> None:
    """The last offer (the property team's) expires and staff take over: the expired offer
    says it was passed on, never 'to another provider'."""
    x = world
    await confirmed(x)
    for _ in range(3):
        booking = await x.get()
        if booking.status != Status.OFFERED:
            break
        async with x.w.tx() as tx:
            await x.s.dispatch.offer_timed_out(tx, 1, booking.attempt)
    assert (await x.get()).status == Status.UNASSIGNED
    closed = [m for m in await x.sent(x.wang) if m.key.endswith(":closed")]
    assert closed and "其他服务商" not in closed[-1].text


async def test_arrived_the_day_before_the_slot_asks_first(world: World) -> None:
    """📍 已到达 pressed the evening before: nothing recorded, the worker asked to confirm
    (the reminder stays); confirmed, the arrival is recorded."""
    x = world
    await _accepted(x)
    x.w.clock.set(SLOT - timedelta(hours=14))
    async with x.w.tx() as tx:
        toast = await x.s.jobs.arrived(tx, 1, x.zhao)
    assert toast == T("bookings.sure_toast.early")
    assert (await x.get()).status == Status.ACCEPTED
    assert [d for d in await _pending(x) if d[1] == DeadlineKind.REMIND]
    asked = await x.last(x.zhao)
    assert asked.key == "bk1:w:early:0"
    assert _actions(x, asked) == [(Action.ARRIVED, ("1", SURE))]
    async with x.w.tx() as tx:
        assert await x.s.jobs.arrived(tx, 1, x.zhao, sure=True) == T("bookings.ok_toast")
    assert (await x.get()).status == Status.ARRIVED


async def test_arrived_near_the_slot_needs_no_question(world: World) -> None:
    """Within the margin before the slot, 📍 已到达 records the arrival at once."""
    x = world
    await _accepted(x)
    x.w.clock.set(SLOT - EARLY_ARRIVAL)
    async with x.w.tx() as tx:
        assert await x.s.jobs.arrived(tx, 1, x.zhao) == T("bookings.ok_toast")
    assert (await x.get()).status == Status.ARRIVED


async def test_withdrawing_asks_are_you_sure_first(world: World) -> None:
    """↩️ 退单: asked first, the job stays; confirmed, it is re-dispatched; the question
    loses its button when the job ends for them."""
    x = world
    await _accepted(x)
    async with x.w.tx() as tx:
        assert await x.s.dispatch.withdraw(tx, 1, x.zhao) == T("bookings.sure_toast.withdraw")
    assert (await x.get()).status == Status.ACCEPTED
    asked = await x.last(x.zhao)
    assert asked.key == "bk1:w:withdraw:0"
    assert _actions(x, asked) == [(Action.WITHDRAW, ("1", SURE))]
    async with x.w.tx() as tx:
        assert await x.s.dispatch.withdraw(tx, 1, x.zhao, sure=True) == T("bookings.ok_toast")
    assert (await x.get()).status == Status.OFFERED
    ended = [m for m in await x.sent(x.zhao) if m.key.startswith("bk1:w:withdraw:0:ended")]
    assert len(ended) == 1 and ended[0].buttons == []


async def test_a_closed_job_keeps_the_multi_day_total(world: World) -> None:
    """Two days of pet sitting: the worker's message, once the job is over for them, still
    shows '× 2 天 = ¥100' (not the bare daily price)."""
    x = world
    await confirmed(x, "pet_sitting", provider="property_team")
    async with x.w.tx() as tx:
        await x.s.deps.repo.update(tx, 1, units=2)
        await x.s.dispatch.accept(tx, 1, 0, x.wang)
        await x.s.dispatch.withdraw(tx, 1, x.wang, sure=True)
    ended = [m for m in await x.sent(x.wang) if f"bk1:offer:{x.wang.id}:0:ended" in m.key]
    assert len(ended) == 1
    total = T("bookflow.worker_price_units", price="¥50", unit="天", units=2, total="¥100")
    assert rendered(total) in ended[0].text


@pytest.mark.parametrize(
    ("unit", "price", "total", "said"),
    [
        ("day", "¥50", "¥100", "Price: ¥50/day × 2 = ¥100"),
        # the final recheck: "¥45/hour × 2 days = ¥90" for two hours of cleaning
        ("hour", "¥45", "¥90", "Price: ¥45/hour × 2 = ¥90"),
    ],
)
def test_the_english_total_names_no_wrong_unit(
    unit: str, price: str, total: str, said: str
) -> None:
    """The unit is said once, after the price ("/hour", "/day"): "× 2 days" was written for
    every unit, hours included."""
    line = T(
        "bookflow.worker_price_units",
        price=price,
        unit={"zh": "x", "en": unit},
        units=2,
        total=total,
    )
    assert rendered(line, "en") == said


async def test_the_backstop_without_its_own_price_gets_the_agreed_price(world: World) -> None:
    """The property team (物业兜底) is offered a service it lists no price for: its offer shows
    the price the resident agreed, never an empty price line."""
    x = world
    await confirmed(x)
    async with x.w.tx() as tx:
        for attempt in range(2):
            await x.s.dispatch.offer_timed_out(tx, 1, attempt)
    booking = await x.get()
    assert booking.current_provider == "property_team" and booking.status == Status.OFFERED
    offer = next(m for m in await x.sent(x.wang) if m.key == f"bk1:offer:{x.wang.id}:2")
    assert "价格：¥180/台" in offer.text and "\n\n" not in offer.text


async def test_a_redispatch_keeps_the_price_the_resident_agreed(world: World) -> None:
    """洁家家政 (¥180/台) declines: 快修师傅 (¥200/台 in its list) is offered the job at the
    agreed ¥180, and the resident reads that the price stays."""
    x = world
    await confirmed(x)
    async with x.w.tx() as tx:
        await x.s.dispatch.decline(tx, 1, 0, x.zhao)
    offer = next(m for m in await x.sent(x.sun) if m.key == f"bk1:offer:{x.sun.id}:1")
    assert "¥180/台" in offer.text and "¥200" not in offer.text
    told = next(m for m in await x.sent(x.resident) if m.key == "bk1:r:contact:1")
    assert "¥180/台" in told.text and "¥200" not in told.text


NIGHT = START.replace(hour=23, minute=58)  # Saturday 23:58, in the quiet hours


async def test_asap_at_night_for_an_everyday_service_offers_the_morning(world: World) -> None:
    """'现在就要人来打扫卫生' at 23:58: no ✅ 尽快 for home cleaning; the time step asks the
    hour tomorrow (the earliest daytime). Typed '尽快' there does the same."""
    x = world
    x.w.clock.set(NIGHT)
    said = parse_when("现在就要人来打扫卫生", NIGHT, x.w.community.tz)
    assert said is not None and said.asap
    async with x.w.tx() as tx:
        booking = await x.s.flow.start(
            tx, x.resident, "home_cleaning", said.start, said.end, asap=True
        )
        assert booking is not None
        assert await x.s.flow.choose_provider(tx, booking, x.resident, "jiejia")
    booking = await x.get()
    assert not booking.asap and booking.wanted_day == NIGHT.date() + timedelta(days=1)
    asked = await x.last(x.resident)
    assert "asap" not in [a[1][-1] for a in _actions(x, asked)]
    async with x.w.tx() as tx:
        said_now = await x.s.timing.typed(tx, booking, x.resident, "尽快")
    assert said_now.consumed
    assert not (await x.get()).asap


async def test_asap_at_night_stays_for_an_urgent_service(world: World) -> None:
    """A blocked drain at 23:58 is still dispatched as soon as possible."""
    x = world
    x.w.clock.set(NIGHT)
    async with x.w.tx() as tx:
        booking = await x.s.flow.start(tx, x.resident, "drain_unclogging", NIGHT, None, asap=True)
    assert booking is not None and (await x.get()).asap
