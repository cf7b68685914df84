"""The cabinet's use cases on a real database: state read back through the repository, the
deadline rows written, and what the outbox queued (rendered through the catalogue)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain.people import Person
from bot.domain.tools.contract import StaffAction
from bot.domain.tools.model import (
    EndReason,
    ExtendOutcome,
    LoanStatus,
    ReserveOutcome,
    UnitState,
    WaitOutcome,
)
from bot.i18n import T
from bot.storage import Tx
from tests.domain_support import rendered
from tests.tools.conftest import KEEPER_TG, LI_TG, STAFF_TG, WANG_TG, Cabinet

DAY = timedelta(days=1)


async def _borrow(cab: Cabinet, tx: Tx, who: Person, keeper: Person, tool: str = "ladder") -> int:
    """Reserve and hand over; the loan id."""
    outcome, loan = await cab.tools.reservations.reserve(tx, who, tool, None)
    assert outcome is ReserveOutcome.OK and loan is not None
    assert await cab.tools.lending.confirm_handover(tx, loan.id, keeper)
    return loan.id


async def test_reserve_holds_a_unit_and_tells_borrower_and_keeper(cabinet: Cabinet) -> None:
    """预约: unit #1 reserved, a hold deadline, the pick-up card and the keeper's task."""
    cab, tools = cabinet, cabinet.tools
    async with cab.world.tx() as tx:
        zhang = await cab.keeper(tx)
        li = await cab.person(tx, LI_TG, "小李", "3-2-501")
        outcome, loan = await tools.reservations.reserve(tx, li, "ladder", "origin-1")
        again, same = await tools.reservations.reserve(tx, li, "ladder", "origin-1")
        assert outcome is ReserveOutcome.OK and loan is not None
        assert (again, same) == (ReserveOutcome.DUPLICATE, loan)  # one reservation per button
        units = await tools.repo.units(tx, "ladder")
        hold = await cab.due(tx, f"tool:loan{loan.id}:hold")
    assert [u.state for u in units] == [UnitState.RESERVED, UnitState.FREE]
    assert hold.due_at == cab.world.clock.now() + DAY and hold.ref == str(loan.id)
    [card] = await cab.world.queued.all(LI_TG)
    assert card.key == f"tl{loan.id}:reserved"
    assert rendered(tools.texts.label("ladder", 1)) in card.text
    assert rendered(T("tools.handover_keeper")) in card.text
    [task] = await cab.world.queued.all(KEEPER_TG)
    who = T("tools.who_at", name="小李", address="3-2-501")
    assert task.key == f"tl{loan.id}:keeper:{zhang.id}"
    assert task.text == rendered(
        T(
            "tools.keeper_reserved",
            who=who,
            unit=tools.texts.label("ladder", 1),
            until=tools.texts.when(loan.hold_until),
        )
    )
    [press] = [cab.world.signer.verify(d) for d in task.button_data]
    assert press is not None and (press.action, press.args) == ("thand", (str(loan.id),))


async def test_only_one_of_two_takes_of_the_last_unit_succeeds(cabinet: Cabinet) -> None:
    """The compare-and-set on a free unit: a second take of the same unit changes nothing."""
    cab, res = cabinet, cabinet.tools.reservations
    async with cab.world.tx() as tx:
        li = await cab.person(tx, LI_TG, "小李")
        wang = await cab.person(tx, WANG_TG, "小王")
        [pump] = await cab.tools.repo.units(tx, "water_pump")
        first = await res.take(tx, pump.id, li.id, None)
        second = await res.take(tx, pump.id, wang.id, None)
        outcome, _ = await res.reserve(tx, wang, "water_pump", None)
        assert first is not None and second is None and outcome is ReserveOutcome.NONE_FREE
        assert [
            x.person_id for x in await cab.tools.repo.active_loans_of_tool(tx, "water_pump")
        ] == [li.id]


