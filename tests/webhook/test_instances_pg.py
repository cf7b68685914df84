"""Several instances on one PostgreSQL, raced on real connections: each instance is a store
(one connection) of its own on the same schema. Webhook inbox claims are leases that never
free another instance's live claim and keep a chat's updates in order; deadlines are claimed
with ``FOR UPDATE SKIP LOCKED`` in the transaction that handles them (one object's steps in
order); the outbox sender's turn is an advisory lock that passes on when its session ends."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import timedelta

import asyncpg
import pytest

from bot.clock import FakeClock
from bot.deadlines import Deadline, DeadlineRunner, schedule
from bot.sender_turn import LOCK_KEY, SenderTurn
from bot.storage import Database, Tx
from bot.storage import inbox as rows
from tests.harness import START
from tests.stores import pg_schema, skip_without_pg

LEASE = timedelta(seconds=60)


@pytest.fixture
async def pair() -> AsyncIterator[tuple[Database, Database]]:
    """Two instances' stores on one fresh schema."""
    skip_without_pg()
    async with pg_schema() as url:
        one, two = Database(url), Database(url)
        await one.open()
        await two.open()
        try:
            yield one, two
        finally:
            await one.close()
            await two.close()


def _body(update_id: int, chat: int) -> str:
    return json.dumps({"update_id": update_id, "message": {"chat": {"id": chat}, "text": "x"}})


async def _claim(db: Database, holder: str, seconds: float = 0, limit: int = 10) -> list[int]:
    async with db.tx() as tx:
        taken = await rows.claim(tx, START + timedelta(seconds=seconds), LEASE, limit, holder)
    return [d.update_id for d in taken]


async def test_an_instance_never_takes_another_instances_live_claims(
    pair: tuple[Database, Database],
) -> None:
    """A holds 1 and 2; B gets 3 and 4 only; once A's lease ran out (A died), B takes them."""
    a, b = pair
    async with a.tx() as tx:
        for update_id in (1, 2, 3, 4):
            await rows.record(tx, update_id, _body(update_id, 100 + update_id), START)
    assert await _claim(a, "a", limit=2) == [1, 2]
    assert await _claim(b, "b") == [3, 4]
    assert await _claim(b, "b", seconds=30) == []
    assert await _claim(b, "b", seconds=61) == [1, 2, 3, 4]


async def test_a_chat_whose_update_is_held_elsewhere_waits_for_it(
    pair: tuple[Database, Database],
) -> None:
    """Chat 7's first update is A's: B passes over chat 7's next one and takes chat 8's."""
    a, b = pair
    async with a.tx() as tx:
        await rows.record(tx, 1, _body(1, 7), START)
        await rows.record(tx, 2, _body(2, 7), START)
        await rows.record(tx, 3, _body(3, 8), START)
    assert await _claim(a, "a", limit=1) == [1]
    assert await _claim(b, "b") == [3]
    async with a.tx() as tx:
        await rows.done(tx, 1)
    assert await _claim(b, "b") == [2]


async def test_a_restarted_instance_frees_only_its_own_claims(
    pair: tuple[Database, Database],
) -> None:
    """At start an instance frees what its earlier run held, never another's live claims."""
    a, b = pair
    async with a.tx() as tx:
        for update_id in (1, 2):
            await rows.record(tx, update_id, _body(update_id, update_id), START)
    assert await _claim(a, "a", limit=1) == [1]
    assert await _claim(b, "b", limit=1) == [2]
    async with a.tx() as tx:
        assert await rows.release_mine(tx, "a") == 1
    assert await _claim(a, "a") == [1]


