"""Provider statistics on a real database: kept current in the transaction that accepts an
offer or writes a rating, backfilled from the history by migration 0009, and read once per
ranking."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator, Iterable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.clock import FakeClock, to_db
from bot.domain.bookings.model import ProviderStats
from bot.storage import Database
from bot.storage.schema import migrations
from tests.bookings.test_service import CREW, RANGE_HOOD, World, _world, confirmed
from tests.domain_support import domain_world
from tests.harness import START


@pytest.fixture
async def world(store: Path | str) -> AsyncIterator[World]:
    """The booking world of the service tests."""
    async with domain_world(store, FakeClock(START)) as w:
        yield await _world(w, CREW)


async def _stats(x: World) -> dict[str, ProviderStats]:
    async with x.w.db.read() as tx:
        return await x.s.deps.repo.provider_stats(tx)


async def test_an_accept_counts_its_response_in_minutes(world: World) -> None:
    """Accepted 7 min 20 s after the offer: one accept of 7 minutes, shown as typical."""
    x = world
    await confirmed(x)
    x.w.clock.advance(timedelta(minutes=7, seconds=20))
    async with x.w.tx() as tx:
        await x.s.dispatch.accept(tx, 1, 0, x.zhao)
    assert await x.sql("SELECT provider_id, accepts, response_minutes FROM provider_stats") == [
        ("jiejia", 1, '{"7":1}')
    ]
    async with x.w.tx() as tx:
        found = await x.s.providers.candidates(tx, RANGE_HOOD, x.resident.id)
    assert [(c.provider.id, c.typical) for c in found] == [
        ("jiejia", timedelta(minutes=7)),
        ("kuaixiu", None),
    ]


async def test_a_decline_is_no_response_time(world: World) -> None:
    """Declining moves the job on and leaves the provider's response times alone."""
    x = world
    await confirmed(x)
    async with x.w.tx() as tx:
        await x.s.dispatch.decline(tx, 1, 0, x.zhao)
    assert await x.sql("SELECT * FROM provider_stats") == []


async def _rated(x: World, stars: int) -> None:
    async with x.w.tx() as tx:
        await x.s.dispatch.accept(tx, 1, 0, x.zhao)
        await x.s.jobs.arrived(tx, 1, x.zhao, sure=True)
        await x.s.jobs.done(tx, 1, x.zhao)
        await x.s.jobs.rate(tx, 1, x.resident, stars)


async def test_a_rating_counts_in_the_same_transaction(world: World) -> None:
    """The rating and the stats move together; rolled back, neither stays."""
    x = world
    await confirmed(x)
    with pytest.raises(RuntimeError):
        async with x.w.tx() as tx:
            await x.s.dispatch.accept(tx, 1, 0, x.zhao)
            await x.s.jobs.arrived(tx, 1, x.zhao, sure=True)
            await x.s.jobs.done(tx, 1, x.zhao)
            await x.s.jobs.rate(tx, 1, x.resident, 4)
            raise RuntimeError("crash before commit")
    assert await _stats(x) == {}
    await _rated(x, 4)
    found = (await _stats(x))["jiejia"]
    assert (found.ratings, found.stars, found.average) == (1, 4, 4.0)
    async with x.w.tx() as tx:
        ranked = await x.s.providers.candidates(tx, RANGE_HOOD, x.resident.id)
    assert [(c.provider.id, c.average, c.count) for c in ranked] == [
        ("jiejia", 4.0, 1),
        ("kuaixiu", None, 0),
    ]


