"""The Care page's order and pages on both stores: every elder's 30 days counted and ordered in
SQL (least compliant first, none due last, ties by key), one page of rows built, and how many
elders there are for the page count."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.clock import to_db
from bot.domain.console.insight.repo import InsightRepo
from bot.domain.console.model import Page
from bot.storage import Database

NOW = datetime(2026, 11, 28, 4, 0, tzinfo=UTC)
# Each elder's last three days of check-ins (oldest first); compliance = answered / (due -
# paused): ann 3/3, bo 1/3, cai none due, du 1/2 (one day paused), eva 1/3 (ties with bo).
STATES = {
    "ann": ("fine", "unwell", "fine"),
    "bo": ("fine", "escalated", "grid"),
    "cai": (),
    "du": ("skipped", "fine", "help"),
    "eva": ("escalated", "help", "fine"),
}


@pytest.fixture
async def db(store: Path | str) -> AsyncIterator[Database]:
    """An open database with all migrations applied (on each store)."""
    database = Database(store)
    await database.open()
    yield database
    await database.close()


async def _seed(db: Database) -> None:
    async with db.tx() as tx:
        for key, states in STATES.items():
            await tx.execute(
                "INSERT INTO elders (key, name, times, grid_worker, created_at)"
                " VALUES (?, ?, '08:00', 'hk', ?)",
                (key, key.title(), to_db(NOW - timedelta(days=60))),
            )
            for n, state in enumerate(states):
                due = NOW - timedelta(days=3 - n)
                await tx.execute(
                    "INSERT INTO checkins (elder_key, slot, due_at, state, created_at)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (key, due.astimezone(UTC).strftime("%Y-%m-%dT08:00"), to_db(due), state,
                     to_db(due)),
                )  # fmt: skip


@pytest.mark.parametrize(
    ("number", "keys"),
    [(1, ["bo", "eva"]), (2, ["du", "ann"]), (3, ["cai"]), (4, [])],
)
async def test_elders_least_compliant_first_one_page_at_a_time(
    db: Database, number: int, keys: list[str]
) -> None:
    await _seed(db)
    async with db.read() as tx:
        total, rows = await InsightRepo().care(
            tx, NOW - timedelta(days=30), NOW, UTC, Page(number, size=2)
        )
    assert total == 5
    assert [r.elder_key for r in rows] == keys
    figures = {"ann": (3, 3, 0, 0), "bo": (3, 1, 0, 0), "cai": (0, 0, 0, 0),
               "du": (3, 1, 1, 1), "eva": (3, 1, 0, 1)}  # fmt: skip
    for r in rows:
        assert (r.due, r.answered, r.skipped, r.help) == figures[r.elder_key]
        assert r.name == r.elder_key.title()
