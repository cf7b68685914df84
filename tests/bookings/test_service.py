"""Booking use cases on a real, migrated SQLite database: what they queue, store and schedule.

No Telegram and no sandbox: each test drives the service the handlers call, then reads the
outbox (rendered texts, dedupe keys, signed buttons), the repository and the deadline rows.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot import deadlines
from bot.clock import FakeClock, to_db
from bot.domain.bookings import BookingService, build
from bot.domain.bookings.contract import Action, Awaiting, DeadlineKind, DeadlineRef, Pending
from bot.domain.bookings.model import Booking, Status
from bot.domain.catalogue import ServiceCatalogue
from bot.domain.exports import export_csv
from bot.domain.misses import Miss, top_misses, unserved
from bot.domain.people import Address, People, Person, Role
from bot.i18n import T
from bot.i18n.fmt import when_both
from intents import Catalogue
from tests.domain_support import SECRET, DomainWorld, QueuedMessage, domain_world, rendered
from tests.harness import START

SLOT = START + timedelta(days=1, hours=1)  # Sunday 09:00
SLOT_END = SLOT + timedelta(hours=3)
RANGE_HOOD = "range_hood_cleaning"  # jiejia ¥180 (chosen), kuaixiu ¥200, then the property team


@dataclass
class World:
    """The service on a real database, with the people a dispatch needs."""

    w: DomainWorld
    s: BookingService
    people: People
    names: ServiceCatalogue
    resident: Person
    zhao: Person  # 洁家家政 (jiejia)
    sun: Person  # 快修师傅 (kuaixiu)
    wang: Person  # property team
    zhang: Person  # housekeeper of buildings 1-3
    staff: Person

    async def get(self, booking_id: int = 1) -> Booking:
        """A booking as stored."""
        async with self.w.db.read() as tx:
            booking = await self.s.deps.repo.get(tx, booking_id)
        assert booking is not None
        return booking

    async def sent(self, person: Person) -> list[QueuedMessage]:
        """What was queued for a person."""
        return await self.w.queued.all(person.telegram_id)

    async def last(self, person: Person) -> QueuedMessage:
        """The last message queued for a person."""
        return (await self.sent(person))[-1]

    async def sql(self, query: str, *params: Any) -> list[tuple[Any, ...]]:
        """Rows of a read-only query, for asserting on tables the repo writes."""
        async with self.w.db.read() as tx:
            return [tuple(r) for r in await tx.all(query, params)]


CREW: list[tuple[int, str, Role | None, str]] = [
    (6001, "小李", None, ""),
    (3001, "赵阿姨", "provider", "jiejia"),
    (3002, "孙师傅", "provider", "kuaixiu"),
    (3003, "王师傅", "provider", "property_team"),
    (2001, "张管家", "housekeeper", "hk_zhang"),
    (1001, "刘主任", None, ""),  # staff by the community file
]


async def _world(w: DomainWorld, crew: list[tuple[int, str, Role | None, str]]) -> World:
    people = People(w.community, w.clock)
    names = ServiceCatalogue(w.community, Catalogue.default())
    s = build(
        community=w.community,
        services=names,
        people=people,
        outbox=w.outbox,
        audit=w.audit,
        signer=w.signer,
        clock=w.clock,
        secret_key=SECRET,
    )
    made = []
    async with w.tx() as tx:
        for telegram_id, name, role, ref in crew:
            person, _ = await people.ensure(tx, telegram_id, name)
            if role is not None:
                await people.grant(tx, person.id, role, ref)
            made.append(person)
    return World(w, s, people, names, *made)


@pytest.fixture
async def world(store: Path | str) -> AsyncIterator[World]:
    """Sample community, one resident, a member for each provider, a housekeeper and staff."""
    async with domain_world(store, FakeClock(START)) as w:
        yield await _world(w, CREW)


async def confirmed(
    x: World, service: str = RANGE_HOOD, provider: str = "jiejia", door: str | None = None
) -> Booking:
    """Walk the draft through its use cases (keeping the mentioned slot) and confirm it."""
    s, me = x.s, x.resident
    async with x.w.tx() as tx:
        booking = await s.flow.start(tx, me, service, SLOT, SLOT_END)
        assert booking is not None
        if booking.step == "provider":
            assert await s.flow.choose_provider(tx, booking, me, provider)
            assert await s.flow.choose_slot(tx, await s.deps.reload(tx, booking.id), me, "keep")
        if (await s.deps.reload(tx, booking.id)).step == "address":
            address = Address("3", "2", "501")
            await s.flow.give_address(tx, await s.deps.reload(tx, booking.id), me, address)
        await s.flow.give_note(tx, await s.deps.reload(tx, booking.id), me, None)
        if (await s.deps.reload(tx, booking.id)).step == "door":
            await s.flow.give_door_code(tx, await s.deps.reload(tx, booking.id), me, door)
        draft = await s.deps.reload(tx, booking.id)
        assert draft.step == "confirm"
        await s.dispatch.confirm(tx, draft, me)
    return await x.get(booking.id)


def _name(x: World, provider_id: str) -> dict[str, str]:
    provider = x.w.community.provider(provider_id)
    assert provider is not None
    return {"zh": provider.name_zh, "en": provider.name_en}


def _when(x: World) -> dict[str, str]:
    return when_both(SLOT, SLOT_END, x.w.community.tz)


def _actions(x: World, message: QueuedMessage) -> list[tuple[str, tuple[str, ...]]]:
    """The verified action and arguments of each button."""
    out = []
    for data in message.button_data:
        press = x.w.signer.verify(data)
        assert press is not None, data
        out.append((press.action, press.args))
    return out


async def _pending(x: World, prefix: str = "bk:") -> list[tuple[str, str, str, datetime]]:
    async with x.w.db.read() as tx:
        return [(d.name, d.kind, d.ref, d.due_at) for d in await deadlines.pending(tx, prefix)]


# -- the draft -------------------------------------------------------------------------------


async def test_start_asks_for_a_provider_with_prices_ratings_and_market(world: World) -> None:
    """The first step lists every eligible provider as a signed button, cheapest first."""
    x = world
    async with x.w.tx() as tx:
        booking = await x.s.flow.start(tx, x.resident, RANGE_HOOD, SLOT, SLOT_END)
    assert booking is not None and booking.status == "draft" and booking.step == "provider"
    assert (booking.slot_start, booking.slot_end) == (SLOT, SLOT_END)
    asked = await x.last(x.resident)
    assert asked.key == "bk1:step:provider"
    market = T("bookings.market", market="¥240")
    assert asked.text == rendered(
        T("bookings.choose_provider", service=x.names.name(RANGE_HOOD), market=market)
    )
    assert _actions(x, asked) == [
        (Action.PROVIDER, ("1", "jiejia")),
        (Action.PROVIDER, ("1", "kuaixiu")),
        (Action.CANCEL, ("1", "draft")),  # stale once confirmed
    ]


async def test_a_service_nobody_may_be_offered_starts_no_draft(world: World) -> None:
    """With its only provider suspended the resident is told, nothing is stored, and staff are
    not told about a suspension they made themselves."""
    x = world
    kuaixiu = x.w.community.provider("kuaixiu")
    assert kuaixiu is not None
    async with x.w.tx() as tx:
        await x.s.providers.suspend(tx, kuaixiu, x.staff, True)
        assert await x.s.flow.start(tx, x.resident, "bicycle_repair") is None
    told = await x.last(x.resident)
    service = x.names.name("bicycle_repair")
    assert told.text == rendered(T("bookings.no_provider", service=service))
    assert await x.sql("SELECT id FROM bookings") == []
    assert await x.sent(x.staff) == []
    async with x.w.tx() as tx:
        await x.s.providers.suspend(tx, kuaixiu, x.staff, False)
        assert await x.s.flow.start(tx, x.resident, "bicycle_repair") is not None


async def _unmet(x: World) -> tuple[list[Miss], list[tuple[str, int, int]]]:
    """What /misses lists as not understood, and the services nobody could take (by service:
    residents, asks) that /misses, the console's Demand page and the weekly report show."""
    async with x.w.db.read() as tx:
        top = await top_misses(tx)
        found = await unserved(tx, START - timedelta(days=1), START + timedelta(days=7))
    return top, [(u.service, u.residents, u.asks) for u in found]


