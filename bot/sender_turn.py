"""Whose turn it is to send the outbox, when several instances share one PostgreSQL.

Telegram's per-bot limit is the bot's as a whole, and a chat's messages must go out in order
and once: so one instance at a time sends, whichever holds a PostgreSQL advisory lock on a
connection of its own (:class:`bot.storage.pg.SessionLock`). The others try again every
``RETRY`` seconds. The holder checks its session every ``CHECK`` seconds; when the holder
dies its session ends, the server releases the lock, and the next instance to try takes the
turn: its sender starts by settling the rows the dead one left in flight (``uncertain``, not
resent; edits go back to pending). A holder whose session is lost while it lives (the server
restarted, the network failed) stops its sender at once, so two never send together for
longer than that check; and even then a row is sent only by the sender whose claim took it
(:meth:`bot.storage.outbox.OutboxStore.claim`).

A new sender is made at each turn: nothing one turn held in memory outlives it. A turn taken
over from another instance starts with a second's pause at the request
(:meth:`bot.lanes.RateLimiter.hold`): what the previous holder sent in its last second counts
against Telegram's limits too, and this instance's limiter never saw it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Protocol

_LOGGER = logging.getLogger(__name__)

LOCK_KEY = 7_344_117  # the advisory lock's class number (the schema is the second key)
RETRY = 1.0  # seconds between tries of an instance waiting for its turn
CHECK = 1.0  # seconds between checks of the holder's session


class Lock(Protocol):
    """A lock a session holds (:class:`bot.storage.pg.SessionLock`)."""

    async def take(self) -> bool: ...

    async def held(self) -> bool: ...

    async def release(self) -> None: ...


class SenderTurn:
    """Takes the sending turn when it is free and holds it while this instance lives."""

    def __init__(
        self,
        lock: Lock,
        start_sender: Callable[[bool], Awaitable[None]],
        stop_sender: Callable[[], Awaitable[None]],
    ) -> None:
        self._lock = lock
        self._start_sender = start_sender
        self._stop_sender = stop_sender
        self.holding = False
        self._task: asyncio.Task[None] | None = None
        self._stopping = False

    async def start(self) -> None:
        """Try at once (a lone instance sends from its first second), then keep trying or
        holding in the background."""
        self._stopping = False
        await self._try(taken_over=False)
        self._task = asyncio.create_task(self._run(), name="sender-turn")

    async def stop(self) -> None:
        """Stop sending (in-flight requests finish and are recorded), then give the turn up."""
        self._stopping = True
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self.holding:
            self.holding = False
            await self._stop_sender()
        await self._lock.release()

    async def _try(self, *, taken_over: bool) -> None:
        """Take the turn if it is free; `taken_over`: asked after waiting, so another instance
        held it until a moment ago (the sender is told: it may have sent in the last second)."""
        try:
            got = await self._lock.take()
        except Exception as exc:  # the server is away: try again later
            _LOGGER.warning("Could not ask for the outbox sender's turn (%s)", type(exc).__name__)
            return
        if got:
            _LOGGER.info("This instance sends the outbox now")
            self.holding = True
            await self._start_sender(taken_over)

    async def _run(self) -> None:
        while not self._stopping:
            if not self.holding:
                await asyncio.sleep(RETRY)
                await self._try(taken_over=True)
                continue
            await asyncio.sleep(CHECK)
            if not await self._lock.held():
                _LOGGER.warning("The outbox sender's turn was lost (its session ended)")
                self.holding = False
                await self._stop_sender()
                await self._lock.release()


__all__ = ["CHECK", "LOCK_KEY", "RETRY", "SenderTurn"]
