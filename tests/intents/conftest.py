"""Shared fixtures for the intents tests: catalogue, timezone, a fixed clock, an understander."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from intents.catalogue import Catalogue
from intents.pipeline import Understander

SHANGHAI = ZoneInfo("Asia/Shanghai")
# Wednesday 25 November 2026, 10:00 in Shanghai.
WEDNESDAY_10AM = datetime(2026, 11, 25, 10, 0, tzinfo=SHANGHAI)


@pytest.fixture(scope="session")
def tz() -> ZoneInfo:
    """The community timezone used by every test."""
    return SHANGHAI


@pytest.fixture(scope="session")
def now() -> datetime:
    """A fixed 'now': Wednesday 2026-11-25 10:00 Asia/Shanghai."""
    return WEDNESDAY_10AM


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    """The bundled default catalogue."""
    return Catalogue.default()


@pytest.fixture(scope="session")
def understander(catalogue: Catalogue, tz: ZoneInfo) -> Understander:
    """An understander over the default catalogue with the default group threshold."""
    return Understander(catalogue, tz)
