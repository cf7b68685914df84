"""Handling what the webhook recorded, in the background, the way polling handles updates.

A delivery is answered as soon as it is recorded (:mod:`bot.storage.inbox`); this worker then
claims recorded updates in update order and hands each to ``Application.process_update``, the
path polling takes: the same handlers, one transaction per update, the processed-update table
that makes a second handling a no-op. Only once that returns is the row removed, so a crash at
any point leaves the update in the inbox, and the next start handles it (and skips it if its
transaction had committed). One update at a time, as polling does, so one chat's updates are
handled in the order Telegram numbered them.

Several instances behind a balancer share one PostgreSQL and one inbox: each claims a few rows
at a time under a lease carrying its name (:mod:`bot.storage.inbox`), extended while it works
through them; a chat's updates go to one handler at a time, in order. An instance that dies
holds its rows until its lease runs out (another instance then takes them) or until it starts
again under the same name (it frees its own claims at once).

The worker is one of the runtime's servers: started after storage opened (it first handles
what a crash left, before the bot reads anything new) and stopped after the console's server
(no new deliveries), finishing the update in hand.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from telegram import Bot, Update

from bot.clock import Clock
from bot.storage import Database
from bot.storage import inbox as rows

_LOGGER = logging.getLogger(__name__)

Process = Callable[[Update], Awaitable[None]]
LEASE = timedelta(seconds=60)  # a claim not renewed for this long: its handler died
BATCH = 10
POLL = 1.0  # seconds between looks at a shared inbox (PostgreSQL)


class BadDelivery(ValueError):
    """A body that is not an update (not JSON, or without an integer update_id)."""


def update_id_of(body: bytes) -> tuple[int, str]:
    """The update id and the text of a delivery's body; BadDelivery when it is not an update."""
    try:
        text = body.decode("utf-8")
        data: Any = json.loads(text)
    except (UnicodeDecodeError, ValueError):
        raise BadDelivery("not JSON") from None
    update_id = data.get("update_id") if isinstance(data, dict) else None
    if not isinstance(update_id, int) or isinstance(update_id, bool):
        raise BadDelivery("no update_id")
    return update_id, text


class WebhookInbox:
    """Records deliveries and handles them one at a time, in the background."""

    def __init__(
        self, db: Database, clock: Clock, bot: Bot, process: Process, instance: str = ""
    ) -> None:
        self.db = db
        self.instance = instance
        self.clock = clock
        self.bot = bot
        self.process = process
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False

    @property
    def accepting(self) -> bool:
        """Whether deliveries are taken (not once stopping began: Telegram delivers them
        again later, here or to another instance)."""
        return not self._stopping

    async def receive(self, body: bytes) -> bool:
        """Record a delivery durably and wake the worker; False if it was a redelivery of an
        update already waiting or handled. Raises BadDelivery for a body that is no update."""
        update_id, text = update_id_of(body)
        async with self.db.tx() as tx:
            fresh = await rows.record(tx, update_id, text, self.clock.now())
        self._wake.set()
        return fresh

    async def start(self) -> None:
        """Handle what an earlier run left (its claims freed: on SQLite this process owns the
        database; on PostgreSQL only this instance's own earlier claims are freed, the others'
        are theirs), then keep handling new deliveries in the background."""
        self._stopping = False
        async with self.db.tx() as tx:
            if self.db.local:
                await rows.release_all(tx)
            else:
                await rows.release_mine(tx, self.instance)
            left = await rows.waiting(tx)
        if left:
            _LOGGER.info("Handling %d webhook updates recorded before the last stop", left)
        await self.handle_waiting()
        self._task = asyncio.create_task(self._run(), name="webhook-inbox")

    async def stop(self, grace: float = 5.0) -> None:
        """Finish the update in hand (bounded by ``grace``), then stop; what is left waits in
        the inbox for the next start."""
        self._stopping = True
        self._wake.set()
        task, self._task = self._task, None
        if task is not None:
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await asyncio.wait_for(task, grace)

    async def empty(self) -> bool:
        """Whether every recorded delivery was handled."""
        async with self.db.read() as tx:
            return await rows.waiting(tx) == 0

    async def handle_waiting(self) -> int:
        """Claim and handle recorded updates until none is left; how many were handled."""
        handled = 0
        while not self._stopping:
            async with self.db.tx() as tx:
                batch = await rows.claim(tx, self.clock.now(), LEASE, BATCH, self.instance)
            if not batch:
                break
            renew_at = self.clock.now() + LEASE / 2
            for at, delivery in enumerate(batch):
                if self._stopping:
                    break
                if self.clock.now() >= renew_at:  # a slow batch: keep the rest held
                    renew_at = self.clock.now() + LEASE / 2
                    async with self.db.tx() as tx:
                        rest = [d.update_id for d in batch[at:]]
                        await rows.renew(tx, rest, self.instance, self.clock.now() + LEASE)
                await self._handle(delivery)
                handled += 1
        return handled

    async def _handle(self, delivery: rows.Delivery) -> None:
        """Hand one update to the Application, then remove it from the inbox."""
        try:
            update = Update.de_json(json.loads(delivery.body), self.bot)
        except Exception as exc:  # the error's text could quote what someone wrote: not logged
            _LOGGER.warning(
                "Webhook update %s could not be read (%s); dropped",
                delivery.update_id,
                type(exc).__name__,
            )
        else:
            await self.process(update)
        async with self.db.tx() as tx:
            await rows.done(tx, delivery.update_id)

    async def _run(self) -> None:
        """Wait for a delivery, handle everything waiting, repeat until stopped."""
        # Several instances: a row another instance passed over (its chat was held here) or
        # left (it died) wakes nobody, so the inbox is looked at every POLL seconds as well.
        poll = None if self.db.local else POLL
        while not self._stopping:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), poll)
            self._wake.clear()
            try:
                await self.handle_waiting()
            except Exception:
                # A failure of storage itself: the rows stay, tried again at the next wake.
                _LOGGER.exception("Handling webhook updates failed; they stay in the inbox")
                await asyncio.sleep(1.0)
                self._wake.set()


__all__ = ["BadDelivery", "WebhookInbox", "update_id_of"]
