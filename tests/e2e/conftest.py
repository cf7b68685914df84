"""End-to-end stories run on both stores: SQLite, and PostgreSQL when a server is reachable."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def db_path(store: Path | str) -> Path | str:
    """The bot's database for a story: the `store` fixture's SQLite file or PostgreSQL URL."""
    return store
