"""Glue for running a real PTB `Application` against a sandbox."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from telegram.ext import Application, ApplicationBuilder

from bot.devtools.sandbox.server import Sandbox

SANDBOX_TOKEN = "123:ABC"


def application_builder(
    sb: Sandbox, token: str = SANDBOX_TOKEN
) -> ApplicationBuilder[Any, Any, Any, Any, Any, Any]:
    """An `ApplicationBuilder` whose Bot API and file URLs point at the sandbox."""
    return (
        ApplicationBuilder()
        .token(token)
        .base_url(f"{sb.root_url}/bot")
        .base_file_url(f"{sb.root_url}/file/bot")
    )


@asynccontextmanager
async def polling(
    app: Application[Any, Any, Any, Any, Any, Any], *, poll_timeout: int = 1
) -> AsyncIterator[None]:
    """Initialize, start and long-poll `app`; on exit stop polling and shut down cleanly."""
    async with app:
        await app.start()
        assert app.updater is not None, "build the application with an updater"
        await app.updater.start_polling(poll_interval=0, timeout=poll_timeout)
        try:
            yield
        finally:
            await app.updater.stop()
            await app.stop()
