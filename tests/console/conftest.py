"""Fixtures of the console tests."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.harness import Harness


@pytest.fixture
async def bot(harness: Harness) -> AsyncIterator[Harness]:
    """The bot with its console on a free port."""
    harness.with_settings(web_port=0)
    async with harness.running():
        yield harness