async def test_a_service_nobody_may_take_is_unmet_demand(world: World) -> None:
    """Asked while its only provider is suspended (session 10, tester 4, finding 7): the ask
    is unmet demand of that service, never a text "not understood" (issue 15's testers saw
    "没听懂" in /misses); twice the same day counts once, the next day again."""
    x = world
    kuaixiu = x.w.community.provider("kuaixiu")
    assert kuaixiu is not None
    async with x.w.tx() as tx:
        await x.s.providers.suspend(tx, kuaixiu, x.staff, True)
        for _ in range(2):
            assert await x.s.flow.start(tx, x.resident, "bicycle_repair") is None
    assert await _unmet(x) == ([], [("bicycle_repair", 1, 1)])
    x.w.clock.advance(timedelta(days=1))
    async with x.w.tx() as tx:
        assert await x.s.flow.start(tx, x.resident, "bicycle_repair") is None
        assert await x.s.flow.start(tx, x.zhang, "bicycle_repair") is None
    assert await _unmet(x) == ([], [("bicycle_repair", 2, 3)])


async def test_a_service_before_any_worker_joined_is_unmet_demand(store: Path | str) -> None:
    """No provider's worker has joined yet (so nobody could take a job): the resident asking
    for 油烟机清洗 is told so, and it is counted as unmet demand of that service."""
    crew = [(tid, name, None, "") if role == "provider" else (tid, name, role, ref)
            for tid, name, role, ref in CREW]  # fmt: skip
    async with domain_world(store, FakeClock(START)) as w:
        x = await _world(w, crew)
        async with x.w.tx() as tx:
            assert await x.s.flow.start(tx, x.resident, RANGE_HOOD) is None
        told = await x.last(x.resident)
        assert told.text == rendered(T("bookings.no_provider", service=x.names.name(RANGE_HOOD)))
        assert await _unmet(x) == ([], [(RANGE_HOOD, 1, 1)])


async def test_a_new_draft_abandons_the_previous_one(world: World) -> None:
    """One draft per resident: starting another abandons the unfinished one."""
    x = world
    async with x.w.tx() as tx:
        await x.s.flow.start(tx, x.resident, RANGE_HOOD)
        await x.s.flow.start(tx, x.resident, "home_cleaning")
    assert await x.sql("SELECT id, status FROM bookings") == [(1, "abandoned"), (2, "draft")]


async def test_the_address_is_asked_once_then_remembered(world: World) -> None:
    """The address step awaits a typed answer; the next draft skips it."""
    x = world
    async with x.w.tx() as tx:
        booking = await x.s.flow.start(tx, x.resident, RANGE_HOOD, SLOT, SLOT_END)
        assert booking is not None
        await x.s.flow.choose_provider(tx, booking, x.resident, "jiejia")
        await x.s.flow.choose_slot(tx, await x.s.deps.reload(tx, 1), x.resident, "d1pm")
        assert await x.people.expecting(tx, x.resident.id) == (Pending.ADDRESS, {"booking": 1})
    assert (await x.last(x.resident)).text == rendered(T("bookings.ask_address"))
    stored = await x.get()
    assert stored.step == "address" and stored.slot_start == SLOT + timedelta(hours=5)
    async with x.w.tx() as tx:
        await x.s.flow.give_address(tx, stored, x.resident, Address("3", "2", "501"))
        second = await x.s.flow.start(tx, x.resident, "home_cleaning", SLOT, SLOT_END)
        assert second is not None
        await x.s.flow.choose_provider(tx, second, x.resident, "jiejia")
        await x.s.flow.choose_slot(tx, await x.s.deps.reload(tx, 2), x.resident, "keep")
    again = await x.get(2)
    assert again.step == "note" and again.address == Address("3", "2", "501")
    keys = [m.key for m in await x.sent(x.resident)]
    assert "bk2:step:address" not in keys and keys[-1] == "bk2:step:note"


