"""The Bot API request that keeps Telegram's limits where they count: as the request leaves.

The outbox sender counts a message when it picks the chat's lane (:mod:`bot.lanes`), but the
request leaves only later: after its claim commits, after the call is prepared, after the
event loop gets round to it. Under load those delays differ from one request to the next, and
requests counted evenly reached Telegram in bunches (88 in one second, 215 answers 429 in
10,000 district pings, with the machine's load average at 10–12). :class:`PacedRequest` is
the request object of every Bot API call but ``getUpdates``: just before a call that sends or
edits a message is written, it takes the call's turn from the rate limiter
(:meth:`bot.lanes.RateLimiter.leave_wait`: overall, per chat, per group minute), waiting if
it must. Only the few awaits of the HTTP client itself lie between that turn and the bytes
on the wire, so requests leave as evenly as they were allowed.

One sender sends for the whole bot (a district's senders share one limiter; several
instances take turns, :mod:`bot.sender_turn`), so one limiter sees every message the bot sends.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable
from typing import Any

from telegram.request import HTTPXRequest, RequestData

from bot.lanes import RateLimiter

# The Bot API methods Telegram's flood limits count: they post a message or change one.
PACED = frozenset(
    {
        "sendMessage",
        "sendPhoto",
        "sendDocument",
        "sendMediaGroup",
        "copyMessage",
        "forwardMessage",
        "editMessageText",
        "editMessageCaption",
        "editMessageReplyMarkup",
    }
)


def chat_of(url: str, request_data: RequestData | None) -> tuple[bool, int | None]:
    """Whether the call to `url` is paced, and the chat it goes to (None: not a numeric id)."""
    if url.rsplit("/", 1)[-1] not in PACED:
        return False, None
    chat = request_data.parameters.get("chat_id") if request_data is not None else None
    if isinstance(chat, int) and not isinstance(chat, bool):
        return True, chat
    if isinstance(chat, str) and chat.lstrip("-").isdigit():
        return True, int(chat)
    return True, None


_QUEUES: weakref.WeakKeyDictionary[RateLimiter, asyncio.Lock] = weakref.WeakKeyDictionary()


async def take_turn(limiter: RateLimiter, chat: int | None) -> None:
    """Wait until a request to `chat` may leave by `limiter`, and count it.

    Requests wait for the overall limit one after the other (a lock per limiter, first come
    first served), so each slot wakes one waiter, not all of them; a chat's own wait (its
    interval, a group's minute) is waited outside that queue, holding back only that chat.
    """
    loop = asyncio.get_running_loop()
    queue = _QUEUES.setdefault(limiter, asyncio.Lock())
    while True:
        chat_wait = limiter.chat_leave_wait(chat, loop.time())
        if chat_wait > 0:
            await asyncio.sleep(chat_wait)
            continue
        async with queue:
            while limiter.chat_leave_wait(chat, loop.time()) <= 0:
                wait = limiter.leave_wait(chat, loop.time())
                if wait <= 0:
                    return
                await asyncio.sleep(wait)
        # another request to this chat left meanwhile: wait for the chat, outside the queue


class PacedRequest(HTTPXRequest):
    """``HTTPXRequest`` that takes each message's turn from the limiter just before it goes."""

    def __init__(self, limiter: Callable[[], RateLimiter | None], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # Asked at each call: a district gives every community's runtime the shared limiter
        # after its Application (and so this request) was built.
        self._limiter = limiter

    @property
    def limiter(self) -> RateLimiter | None:
        """The limiter this request's sends and edits take their turns from."""
        return self._limiter()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> tuple[int, bytes]:
        """Wait for the call's turn (sends and edits only), then write it."""
        paced, chat = chat_of(url, request_data)
        limiter = self._limiter() if paced else None
        if limiter is not None:
            await take_turn(limiter, chat)
        return await super().do_request(url, method, request_data, *args, **kwargs)


__all__ = ["PACED", "PacedRequest", "chat_of"]
