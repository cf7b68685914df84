"""Webhook delivery in the sandbox, as Telegram does it.

While a webhook is set (``setWebhook``), pending updates are POSTed to its URL one at a time,
oldest first, as JSON, with the ``X-Telegram-Bot-Api-Secret-Token`` header when a secret token
was given. A 2xx answer confirms the update (it leaves the queue); anything else — a refusal, a
5xx, a refused connection, a timeout — keeps it and tries again after a pause that grows, as
Telegram does, and notes the error for ``getWebhookInfo``. Tests can make the sandbox lose the
bot's next answers (:meth:`WebhookDeliverer.lose_answers`, or the first answer to every update
with ``every_update_twice``): the update was received but is delivered again, which is how a
real redelivery happens.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from dataclasses import dataclass

import aiohttp

from bot.devtools.sandbox.models import JsonDict
from bot.devtools.sandbox.state import SandboxState

_LOGGER = logging.getLogger(__name__)

HEADER = "X-Telegram-Bot-Api-Secret-Token"
FIRST_PAUSE = 0.02  # seconds before the first retry; doubles up to LONGEST_PAUSE
LONGEST_PAUSE = 0.5
POST_TIMEOUT = 10.0


@dataclass(frozen=True)
class Delivery:
    """One POST of an update to the webhook: what was sent and what came back (``status``
    0: no answer, e.g. connection refused)."""

    update_id: int
    url: str
    status: int
    with_secret: bool
    answer_lost: bool = False

    @property
    def ok(self) -> bool:
        """The bot took it (2xx)."""
        return 200 <= self.status < 300


class WebhookDeliverer:
    """Posts the state's pending updates to its webhook while one is set."""

    def __init__(self, state: SandboxState) -> None:
        self.state = state
        self.deliveries: list[Delivery] = []
        self._lose = 0
        # Every update posted twice: its first 2xx answer is lost (redelivery on every update).
        self.every_update_twice = False
        self._lost_once: set[int] = set()
        self._task: asyncio.Task[None] | None = None
        self._session: aiohttp.ClientSession | None = None

    def lose_answers(self, times: int = 1) -> None:
        """The bot's next ``times`` answers are lost on the way back: the update was posted
        (and perhaps recorded) but counts as undelivered and is posted again."""
        self._lose += times

    def delivered(self, update_id: int) -> list[Delivery]:
        """Every POST of that update so far."""
        return [d for d in self.deliveries if d.update_id == update_id]

    async def start(self) -> None:
        """Start delivering in the background."""
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=POST_TIMEOUT))
        self._task = asyncio.create_task(self._run(), name="sandbox-webhook")

    async def stop(self) -> None:
        """Stop delivering (the state is closing, which wakes the loop) and close the client."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        session, self._session = self._session, None
        if session is not None:
            await session.close()

    def _next(self) -> JsonDict | None:
        """The oldest pending update, while a webhook is set."""
        if not self.state.webhook_url:
            return None
        pending = self.state.deliverable()
        return pending[0] if pending else None

    async def _run(self) -> None:
        pause = FIRST_PAUSE
        while not self.state.closing:
            await self.state.wait_until(lambda: self._next() is not None, 3600)
            update = self._next()
            if update is None:
                continue
            if await self._post(update):
                with contextlib.suppress(ValueError):
                    self.state.updates.remove(update)
                self.state.changed()
                pause = FIRST_PAUSE
            else:
                await asyncio.sleep(pause)
                pause = min(pause * 2, LONGEST_PAUSE)

    def _loses(self, update_id: int) -> bool:
        """Whether this 2xx answer is lost (and counts one loss)."""
        if self.every_update_twice and update_id not in self._lost_once:
            self._lost_once.add(update_id)
            return True
        if self._lose > 0:
            self._lose -= 1
            return True
        return False

    async def _post(self, update: JsonDict) -> bool:
        """POST one update; True when the bot took it (and the answer was not lost)."""
        assert self._session is not None
        url, secret = self.state.webhook_url, self.state.webhook_secret
        headers = {"Content-Type": "application/json"}
        if secret:
            headers[HEADER] = secret
        status, error = 0, ""
        try:
            async with self._session.post(url, data=json.dumps(update), headers=headers) as r:
                status = r.status
                error = "" if r.status < 300 else f"Wrong response from the webhook: {r.status}"
        except (aiohttp.ClientError, TimeoutError) as exc:
            error = f"Connection failed: {type(exc).__name__}"
        lost = 200 <= status < 300 and self._loses(update["update_id"])
        if lost:
            error = "Read timeout expired"
        self.deliveries.append(Delivery(update["update_id"], url, status, bool(secret), lost))
        self.state.changed()
        if error:
            self.state.webhook_error = (int(time.time()), error)
            return False
        return True


__all__ = ["HEADER", "Delivery", "WebhookDeliverer"]