async def test_stale_draft_answers_are_refused(world: World) -> None:
    """A press for an earlier step, or for someone else's draft, changes nothing."""
    x = world
    async with x.w.tx() as tx:
        await x.s.flow.start(tx, x.resident, RANGE_HOOD, SLOT, SLOT_END)
        assert await x.s.flow.draft_of(tx, 1, x.resident, "slot") is None
        assert await x.s.flow.draft_of(tx, 1, x.zhao, "provider") is None
        booking = await x.s.flow.draft_of(tx, 1, x.resident, "provider")
        assert booking is not None
        assert not await x.s.flow.choose_provider(tx, booking, x.resident, "nobody")
        assert not await x.s.flow.choose_slot(tx, booking, x.resident, "d9xx")
    assert (await x.get()).step == "provider"


async def test_a_door_code_is_sealed_and_only_the_assigned_worker_sees_it(world: World) -> None:
    """Pet sitting asks for a door code: kept encrypted, summarised without the code, shown
    only to the assigned worker between accept and done, then purged; every reveal audited."""
    x = world
    booking = await confirmed(x, "pet_sitting", provider="property_team", door=" 4321# ")
    assert booking.has_door_code and booking.plan == ["property_team"]
    summary = next(m for m in await x.sent(x.resident) if m.key == "bk1:step:confirm")
    assert rendered(T("bookings.line_door")) in summary.text and "4321" not in summary.text
    sealed = await x.sql("SELECT door_code FROM bookings")
    assert "4321" not in str(sealed)
    async with x.w.tx() as tx:
        assert await x.s.jobs.reveal_door_code(tx, 1, x.wang) == T("common.stale_button")
        await x.s.dispatch.accept(tx, 1, 0, x.wang)
        assert await x.s.jobs.reveal_door_code(tx, 1, x.zhang) == T("bookings.not_yours")
        assert await x.s.jobs.reveal_door_code(tx, 1, x.wang) == T(
            "bookings.door_code", code="4321#"
        )
        await x.s.jobs.arrived(tx, 1, x.wang, sure=True)
        await x.s.jobs.done(tx, 1, x.wang)
        assert await x.s.jobs.reveal_door_code(tx, 1, x.wang) == T("common.stale_button")
    assert await x.sql("SELECT door_code FROM bookings") == [(None,)]
    actions = await x.sql("SELECT action FROM audit WHERE action LIKE 'door_code%' ORDER BY id")
    assert [a for (a,) in actions] == [
        "door_code_stored",
        "door_code_refused",
        "door_code_revealed",
        "door_code_purged",
    ]


# -- dispatch --------------------------------------------------------------------------------


async def test_confirm_builds_the_plan_and_offers_the_chosen_provider(world: World) -> None:
    """The chosen provider first, the other eligible one, the property team last; the offer
    has signed accept/decline buttons, a response window and a deadline row."""
    x = world
    booking = await confirmed(x)
    assert booking.status == Status.OFFERED and booking.attempt == 0
    assert booking.plan == ["jiejia", "kuaixiu", "property_team"]
    offer = await x.last(x.zhao)
    assert offer.key == f"bk1:offer:{x.zhao.id}:0"
    assert _actions(x, offer) == [(Action.ACCEPT, ("1", "0")), (Action.DECLINE, ("1", "0"))]
    assert "3" in offer.text and "501" not in offer.text  # the building, never the room
    window = x.names.response_window(RANGE_HOOD)
    due = DeadlineRef(DeadlineKind.OFFER, 1, 0)
    assert await _pending(x) == [(due.name, "bk_offer", "1:0", START + window)]
    contacting = await x.last(x.resident)
    assert contacting.key == "bk1:r:contact:0"
    assert contacting.text == rendered(
        T("bookings.resident_contacting", provider=_name(x, "jiejia"))
    )
    assert await x.sql("SELECT attempt, provider_id, recipients, outcome FROM booking_offers") == [
        (0, "jiejia", f"[{x.zhao.id}]", None)
    ]


async def test_a_decline_redispatches_at_the_agreed_price(world: World) -> None:
    """Declining closes the offer for its recipients and asks the next provider."""
    x = world
    await confirmed(x)
    async with x.w.tx() as tx:
        assert await x.s.dispatch.decline(tx, 1, 0, x.sun) == T("bookings.not_yours")
        assert await x.s.dispatch.decline(tx, 1, 0, x.zhao) == T("bookings.declined_toast")
        assert await x.s.dispatch.decline(tx, 1, 0, x.zhao) == T("bookings.offer_gone")
    closed = await x.last(x.zhao)
    assert closed.method == "edit" and closed.key == f"bk1:offer:{x.zhao.id}:0:closed"
    # the declined offer keeps its summary (service, time, building, price), never the room
    assert closed.text.endswith(rendered(T("bookings.offer_declined", id=1)))
    assert "油烟机清洗" in closed.text and "楼栋：3栋" in closed.text and "¥180/台" in closed.text
    assert "501" not in closed.text and closed.buttons == []
    assert (await x.last(x.sun)).key == f"bk1:offer:{x.sun.id}:1"
    told = await x.last(x.resident)
    assert told.text == rendered(
        T(
            "bookings.resident_redispatch_price",
            lead=T("bookings.redispatch_lead.declined", previous=_name(x, "jiejia")),
            provider=_name(x, "kuaixiu"),
            price="¥180",  # the price the resident agreed stays (D: kept on re-dispatch)
            unit={"zh": "台", "en": "unit"},
        )
    )
    assert [name for name, *_ in await _pending(x)] == ["bk:1:offer:1"]
    assert (await x.get()).attempt == 1


