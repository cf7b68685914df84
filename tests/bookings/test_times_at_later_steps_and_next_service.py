"""The retest of issue 13's minor findings, on a real SQLite database: a time typed at the
provider step or at a later step, ➕ the next service keeping the open draft, a dropped draft
said honestly, the status of a new time awaiting the resident, an ASAP job overdue in
/bookings, and private replies following the language people write in.

Helpers come from test_service.py and test_flow_more.py."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.bookings.contract import Pending
from bot.domain.bookings.model import Status, Step
from bot.domain.bookings.queued import start_or_queue
from bot.domain.people import Address
from bot.i18n import T
from tests.bookings.test_flow_more import accepted, propose, x
from tests.bookings.test_service import RANGE_HOOD, SLOT, World
from tests.domain_support import rendered
from tests.harness import START

__all__ = ["x"]  # the fixture


async def _expecting(x: World) -> tuple[str, dict[str, object]] | None:
    async with x.w.db.read() as tx:
        return await x.people.expecting(tx, x.resident.id)


async def test_a_time_typed_at_the_provider_step_is_kept_for_the_time_step(x: World) -> None:
    """ "7pm" while choosing a provider: kept as 19:00-21:00, the providers asked again with the
    time noted; the time step then offers it first."""
    async with x.w.tx() as tx:
        draft = await x.s.flow.start(tx, x.resident, RANGE_HOOD)
    assert draft is not None
    assert await _expecting(x) == (Pending.PROVIDER, {"booking": draft.id})
    async with x.w.tx() as tx:
        said = await x.s.timing.retime(tx, draft, x.resident, "7pm")
    assert said.consumed and said.text is not None and said.buttons
    kept = await x.get(draft.id)
    assert (kept.step, kept.slot_start, kept.asap) == (Step.PROVIDER, START.replace(hour=19), 0)
    noted = rendered(said.text)
    assert noted.startswith("⏰ 时间记下了：11月28日 周六 19:00-21:00")
    assert "请选择服务商" in noted
    async with x.w.tx() as tx:
        assert await x.s.flow.choose_provider(tx, kept, x.resident, "jiejia")
    asked = await x.last(x.resident)
    assert "19:00-21:00" in asked.text  # ✅ the typed time, first


async def test_words_without_a_time_at_the_provider_step_are_not_taken(x: World) -> None:
    async with x.w.tx() as tx:
        draft = await x.s.flow.start(tx, x.resident, RANGE_HOOD)
        assert draft is not None
        said = await x.s.timing.retime(tx, draft, x.resident, "哪家好一点")
    assert not said.consumed
    assert (await x.get(draft.id)).slot_start is None


async def test_a_time_typed_at_the_note_step_changes_the_time_and_asks_the_note_again(
    x: World,
) -> None:
    """At the note step "改到明天下午3点" is the new time, not the note."""
    async with x.w.tx() as tx:
        draft = await x.s.flow.start(tx, x.resident, RANGE_HOOD, SLOT, SLOT + timedelta(hours=3))
        assert draft is not None
        await x.s.flow.choose_provider(tx, draft, x.resident, "jiejia")
        await x.s.flow.choose_slot(tx, await x.s.deps.reload(tx, draft.id), x.resident, "keep")
        at_address = await x.s.deps.reload(tx, draft.id)
        await x.s.flow.give_address(tx, at_address, x.resident, Address("3", "2", "501"))
        at_note = await x.s.deps.reload(tx, draft.id)
        assert at_note.step == Step.NOTE
        said = await x.s.timing.retime(tx, at_note, x.resident, "改到明天下午3点")
    moved = await x.get(draft.id)
    assert (moved.step, moved.note) == (Step.NOTE, None)
    assert moved.slot_start == SLOT.replace(hour=15)
    assert said.text is not None and "要告诉师傅" in rendered(said.text)


async def test_the_next_service_waits_for_the_open_draft_and_starts_once_it_is_confirmed(
    x: World,
) -> None:
    """➕ 接着约空调清洗 pressed at the range hood's provider step: the range hood's draft is
    kept and asked again; the AC cleaning waits its turn and starts after the confirm."""
    me = x.resident
    async with x.w.tx() as tx:
        first = await x.s.flow.start(tx, me, RANGE_HOOD, SLOT, SLOT + timedelta(hours=3))
        assert first is not None
        kept = await start_or_queue(x.s.flow, tx, me, "ac_cleaning")
        again = await start_or_queue(x.s.flow, tx, me, "ac_cleaning")  # pressed twice
    assert kept is not None and again is not None and kept.id == again.id == first.id
    rows = await x.sql("SELECT id, service, status, step FROM bookings ORDER BY id")
    assert rows == [
        (1, RANGE_HOOD, "draft", "provider"),
        (2, "ac_cleaning", "draft", "queued"),
    ]
    told = await x.last(me)
    lead = T("bookflow.queued_next", first={"zh": "油烟机清洗"}, second={"zh": "空调清洗"})
    assert told.text.startswith(rendered(lead)) and "请选择服务商" in told.text
    async with x.w.tx() as tx:
        await x.s.flow.choose_provider(tx, first, me, "jiejia")
        await x.s.flow.choose_slot(tx, await x.s.deps.reload(tx, 1), me, "keep")
        await x.s.flow.give_address(tx, await x.s.deps.reload(tx, 1), me, Address("3", "2", "501"))
        await x.s.flow.give_note(tx, await x.s.deps.reload(tx, 1), me, None)
        await x.s.dispatch.confirm(tx, await x.s.deps.reload(tx, 1), me)
        await x.s.urgent.resume(tx, me, 1)
    assert (await x.get(1)).status == Status.OFFERED
    second = await x.get(2)
    assert (second.status, second.step) == (Status.DRAFT, Step.PROVIDER)
    texts = [m.text for m in await x.sent(me)]
    go = rendered(T("bookflow.queued_go", service={"zh": "空调清洗"}))
    assert texts.index(go) < len(texts) - 1 and "空调清洗" in texts[-1]


async def test_calling_off_a_draft_says_it_was_not_booked_and_starts_the_next_one(
    x: World,
) -> None:
    """ "算了，不约了" on a draft: "这次先不约了" (never "已取消…不收取费用"); the service
    waiting its turn starts."""
    me = x.resident
    async with x.w.tx() as tx:
        first = await x.s.flow.start(tx, me, RANGE_HOOD)
        assert first is not None
        await start_or_queue(x.s.flow, tx, me, "ac_cleaning")
        assert (await x.s.timing.draft(tx, me)) == await x.s.deps.reload(tx, first.id)
        await x.s.timing.drop(tx, await x.s.deps.reload(tx, first.id), me)
    texts = [m.text for m in await x.sent(me)]
    dropped = rendered(T("bookflow.draft_dropped", service={"zh": "油烟机清洗"}))
    assert dropped in texts and not any("已取消" in t for t in texts)
    assert dropped.startswith("好的，这次先不约")
    assert (await x.get(1)).status == Status.CANCELLED
    assert (await x.get(2)).step == Step.PROVIDER


async def test_a_new_time_inside_the_late_window_waits_for_the_resident_not_the_worker(
    x: World,
) -> None:
    """Two hours before the visit: "改到下午" asks the resident to confirm first. Until they
    do, "师傅几点到" says it waits for them (the worker was never asked); then for the worker."""
    booking = await accepted(x)
    x.w.clock.set(SLOT - timedelta(hours=2))
    await propose(x, "改到下午")
    async with x.w.tx() as tx:
        waiting, _ = await x.s.mine.stands(tx, x.resident, None)
        listed, _ = await x.s.mine.listing(tx, x.resident)
    for text in (rendered(waiting), rendered(listed)):
        assert "还等您确认" in text and "等师傅确认" not in text
        assert "\n   " not in text  # no odd indentation
    assert not [m for m in await x.sent(x.zhao) if ":w:move:" in m.key]
    async with x.w.tx() as tx:
        await x.s.moving.confirm_late(tx, booking.id, 1, x.resident)
        asked, _ = await x.s.mine.stands(tx, x.resident, None)
    assert "等师傅确认" in rendered(asked) and "还等您确认" not in rendered(asked)
    assert "the worker was asked" in rendered(asked, "en")


async def test_an_asap_job_waiting_past_its_window_is_overdue_in_staff_list(x: World) -> None:
    """尽快 offered and unanswered past its response window (a no-show re-offer, say): staff's
    /bookings counts it overdue, not merely 派单中."""
    async with x.w.tx() as tx:
        draft = await x.s.flow.start(tx, x.resident, "drain_unclogging", asap=True)
        assert draft is not None
        found = await x.s.providers.candidates(tx, "drain_unclogging", x.resident.id)
        await x.s.flow.choose_provider(tx, draft, x.resident, found[0].provider.id)
        await x.s.timing.choose(tx, await x.s.deps.reload(tx, draft.id), x.resident, "asap")
        at = await x.s.deps.reload(tx, draft.id)
        if at.step == Step.ADDRESS:
            await x.s.flow.give_address(tx, at, x.resident, Address("3", "2", "501"))
        await x.s.dispatch.confirm(tx, await x.s.deps.reload(tx, draft.id), x.resident)
        fresh = await x.s.staff_list(tx)
    assert fresh.params["overdue"] == 0
    x.w.clock.advance(timedelta(minutes=45))
    async with x.w.tx() as tx:
        late = await x.s.staff_list(tx)
    booking = await x.get(draft.id)
    assert booking.asap and booking.status in (Status.OFFERED, Status.UNASSIGNED)
    assert late.params["overdue"] == 1


async def test_people_are_written_to_in_the_language_they_write_unless_they_chose(
    x: World,
) -> None:
    """An English sentence from someone whose Telegram is in Chinese: English from now on; a
    word like "ok" changes nothing; a language chosen with /language always wins."""
    me = x.resident
    assert me.language == "zh"
    async with x.w.tx() as tx:
        same = await x.people.follow_writing(tx, me, "ok")
        assert same.language == "zh"
        now = await x.people.follow_writing(tx, me, "need someone to clean my kitchen hood")
        assert now.language == "en"
        stored = await x.people.get(tx, me.telegram_id)
        assert stored is not None and (stored.language, stored.language_set) == ("en", False)
        await x.people.set_language(tx, me.id, "zh")
        chosen = await x.people.get(tx, me.telegram_id)
        assert chosen is not None
        kept = await x.people.follow_writing(tx, chosen, "please book a cleaner for tomorrow")
        assert kept.language == "zh"
        stored = await x.people.get(tx, me.telegram_id)
    assert stored is not None and stored.language == "zh"


async def test_the_next_service_pressed_while_a_report_asks_what_is_broken_waits_quietly(
    x: World,
) -> None:
    """➕ a service pressed while a work order still asks what is broken (its own step, asked
    by the work orders, not the draft flow): the report is kept, the service waits its turn,
    and the resident is told so without the report's question asked a second time."""
    me = x.resident
    async with x.w.tx() as tx:
        report = await x.s.onsite.work_orders.start(tx, me, "楼下有东西坏了")
        assert report.step == Step.ISSUE
        kept = await start_or_queue(x.s.flow, tx, me, "ac_cleaning")
    assert kept is not None and kept.id == report.id
    rows = await x.sql("SELECT id, step FROM bookings ORDER BY id")
    assert rows == [(1, "issue"), (2, "queued")]
    told = await x.last(me)
    assert "空调清洗" in told.text and not told.buttons
