"""Processed updates on real SQLite: an update is marked once, and a second mark says so."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.storage import Database
from bot.storage.updates import mark_processed, was_processed
from tests.harness import START


@pytest.fixture
async def db(store: Path | str) -> AsyncIterator[Database]:
    """An open database with all migrations applied (on each store)."""
    database = Database(store)
    await database.open()
    yield database
    await database.close()


async def test_an_update_is_fresh_once_and_then_known(db: Database) -> None:
    """The first mark is fresh; later marks, even in another transaction, are not."""
    async with db.tx() as tx:
        assert not await was_processed(tx, 7)
        assert await mark_processed(tx, 7, START)
        assert await was_processed(tx, 7)
    async with db.tx() as tx:
        assert not await mark_processed(tx, 7, START)
        assert not await was_processed(tx, 8)


async def test_a_rolled_back_mark_leaves_the_update_unprocessed(db: Database) -> None:
    """The mark commits with the handler's work or not at all, so a crash retries the update."""
    with pytest.raises(RuntimeError):
        async with db.tx() as tx:
            assert await mark_processed(tx, 9, START)
            raise RuntimeError("the handler failed")
    async with db.tx() as tx:
        assert not await was_processed(tx, 9)
