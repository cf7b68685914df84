"""Fixtures for webhook mode: the real Application on a known port, Telegram's deliveries
coming from the sandbox over HTTP."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.clock import FakeClock
from bot.devtools.sandbox import Sandbox
from tests.harness import Harness, make_settings


def free_port() -> int:
    """A loopback port nothing listens on now (the public URL must be known before start)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def webhook_harness(sandbox: Sandbox, db_path: Path, clock: FakeClock) -> Harness:
    """The bot's settings in webhook mode (public URL: its own port), not yet running."""
    port = free_port()
    settings = make_settings(
        sandbox, db_path, webhook=True, web_port=port, public_url=f"http://127.0.0.1:{port}"
    )
    return Harness(sandbox, settings, clock)


@pytest.fixture
async def hooked(webhook_harness: Harness) -> AsyncIterator[Harness]:
    """The bot running in webhook mode against the sandbox."""
    async with webhook_harness.running():
        yield webhook_harness