async def test_timeouts_run_through_the_plan_to_the_backstop_then_staff(world: World) -> None:
    """Each window that closes moves the job on; after the property team, staff are alerted."""
    x = world
    await confirmed(x)
    for attempt in range(3):
        async with x.w.tx() as tx:
            await x.s.dispatch.deadline_due(tx, "bk_offer", f"1:{attempt}")
    backstop = [m.key for m in await x.sent(x.wang)] + [m.key for m in await x.sent(x.zhang)]
    assert f"bk1:offer:{x.wang.id}:2" in backstop and f"bk1:offer:{x.zhang.id}:2" in backstop
    booking = await x.get()
    assert booking.status == Status.UNASSIGNED and booking.attempt == 3
    assert (await x.last(x.resident)).text == rendered(T("bookings.resident_unassigned"))
    alert = await x.last(x.staff)
    assert alert.key == f"bk1:staff:unassigned:2:{x.staff.id}"
    assert alert.text.startswith("⚠️ 订单 #1（油烟机清洗）没有人接单")
    # what staff need, by name: who was asked, when, where, the price, how long it has waited
    assert (
        "已联系：洁家家政（超时未回应）、快修师傅（超时未回应）、香溪美地物业服务中心（超时未回应）"
        in alert.text
    )
    assert "3栋" in alert.text and "¥180/台" in alert.text and "已等待：" in alert.text
    assert "jiejia" not in alert.text and "501" not in alert.text
    outcomes = await x.sql("SELECT outcome FROM booking_offers ORDER BY attempt")
    assert outcomes == [("timeout",), ("timeout",), ("timeout",)]
    assert await _pending(x) == []
    async with x.w.tx() as tx:  # a late or malformed deadline changes nothing
        await x.s.dispatch.deadline_due(tx, "bk_offer", "1:1")
        await x.s.dispatch.deadline_due(tx, "bk_offer", "garbage")
    assert (await x.get()) == booking


async def test_a_provider_with_nobody_to_tell_is_skipped(store: Path | str) -> None:
    """Without members, kuaixiu is never quoted nor put in the plan (nobody could take the
    job: the retest of issue 15, M3): after 洁家家政 declines, the property team is asked."""
    crew = [c for c in CREW if c[3] != "kuaixiu"]
    async with domain_world(store, FakeClock(START)) as w:
        x = await _world(w, [*crew[:2], (3002, "孙师傅", None, ""), *crew[2:]])
        await confirmed(x)
        async with x.w.tx() as tx:
            await x.s.dispatch.decline(tx, 1, 0, x.zhao)
        rows = await x.sql("SELECT attempt, provider_id, outcome FROM booking_offers")
        assert rows == [(0, "jiejia", "declined"), (1, "property_team", None)]
        assert (await x.get()).attempt == 1
        assert (await x.last(x.wang)).key == f"bk1:offer:{x.wang.id}:1"


async def test_exactly_one_accept_wins_and_the_reminder_is_scheduled(world: World) -> None:
    """Two recipients of the backstop offer: the first wins, the other's buttons go away."""
    x = world
    await confirmed(x)
    for attempt in range(2):
        async with x.w.tx() as tx:
            await x.s.dispatch.offer_timed_out(tx, 1, attempt)
    async with x.w.tx() as tx:
        assert await x.s.dispatch.accept(tx, 1, 2, x.zhang) == T("bookings.accepted_toast")
        assert await x.s.dispatch.accept(tx, 1, 2, x.wang) == T("bookings.offer_gone")
    booking = await x.get()
    assert booking.status == Status.ACCEPTED and booking.assignee_id == x.zhang.id
    taken = await x.last(x.wang)
    assert taken.text.endswith(rendered(T("bookings.offer_taken", id=1, name="张管家")))
    job = await x.last(x.zhang)
    assert job.key == f"bk1:offer:{x.zhang.id}:2:won" and "3-2-501" in job.text
    assert _actions(x, job) == [
        (Action.ARRIVED, ("1",)),
        (Action.WITHDRAW, ("1",)),
        (Action.LINE, ("1",)),  # the private line to the resident
    ]
    told = await x.last(x.resident)
    assert told.text == rendered(T("bookings.resident_accepted", name="张管家", when=_when(x)))
    remind = DeadlineRef(DeadlineKind.REMIND, 1, 2)
    before = x.w.community.policy.reminder_before
    late = DeadlineRef(DeadlineKind.LATE, 1, 2)  # not there by the slot's end + grace: asked
    grace = x.w.community.policy.arrival_grace
    assert sorted(await _pending(x)) == [
        (f"{late.name}:{to_db(SLOT_END)}", "bk_late", "1:2", SLOT_END + grace),
        (remind.name, "bk_remind", "1:2", SLOT - before),
    ]
    async with x.w.tx() as tx:
        await x.s.dispatch.deadline_due(tx, remind.kind, remind.ref)
    assert (await x.last(x.resident)).key == "bk1:r:remind:2"
    assert (await x.last(x.zhang)).key == "bk1:w:remind:2"


async def test_a_withdrawal_redispatches_and_clears_the_worker(world: World) -> None:
    """The assigned worker gives the job back: their reminder goes, the next provider is asked,
    and they are no longer the booking's worker (even when nobody is left)."""
    x = world
    await confirmed(x)
    async with x.w.tx() as tx:
        await x.s.dispatch.accept(tx, 1, 0, x.zhao)
        assert await x.s.dispatch.withdraw(tx, 1, x.sun) == T("bookings.not_yours")
        assert await x.s.dispatch.withdraw(tx, 1, x.zhao, sure=True) == T("bookings.ok_toast")
    booking = await x.get()
    assert booking.status == Status.OFFERED and booking.attempt == 1
    assert booking.assignee_id is None
    assert [n for n, *_ in await _pending(x)] == ["bk:1:offer:1"]  # the reminder is gone
    assert (await x.last(x.zhao)).text == rendered(T("bookings.worker_withdrawn", id=1))
    async with x.w.tx() as tx:
        await x.s.dispatch.offer_timed_out(tx, 1, 1)
        await x.s.dispatch.accept(tx, 1, 2, x.wang)
        await x.s.dispatch.withdraw(tx, 1, x.wang, sure=True)
    last = await x.get()
    assert last.status == Status.UNASSIGNED and last.assignee_id is None
    outcomes = await x.sql("SELECT outcome FROM booking_offers ORDER BY attempt")
    assert outcomes == [("withdrawn",), ("timeout",), ("withdrawn",)]


