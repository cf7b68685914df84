"""Polling that confirms an update to Telegram only once it was handled.

Long polling confirms a batch of updates by asking for the next one (``offset`` past them).
python-telegram-bot's Updater asks as soon as the batch is queued, before the Application
handled it, so a crash (SIGKILL, power loss) in between lost what people wrote or pressed:
Telegram would not send it again. :class:`HandledFirstRequest` is the request object of
``getUpdates`` calls only; before each call it waits until every update already fetched was
handled (the Application's update queue is joined), so the confirmation never runs ahead of the
handling. Handled updates are recorded in the update's own transaction, so an update fetched
again after a crash is a no-op (``processed_updates``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from telegram.request import HTTPXRequest

Handled = Callable[[], Awaitable[None]]


class HandledFirstRequest(HTTPXRequest):
    """The ``getUpdates`` request: waits for :attr:`handled` before every call."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.handled: Handled | None = None  # set once the Application exists

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        """Wait until what was fetched is handled, then ask (and so confirm it)."""
        if self.handled is not None:
            await self.handled()
        return await super().do_request(*args, **kwargs)


def handled_by(app: Any) -> Handled:
    """Wait until every update the Application was given is handled. Only while it runs: an
    Application that is not running handles nothing, and waiting would never end."""

    async def handled() -> None:
        if app.running:
            await app.update_queue.join()

    return handled


__all__ = ["HandledFirstRequest", "handled_by"]
