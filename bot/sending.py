"""One outbox row as one Bot API call, and what its failure means for delivering it once.

The sender asks :func:`attempt` to deliver a claimed row and gets a :class:`Result`. The
verdict separates failures by whether Telegram can have taken the message:

- **retry**: Telegram answered and did not take it (429, 5xx, a refused ``BadRequest``) or
  the request never left (connection refused, connect or pool timeout). Safe to send again.
- **uncertain**: the request left and no readable answer came back (read timeout, connection
  dropped mid-answer, a 200 with an unreadable body, an error while reading the result). A
  send or copy is then never repeated; an edit is retried, as repeating an edit is harmless.
- **failed**: Telegram refused for good (blocked, chat not found, message to edit gone).

An edit of a message whose id is unknown (its send ended uncertain or failed) is sent as a
new message with the edited text and buttons, and judged as a send.
- **migrated**: the group became a supergroup (``ChatMigrated``).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from enum import Enum
from typing import Any

import httpx
from telegram import (
    Bot,
    LinkPreviewOptions,
)
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

from bot.charts import render_png
from bot.storage.outbox import QueuedRow

# The Telegram id of the message a key names (None: unknown). Given the edit's text too, it
# answers REPEAT when a new message with exactly that text may already have arrived (an earlier
# stand-in for the same key whose answer was lost): sending it again could show it twice.
MessageIdOf = Callable[[str, str], Awaitable[int | None]]
REPEAT = -1

# BadRequest texts that no retry can change (Telegram's wording, lower-cased fragments).
PERMANENT = (
    "chat not found",
    "user not found",
    "peer_id_invalid",
    "bot was kicked",
    "bot is not a member",
    "not enough rights",
    "have no rights",
    "need administrator rights",
    "message to edit not found",
    "message can't be edited",
    "message to copy not found",
    "bot can't initiate conversation",
    "user is deactivated",
)
# Methods whose repetition changes nothing more: retried after a lost answer, never uncertain.
REPEATABLE = ("edit", "delete")
# A deletion Telegram refuses for good: the message is then edited to the row's fallback text.
UNDELETABLE = ("message can't be deleted",)
# httpx errors raised before any byte of the request can have been processed.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


class Verdict(Enum):
    """What to do with the row after one attempt."""

    SENT = "sent"
    RETRY = "retry"
    UNCERTAIN = "uncertain"
    FAILED = "failed"
    MIGRATED = "migrated"


@dataclass(frozen=True)
class Result:
    """The verdict, with what the sender needs to act on it."""

    verdict: Verdict
    message_id: int | None = None
    error: str = ""
    retry_after: float | None = None  # seconds Telegram asked us to wait
    known: bool = True  # False: an unknown error, retried only a few times
    migrate_to: int | None = None
    new_for: str | None = None  # an edit sent as a new message: the key of the one it replaces


@dataclass
class SenderStats:
    """What the sender did since it started (figures for tests, logs and the campaign)."""

    sent: int = 0
    retried: int = 0
    failed: int = 0
    uncertain: int = 0
    migrated: int = 0
    refused_writes: int = 0
    crashes: int = 0


MAX_ATTEMPTS = 50  # Telegram answered "not now" (429, 5xx) or the request never left
MAX_UNKNOWN = 5  # errors nobody foresaw: a few tries, then failed
MAX_BACKOFF = 60.0


def retry_delay(result: Result, attempts: int, unknown: int) -> float | None:
    """Seconds before the next try after `attempts` tries (`unknown` of them unforeseen
    errors), or None when the row has had its tries and ends failed."""
    if attempts >= MAX_ATTEMPTS:
        return None
    if result.retry_after is not None:
        return result.retry_after
    if not result.known:
        return None if unknown >= MAX_UNKNOWN else min(MAX_BACKOFF, 0.25 * 2.0**unknown)
    return min(MAX_BACKOFF, 0.2 * 2.0 ** min(attempts, 10))


def _describe(exc: BaseException) -> str:
    text = str(exc) or repr(exc)
    return f"{type(exc).__name__}: {text}"[:300]


async def attempt(bot: Bot, row: QueuedRow, message_id_of: MessageIdOf) -> Result:
    """Deliver one claimed row; never raises."""
    try:
        call = await _prepare(row, message_id_of)
    except _MayRepeat as repeat:  # the same text may already be there: never twice
        return Result(Verdict.UNCERTAIN, error=str(repeat))
    except Exception as exc:  # a row this code cannot read: bounded retries, then failed
        return Result(Verdict.RETRY, error=_describe(exc), known=False)
    try:
        message_id = await call.run(bot)
    except Exception as exc:
        return classify(exc, call.method)
    return Result(Verdict.SENT, message_id=message_id, new_for=call.new_for)


def classify(exc: Exception, method: str) -> Result:
    """The verdict for an exception raised by the Bot API call itself."""
    error = _describe(exc)
    if isinstance(exc, ChatMigrated):
        return Result(Verdict.MIGRATED, error=error, migrate_to=int(exc.new_chat_id))
    if isinstance(exc, RetryAfter):
        delay = exc.retry_after
        seconds = delay.total_seconds() if isinstance(delay, timedelta) else float(delay)
        return Result(Verdict.RETRY, error=error, retry_after=seconds)
    if isinstance(exc, Forbidden):
        return Result(Verdict.FAILED, error=error)
    if isinstance(exc, BadRequest):
        if any(part in exc.message.lower() for part in PERMANENT):
            return Result(Verdict.FAILED, error=error)
        return Result(Verdict.RETRY, error=error, known=False)
    if isinstance(exc, TimedOut | NetworkError) and not _reached_telegram(exc):
        return Result(Verdict.RETRY, error=error)
    if isinstance(exc, TelegramError) and not _ambiguous(exc):
        return Result(Verdict.RETRY, error=error, known=False)
    if method in REPEATABLE:  # repeating an edit or a deletion cannot duplicate anything
        return Result(Verdict.RETRY, error=error, known=False)
    return Result(Verdict.UNCERTAIN, error=error)


def _reached_telegram(exc: TelegramError) -> bool:
    """Whether the request may have been processed without a readable answer."""
    cause = exc.__cause__
    if cause is None:  # Telegram answered with an error status (5xx, 429 handled above)
        return False
    return not isinstance(cause, _NOT_SENT) and not isinstance(cause, TelegramError)


def _ambiguous(exc: TelegramError) -> bool:
    """A TelegramError that means "an answer came but could not be read"."""
    return type(exc) is TelegramError or (
        isinstance(exc, TimedOut | NetworkError) and _reached_telegram(exc)
    )


Run = Callable[[Bot], Awaitable[int]]


class _MayRepeat(Exception):
    def __init__(self, of_key: str) -> None:
        super().__init__(f"an earlier edit of {of_key!r} with this text may already have arrived")


@dataclass(frozen=True)
class Call:
    """The Bot API call for a row, with what it really does: ``method`` is ``send`` for an
    edit sent as a new message (so a lost answer is never repeated), and ``new_for`` then
    names the message it stands in for."""

    run: Run
    method: str
    new_for: str | None = None


async def _post(bot: Bot, method: str, data: dict[str, Any]) -> Any:
    """One Bot API call with arguments already in Telegram's JSON form; its result as
    Telegram's JSON (raises as the Bot's own methods do).

    For the sender's sends and edits: ``Bot.send_message`` would build objects for the
    buttons, reply and preview options only to turn them back into this JSON, and parse the
    answer into a ``Message`` (~250 attribute sets) of which the sender reads the id — about
    150 µs a message, more than the rest of a delivery. ``Bot._post`` is what every Bot
    method ends in (None values dropped, then the rate limiter and the request; the
    application's ``Defaults`` set only a time zone, which none of these arguments takes);
    the public ``do_api_request`` warns for methods PTB has its own for."""
    return await bot._post(method, data)


_NO_PREVIEW = {"is_disabled": True}


async def _prepare(row: QueuedRow, message_id_of: MessageIdOf) -> Call:
    """Build the call from the row's payload (errors here happen before any request)."""
    payload: dict[str, Any] = json.loads(row.payload)
    markup = payload.get("reply_markup")
    if row.method == "send":
        text, reply_to = str(payload["text"]), payload.get("reply_to")
        data = {
            "chat_id": row.chat_id,
            "text": text,
            "reply_markup": _to_markup(markup) if markup is not None else None,
            "reply_parameters": (
                {"message_id": reply_to, "allow_sending_without_reply": True} if reply_to else None
            ),
            "link_preview_options": _NO_PREVIEW,
        }

        async def send(bot: Bot) -> int:
            message = await _post(bot, "sendMessage", dict(data))
            return int(message["message_id"])

        return Call(send, "send")
    if row.method == "copy":
        source, original = int(payload["from_chat_id"]), int(payload["message_id"])
        caption = payload.get("caption")  # None keeps the original's caption

        async def copy(bot: Bot) -> int:
            copied = await bot.copy_message(
                chat_id=row.chat_id, from_chat_id=source, message_id=original, caption=caption
            )
            return copied.message_id

        return Call(copy, "copy")
    if row.method == "delete":
        return _prepare_delete(row, payload)
    if row.method == "chart":
        # Drawn at each try, in a worker thread (the spec, not the picture, is stored); a
        # drawing that fails fails before any request, so it is retried a few times.
        png = await asyncio.to_thread(render_png, payload["charts"], str(payload["lang"]))
        caption = str(payload["caption"])

        async def chart(bot: Bot) -> int:
            message = await bot.send_photo(chat_id=row.chat_id, photo=png, caption=caption)
            return message.message_id

        return Call(chart, "send")
    if row.method != "edit":
        raise ValueError(f"unknown outbox method {row.method!r}")
    keyboard = _to_markup(markup) if markup is not None else None
    return await _prepare_edit(row, payload, keyboard, message_id_of)


async def _prepare_edit(
    row: QueuedRow,
    payload: dict[str, Any],
    keyboard: dict[str, Any] | None,
    message_id_of: MessageIdOf,
) -> Call:
    """Edit the message in place; when its id is unknown (its send ended uncertain or failed:
    it may never have arrived) send the edited text and buttons as a new message instead."""
    text, message_id = str(payload["text"]), payload.get("message_id")
    data = {
        "chat_id": row.chat_id,
        "text": text,
        "reply_markup": keyboard,
        "link_preview_options": _NO_PREVIEW,
    }
    if message_id is None:
        of_key = str(payload["of_key"])
        message_id = await message_id_of(of_key, text)
        if message_id == REPEAT:
            raise _MayRepeat(of_key)
        if message_id is None:

            async def send_new(bot: Bot) -> int:
                message = await _post(bot, "sendMessage", dict(data))
                return int(message["message_id"])

            return Call(send_new, "send", new_for=of_key)
    target = int(message_id)

    async def edit(bot: Bot) -> int:
        try:
            await _post(bot, "editMessageText", {**data, "message_id": target})
        except BadRequest as exc:
            if "not modified" not in exc.message:
                raise
        return target

    return Call(edit, "edit")


def _prepare_delete(row: QueuedRow, payload: dict[str, Any]) -> Call:
    """Delete a bot message; one already gone counts as deleted; one Telegram will not delete
    (too old) is edited to the fallback text, without its buttons (no fallback: a photo, with
    no text to edit, stays as it is)."""
    target, fallback = int(payload["message_id"]), str(payload["text"])

    async def delete(bot: Bot) -> int:
        try:
            await bot.delete_message(chat_id=row.chat_id, message_id=target)
        except BadRequest as exc:
            said = exc.message.lower()
            if "message to delete not found" in said:
                return target
            if not any(part in said for part in UNDELETABLE):
                raise
            if fallback:
                await _edit_to(bot, row.chat_id, target, fallback)
        return target

    return Call(delete, "delete")


async def _edit_to(bot: Bot, chat_id: int, message_id: int, text: str) -> None:
    """Replace a message's text and drop its buttons (an unchanged text is no error)."""
    try:
        await bot.edit_message_text(
            chat_id=chat_id,
            message_id=message_id,
            text=text,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        )
    except BadRequest as exc:
        if "not modified" not in exc.message:
            raise


def _to_markup(markup: dict[str, Any]) -> dict[str, Any]:
    """The stored keyboard as Telegram's JSON: each button a link or a press, nothing else
    (what ``InlineKeyboardMarkup(...).to_dict()`` gave)."""
    return {
        "inline_keyboard": [
            [
                {"text": b["text"], "url": b["url"]}
                if b.get("url")
                else {"text": b["text"], "callback_data": b["callback_data"]}
                for b in row
            ]
            for row in markup["inline_keyboard"]
        ]
    }