# -- the job, ratings ------------------------------------------------------------------------


async def _accepted(x: World) -> None:
    await confirmed(x)
    async with x.w.tx() as tx:
        await x.s.dispatch.accept(tx, 1, 0, x.zhao)


async def test_arrive_done_rate_and_comment(world: World) -> None:
    """Only the worker moves the job; the resident rates once and may add a comment."""
    x = world
    await _accepted(x)
    async with x.w.tx() as tx:
        assert await x.s.jobs.done(tx, 1, x.zhao) == T("common.stale_button")  # not arrived
        assert await x.s.jobs.arrived(tx, 1, x.sun, sure=True) == T("bookings.not_yours")
        assert await x.s.jobs.arrived(tx, 1, x.zhao, sure=True) == T("bookings.ok_toast")
        assert await x.s.jobs.done(tx, 1, x.zhao) == T("bookings.ok_toast")
    assert await _pending(x) == []  # the reminder went with the arrival
    rate = await x.last(x.resident)
    assert rate.key == "bk1:r:done"
    assert _actions(x, rate) == [(Action.RATE, ("1", str(n))) for n in range(1, 6)]
    async with x.w.tx() as tx:
        assert await x.s.jobs.rate(tx, 1, x.zhao, 5) == T("bookings.not_yours")
        assert await x.s.jobs.rate(tx, 1, x.resident, 6) == T("common.stale_button")
        assert await x.s.jobs.rate(tx, 1, x.resident, 4) == T("bookings.thanks_toast")
        assert await x.s.jobs.rate(tx, 1, x.resident, 5) == T("common.stale_button")
        assert await x.s.jobs.comment_awaited(tx, x.resident, 1)
        assert await x.s.jobs.typed_comment(tx, x.resident, Awaiting(1), "  很干净  ")
        assert not await x.s.jobs.comment_awaited(tx, x.resident, 1)
    assert (await x.get()).status == Status.RATED
    assert await x.sql("SELECT provider_id, stars, comment FROM ratings") == [
        ("jiejia", 4, "很干净")
    ]
    assert (await x.last(x.resident)).text == rendered(T("bookings.thanks"))
    assert await x.sent(x.staff) == []


async def test_a_comment_with_contact_details_is_kept_but_exported_redacted(world: World) -> None:
    """The comment is stored as written (staff may need it), yet the ratings CSV, which is
    mailed around, has neither the phone number, nor the address, nor the door code."""
    x = world
    await _accepted(x)
    comment = "很好，有事打我电话13800001111，住5栋1单元1202，门禁密码#8866"
    async with x.w.tx() as tx:
        await x.s.jobs.arrived(tx, 1, x.zhao, sure=True)
        await x.s.jobs.done(tx, 1, x.zhao)
        await x.s.jobs.rate(tx, 1, x.resident, 5)
        assert await x.s.jobs.typed_comment(tx, x.resident, Awaiting(1), comment)
    async with x.w.db.read() as tx:
        text = await export_csv(tx, "ratings")
    assert text.splitlines()[1].split(",")[4] == "很好，有事打我电话***，住***，门禁密码***"
    for private in ("13800001111", "1202", "8866", "5栋"):
        assert private not in text


async def test_a_low_rating_blocks_the_provider_for_that_resident(world: World) -> None:
    """Two stars: staff are told, and jiejia is no longer offered to this resident."""
    x = world
    await _accepted(x)
    async with x.w.tx() as tx:
        await x.s.jobs.arrived(tx, 1, x.zhao, sure=True)
        await x.s.jobs.done(tx, 1, x.zhao)
        await x.s.jobs.rate(tx, 1, x.resident, 2)
        await x.s.jobs.comment(tx, 1, x.resident, None)  # skipped
        found = await x.s.providers.candidates(tx, RANGE_HOOD, x.resident.id)
        others = await x.s.providers.candidates(tx, RANGE_HOOD, x.zhao.id)
    assert [c.provider.id for c in found] == ["kuaixiu"]
    assert [c.provider.id for c in others] == ["jiejia", "kuaixiu"]
    alert = await x.last(x.staff)
    assert alert.key == f"bk1:staff:low_rating:0:{x.staff.id}"
    assert alert.text == rendered(
        T(
            "bookings.staff_low_rating",
            id=1,
            service=x.names.name(RANGE_HOOD),
            when=_when(x),
            stars=2,
            provider=_name(x, "jiejia"),
        )
    )
    assert await x.sql("SELECT comment FROM ratings") == [(None,)]


async def test_a_provider_below_the_rating_floor_is_flagged_once(world: World) -> None:
    """Five ratings averaging under 3.5: staff told once, the provider no longer offered."""
    x = world
    for n in range(1, 6):
        booking = await confirmed(x, provider="kuaixiu")
        async with x.w.tx() as tx:
            await x.s.dispatch.accept(tx, booking.id, 0, x.sun)
            await x.s.jobs.arrived(tx, booking.id, x.sun, sure=True)
            await x.s.jobs.done(tx, booking.id, x.sun)
            await x.s.jobs.rate(tx, booking.id, x.resident, 3)
            found = await x.s.providers.candidates(tx, RANGE_HOOD, x.resident.id)
        assert ("kuaixiu" in [c.provider.id for c in found]) is (n < 5)
    assert [c.provider.id for c in found] == ["jiejia"]
    flags = await x.sent(x.staff)
    assert [m.key for m in flags] == [f"flag:kuaixiu:rating:{x.staff.id}"]
    assert flags[0].text == rendered(
        T(
            "bookings.staff_provider_excluded",
            provider=_name(x, "kuaixiu"),
            reason=T("bookings.exclusion.rating"),
        )
    )


# -- cancelling ------------------------------------------------------------------------------


