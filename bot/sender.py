"""The outbox sender: delivers what the writer (:mod:`bot.outbox`) queued, once, in order.

The :class:`OutboxSender` delivers pending rows in order per chat, within Telegram's flood
limits, retrying transient failures (429 with ``retry_after``, 5xx, timeouts, dropped
connections) with backoff, and marks each row sent only after Telegram confirmed it. A graceful
stop lets in-flight requests finish, so a restart neither loses nor repeats a message.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import time
from collections import deque
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    ReplyParameters,
)
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.clock import Clock, to_db
from bot.config import RateLimits
from bot.storage import Database

_LOGGER = logging.getLogger(__name__)


@dataclass
class _Row:
    id: int
    chat_id: int
    method: str
    payload: dict[str, Any]
    attempts: int


class _RateLimiter:
    """Keeps the bot inside Telegram's limits: overall per second, per chat, per group minute."""

    def __init__(self, limits: RateLimits) -> None:
        self._limits = limits
        self._global: deque[float] = deque()
        self._chat_next: dict[int, float] = {}
        self._group_sent: dict[int, deque[float]] = {}

    def wait_time(self, chat_id: int, now: float) -> float:
        """Seconds until a message to this chat may go (0 if now)."""
        waits = [self._chat_next.get(chat_id, 0.0) - now]
        while self._global and now - self._global[0] >= 1.0:
            self._global.popleft()
        if len(self._global) >= self._limits.global_per_second:
            waits.append(self._global[0] + 1.0 - now)
        if chat_id < 0:
            sent = self._group_sent.setdefault(chat_id, deque())
            while sent and now - sent[0] >= 60.0:
                sent.popleft()
            if len(sent) >= self._limits.group_per_minute:
                waits.append(sent[0] + 60.0 - now)
        return max(0.0, *waits)

    def record(self, chat_id: int, now: float) -> None:
        """Count a message that is going out now."""
        self._global.append(now)
        self._chat_next[chat_id] = now + self._limits.per_chat_interval
        if chat_id < 0:
            self._group_sent.setdefault(chat_id, deque()).append(now)

    def pause(self, chat_id: int, until: float) -> None:
        """Hold a chat back (after a 429 or a failure's backoff)."""
        self._chat_next[chat_id] = max(self._chat_next.get(chat_id, 0.0), until)