@pytest.mark.parametrize("reason", [EndReason.CANCELLED, EndReason.EXPIRED])
async def test_cancel_and_hold_expiry_end_a_reservation_the_same_way(
    cabinet: Cabinet, reason: EndReason
) -> None:
    """Either way: loan closed, deadlines gone, keeper's task edited, borrower told, and the
    unit passed to the first person waiting."""
    cab, res = cabinet, cabinet.tools.reservations
    async with cab.world.tx() as tx:
        zhang = await cab.keeper(tx)
        li = await cab.person(tx, LI_TG, "小李", "3-2-501")
        wang = await cab.person(tx, WANG_TG, "小王", "2-1-301")
        _, loan = await res.reserve(tx, li, "water_pump", None)
        assert loan is not None
        assert await res.join_waitlist(tx, wang, "water_pump") is WaitOutcome.OK
        if reason is EndReason.CANCELLED:
            assert not await res.cancel(tx, loan.id, wang)  # not theirs
            assert await res.cancel(tx, loan.id, li)
            assert not await res.cancel(tx, loan.id, li)  # already ended
        else:
            await res.hold_expired(tx, await cab.due(tx, f"tool:loan{loan.id}:hold"))
        ended = await cab.tools.repo.loan(tx, loan.id)
        [now_held] = await cab.tools.repo.active_loans_of_tool(tx, "water_pump")
        left = await cab.pending(tx, f"tool:loan{loan.id}:")
    assert ended is not None and ended.status == str(reason)
    assert now_held.person_id == wang.id and left == []
    told = await cab.world.queued.all(LI_TG)
    assert (told[-1].key, told[-1].text) == (
        f"tl{loan.id}:{reason}",
        rendered(cab.tools.texts.ended(reason, loan)),
    )
    edits = [m for m in await cab.world.queued.all(KEEPER_TG) if m.method == "edit"]
    assert [m.key for m in edits] == [f"tl{loan.id}:keeper:{zhang.id}:{reason}"]
    ready = await cab.world.queued.all(WANG_TG)
    assert rendered(T("tools.waitlist_ready", unit=cab.tools.texts.label("water_pump", 1))) in (
        ready[-1].text
    )


async def test_overdue_and_limit_refuse_new_reservations(cabinet: Cabinet) -> None:
    """Two held: the limit; one overdue: nothing new, not even the waitlist, until returned."""
    cab, tools = cabinet, cabinet.tools
    async with cab.world.tx() as tx:
        zhang = await cab.keeper(tx)
        li = await cab.person(tx, LI_TG, "小李", "3-2-501")
        await tools.reservations.reserve(tx, li, "ladder", None)
        loan_id = await _borrow(cab, tx, li, zhang, "wrench_set")
        limit, _ = await tools.reservations.reserve(tx, li, "power_drill", None)
        cab.world.clock.advance(3 * DAY)
        overdue, _ = await tools.reservations.reserve(tx, li, "power_drill", None)
        waiting = await tools.reservations.join_waitlist(tx, li, "water_pump")
        assert await tools.lending.returned(tx, loan_id, zhang, broken=False) is not None
        assert await tools.reservations.refusal(tx, li.id) is None
    assert (limit, overdue, waiting) == ("limit", "overdue", "overdue")


async def test_hand_over_needs_a_keeper_and_schedules_reminder_and_due(cabinet: Cabinet) -> None:
    """Only a housekeeper or staff confirms; then lent, due in the tool's loan period."""
    cab, tools = cabinet, cabinet.tools
    async with cab.world.tx() as tx:
        zhang = await cab.keeper(tx)
        li = await cab.person(tx, LI_TG, "小李", "3-2-501")
        _, loan = await tools.reservations.reserve(tx, li, "ladder", None)
        assert loan is not None
        assert not await tools.lending.confirm_handover(tx, loan.id, li)
        assert not await tools.lending.picked_up(tx, loan.id, li)  # not self-service
        assert await tools.lending.confirm_handover(tx, loan.id, zhang)
        assert not await tools.lending.confirm_handover(tx, loan.id, zhang)  # pressed twice
        lent = await tools.repo.loan(tx, loan.id)
        names = await cab.pending(tx, f"tool:loan{loan.id}:")
        remind = await cab.due(tx, f"tool:loan{loan.id}:remind:0")
        [unit, _] = await tools.repo.units(tx, "ladder")
    now = cab.world.clock.now()
    assert lent is not None and lent.status is LoanStatus.LENT and lent.due_at == now + 3 * DAY
    assert unit.state is UnitState.LENT
    assert sorted(names) == [f"tool:loan{loan.id}:due:0", f"tool:loan{loan.id}:remind:0"]
    assert remind.due_at == now + 2 * DAY
    edit = (await cab.world.queued.all(KEEPER_TG))[-1]
    assert (edit.method, edit.key) == ("edit", f"tl{loan.id}:keeper:{zhang.id}:lent")
    assert [b["text"] for b in edit.buttons] == [
        rendered(T("tools.btn_returned")),
        rendered(T("tools.btn_returned_broken")),
    ]