async def test_cancel_is_free_until_four_hours_before_then_asks(world: World) -> None:
    """Early: cancelled at once and the worker told. Late: the resident confirms first."""
    x = world
    await _accepted(x)
    async with x.w.tx() as tx:
        assert (await x.s.cancelling.press(tx, 1, x.zhao)).toast == T("bookings.not_yours")
    x.w.clock.set(SLOT - timedelta(hours=3))
    async with x.w.tx() as tx:
        answer = await x.s.cancelling.press(tx, 1, x.resident)
        assert answer.ask_late and answer.toast is None
        assert (await x.s.deps.reload(tx, 1)).status == Status.ACCEPTED
        assert await x.s.cancelling.confirm_late(tx, 1, x.resident) == T(
            "bookings.cancelled_toast"
        )
        assert await x.s.cancelling.confirm_late(tx, 1, x.resident) == T("common.stale_button")
    assert await x.sql("SELECT status, late_cancel FROM bookings") == [("cancelled", 1)]
    told = await x.last(x.resident)
    service = x.names.name(RANGE_HOOD)
    assert told.text == rendered(T("bookings.resident_cancelled_late", service=service))
    told_worker, job = (await x.sent(x.zhao))[-2:]
    assert told_worker.text == rendered(T("bookings.worker_cancelled", id=1, when=_when(x)))
    # the job message itself now says so, without the address and without buttons
    assert job.method == "edit" and job.key.startswith(f"bk1:offer:{x.zhao.id}:0:ended")
    assert job.text.endswith(rendered(T("onsite.status_cancelled")))
    assert "501" not in job.text and job.buttons == []
    assert await _pending(x) == []


async def test_cancelling_an_open_offer_takes_its_buttons_away(world: World) -> None:
    """While offered: the offer is closed as cancelled for its recipients, for free."""
    x = world
    await confirmed(x)
    async with x.w.tx() as tx:
        answer = await x.s.cancelling.press(tx, 1, x.resident)
    assert answer.toast == T("bookings.cancelled_toast") and not answer.ask_late
    closed = await x.last(x.zhao)
    assert closed.method == "edit"
    assert closed.text.endswith(rendered(T("bookings.offer_cancelled", id=1)))
    assert await x.sql("SELECT outcome FROM booking_offers") == [("cancelled",)]
    assert await x.sql("SELECT status, late_cancel FROM bookings") == [("cancelled", 0)]
    assert await _pending(x) == []


async def test_a_cancel_request_lists_the_matching_bookings(world: World) -> None:
    """'取消明天的油烟机清洗': the confirmed booking of that service that day, not the draft."""
    x = world
    await confirmed(x)
    async with x.w.tx() as tx:
        await x.s.flow.start(tx, x.resident, RANGE_HOOD)  # a draft: not offered to cancel
        found = await x.s.cancelling.matching(tx, x.resident, RANGE_HOOD, SLOT, None)
        other_day = await x.s.cancelling.matching(
            tx, x.resident, None, SLOT + timedelta(days=1), None
        )
    assert [b.id for b in found] == [1] and other_day == []
    keyboard = x.s.replies.cancel_choices(found)
    assert [[b.data for b in row] for row in keyboard] == [[x.w.signer.make("bk_cx", 1)]]


# -- answers and staff views -----------------------------------------------------------------


async def test_price_card_lists_candidates_and_a_book_button(world: World) -> None:
    """'油烟机清洗多少钱': each provider with price and rating, the market price, Book."""
    x = world
    async with x.w.tx() as tx:
        text, buttons = await x.s.price_card(tx, RANGE_HOOD, x.resident)
        found = await x.s.providers.candidates(tx, RANGE_HOOD, x.resident.id)
    lines = [x.s.deps.texts.candidate_line(c) for c in found] + [
        T("bookings.market", market="¥240")
    ]
    assert rendered(text) == rendered(
        T("bookings.price_card", service=x.names.name(RANGE_HOOD), lines=lines)
    )
    assert buttons is not None
    assert [[b.data for b in row] for row in buttons] == [[x.w.signer.make("bk_new", RANGE_HOOD)]]


async def test_staff_see_open_bookings_overdue_marked_and_a_timeline(world: World) -> None:
    """/bookings counts the overdue ones; /booking shows who did what."""
    x = world
    await _accepted(x)
    x.w.clock.set(SLOT_END + timedelta(minutes=1))
    async with x.w.tx() as tx:
        listing = await x.s.staff_list(tx)
        card = await x.s.staff_card(tx, 1)
        assert await x.s.staff_card(tx, 99) is None
    assert listing.key == "bookings.staff_list"
    assert listing.params["count"] == 1 and listing.params["overdue"] == 1
    assert card is not None and card.params["worker"] == "赵阿姨"
    timeline = rendered(card)
    # providers by name, never by id
    accepted = T("bookings.action_with", action=T("bookings.action.accepted"), extra="洁家家政")
    assert rendered(accepted) in timeline and "赵阿姨" in timeline


async def test_nobody_on_staff_to_tell_is_said_honestly(store: Path | str) -> None:
    """With no staff chat, the resident is not told "staff will follow up": the housekeeper
    hears it instead (an alert reaches a person), and the resident is told so."""
    crew = [c if c[0] != 1001 else (1999, "路人", None, "") for c in CREW]  # not staff
    async with domain_world(store, FakeClock(START)) as w:
        x = await _world(w, crew)
        await confirmed(x)
        for attempt in range(3):
            async with x.w.tx() as tx:
                await x.s.dispatch.deadline_due(tx, "bk_offer", f"1:{attempt}")
        told = (await x.last(x.resident)).text
        assert told == rendered(T("bookings.resident_unassigned_keeper"))
        assert "联系不上社区工作人员" in (await x.last(x.zhang)).text


async def test_nobody_at_all_to_tell_is_said_honestly_with_the_office_number(
    store: Path | str,
) -> None:
    """No staff chat and no housekeeper: the resident is told nobody can be reached, with the
    office's number, not that anyone will follow up."""
    crew = [c if c[0] not in (1001, 2001) else (c[0] + 7, "路人", None, "") for c in CREW]
    async with domain_world(store, FakeClock(START)) as w:
        x = await _world(w, crew)
        await confirmed(x)
        for attempt in range(3):
            async with x.w.tx() as tx:
                await x.s.dispatch.deadline_due(tx, "bk_offer", f"1:{attempt}")
        told = (await x.last(x.resident)).text
        call = T("bookings.call_office_phone", phone=w.community.emergency.office_phone)
        assert told == rendered(T("bookings.resident_unassigned_alone", call=call))
        assert "0571-8888 6666" in told


