"""Incremental planning on a real database: only elders who need it are planned, in bounded
batches; an unchanged community file is not synced again; the runtime repeats a planner in
short transactions while it changes something, letting waiting work in between."""

from __future__ import annotations

import asyncio
from datetime import datetime, time, timedelta
from pathlib import Path

from bot.clock import FakeClock
from bot.config import Settings, load_community
from bot.domain.checkins import Checkins
from bot.domain.checkins.forms import Enrolment
from bot.domain.checkins.planning import PLAN_BATCH
from bot.runtime import Runtime
from bot.storage import Tx
from tests.checkins.conftest import COMMUNITY, Care

DAY = timedelta(days=1)


async def _changes_of(care: Care, now: datetime) -> int:
    """Rows one planner round (as the checkins planner runs it) changed."""
    db = care.world.db
    before = db.total_changes
    async with care.world.tx() as tx:
        await care.ci.planning.sync_file(tx)
        await care.ci.planning.plan(tx, now)
    return db.total_changes - before


async def test_a_second_round_the_same_day_reads_one_index(care: Care) -> None:
    """Planned at 08:00 (the fixture): at 08:10 nothing is synced, scheduled or marked, and
    the round asks only who is left to plan, whatever the number of elders."""
    async with care.world.tx() as tx:
        for n in range(30):
            await _enrol(care, tx, n)
    assert await _changes_of(care, care.world.clock.now()) > 0  # the 30 new ones
    statements: list[str] = []
    care.world.db.set_trace_callback(statements.append)
    changed = await _changes_of(care, care.world.clock.now() + timedelta(minutes=10))
    care.world.db.set_trace_callback(None)
    assert changed == 0
    assert [s.split()[0] for s in statements] == ["BEGIN", "SELECT", "COMMIT"]


async def test_a_new_day_plans_everyone_once(care: Care) -> None:
    """Tomorrow's pings for the day after: planned once, the second round changes nothing."""
    tomorrow = care.world.clock.now() + DAY
    assert await _changes_of(care, tomorrow) > 0
    assert "ci:elder_wang:2026-11-30T08:00:ping" in await care.pending("ci:elder_wang:")
    assert await _changes_of(care, tomorrow) == 0


async def test_a_changed_file_is_synced_again(care: Care) -> None:
    """Restarted with another check-in time in the file: synced, re-planned, and the new slot
    has a ping; restarted with the same file, nothing is synced."""
    w = care.world
    for text, synced in (
        (COMMUNITY, 0),
        (COMMUNITY.replace('["10:00"]', '["10:00", "16:00"]'), 1),
    ):
        community = load_community(text=text)
        ci = Checkins.build(
            community, w.clock, care.people, w.outbox, w.audit, w.signer, care.incidents
        )
        statements: list[str] = []
        w.db.set_trace_callback(statements.append)
        async with w.tx() as tx:
            assert await ci.planning.sync_file(tx) == 0  # nobody new
            await ci.planning.plan(tx, w.clock.now())
        w.db.set_trace_callback(None)
        assert any("INTO elders" in s for s in statements) == bool(synced)
        async with w.db.read() as tx:
            updated = await tx.scalar(
                "SELECT COUNT(*) FROM audit WHERE action = 'enrolment_updated'"
            )
        assert updated == synced
    assert "ci:elder_zhao:2026-11-28T16:00:ping" in await care.pending("ci:elder_zhao:")


async def _enrol(care: Care, tx: Tx, n: int) -> None:
    form = Enrolment(f"老人{n}", "1栋", [time(9, 0)], "hk_zhang", "normal", True)
    await care.ci.repo.add_staff_elder(tx, form, care.world.clock.now())


async def test_many_elders_are_planned_in_batches(care: Care) -> None:
    """More elders than a batch: each round plans at most a batch, until none is left."""
    async with care.world.tx() as tx:
        for n in range(PLAN_BATCH + 20):
            await _enrol(care, tx, n)
    now = care.world.clock.now()
    planned = []
    for _ in range(4):
        async with care.world.tx() as tx:
            planned.append(len(await care.ci.repo.to_plan(tx, "2026-11-28", 10_000)))
            await care.ci.planning.plan(tx, now)
    assert planned == [PLAN_BATCH + 20, 20, 0, 0]
    today = [n for n in await care.pending("ci:e") if n.endswith(":2026-11-28T09:00:ping")]
    assert len(today) == PLAN_BATCH + 20


async def test_a_resumed_elder_is_planned_again(care: Care) -> None:
    """A pause skipped tomorrow's ping; resuming plans it at once."""
    clock = care.world.clock
    async with care.world.tx() as tx:
        await care.ci.pauses.pause(
            tx, "elder_zhao", care.staff, clock.now(), clock.now() + 3 * DAY
        )
    clock.advance(DAY)
    await _changes_of(care, clock.now())
    assert "ci:elder_zhao:2026-11-30T10:00:ping" not in await care.pending("ci:elder_zhao:")
    async with care.world.tx() as tx:
        await care.ci.pauses.resume(tx, "elder_zhao", "test", automatic=False)
    assert "ci:elder_zhao:2026-11-30T10:00:ping" in await care.pending("ci:elder_zhao:")


async def test_the_runtime_plans_in_rounds_that_let_waiting_work_in(tmp_path: Path) -> None:
    """A planner doing a little per round is called again while it changes something; a
    transaction waiting for the lock is let in between two rounds."""
    settings = Settings(
        token="1:x",
        api_url="http://offline.invalid",
        db_path=tmp_path / "r.db",
        community=load_community(text=COMMUNITY),
        community_path=None,
        secret_key="test-secret-key-0123456789",
    )
    runtime = Runtime.build(
        settings, FakeClock(datetime(2026, 11, 28, tzinfo=settings.community.tz))
    )
    await runtime.db.open()
    order: list[str] = []

    async def planner(tx: Tx, now: datetime) -> None:
        done = order.count("round")
        order.append("round")
        if done < 3:
            await tx.execute("INSERT INTO misses (text, last_at) VALUES (?, 'x')", (str(done),))
        await asyncio.sleep(0)  # let the waiting transaction queue for the lock

    async def update() -> None:
        await asyncio.sleep(0)
        async with runtime.db.tx():
            order.append("update")

    runtime.planners.append(planner)
    try:
        await asyncio.gather(runtime.plan(), update())
    finally:
        await runtime.db.close()
    assert order.count("round") == 4  # three that changed something, one that did not
    assert order.index("update") < 3  # handled between rounds, not after the whole plan