async def test_ranking_reads_the_tables_once_per_transaction(world: World) -> None:
    """Starting a draft ranks twice (is anyone offered? then the step's buttons) but reads the
    stats once; a rating in the same transaction makes the next ranking read them again."""
    x = world
    statements: list[str] = []
    x.w.db.set_trace_callback(statements.append)
    async with x.w.tx() as tx:
        await x.s.flow.start(tx, x.resident, RANGE_HOOD)
        await x.s.providers.candidates(tx, RANGE_HOOD, x.resident.id)
    assert sum("FROM provider_stats" in s for s in statements) == 1
    await confirmed(x)
    x.w.db.set_trace_callback(None)
    statements.clear()
    x.w.db.set_trace_callback(statements.append)
    async with x.w.tx() as tx:
        await x.s.providers.candidates(tx, RANGE_HOOD, x.resident.id)
        await x.s.dispatch.accept(tx, 2, 0, x.zhao)
        await x.s.jobs.arrived(tx, 2, x.zhao, sure=True)
        await x.s.jobs.done(tx, 2, x.zhao)
        await x.s.jobs.rate(tx, 2, x.resident, 5)
        ranked = await x.s.providers.candidates(tx, RANGE_HOOD, x.resident.id)
    x.w.db.set_trace_callback(None)
    assert ranked[0].count == 1
    # first ranking, check_floor after the rating, then the ranking after the rating
    assert sum("FROM provider_stats" in s for s in statements) == 3


# -- backfill (migration 0009) ---------------------------------------------------------------


def _migrate_until(path: Path, last: int) -> sqlite3.Connection:
    """Apply the SQLite migrations numbered up to `last`, as an older release did."""
    conn = sqlite3.connect(path, isolation_level=None)
    for step in migrations():
        if step.number <= last:
            conn.executescript(
                f"BEGIN;\n{step.sqlite}\nPRAGMA user_version = {step.number};\nCOMMIT;"
            )
    return conn


def _old_bookings(conn: sqlite3.Connection, bookings: Iterable[int]) -> str:
    """A resident and these bookings of theirs in an older database; the time they bear."""
    at = to_db(START)
    conn.execute(
        "INSERT INTO people (id, telegram_id, name, created_at) VALUES (1, 6001, '小李', ?)", (at,)
    )
    for booking in bookings:
        conn.execute(
            "INSERT INTO bookings (id, resident_id, service, created_at, updated_at)"
            " VALUES (?, 1, ?, ?, ?)",
            (booking, RANGE_HOOD, at, at),
        )
    return at


async def _opened_rows(path: Path, query: str) -> list[tuple[Any, ...]]:
    """Open the older database as the bot does (its pending migrations applied), then read."""
    db = Database(path)
    await db.open()
    async with db.read() as tx:
        rows = await tx.all(query)
    await db.close()
    return [tuple(r) for r in rows]


OFFERS = [  # booking, provider, seconds to answer, outcome
    (1, "jiejia", 130, "accepted"),  # 2 min
    (2, "jiejia", 160, "accepted"),  # 3 min (rounded to the nearest minute)
    (3, "jiejia", 3540, "accepted"),  # 59 min
    (4, "jiejia", 240, "withdrawn"),  # accepted in 4 min, withdrawn later: still a response
    (5, "jiejia", 20, "declined"),  # not a response time
    (6, "kuaixiu", 10, "accepted"),  # under a minute counts as 1
    (7, "kuaixiu", None, None),  # still open
]
RATINGS = [(1, "jiejia", 5), (2, "jiejia", 4), (6, "kuaixiu", 2)]


async def test_migration_backfills_the_stats_from_the_history(tmp_path: Path) -> None:
    """An existing database gets each provider's row from its offers and ratings."""
    path = tmp_path / "old.db"
    conn = _migrate_until(path, 8)
    at = _old_bookings(conn, [booking for booking, *_ in OFFERS])
    for booking, provider, seconds, outcome in OFFERS:
        answered = to_db(START + timedelta(seconds=seconds)) if seconds is not None else None
        conn.execute(
            "INSERT INTO booking_offers (booking_id, attempt, provider_id, offered_at,"
            " answered_at, outcome) VALUES (?, 0, ?, ?, ?, ?)",
            (booking, provider, at, answered, outcome),
        )
    for booking, provider, stars in RATINGS:
        conn.execute(
            "INSERT INTO ratings (booking_id, provider_id, resident_id, stars, at)"
            " VALUES (?, ?, 1, ?, ?)",
            (booking, provider, stars, at),
        )
    conn.close()
    rows = await _opened_rows(path, "SELECT * FROM provider_stats ORDER BY provider_id")
    assert rows == [
        ("jiejia", 2, 9, 4, '{"2":1,"3":1,"4":1,"59":1}'),
        ("kuaixiu", 1, 2, 1, '{"1":1}'),
    ]
