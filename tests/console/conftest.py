"""Fixtures of the console tests: the bot with its console on a free port, on both stores (its
pages read every feature's rows)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.harness import Harness


@pytest.fixture
def db_path(store: Path | str) -> Path | str:
    """The bot's database: the `store` fixture's SQLite file or PostgreSQL URL."""
    return store


@pytest.fixture
async def bot(harness: Harness) -> AsyncIterator[Harness]:
    """The bot with its console on a free port."""
    harness.with_settings(web_port=0)
    async with harness.running():
        yield harness