async def test_three_days_of_pet_sitting_complete_after_the_last_day(world: World) -> None:
    """已完工 on day 1 of 3 is that day's visit: the booking stays the worker's (door code
    kept), both sides hear "还剩 2 天"; 已到达 again the same day is refused; the rating is
    asked only after day 3."""
    x, s, me = world, world.s, world.resident
    async with x.w.tx() as tx:
        draft = await s.flow.start(tx, me, "pet_sitting", SLOT, SLOT_END, days=3)
        assert draft is not None
        assert await s.flow.choose_provider(tx, draft, me, "property_team")
        assert await s.flow.choose_slot(tx, await s.deps.reload(tx, 1), me, "keep")
        await s.flow.give_address(tx, await s.deps.reload(tx, 1), me, Address("3", "2", "501"))
        await s.flow.give_note(tx, await s.deps.reload(tx, 1), me, None)
        await s.flow.give_door_code(tx, await s.deps.reload(tx, 1), me, "4321#")
        await s.dispatch.confirm(tx, await s.deps.reload(tx, 1), me)
        await s.dispatch.accept(tx, 1, 0, x.wang)
    assert (await x.get()).units == 3
    for day in (1, 2):
        x.w.clock.set(SLOT + timedelta(days=day - 1, minutes=5))
        async with x.w.tx() as tx:
            assert await s.jobs.arrived(tx, 1, x.wang) == T("bookings.ok_toast")
            assert await s.jobs.done(tx, 1, x.wang) == T("bookings.ok_toast")
        booking = await x.get()
        assert (booking.status, booking.days_done, booking.has_door_code) == (
            Status.ACCEPTED,
            day,
            True,
        )
        told = await x.last(x.resident)
        assert told.key == f"bk1:r:day{day}" and told.button_data == []  # no stars yet
        assert f"第 {day}/3 天" in told.text and f"还剩 {3 - day} 天" in told.text
        worker = await x.last(x.wang)
        assert (Action.ARRIVED, ("1",)) in _actions(x, worker)
        async with x.w.tx() as tx:  # the same day again: refused, nothing moves
            again = await s.jobs.arrived(tx, 1, x.wang)
        assert again != T("bookings.ok_toast") and (await x.get()).status == Status.ACCEPTED
    x.w.clock.set(SLOT + timedelta(days=2, minutes=5))
    async with x.w.tx() as tx:
        assert await s.jobs.reveal_door_code(tx, 1, x.wang) == T(
            "bookings.door_code", code="4321#"
        )
        assert await s.jobs.arrived(tx, 1, x.wang) == T("bookings.ok_toast")
        assert await s.jobs.done(tx, 1, x.wang) == T("bookings.ok_toast")
    booking = await x.get()
    assert (booking.status, booking.days_done, booking.has_door_code) == (Status.DONE, 3, False)
    rate = await x.last(x.resident)
    assert rate.key == "bk1:r:done"
    assert _actions(x, rate) == [(Action.RATE, ("1", str(n))) for n in range(1, 6)]


async def test_four_hours_of_cleaning_are_four_hours_with_their_total(world: World) -> None:
    """ "周六下午…打扫卫生，4个小时" of an hourly service: 4 units, the slot 4 hours long
    (kept when another part of the day is chosen), the total on the summary."""
    x, s, me = world, world.s, world.resident
    async with x.w.tx() as tx:
        draft = await s.flow.start(tx, me, "home_cleaning", SLOT, SLOT_END, 4)
        assert draft is not None
        assert await s.flow.choose_provider(tx, draft, me, "jiejia")
    booking = await x.get()
    assert booking.units == 4 and booking.slot_end == SLOT + timedelta(hours=4)
    async with x.w.tx() as tx:  # another part of a day: still four hours
        assert await s.timing.choose(tx, await s.deps.reload(tx, 1), me, "d1pm")
    booking = await x.get()
    assert booking.slot_start is not None and booking.slot_end is not None
    assert (booking.units, booking.slot_end - booking.slot_start) == (4, timedelta(hours=4))
    async with x.w.tx() as tx:
        await s.flow.give_address(tx, await s.deps.reload(tx, 1), me, Address("3", "2", "501"))
        await s.flow.give_note(tx, await s.deps.reload(tx, 1), me, None)
    summary = await x.last(me)
    assert "¥45/小时 × 4 小时 = ¥180" in summary.text and "共4天" not in summary.text


async def test_days_of_a_per_visit_service_book_one_visit_and_say_so(world: World) -> None:
    """ "下周三到周五每天上午" of cleaning (priced per hour, not per day): one visit on the first
    day, and the resident is told plainly that only that one is booked."""
    x, s, me = world, world.s, world.resident
    async with x.w.tx() as tx:
        draft = await s.flow.start(tx, me, "home_cleaning", SLOT, SLOT_END, days=3)
        assert draft is not None
    assert (await x.get()).units == 1
    told = await x.last(me)
    assert told.key == "bk1:onevisit"
    assert "第一天" in told.text and "3 天" in told.text


async def test_a_provider_suspended_after_planning_is_never_offered(world: World) -> None:
    """kuaixiu is in the plan, then suspended: staff's re-dispatch (and a timeout) pass it by,
    its member is not among those staff may assign, and nothing reaches him."""
    x = world
    await confirmed(x)
    async with x.w.tx() as tx:
        await x.s.providers.suspend(tx, x.w.community.provider("kuaixiu"), x.staff, True)
        assignable = await x.s.staffing.assignable(tx, await x.s.deps.repo.get(tx, 1))
        assert "kuaixiu" not in {pid for pid, _ in assignable}
        assert await x.s.staffing.redispatch(tx, 1, x.staff)
    rows = await x.sql("SELECT attempt, provider_id, outcome FROM booking_offers")
    assert rows == [
        (0, "jiejia", "reassigned"),
        (1, "kuaixiu", "skipped"),
        (2, "property_team", None),
    ]
    assert await x.sent(x.sun) == []
    why = await x.sql("SELECT detail FROM audit WHERE action = 'offer_skipped'")
    assert "suspended" in why[0][0]


