"""A district notes, in the queuing transaction, that a community wrote to someone: only for a
message really queued. A message its dedupe key had already queued changes nothing, or a
planner that re-queues a keyed message each round (the daily "alerts can reach no one" note)
never sees a round that changed nothing, and runs 10,000 rounds a tick (the PostgreSQL
check-in story seemed to hang on it)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from bot.clock import FakeClock
from bot.i18n import T
from bot.outbox import Outbox
from bot.storage import Database, Tx, whereabouts
from tests.district.support import District
from tests.district.test_bookings import join


async def test_only_a_message_really_queued_notes_that_it_was_told(
    store: Path | str, clock: FakeClock
) -> None:
    db = Database(store)
    await db.open()
    told: list[int] = []

    async def note(tx: Tx, chat_id: int) -> None:
        told.append(chat_id)
        await whereabouts.note(tx, chat_id, "told_at", clock.now())

    outbox = Outbox(clock)
    outbox.label(lambda chat_id, key: "【银杏苑】", "yinxing-", note)
    try:
        async with db.tx() as tx:
            assert await outbox.send(tx, 5002, T("onboarding.ask_address"), key="k:1")
        before = db.total_changes
        clock.advance(timedelta(minutes=1))
        async with db.tx() as tx:  # the same key again: nothing queued, nothing noted
            assert not await outbox.send(tx, 5002, T("onboarding.ask_address"), key="k:1")
            assert await outbox.send(tx, -1001, T("onboarding.ask_address"), key="k:g")
            after_group = db.total_changes
        assert told == [5002] and after_group == before + 1  # a group is nobody's whereabouts
        async with db.read() as tx:
            at = await whereabouts.last(tx, 5002, "told_at")
            text = await tx.scalar("SELECT payload FROM outbox WHERE dedupe_key = 'k:1'")
        assert at == clock.now() - timedelta(minutes=1)
        assert "【银杏苑】" in str(text)
    finally:
        await db.close()


async def test_planning_again_changes_nothing(district: District) -> None:
    """银杏苑's elder has a grid worker who never joined: each plan re-queues the day's
    "alerts can reach no one" note to its staff, which its key had queued already. A second
    plan at the same time changes no row in any community's store."""
    await join(district.side("yinxing"), district.person(3101, "王阿姨"), "elder elder_wang")
    await district.advance(timedelta(minutes=1))
    staff = district.side("yinxing").staff.id
    await district.sb.wait_for_message(staff, contains="以下人员收不到预警")
    for runtime in district.runtimes():  # a delivery marked sent is a change: let them finish
        if runtime.sender is not None:
            await runtime.sender.drain()
    await district.sb.wait_idle(quiet=0.05)
    for runtime in district.runtimes():
        before = runtime.db.total_changes
        await runtime.plan()
        assert runtime.db.total_changes == before, runtime.community.community.name_en
