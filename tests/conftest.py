"""Fixtures: a sandbox Bot API server, a fake clock, settings on a temporary database, a bot."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.clock import FakeClock
from bot.devtools.sandbox import Sandbox
from tests.harness import START, Harness, make_settings
from tests.stores import SKIPPED, pg_schema, pg_skipped, skip_without_pg


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say once, at the end (also under -q), that the PostgreSQL half was skipped, and that
    the console's browser tests were (no system Chromium or no Playwright)."""
    if pg_skipped:
        terminalreporter.write_line(SKIPPED)
    from tests.console import browser

    if not browser.available():
        terminalreporter.write_line(browser.SKIP)


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    """A local Bot API server on a free loopback port."""
    async with Sandbox(bot_username="concierge_test_bot") as sb:
        yield sb


@pytest.fixture
def clock() -> FakeClock:
    """Time that moves only when the test moves it; starts on a Saturday 08:00 in Shanghai."""
    return FakeClock(START)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A fresh SQLite file for this test."""
    return tmp_path / "concierge.db"


@pytest.fixture(params=["sqlite", "postgres"])
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Path | str]:
    """Where a repository, service or end-to-end test keeps its data: a fresh SQLite file, or
    (the second run of the test) a schema of its own on the PostgreSQL test server."""
    if request.param == "sqlite":
        yield tmp_path / "concierge.db"
        return
    skip_without_pg()
    async with pg_schema() as url:
        yield url


@pytest.fixture
def harness(sandbox: Sandbox, db_path: Path | str, clock: FakeClock) -> Harness:
    """The bot's settings and helpers, not yet running."""
    return Harness(sandbox, make_settings(sandbox, db_path), clock)


@pytest.fixture
async def bot(harness: Harness) -> AsyncIterator[Harness]:
    """The bot running against the sandbox with the sample community."""
    async with harness.running():
        yield harness
