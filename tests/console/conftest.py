"""The console's browser tests run on both stores: its pages read every feature's rows."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def db_path(store: Path | str) -> Path | str:
    """The bot's database: the `store` fixture's SQLite file or PostgreSQL URL."""
    return store
