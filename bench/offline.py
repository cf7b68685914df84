"""A Bot API answered from memory: the same offline request method for every bot in a bench.

:class:`OfflineRequest` is a python-telegram-bot ``BaseRequest`` that never touches the network:
each call is answered in-process with a plausible Bot API result (a message for sends and
edits, ``true`` for the rest, no updates for ``getUpdates``). Both bots of the side-by-side
bench use it, so both pay the same for (de)serialising requests and answers; the difference
left is what each bot does per update.

Updates are built here too (:func:`group_text`, :func:`private_text`, :func:`button_press`), as
the JSON Telegram would deliver.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from typing import Any

from telegram import Bot, Update
from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram._utils.types import ODVInput
from telegram.request import BaseRequest, RequestData

from bot.devtools.sandbox.ptb import SANDBOX_TOKEN

BOT_ID = int(SANDBOX_TOKEN.split(":", 1)[0])
BOT_USERNAME = "bench_bot"
JsonDict = dict[str, Any]


class OfflineRequest(BaseRequest):
    """Answers every Bot API call from memory; counts calls by method."""

    def __init__(self, poll_seconds: float = 0.05) -> None:
        self.calls: dict[str, int] = {}
        self.first_get_updates: float | None = None
        self.polled = asyncio.Event()  # set at the first getUpdates
        self._poll_seconds = poll_seconds
        self._message_ids = itertools.count(1)

    @property
    def read_timeout(self) -> float | None:
        """No network: no timeout to speak of."""
        return None

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Answer one call as the Bot API would, as JSON bytes."""
        endpoint = url.rsplit("/", 1)[-1]
        self.calls[endpoint] = self.calls.get(endpoint, 0) + 1
        params = request_data.parameters if request_data is not None else {}
        if endpoint == "getUpdates":
            if self.first_get_updates is None:
                self.first_get_updates = time.perf_counter()
                self.polled.set()
            await asyncio.sleep(self._poll_seconds)  # a long poll that brings nothing
        result = self._result(endpoint, params)
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def _result(self, endpoint: str, params: JsonDict) -> Any:
        if endpoint == "getMe":
            return {
                "id": BOT_ID,
                "is_bot": True,
                "first_name": "Bench",
                "username": BOT_USERNAME,
                "can_join_groups": True,
                "can_read_all_group_messages": True,
                "supports_inline_queries": False,
            }
        if endpoint == "getUpdates":
            return []
        if endpoint in ("sendMessage", "editMessageText"):
            chat_id = int(params.get("chat_id", 0))
            return {
                "message_id": int(params.get("message_id") or next(self._message_ids)),
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"},
                "from": {"id": BOT_ID, "is_bot": True, "first_name": "Bench"},
                "text": str(params.get("text", "")),
            }
        return True


def offline_bot_request(bot: Bot, request: OfflineRequest) -> None:
    """Make an already built bot use the offline request for every call (getUpdates too).

    ``build_application`` configures the HTTP client itself; swapping the bot's pair of
    requests before it is initialised is the least intrusive way to keep it off the network.
    """
    bot._request = (request, request)  # bench-only; see the docstring


_update_ids = itertools.count(1)
_message_ids = itertools.count(1_000)


def _user(user_id: int, name: str) -> JsonDict:
    return {"id": user_id, "is_bot": False, "first_name": name, "language_code": "zh-hans"}


def _message(chat: JsonDict, user_id: int, name: str, text: str) -> JsonDict:
    return {
        "message_id": next(_message_ids),
        "date": int(time.time()),
        "chat": chat,
        "from": _user(user_id, name),
        "text": text,
    }


def group_text(bot: Bot, chat_id: int, user_id: int, name: str, text: str) -> Update:
    """A text message written in a group."""
    chat = {"id": chat_id, "type": "supergroup", "title": "业主群"}
    data = {"update_id": next(_update_ids), "message": _message(chat, user_id, name, text)}
    return Update.de_json(data, bot)


def private_text(bot: Bot, user_id: int, name: str, text: str) -> Update:
    """A text message written to the bot in private."""
    chat = {"id": user_id, "type": "private", "first_name": name}
    data = {"update_id": next(_update_ids), "message": _message(chat, user_id, name, text)}
    return Update.de_json(data, bot)


def button_press(bot: Bot, user_id: int, name: str, data: str) -> Update:
    """A press of an inline button carrying `data`, under a message the bot sent in private."""
    chat = {"id": user_id, "type": "private", "first_name": name}
    message = _message(chat, BOT_ID, "Bench", "…")
    message["from"] = {"id": BOT_ID, "is_bot": True, "first_name": "Bench"}
    query = {
        "id": str(next(_update_ids)),
        "from": _user(user_id, name),
        "chat_instance": str(user_id),
        "message": message,
        "data": data,
    }
    return Update.de_json({"update_id": next(_update_ids), "callback_query": query}, bot)
