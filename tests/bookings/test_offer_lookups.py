"""The booking lookups made cheap for issue 12, on a real database: the open offers sent to a
person are read by an index of their recipients (kept with each offer and backfilled by
migration 0030), and whether the providers of a service have anyone active is one query."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.clock import FakeClock
from tests.bookings.test_service import CREW, RANGE_HOOD, World, _world, confirmed
from tests.bookings.test_stats_service import _migrate_until, _old_bookings, _opened_rows
from tests.domain_support import domain_world
from tests.harness import START


@pytest.fixture
async def world(store: Path | str) -> AsyncIterator[World]:
    """The booking world of the service tests."""
    async with domain_world(store, FakeClock(START)) as w:
        yield await _world(w, CREW)


async def _open_offers(x: World, person_id: int) -> list[tuple[int, int]]:
    async with x.w.db.read() as tx:
        return await x.s.deps.repo.open_offers_to(tx, person_id)


async def test_an_open_offer_is_found_by_its_recipient_until_answered(world: World) -> None:
    """#1 offered to 洁家家政 reaches 赵阿姨: open to her, to nobody else; declined, gone."""
    x = world
    await confirmed(x)
    assert await x.sql("SELECT person_id, booking_id, attempt FROM offer_recipients") == [
        (x.zhao.id, 1, 0)
    ]
    assert await _open_offers(x, x.zhao.id) == [(1, 0)]
    assert await _open_offers(x, x.resident.id) == []
    async with x.w.tx() as tx:
        await x.s.dispatch.decline(tx, 1, 0, x.zhao)
    assert await _open_offers(x, x.zhao.id) == []


async def test_open_offers_are_read_through_the_recipients_key(tmp_path: Path) -> None:
    """The lookup walks the person's range of the recipients' primary key, never a scan of
    every open offer."""
    async with domain_world(tmp_path / "plan.db", FakeClock(START)) as w:
        x = await _world(w, CREW)
        statements: list[str] = []
        w.db.set_trace_callback(statements.append)
        await _open_offers(x, x.zhao.id)
        w.db.set_trace_callback(None)
        (lookup,) = [s for s in statements if "offer_recipients" in s]
        async with w.db.read() as tx:
            plan = await tx.all(f"EXPLAIN QUERY PLAN {lookup}")
    details = " ".join(str(row["detail"]) for row in plan)
    assert "SEARCH r USING" in details and "(person_id=?)" in details, details
    assert "SCAN o" not in details, details


async def test_ranking_asks_who_works_for_the_providers_once(world: World) -> None:
    """Two outside providers offer range-hood cleaning: one query tells both are staffed
    (before: one per provider); a provider whose only member was revoked is left out."""
    x = world
    statements: list[str] = []
    x.w.db.set_trace_callback(statements.append)
    async with x.w.tx() as tx:
        found = await x.s.providers.candidates(tx, RANGE_HOOD, x.resident.id)
    x.w.db.set_trace_callback(None)
    assert [c.provider.id for c in found] == ["jiejia", "kuaixiu"]
    assert sum("JOIN roles" in s for s in statements) == 1
    async with x.w.tx() as tx:
        await x.people.revoke(tx, 3002)  # 孙师傅, kuaixiu's only member
    async with x.w.tx() as tx:
        found = await x.s.providers.candidates(tx, RANGE_HOOD, x.resident.id)
    assert [c.provider.id for c in found] == ["jiejia"]


async def test_migration_backfills_who_each_offer_went_to(tmp_path: Path) -> None:
    """An existing database gets one row per recipient of every offer already made."""
    path = tmp_path / "old.db"
    conn = _migrate_until(path, 29)
    at = _old_bookings(conn, [1, 2])
    offers = [(1, 0, "[7, 8]", "declined"), (1, 1, "[9]", None), (2, 0, "[]", None)]
    for booking, attempt, recipients, outcome in offers:
        conn.execute(
            "INSERT INTO booking_offers (booking_id, attempt, provider_id, recipients,"
            " offered_at, outcome) VALUES (?, ?, 'jiejia', ?, ?, ?)",
            (booking, attempt, recipients, at, outcome),
        )
    conn.close()
    rows = await _opened_rows(path, "SELECT * FROM offer_recipients ORDER BY person_id")
    assert rows == [(7, 1, 0), (8, 1, 0), (9, 1, 1)]
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] >= 30
