"""Fixtures for two communities side by side: a store each (both kinds), the running district."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.clock import FakeClock
from bot.devtools.sandbox import Sandbox
from tests.district.support import District, district_settings, write_folder
from tests.stores import pg_schema, skip_without_pg


@pytest.fixture(params=["sqlite", "postgres"])
async def stores(
    request: pytest.FixtureRequest, tmp_path: Path
) -> AsyncIterator[tuple[Path | str, Path | str]]:
    """Each community's store: two SQLite files, or two PostgreSQL schemas of the test's own."""
    if request.param == "sqlite":
        yield tmp_path / "data" / "xiangxi.db", tmp_path / "data" / "yinxing.db"
        return
    skip_without_pg()
    async with pg_schema() as first, pg_schema() as second:
        yield first, second


@pytest.fixture
async def district(
    sandbox: Sandbox, stores: tuple[Path | str, Path | str], clock: FakeClock, tmp_path: Path
) -> AsyncIterator[District]:
    """The two communities running side by side behind one bot."""
    folder = write_folder(tmp_path / "communities")
    harness = District(sandbox, district_settings(sandbox, folder, stores), clock)
    async with harness.running():
        yield harness