async def test_self_service_is_picked_up_by_the_borrower_and_keepers_are_told(
    cabinet: Cabinet,
) -> None:
    """The locker code only in the borrower's card; 我已取走 by them alone; keepers get a note."""
    cab, tools = cabinet, cabinet.tools
    async with cab.world.tx() as tx:
        zhang = await cab.keeper(tx)
        li = await cab.person(tx, LI_TG, "小李", "1-1-101")
        wang = await cab.person(tx, WANG_TG, "小王")
        _, loan = await tools.reservations.reserve(tx, li, "air_pump", None)
        assert loan is not None
        assert not await tools.lending.picked_up(tx, loan.id, wang)
        assert await tools.lending.picked_up(tx, loan.id, li)
    card = (await cab.world.queued.all(LI_TG))[0]
    assert rendered(T("tools.code", code="2580")) in card.text
    keeper = await cab.world.queued.all(KEEPER_TG)
    assert [m.key for m in keeper] == [f"tl{loan.id}:keeper_self:{zhang.id}"]
    assert "2580" not in keeper[0].text


async def test_extend_once_moves_the_deadlines_and_waiting_neighbours_refuse_it(
    cabinet: Cabinet,
) -> None:
    """续借 adds one loan period once (deadlines :1 replace :0); someone waiting prevents it."""
    cab, tools = cabinet, cabinet.tools
    async with cab.world.tx() as tx:
        zhang = await cab.keeper(tx)
        li = await cab.person(tx, LI_TG, "小李", "3-2-501")
        wang = await cab.person(tx, WANG_TG, "小王", "3-2-502")
        loan_id = await _borrow(cab, tx, li, zhang)
        ok, extended = await tools.lending.extend(tx, loan_id, li)
        again, _ = await tools.lending.extend(tx, loan_id, li)
        names = await cab.pending(tx, f"tool:loan{loan_id}:")
        pump = await _borrow(cab, tx, wang, zhang, "water_pump")
        await tools.reservations.join_waitlist(tx, li, "water_pump")
        refused, _ = await tools.lending.extend(tx, pump, wang)
        stale, none = await tools.lending.extend(tx, pump, li)
    assert (ok, again, refused, stale, none) == (
        ExtendOutcome.OK,
        ExtendOutcome.ALREADY,
        ExtendOutcome.WAITING,
        ExtendOutcome.STALE,
        None,
    )
    assert extended is not None and extended.due_at == cab.world.clock.now() + 6 * DAY
    assert sorted(names) == [f"tool:loan{loan_id}:due:1", f"tool:loan{loan_id}:remind:1"]


async def test_reminder_and_overdue_alert_the_borrower_and_keeper(cabinet: Cabinet) -> None:
    """The remind deadline reminds (with 续借); the due one marks overdue and alerts the keeper."""
    cab, tools = cabinet, cabinet.tools
    async with cab.world.tx() as tx:
        zhang = await cab.keeper(tx)
        li = await cab.person(tx, LI_TG, "小李", "3-2-501")
        loan_id = await _borrow(cab, tx, li, zhang)
        await tools.lending.remind(tx, await cab.due(tx, f"tool:loan{loan_id}:remind:0"))
        await tools.lending.came_due(tx, await cab.due(tx, f"tool:loan{loan_id}:due:0"))
        loan = await tools.repo.loan(tx, loan_id)
    assert loan is not None and loan.overdue and loan.due_at is not None
    keys = [m.key for m in await cab.world.queued.all(LI_TG)]
    assert keys[-2:] == [f"tl{loan_id}:remind:0", f"tl{loan_id}:overdue:0"]
    alert = (await cab.world.queued.all(KEEPER_TG))[-1]
    assert alert.key == f"tl{loan_id}:keeper_overdue:0:{zhang.id}"
    assert alert.text == rendered(
        T(
            "tools.keeper_overdue",
            who=T("tools.who_at", name="小李", address="3-2-501"),
            unit=tools.texts.label("ladder", 1),
            due=tools.texts.when(loan.due_at),
        )
    )


@pytest.mark.parametrize(("broken", "after"), [(False, UnitState.RESERVED), (True, "broken")])
async def test_return_frees_the_unit_for_the_waitlist_or_takes_it_out(
    cabinet: Cabinet, broken: bool, after: str
) -> None:
    """A good return goes to whoever waits; a damaged one leaves the unit broken."""
    cab, tools = cabinet, cabinet.tools
    async with cab.world.tx() as tx:
        zhang = await cab.keeper(tx)
        li = await cab.person(tx, LI_TG, "小李", "3-2-501")
        wang = await cab.person(tx, WANG_TG, "小王", "3-2-502")
        loan_id = await _borrow(cab, tx, li, zhang, "water_pump")
        await tools.reservations.join_waitlist(tx, wang, "water_pump")
        assert await tools.lending.returned(tx, loan_id, li, broken=broken) is None  # not a keeper
        assert await tools.lending.returned(tx, loan_id, zhang, broken=broken) is not None
        assert await tools.lending.returned(tx, loan_id, zhang, broken=broken) is None
        [pump] = await tools.repo.units(tx, "water_pump")
        left = await cab.pending(tx, f"tool:loan{loan_id}:")
    assert pump.state == after and left == []
    assert (await cab.world.queued.all(LI_TG))[-1].key == f"tl{loan_id}:returned"


