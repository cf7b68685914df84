"""End-to-end stories run on both stores: SQLite, and PostgreSQL when a server is reachable."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from intents.catalogue import Catalogue
from intents.pipeline import Understander


@pytest.fixture
def db_path(store: Path | str) -> Path | str:
    """The bot's database for a story: the `store` fixture's SQLite file or PostgreSQL URL."""
    return store


@pytest.fixture(autouse=True, scope="session")
def _understanding_ready() -> None:
    """Read the shipped model once before the stories, so the first words of a story are
    answered within its waits rather than after the model's first load."""
    Understander(Catalogue.default(), ZoneInfo("Asia/Shanghai")).understand("马桶堵了")
