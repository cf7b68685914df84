"""Fixtures for sandbox tests: a running sandbox and an HTTP client pointed at it."""

from collections.abc import AsyncIterator

import httpx
import pytest

from bot.devtools.sandbox import Sandbox

TOKEN = "123:ABC"


@pytest.fixture(autouse=True)
def _ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opt in to PTB's timedelta durations: otherwise every RetryAfter PTB builds from a 429
    emits a PTBDeprecationWarning, which filterwarnings=error turns into a failure."""
    monkeypatch.setenv("PTB_TIMEDELTA", "1")


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    """A running sandbox on a free loopback port, stopped after the test."""
    async with Sandbox(bot_username="concierge_demo_bot") as sb:
        yield sb


@pytest.fixture
async def http(sandbox: Sandbox) -> AsyncIterator[httpx.AsyncClient]:
    """An httpx client whose base URL is the sandbox's Bot API for TOKEN."""
    async with httpx.AsyncClient(base_url=f"{sandbox.root_url}/bot{TOKEN}/") as client:
        yield client