async def test_staff_breaking_a_reserved_unit_moves_the_reservation(cabinet: Cabinet) -> None:
    """The borrower is told and gets the other free unit; with none free, back in line."""
    cab, tools = cabinet, cabinet.tools
    async with cab.world.tx() as tx:
        staff = await cab.person(tx, STAFF_TG, "刘主任")
        li = await cab.person(tx, LI_TG, "小李", "3-2-501")
        wang = await cab.person(tx, WANG_TG, "小王", "3-2-502")
        _, first = await tools.reservations.reserve(tx, li, "ladder", None)
        await tools.reservations.reserve(tx, wang, "water_pump", None)
        assert first is not None
        [one, _] = await tools.repo.units(tx, "ladder")
        assert await tools.stock.apply(tx, one, StaffAction.BREAK, staff, "梯子脚松了")
        [moved] = await tools.repo.loans_of(tx, li.id)
        [pump] = await tools.repo.units(tx, "water_pump")
        assert await tools.stock.apply(tx, pump, StaffAction.BREAK, staff, "漏水")
        requeued = await tools.repo.waiters(tx, "water_pump")
        [one, _] = await tools.repo.units(tx, "ladder")
    assert (one.state, one.note) == (UnitState.BROKEN, "梯子脚松了")
    assert moved.seq == 2 and moved.status is LoanStatus.RESERVED
    assert [m.key for m in await cab.world.queued.all(LI_TG)][-2:] == [
        f"tl{first.id}:broken",
        f"tl{moved.id}:reserved",
    ]
    assert [w.person_id for w in requeued] == [wang.id]
    assert (await cab.world.queued.all(WANG_TG))[-1].text == rendered(
        T("tools.waitlist_kept", tool=tools.texts.name("water_pump"))
    )


async def test_staff_changes_need_the_version_and_a_permitted_state(cabinet: Cabinet) -> None:
    """An old button (older version) or a forbidden move (retire a lent unit) changes nothing."""
    cab, tools = cabinet, cabinet.tools
    async with cab.world.tx() as tx:
        staff = await cab.person(tx, STAFF_TG, "刘主任")
        zhang = await cab.keeper(tx)
        li = await cab.person(tx, LI_TG, "小李", "3-2-501")
        [old, _] = await tools.repo.units(tx, "ladder")
        assert await tools.stock.apply(tx, old, StaffAction.BREAK, staff, "坏了")
        assert await tools.stock.unit(tx, old.id, old.version) is None
        assert not await tools.stock.apply(tx, old, StaffAction.RETIRE, staff, "")
        [broken, _] = await tools.repo.units(tx, "ladder")
        assert await tools.stock.apply(tx, broken, StaffAction.REPAIR, staff, "修好了")
        await _borrow(cab, tx, li, zhang)
        [lent, _] = await tools.repo.units(tx, "ladder")
        assert not await tools.stock.apply(tx, lent, StaffAction.RETIRE, staff, "")
        assert (await tools.repo.unit(tx, lent.id)) == lent


async def test_sync_is_idempotent_and_a_new_unit_serves_the_waitlist(cabinet: Cabinet) -> None:
    """Syncing again adds nothing; staff adding a unit reserves it for whoever waits."""
    cab, tools = cabinet, cabinet.tools
    async with cab.world.tx() as tx:
        await tools.stock.sync(tx, cab.world.clock.now())
        staff = await cab.person(tx, STAFF_TG, "刘主任")
        li = await cab.person(tx, LI_TG, "小李", "3-2-501")
        wang = await cab.person(tx, WANG_TG, "小王", "3-2-502")
        await tools.reservations.reserve(tx, li, "water_pump", None)
        await tools.reservations.join_waitlist(tx, wang, "water_pump")
        added = await tools.stock.add_unit(tx, "water_pump", staff)
        assert await tools.stock.add_unit(tx, "no_such_tool", staff) is None
        units = await tools.repo.units(tx, "water_pump")
        ladders = await tools.repo.units(tx, "ladder")
    assert len(ladders) == 2
    assert added is not None and added.seq == 2 and added.state is UnitState.RESERVED
    assert [(u.source, u.state) for u in units] == [("file", "reserved"), ("staff", "reserved")]
