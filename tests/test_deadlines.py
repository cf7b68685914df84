"""The deadline runner on a real SQLite file: due order, once only, failures isolated,
and deadlines missed while the bot was down handled when it comes back."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.clock import FakeClock
from bot.deadlines import (
    Deadline,
    DeadlineRunner,
    _pending_sql,
    cancel,
    cancel_prefix,
    name_range,
    pending,
    restore,
    schedule,
)
from bot.storage import Database, Tx
from tests.harness import START


@pytest.fixture
async def db(store: Path | str) -> AsyncIterator[Database]:
    """An open database with all migrations applied (on each store)."""
    database = Database(store)
    await database.open()
    yield database
    await database.close()


def _runner(db: Database, clock: FakeClock, seen: list[str]) -> DeadlineRunner:
    runner = DeadlineRunner(db, clock)

    async def record(tx: Tx, deadline: Deadline) -> None:
        await tx.execute("INSERT INTO misses (text, last_at) VALUES (?, 'x')", (deadline.name,))
        seen.append(deadline.name)

    async def explode(tx: Tx, deadline: Deadline) -> None:
        await tx.execute("INSERT INTO misses (text, last_at) VALUES (?, 'x')", (deadline.name,))
        raise RuntimeError("boom")

    runner.register("record", record)
    runner.register("explode", explode)
    return runner


async def test_due_deadlines_run_in_order_once(db: Database) -> None:
    """Only what is due runs, oldest first, and never twice; duplicates by name are ignored."""
    clock, seen = FakeClock(START), []
    runner = _runner(db, clock, seen)
    async with db.tx() as tx:
        for name, minutes in (("c", 30), ("a", 10), ("b", 20), ("later", 90)):
            await schedule(tx, name, "record", START + timedelta(minutes=minutes))
        assert not await schedule(tx, "a", "record", START + timedelta(minutes=1))
    clock.advance(timedelta(minutes=60))
    assert await runner.run_due() == 3
    assert await runner.run_due() == 0
    assert seen == ["a", "b", "c"]
    async with db.read() as tx:
        assert [d.name for d in await pending(tx)] == ["later"]


async def test_a_failing_deadline_is_rolled_back_and_does_not_block_others(db: Database) -> None:
    """A handler that raises leaves no partial state, is marked failed, and the next one runs."""
    clock, seen = FakeClock(START), []
    runner = _runner(db, clock, seen)
    async with db.tx() as tx:
        await schedule(tx, "bad", "explode", START + timedelta(minutes=1))
        await schedule(tx, "good", "record", START + timedelta(minutes=2))
    clock.advance(timedelta(minutes=5))
    assert await runner.run_due() == 2
    assert seen == ["good"]
    async with db.read() as tx:
        texts = [r["text"] for r in await tx.all("SELECT text FROM misses")]
        status = await tx.scalar("SELECT status FROM deadlines WHERE name = 'bad'")
    assert texts == ["good"] and status == "failed"


async def test_cancelled_deadlines_never_run(db: Database) -> None:
    """Cancelling before the time comes means nothing happens."""
    clock, seen = FakeClock(START), []
    runner = _runner(db, clock, seen)
    async with db.tx() as tx:
        await schedule(tx, "x", "record", START + timedelta(minutes=1))
        await cancel(tx, "x")
    clock.advance(timedelta(hours=1))
    assert await runner.run_due() == 0 and seen == []


async def test_deadlines_missed_while_down_run_when_back(store: Path | str) -> None:
    """A deadline stored before a shutdown runs after the restart, on the same database."""
    path, clock, seen = store, FakeClock(START), []
    first = Database(path)
    await first.open()
    async with first.tx() as tx:
        await schedule(tx, "while-down", "record", START + timedelta(minutes=10))
    await first.close()
    clock.advance(timedelta(hours=3))
    second = Database(path)
    await second.open()
    try:
        assert await _runner(second, clock, seen).run_due() == 1
    finally:
        await second.close()
    assert seen == ["while-down"]


async def test_cancel_prefix_cancels_exactly_the_names_that_start_with_it(db: Database) -> None:
    """Case, LIKE wildcards and neighbouring keys are told apart: bk:1: is not bk:10: or BK:1:."""
    names = ["bk:1:offer:0", "bk:1:remind:0", "bk:10:offer:0", "bk:1", "BK:1:x", "bk:1;x"]
    names += ["ci:e_1:a", "ci:e%1:a", "ci:ex1:a", "ci:e_1:\U0010ffff"]
    async with db.tx() as tx:
        for name in names:
            await schedule(tx, name, "record", START)
        await cancel_prefix(tx, "bk:1:")
        await cancel_prefix(tx, "ci:e_1:")
        left = {d.name for d in await pending(tx)}
        assert {d.name for d in await pending(tx, "ci:e")} == {"ci:e%1:a", "ci:ex1:a"}
    assert left == {"bk:10:offer:0", "bk:1", "BK:1:x", "bk:1;x", "ci:e%1:a", "ci:ex1:a"}


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [("", ("", None)), ("bk:1:", ("bk:1:", "bk:1;")), ("ci:王:", ("ci:王:", "ci:王;"))],
)
def test_name_range(prefix: str, expected: tuple[str, str | None]) -> None:
    """The half-open range of names a prefix covers."""
    assert name_range(prefix) == expected


async def test_cancelling_by_prefix_walks_only_the_prefix_in_the_name_index(
    tmp_path: Path,
) -> None:
    """The plan is a range search on the name index, never a scan of every pending deadline
    (SQLite's plan)."""
    where, params = _pending_sql("bk:1:")
    db = Database(tmp_path / "plan.sqlite")
    await db.open()
    async with db.read() as tx:
        plan = await tx.all(
            f"EXPLAIN QUERY PLAN UPDATE deadlines SET status = 'cancelled' WHERE {where}", params
        )
    await db.close()
    details = " ".join(str(row["detail"]) for row in plan)
    assert "INDEX sqlite_autoindex_deadlines_1 (name>? AND name<?)" in details, details


async def test_restore_brings_back_one_objects_cancelled_deadlines_of_a_kind(db: Database) -> None:
    """Only the prefix's cancelled deadlines of that kind due from `since` on: not another
    object's (ci:e1: is not ci:e10:), not another kind, not an earlier one, not a done one."""
    later = START + timedelta(hours=1)
    rows = [
        ("ci:e1:d1:ping", "ping", later),
        ("ci:e1:d2:ping", "ping", later + timedelta(days=1)),
        ("ci:e1:d0:ping", "ping", START - timedelta(hours=1)),  # before `since`: stays
        ("ci:e1:d1:remind", "remind", later),  # another kind: stays
        ("ci:e10:d1:ping", "ping", later),  # another elder: stays
    ]
    async with db.tx() as tx:
        for name, kind, due in rows:
            await schedule(tx, name, kind, due)
        await cancel_prefix(tx, "ci:e1")  # both elders' deadlines
        assert await restore(tx, "ci:e1:", "ping", START) == 2
        assert {d.name for d in await pending(tx)} == {"ci:e1:d1:ping", "ci:e1:d2:ping"}
        with pytest.raises(ValueError):
            await restore(tx, "", "ping", START)


async def test_restoring_walks_only_the_prefix_in_the_name_index(tmp_path: Path) -> None:
    """Like cancelling: a range of the name index, not every cancelled deadline through the
    status index (all of them until retention prunes them). SQLite's plan, so SQLite only."""
    db = Database(tmp_path / "plan.sqlite")
    await db.open()
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    async with db.tx() as tx:
        await restore(tx, "ci:e1:", "ping", START)
    db.conn.set_trace_callback(None)
    (update,) = [s for s in statements if s.startswith("UPDATE deadlines")]
    async with db.read() as tx:
        plan = await tx.all(f"EXPLAIN QUERY PLAN {update}")
    details = " ".join(str(row["detail"]) for row in plan)
    await db.close()
    assert "INDEX sqlite_autoindex_deadlines_1 (name>? AND name<?)" in details, details
