"""The webhook inbox on real SQLite: record, claim, done, replay after a crash, redelivery."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.storage import Database
from bot.storage import inbox as rows
from bot.storage.updates import mark_processed
from tests.harness import START

LEASE = timedelta(minutes=5)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    """An open database with every migration applied."""
    database = Database(tmp_path / "inbox.sqlite")
    await database.open()
    yield database
    await database.close()


async def _record(db: Database, update_id: int, body: str = "{}") -> bool:
    async with db.tx() as tx:
        return await rows.record(tx, update_id, body, START)


async def _claim(db: Database, minutes: float = 0, limit: int = 10) -> list[int]:
    async with db.tx() as tx:
        taken = await rows.claim(tx, START + timedelta(minutes=minutes), LEASE, limit)
    return [d.update_id for d in taken]


async def test_recorded_updates_are_claimed_in_update_order_with_their_body(db: Database) -> None:
    """Claims come oldest update first, whatever order the deliveries came in."""
    for update_id in (12, 10, 11):
        assert await _record(db, update_id, f'{{"update_id": {update_id}}}')
    async with db.tx() as tx:
        taken = await rows.claim(tx, START, LEASE, 2)
    assert [(d.update_id, d.body) for d in taken] == [
        (10, '{"update_id": 10}'),
        (11, '{"update_id": 11}'),
    ]
    assert await _claim(db) == [12]
    assert await _claim(db) == []  # everything is claimed


async def test_a_done_update_leaves_the_inbox(db: Database) -> None:
    """Once handled, a row is gone; the others still wait."""
    await _record(db, 1)
    await _record(db, 2)
    await _claim(db)
    async with db.tx() as tx:
        await rows.done(tx, 1)
        assert await rows.waiting(tx) == 1


async def test_a_redelivered_update_is_recorded_once(db: Database) -> None:
    """Telegram delivers again when it missed the answer: the second record is a no-op."""
    assert await _record(db, 5, '{"update_id": 5, "first": true}')
    assert not await _record(db, 5, '{"update_id": 5, "second": true}')
    async with db.tx() as tx:
        taken = await rows.claim(tx, START, LEASE, 10)
    assert [d.body for d in taken] == ['{"update_id": 5, "first": true}']


async def test_an_update_already_handled_is_not_recorded_again(db: Database) -> None:
    """A redelivery after handling finished (row removed) is not handled a second time."""
    async with db.tx() as tx:
        await mark_processed(tx, 9, START)
    assert not await _record(db, 9)
    async with db.tx() as tx:
        assert await rows.waiting(tx) == 0


async def test_a_claim_left_by_a_crash_is_freed_at_start(db: Database, tmp_path: Path) -> None:
    """Claimed but never done (the process died): after release_all it is claimed again,
    on a fresh connection, as at the next start."""
    await _record(db, 3)
    await _record(db, 4)
    assert await _claim(db) == [3, 4]
    async with db.tx() as tx:
        await rows.done(tx, 3)
    await db.close()
    again = Database(tmp_path / "inbox.sqlite")
    await again.open()
    try:
        assert await _claim(again) == []  # still claimed by the dead process
        async with again.tx() as tx:
            assert await rows.release_all(tx) == 1
        assert await _claim(again) == [4]
    finally:
        await again.close()


async def test_a_claim_older_than_the_lease_is_taken_again(db: Database) -> None:
    """A handler that died without a restart (another instance) loses its claim in time."""
    await _record(db, 7)
    assert await _claim(db) == [7]
    assert await _claim(db, minutes=4) == []
    assert await _claim(db, minutes=6) == [7]


async def test_a_rolled_back_record_leaves_nothing(db: Database) -> None:
    """Recorded means committed: a failure before commit records nothing (Telegram, which got
    no 200, delivers again)."""
    with pytest.raises(RuntimeError):
        async with db.tx() as tx:
            await rows.record(tx, 8, "{}", START)
            raise RuntimeError("crash before commit")
    async with db.tx() as tx:
        assert await rows.waiting(tx) == 0