def _edit_price(x: World, provider_id: str, service: str, price: float) -> None:
    """Staff edit a provider's price (as the setup service puts a new setup in place)."""
    community = x.w.community
    providers = [
        p.model_copy(
            update={
                "offers": [
                    o.model_copy(update={"price": price}) if o.service == service else o
                    for o in p.offers
                ]
            }
        )
        if p.id == provider_id
        else p
        for p in community.providers
    ]
    object.__setattr__(community, "providers", providers)


async def test_staff_assignment_keeps_the_confirmed_price_and_tells_the_resident(
    world: World,
) -> None:
    """Confirmed with jiejia at ¥180/台; staff then edit jiejia's price to ¥155.5 and give the
    job to kuaixiu's worker (kuaixiu quotes ¥200): the worker's offer and the resident both
    read the confirmed ¥180/台 (the rule of a re-dispatch: the resident is never moved to
    another price without being asked), and the resident is told who has the job now."""
    x = world
    booking = await confirmed(x)
    assert booking.agreed_fen == 18000 and booking.agreed_unit == ("台", "unit")
    _edit_price(x, "jiejia", RANGE_HOOD, 155.5)
    async with x.w.tx() as tx:
        assert await x.s.staffing.assign(tx, 1, "kuaixiu", x.sun.id, x.staff)
    offer = next(m for m in await x.sent(x.sun) if m.key == f"bk1:offer:{x.sun.id}:3")
    assert "¥180/台" in offer.text and "155.5" not in offer.text and "¥200" not in offer.text
    told = [m for m in await x.sent(x.resident) if m.key == "bk1:r:staff_assigned:3"]
    assert [m.text for m in told] == [
        rendered(
            T(
                "bookings.resident_staff_assigned_price",
                provider=_name(x, "kuaixiu"),
                price="¥180",
                unit={"zh": "台", "en": "unit"},
            )
        )
    ]
    assert "孙师傅" in (await x.last(x.resident)).text  # then who comes, as for any accept
    assert (await x.get()).agreed_fen == 18000


async def test_a_price_edited_after_confirming_does_not_change_a_redispatch(
    world: World,
) -> None:
    """A re-dispatch after the chosen provider's price changed still says the confirmed price."""
    x = world
    await confirmed(x)
    _edit_price(x, "jiejia", RANGE_HOOD, 155.5)
    async with x.w.tx() as tx:
        assert await x.s.staffing.redispatch(tx, 1, x.staff)
    assert "¥180" in (await x.last(x.resident)).text
    assert "¥180/台" in (await x.last(x.sun)).text


async def test_staff_assignment_within_the_same_provider_says_nothing_extra(world: World) -> None:
    """Another worker of the provider asked now: no 'given to another provider' message."""
    x = world
    await confirmed(x)
    async with x.w.tx() as tx:
        assert await x.s.staffing.assign(tx, 1, "jiejia", x.zhao.id, x.staff)
    keys = [m.key for m in await x.sent(x.resident)]
    assert not [k for k in keys if "staff_assigned" in k]


async def test_assigning_the_worker_who_holds_the_offer_only_gives_it_to_him(
    world: World,
) -> None:
    """赵阿姨 holds the open offer; staff assign her: her offer becomes the job (no "reassigned
    by staff, nothing to do", no second offer) and the timeline gains one entry."""
    x = world
    await confirmed(x)
    before = await x.sql("SELECT action FROM audit WHERE subject = 'booking:1' ORDER BY id")
    async with x.w.tx() as tx:
        assert await x.s.staffing.assign(tx, 1, "jiejia", x.zhao.id, x.staff)
    after = await x.sql("SELECT action FROM audit WHERE subject = 'booking:1' ORDER BY id")
    assert after[len(before) :] == [("staff_assigned",)]
    booking = await x.get()
    assert (booking.status, booking.assignee_id, booking.attempt) == ("accepted", x.zhao.id, 0)
    said = await x.sent(x.zhao)
    assert not [m for m in said if "改派" in m.text]
    assert [m.key for m in said if m.key.startswith("bk1:offer:") and m.key.count(":") == 3] == [
        f"bk1:offer:{x.zhao.id}:0"
    ]
    assert any(m.key == f"bk1:offer:{x.zhao.id}:0:won" for m in said)


async def test_the_staff_alert_says_how_each_provider_answered(world: World) -> None:
    """Everyone declined but the backstop, which let its window close: staff read who declined
    and who did not answer, never that the backstop "did not respond" when it declined."""
    x = world
    await confirmed(x)
    async with x.w.tx() as tx:
        await x.s.dispatch.decline(tx, 1, 0, x.zhao)
        await x.s.dispatch.decline(tx, 1, 1, x.sun)
        await x.s.dispatch.decline(tx, 1, 2, x.wang)
    alert = await x.last(x.staff)
    zh = alert.text
    for provider in ("jiejia", "kuaixiu", "property_team"):
        assert f"{_name(x, provider)['zh']}（拒单）" in zh, zh
    assert "未响应" not in zh


async def test_the_staff_alert_tells_a_timeout_from_a_decline(world: World) -> None:
    """A decline, then two windows closing: each said as it happened."""
    x = world
    await confirmed(x)
    async with x.w.tx() as tx:
        await x.s.dispatch.decline(tx, 1, 0, x.zhao)
        await x.s.dispatch.deadline_due(tx, "bk_offer", "1:1")
        await x.s.dispatch.deadline_due(tx, "bk_offer", "1:2")
    zh = (await x.last(x.staff)).text
    assert f"{_name(x, 'jiejia')['zh']}（拒单）" in zh
    assert f"{_name(x, 'property_team')['zh']}（超时未回应）" in zh