async def test_two_instances_racing_for_the_inbox_take_each_update_once(
    pair: tuple[Database, Database],
) -> None:
    """Claims made at the same moment on two connections never overlap."""
    a, b = pair
    async with a.tx() as tx:
        for update_id in range(1, 201):
            await rows.record(tx, update_id, _body(update_id, update_id), START)

    async def drain(db: Database, holder: str) -> list[int]:
        got: list[int] = []
        while batch := await _claim(db, holder, limit=5):
            got += batch
            await asyncio.sleep(0)
        return got

    first, second = await asyncio.gather(drain(a, "a"), drain(b, "b"))
    assert sorted(first + second) == list(range(1, 201))
    assert first and second


async def test_deadlines_held_elsewhere_are_skipped_with_their_objects_later_steps(
    pair: tuple[Database, Database],
) -> None:
    """While another session holds elder 1's first step (its row lock, as an instance that
    is handling it), the runner skips it and that elder's next step and handles elder 2's;
    once the holder is gone, both of elder 1's steps run, in order, once."""
    a, b = pair
    clock = FakeClock(START + timedelta(hours=1))
    async with a.tx() as tx:
        await schedule(tx, "ping:e1:1", "ping", START, "e1")
        await schedule(tx, "ping:e1:2", "ping", START + timedelta(minutes=1), "e1")
        await schedule(tx, "ping:e2:1", "ping", START + timedelta(minutes=2), "e2")
    handled: list[str] = []

    async def handle(_tx: Tx, deadline: Deadline) -> None:
        handled.append(deadline.name)

    runner = DeadlineRunner(b, clock)
    runner.register("ping", handle)
    holder = await asyncpg.connect(a.url)  # type: ignore[attr-defined]
    try:
        async with holder.transaction():
            await holder.execute("SELECT 1 FROM deadlines WHERE name = 'ping:e1:1' FOR UPDATE")
            assert await runner.run_due() == 1
            assert handled == ["ping:e2:1"]
    finally:
        await holder.close()
    assert await runner.run_due() == 2
    assert handled == ["ping:e2:1", "ping:e1:1", "ping:e1:2"]
    assert await runner.run_due() == 0


async def test_write_transactions_of_two_instances_take_turns(
    pair: tuple[Database, Database],
) -> None:
    """B's write transaction begins only once A's committed (as on SQLite), so B reads what A
    wrote and ids are handed out in commit order."""
    a, b = pair
    order: list[str] = []
    inside = asyncio.Event()

    async def first() -> None:
        async with a.tx() as tx:
            inside.set()
            await asyncio.sleep(0.3)
            await schedule(tx, "x:1", "ping", START, "x")
            order.append("a wrote")

    async def second() -> None:
        await inside.wait()
        async with b.tx() as tx:
            order.append("b began")
            assert await tx.scalar("SELECT COUNT(*) FROM deadlines") == 1

    await asyncio.gather(first(), second())
    assert order == ["a wrote", "b began"]


async def test_the_sending_turn_is_one_instances_and_passes_on_when_it_dies(
    pair: tuple[Database, Database], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A takes the turn; B waits; A's session ends (its process died): B takes it."""
    monkeypatch.setattr("bot.sender_turn.RETRY", 0.05)
    a, b = pair
    sending: list[str] = []
    taken_over: list[bool] = []

    def turn(db: Database, who: str) -> SenderTurn:
        async def start(over: bool) -> None:
            sending.append(who)
            taken_over.append(over)

        async def stop() -> None:
            sending.remove(who)

        return SenderTurn(db.session_lock(LOCK_KEY), start, stop)

    first, second = turn(a, "a"), turn(b, "b")
    await first.start()
    await second.start()
    try:
        await asyncio.sleep(0.2)
        assert sending == ["a"]
        lock = first._lock  # its session dies as a killed process would
        conn = lock._conn  # type: ignore[attr-defined]
        assert conn is not None
        conn.terminate()
        for _ in range(100):
            if "b" in sending:
                break
            await asyncio.sleep(0.05)
        assert "b" in sending
        assert taken_over == [False, True]  # B waited for it: B's sender pauses a second
    finally:
        await first.stop()
        await second.stop()
    assert sending == []