class OutboxSender:
    """Delivers pending outbox rows; one per chat at a time, in order, several chats at once."""

    MAX_BACKOFF = 60.0
    MAX_ATTEMPTS = 50

    def __init__(
        self, db: Database, bot: Bot, clock: Clock, limits: RateLimits, *, concurrency: int = 8
    ) -> None:
        self._db = db
        self._bot = bot
        self._clock = clock
        self._limiter = _RateLimiter(limits)
        self._concurrency = concurrency
        self.wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._in_flight: dict[int, asyncio.Task[None]] = {}
        self._stopping = False

    async def start(self) -> None:
        """Start delivering in the background."""
        self._stopping = False
        self._task = asyncio.create_task(self._run(), name="outbox-sender")
        self.wake.set()

    async def stop(self) -> None:
        """Stop picking new rows and let in-flight requests finish."""
        self._stopping = True
        self.wake.set()
        if self._task is not None:
            await self._task
            self._task = None

    async def drain(self, timeout: float = 10.0) -> None:
        """Wait until nothing is pending (used by the demo and benchmarks)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            async with self._db.read() as tx:
                left = await tx.scalar("SELECT COUNT(*) FROM outbox WHERE status = 'pending'")
            if not left and not self._in_flight:
                return
            await asyncio.sleep(0.02)
        raise TimeoutError("outbox did not drain")

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while not self._stopping:
            self.wake.clear()
            sleep_for = await self._dispatch(loop.time())
            if self._stopping:
                break
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.wake.wait(), timeout=sleep_for)
        if self._in_flight:
            await asyncio.gather(*self._in_flight.values(), return_exceptions=True)

    async def _dispatch(self, now: float) -> float:
        """Start sends that may go now; return how long to sleep before looking again."""
        free = self._concurrency - len(self._in_flight)
        if free <= 0:
            return 1.0
        async with self._db.read() as tx:
            rows = await tx.all(
                "SELECT id, chat_id, method, payload, attempts FROM outbox"
                " WHERE status = 'pending' ORDER BY id LIMIT 500"
            )
        next_wake = 5.0
        seen: set[int] = set()
        for row in rows:
            chat_id = int(row["chat_id"])
            if chat_id in seen or chat_id in self._in_flight:
                seen.add(chat_id)
                continue
            seen.add(chat_id)
            wait = self._limiter.wait_time(chat_id, now)
            if wait > 0:
                next_wake = min(next_wake, wait)
                continue
            if free <= 0:
                break
            self._limiter.record(chat_id, now)
            item = _Row(
                row["id"], chat_id, row["method"], json.loads(row["payload"]), row["attempts"]
            )
            task = asyncio.create_task(self._deliver(item), name=f"outbox-{item.id}")
            self._in_flight[chat_id] = task
            task.add_done_callback(functools.partial(self._finished, chat_id))
            free -= 1
        return max(next_wake, 0.005)

    def _finished(self, chat_id: int, _task: asyncio.Task[None]) -> None:
        self._in_flight.pop(chat_id, None)
        self.wake.set()

    async def _deliver(self, row: _Row) -> None:
        loop = asyncio.get_running_loop()
        try:
            message_id = await self._call(row)
        except RetryAfter as exc:
            delay = exc.retry_after
            seconds = delay.total_seconds() if isinstance(delay, timedelta) else float(delay)
            _LOGGER.warning("Flood limit on chat %s: retrying in %.1fs", row.chat_id, seconds)
            self._limiter.pause(row.chat_id, loop.time() + seconds)
            await self._note_attempt(row, "retry_after")
        except (TimedOut, NetworkError) as exc:
            if isinstance(exc, BadRequest):
                await self._fail(row, exc)
                return
            backoff = min(self.MAX_BACKOFF, 0.2 * 2**row.attempts)
            _LOGGER.warning(
                "Sending outbox row %s failed (%s); retry in %.1fs",
                row.id,
                type(exc).__name__,
                backoff,
            )
            self._limiter.pause(row.chat_id, loop.time() + backoff)
            if row.attempts + 1 >= self.MAX_ATTEMPTS:
                await self._fail(row, exc)
            else:
                await self._note_attempt(row, type(exc).__name__)
        except Forbidden as exc:
            await self._fail(row, exc)
        except _Unresolvable as exc:
            await self._fail(row, exc)
        else:
            async with self._db.tx() as tx:
                await tx.execute(
                    "UPDATE outbox SET status = 'sent', sent_at = ?, message_id = ?,"
                    " attempts = attempts + 1 WHERE id = ?",
                    (to_db(self._clock.now()), message_id, row.id),
                )

    async def _call(self, row: _Row) -> int | None:
        payload = row.payload
        markup = payload.get("reply_markup")
        keyboard = _to_markup(markup) if markup is not None else None
        if row.method == "send":
            reply_to = payload.get("reply_to")
            message = await self._bot.send_message(
                chat_id=row.chat_id,
                text=payload["text"],
                reply_markup=keyboard,
                reply_parameters=(
                    ReplyParameters(reply_to, allow_sending_without_reply=True)
                    if reply_to
                    else None
                ),
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
            return message.message_id
        if row.method == "copy":
            copied = await self._bot.copy_message(
                chat_id=row.chat_id,
                from_chat_id=payload["from_chat_id"],
                message_id=payload["message_id"],
            )
            return copied.message_id
        message_id = payload.get("message_id")
        if message_id is None:
            async with self._db.read() as tx:
                message_id = await tx.scalar(
                    "SELECT message_id FROM outbox WHERE dedupe_key = ? AND status = 'sent'",
                    (payload["of_key"],),
                )
            if message_id is None:
                raise _Unresolvable(f"message {payload['of_key']!r} was never sent")
        try:
            await self._bot.edit_message_text(
                chat_id=row.chat_id,
                message_id=message_id,
                text=payload["text"],
                reply_markup=keyboard,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        except BadRequest as exc:
            if "not modified" not in exc.message:
                raise _Unresolvable(exc.message) from exc
        return int(message_id)

    async def _note_attempt(self, row: _Row, error: str) -> None:
        async with self._db.tx() as tx:
            await tx.execute(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?",
                (error, row.id),
            )

    async def _fail(self, row: _Row, exc: Exception) -> None:
        # The text is never logged: it may carry an address or a door code.
        _LOGGER.error("Outbox row %s to chat %s failed for good: %s", row.id, row.chat_id, exc)
        async with self._db.tx() as tx:
            await tx.execute(
                "UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ?"
                " WHERE id = ?",
                (type(exc).__name__, row.id),
            )


class _Unresolvable(Exception):
    """An outbox row that can never be delivered (e.g. an edit of a message never sent)."""


def _to_markup(markup: dict[str, Any]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(b["text"], url=b["url"])
                if b.get("url")
                else InlineKeyboardButton(b["text"], callback_data=b["callback_data"])
                for b in row
            ]
            for row in markup["inline_keyboard"]
        ]
    )
