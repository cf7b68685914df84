"""A local Bot API server on loopback, plus the control API that plays the humans.

The real `telegram.ext.Application` talks to it through `base_url=f"{sb.root_url}/bot"` and
`base_file_url=f"{sb.root_url}/file/bot"`. Tests and the demo drive the people with the Python
control API (`sb.user`, `sb.send`, `sb.press`, …) or, out of process, with `/control/...` routes.

Private chats exist only once the person has written to the bot (`send`, `start` or `press`):
until then the bot gets `400 Bad Request: chat not found` for that user, as on Telegram. Groups
made with `group(...)` contain the bot unless `bot_status="left"`.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import time
from collections.abc import Callable, Iterable
from types import TracebackType
from typing import Any, Literal, overload

from aiohttp import web

from bot.devtools.sandbox.api import BotApi, UploadedFile, coerce_params
from bot.devtools.sandbox.faults import (
    AFTER_KINDS,
    Fault,
    FaultPlan,
    FloodLimiter,
    FloodLimits,
)
from bot.devtools.sandbox.models import (
    ApiError,
    CallbackQuery,
    CallRecord,
    JsonDict,
    MemberStatus,
    SandboxChat,
    SandboxEvent,
    SandboxMessage,
    SandboxUser,
)
from bot.devtools.sandbox.state import SandboxState
from bot.devtools.sandbox.transcript import render_event
from bot.devtools.sandbox.webhook import WebhookDeliverer

_LOGGER = logging.getLogger(__name__)

BOT_USER_ID = 7000000001
#: How long a wait for something the bot should do gives it by default. Generous on purpose:
#: on a loaded two-core machine the first reply of a process (the shipped model loading) can
#: take several seconds, and a wait that is met returns at once — only a failing one pays it.
WAIT = 15.0

_QUIET_METHODS = frozenset({"getupdates"})


def _loggable(params: JsonDict) -> JsonDict:
    return {
        key: f"<file {value.filename}, {len(value.content)} bytes>"
        if isinstance(value, UploadedFile)
        else value
        for key, value in params.items()
    }


async def _read_params(request: web.Request) -> dict[str, Any]:
    params: dict[str, Any] = dict(request.query)
    if not request.body_exists:
        return params
    if request.content_type == "application/json":
        body = await request.json()
        if isinstance(body, dict):
            params.update(body)
        return params
    if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.post()
        for key, value in form.items():
            if isinstance(value, web.FileField):
                params[key] = UploadedFile(value.filename, value.file.read())
            elif isinstance(value, bytes):
                params[key] = value.decode()
            else:
                params[key] = value
    return params


def _disconnected(request: web.Request) -> bool:
    transport = request.transport
    return transport is None or transport.is_closing()


class Sandbox:
    """A running fake Telegram: Bot API over HTTP plus a control API for tests and demos."""

    def __init__(
        self,
        bot_username: str = "concierge_demo_bot",
        *,
        enforce_flood_limits: bool = False,
        flood_limits: FloodLimits | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.bot = SandboxUser(
            id=BOT_USER_ID, first_name="Concierge", username=bot_username, is_bot=True
        )
        self.state = SandboxState(self.bot)
        self.faults = FaultPlan()
        self.flood = FloodLimiter(flood_limits) if enforce_flood_limits else None
        self.api = BotApi(self.state, self.flood)
        self.webhook = WebhookDeliverer(self.state)  # posts updates while a webhook is set
        self._host = host
        self._port = port
        self._runner: web.AppRunner | None = None
        self.root_url = ""

    # -- lifecycle -----------------------------------------------------------------------

    @overload
    async def start(self) -> None: ...

    @overload
    async def start(self, user: SandboxUser, payload: str | None = None) -> SandboxMessage: ...

    async def start(
        self, user: SandboxUser | None = None, payload: str | None = None
    ) -> SandboxMessage | None:
        """Two meanings, by argument: `start()` starts the server (same as `serve()`);
        `start(user, payload=None)` has `user` press Start (same as `press_start`)."""
        if user is None:
            await self.serve()
            return None
        return await self.press_start(user, payload)

    async def serve(self) -> None:
        """Listen on a free loopback port; `root_url` is valid afterwards."""
        self.state.closing = False
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_bot)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        app.router.add_route("*", "/control/{action}", self._handle_control)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self._host, self._port))
        site = web.SockSite(self._runner, sock)
        await site.start()
        port = sock.getsockname()[1]
        self.root_url = f"http://{self._host}:{port}"
        await self.webhook.start()
        _LOGGER.info("sandbox Bot API listening on %s", self.root_url)

    async def stop(self) -> None:
        """Wake long polls and shut the server down."""
        self.state.close()
        await self.webhook.stop()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Sandbox:
        await self.serve()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    # -- HTTP: Bot API -------------------------------------------------------------------

    async def _handle_bot(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        impl = self.api.find(method)
        if impl is None:
            return web.json_response(
                {"ok": False, "error_code": 404, "description": "Not Found: method not found"},
                status=404,
            )
        try:
            params = coerce_params(await _read_params(request))
        except ApiError as error:
            self._record(method, {}, error=error)
            return web.json_response(error.to_api(), status=error.error_code)
        fault = self.faults.take(method, params.get("chat_id"))
        if fault is not None and fault.kind not in AFTER_KINDS:
            refused = await self._fault_before(request, method, params, fault)
            if refused is not None:
                return refused
        try:
            result = await impl(params)
        except ApiError as error:
            self._record(method, params, error=error, fault=fault.kind if fault else None)
            return web.json_response(error.to_api(), status=error.error_code)
        except Exception as exc:  # a sandbox bug or a malformed parameter it did not foresee
            _LOGGER.exception("sandbox failed on %s", method)
            crash = ApiError(500, f"Internal Server Error: sandbox failed: {exc!r}")
            self._record(method, params, error=crash)
            return web.json_response(crash.to_api(), status=500)
        self._record(method, params, fault=fault.kind if fault else None)
        if fault is not None and fault.kind == "garbled":
            return web.Response(
                status=200,
                text='{"ok": true, "result": {"message_',
                content_type="application/json",
            )
        if fault is not None and fault.kind == "drop_after":
            await asyncio.sleep(fault.delay)
            if request.transport is not None:
                request.transport.abort()
            return web.Response(status=204)
        return web.json_response({"ok": True, "result": result})

    async def _fault_before(
        self, request: web.Request, method: str, params: JsonDict, fault: Fault
    ) -> web.StreamResponse | None:
        """Answer a fault that refuses the call before processing; None if it goes ahead."""
        refusals = {
            "429": ApiError(
                429,
                f"Too Many Requests: retry after {fault.retry_after}",
                {"retry_after": fault.retry_after},
            ),
            "500": ApiError(500, "Internal Server Error"),
            "502": ApiError(502, "Bad Gateway"),
            "blocked": ApiError(403, "Forbidden: bot was blocked by the user"),
        }
        if fault.kind == "migrated":
            refusals["migrated"] = self._migrate_for_fault(params, fault)
        if fault.kind in refusals:
            error = refusals[fault.kind]
            self._record(method, params, error=error, fault=fault.kind)
            if fault.kind == "502":
                return web.Response(status=502, text="<html>502 Bad Gateway</html>")
            return web.json_response(error.to_api(), status=error.error_code)
        if fault.kind == "drop":
            self._record(method, params, error=ApiError(0, "connection dropped"), fault="drop")
            if request.transport is not None:
                request.transport.abort()
            return web.Response(status=204)
        await asyncio.sleep(fault.delay)
        if _disconnected(request):
            gone = ApiError(0, "client went away during slow fault; not processed")
            self._record(method, params, error=gone, fault="slow")
            return web.Response(status=204)
        return None

    def _migrate_for_fault(self, params: JsonDict, fault: Fault) -> ApiError:
        """Upgrade the call's group for good (a private chat cannot migrate: 400)."""
        chat = self.state.find_chat(params.get("chat_id") or 0)
        if chat is None or chat.is_private:
            return ApiError(400, "Bad Request: chat not found")
        if chat.migrated_to is None:
            new_id = fault.migrate_to or -1_000_000_000_000 - abs(chat.id)
            self.state.migrate_group(chat, new_id)
        return ApiError(
            400,
            "Bad Request: group chat was upgraded to a supergroup chat",
            {"migrate_to_chat_id": chat.migrated_to},
        )

    def _record(
        self,
        method: str,
        params: JsonDict,
        *,
        error: ApiError | None = None,
        fault: str | None = None,
    ) -> None:
        self.state.record_call(
            CallRecord(
                method=method,
                params=_loggable(params),
                time=time.time(),
                ok=error is None,
                error_code=error.error_code if error else None,
                description=error.description if error else None,
                fault=fault,
            )
        )

    async def _handle_file(self, request: web.Request) -> web.Response:
        content = self.state.files.get(request.match_info["path"])
        if content is None:
            return web.Response(status=404, text="Not Found")
        return web.Response(body=content, content_type="application/octet-stream")

    # -- control: people and chats -------------------------------------------------------

    def user(
        self,
        user_id: int,
        first_name: str,
        *,
        username: str | None = None,
        language_code: str | None = "zh-hans",
    ) -> SandboxUser:
        """Register a person. Their private chat opens when they first write to the bot."""
        if user_id <= 0:
            raise ValueError("user ids are positive")
        return self.state.add_user(SandboxUser(user_id, first_name, username, language_code))

    def group(
        self,
        chat_id: int,
        title: str,
        *,
        members: Iterable[SandboxUser] = (),
        admins: Iterable[SandboxUser] = (),
        bot_status: MemberStatus = "member",
    ) -> SandboxChat:
        """Create a supergroup (id must be negative, e.g. -100123) with the given members."""
        if chat_id >= 0:
            raise ValueError("group ids are negative (supergroups look like -100…)")
        chat = SandboxChat(id=chat_id, type="supergroup", title=title, bot_status=bot_status)
        for member in members:
            chat.members[member.id] = "member"
        for admin in admins:
            chat.members[admin.id] = "administrator"
        return self.state.add_chat(chat)

    def set_member_status(
        self, chat: SandboxChat, user: SandboxUser, status: MemberStatus
    ) -> None:
        """Change a person's status in a group (e.g. make them an administrator)."""
        chat.members[user.id] = status

    def chat(self, chat_id: int) -> SandboxChat:
        """A known chat by id."""
        try:
            return self.state.chats[chat_id]
        except KeyError:
            raise KeyError(f"no chat {chat_id} in the sandbox") from None

    def private_chat(self, user: SandboxUser) -> SandboxChat:
        """The user's private chat with the bot (opens it, as if they had pressed Start)."""
        return self.state.private_chat(user)

    # -- control: what people do ---------------------------------------------------------

    async def send(
        self,
        user: SandboxUser,
        text: str,
        *,
        chat: SandboxChat | None = None,
        reply_to: SandboxMessage | None = None,
    ) -> SandboxMessage:
        """`user` writes `text` in `chat` (default: private with the bot) → `message` update."""
        if user.id not in self.state.users:
            raise ValueError(f"user {user.id} is not registered; call sb.user(...) first")
        if chat is None:
            chat = self.state.private_chat(user)
        elif not chat.is_private:
            if not chat.bot_is_member:
                raise ValueError(f"the bot is not in {chat.name}; add_bot_to_group first")
            chat.members.setdefault(user.id, "member")
        elif chat.id != user.id:
            raise ValueError("a person can only write in their own private chat with the bot")
        if reply_to is not None and reply_to.chat is not chat:
            raise ValueError("reply_to must be a message in the same chat")
        return self.state.user_writes(user, chat, text, reply_to)

    async def send_media(
        self,
        user: SandboxUser,
        kind: Literal["sticker", "photo", "voice", "video_note", "location"],
        *,
        chat: SandboxChat | None = None,
    ) -> SandboxMessage:
        """`user` sends a sticker, photo, voice note, video note or location in `chat`."""
        if chat is None:
            chat = self.state.private_chat(user)
        return self.state.user_sends_media(user, chat, kind)

    async def press_start(self, user: SandboxUser, payload: str | None = None) -> SandboxMessage:
        """`user` presses Start in private, optionally via a deep link `?start=payload`."""
        return await self.send(user, f"/start {payload}" if payload else "/start")

    async def press(
        self, user: SandboxUser, message: SandboxMessage, button: int | str
    ) -> CallbackQuery:
        """Press an inline button of a bot message by 0-based index (row-major) or by text."""
        if not message.from_bot or message.deleted:
            raise ValueError(f"message #{message.message_id} is not a live bot message")
        buttons = message.buttons
        if isinstance(button, int):
            if not 0 <= button < len(buttons):
                raise ValueError(
                    f"message #{message.message_id} has no button {button}: {message.button_texts}"
                )
            chosen = buttons[button]
        else:
            matches = [b for b in buttons if b.get("text") == button]
            if not matches:
                raise ValueError(
                    f"message #{message.message_id} has no button {button!r}: "
                    f"{message.button_texts}"
                )
            chosen = matches[0]
        if "callback_data" not in chosen:
            raise ValueError(f"button {chosen.get('text')!r} is not a callback button: {chosen}")
        if message.chat.is_private:
            self.state.private_chat(user)
        return self.state.user_presses(
            user, message.chat, message.message_id, str(chosen["callback_data"])
        )

    async def press_raw(
        self, user: SandboxUser, chat: SandboxChat | int, message_id: int, data: str
    ) -> CallbackQuery:
        """Deliver a callback_query with arbitrary `data` (forged/stale button tests)."""
        target = chat if isinstance(chat, SandboxChat) else self.chat(chat)
        return self.state.user_presses(user, target, message_id, data)

    async def add_bot_to_group(
        self, user: SandboxUser, chat: SandboxChat, *, status: MemberStatus = "member"
    ) -> None:
        """`user` adds the bot to `chat` → `my_chat_member` update."""
        if chat.is_private:
            raise ValueError("cannot add the bot to a private chat")
        chat.members.setdefault(user.id, "administrator")
        self.state.change_bot_status(user, chat, status)

    async def migrate_group(
        self, chat: SandboxChat, new_id: int, by: SandboxUser | None = None
    ) -> SandboxChat:
        """Upgrade `chat` to a supergroup with `new_id` (the old id answers
        ``migrate_to_chat_id`` from now on; both chats get the service message)."""
        return self.state.migrate_group(chat, new_id, by)

    async def block_bot(self, user: SandboxUser) -> None:
        """`user` blocks the bot: sends to them get 403 from now on."""
        self.state.block_bot(user)

    async def remove_bot_from_group(self, user: SandboxUser, chat: SandboxChat) -> None:
        """`user` removes the bot from `chat` → `my_chat_member` update (status left)."""
        self.state.change_bot_status(user, chat, "left")

    # -- control: what the bot did -------------------------------------------------------

    def messages(self, chat_id: int) -> list[SandboxMessage]:
        """Every live message in a chat, in order, from people and the bot."""
        return [m for m in self.state.messages.get(chat_id, []) if not m.deleted]

    def sent(
        self, chat_id: int | None = None, *, include_deleted: bool = False
    ) -> list[SandboxMessage]:
        """Messages the bot sent (current state after edits), oldest first."""
        chats = [chat_id] if chat_id is not None else list(self.state.messages)
        found = [
            message
            for cid in chats
            for message in self.state.messages.get(cid, [])
            if message.from_bot and (include_deleted or not message.deleted)
        ]
        return sorted(found, key=lambda m: m.seq)

    def calls(self, method: str | None = None) -> list[CallRecord]:
        """The raw call log, optionally only one method (case-insensitive)."""
        if method is None:
            return list(self.state.calls)
        return [c for c in self.state.calls if c.method.lower() == method.lower()]

    def callback_answers(self, user: SandboxUser | None = None) -> list[CallbackQuery]:
        """Button presses the bot has answered, optionally for one person."""
        return [
            q
            for q in self.state.callback_queries.values()
            if q.answered and (user is None or q.user.id == user.id)
        ]

    @property
    def pending_updates(self) -> list[JsonDict]:
        """Updates not yet confirmed by the bot."""
        return list(self.state.updates)

    def transcript(self) -> list[str]:
        """Every event so far as a human-readable line, as it looked when it happened."""
        return list(self.state.lines)

    def on_event(self, callback: Callable[[SandboxEvent], None]) -> Callable[[], None]:
        """Call `callback` for each future event, synchronously as it happens (so
        `render_event(event)` inside it shows the state of that moment); returns an
        unsubscribe function."""
        return self.state.subscribe(callback)

    # -- control: waiting ----------------------------------------------------------------

    def _sent_summary(self) -> str:
        lines = [
            f"  {render_event(SandboxEvent('bot_message', m.chat, self.bot, m))}"
            for m in self.sent()
        ]
        return "\n".join(lines) or "  (nothing)"

    async def wait_for(self, predicate: Callable[[], bool], timeout: float = WAIT) -> None:
        """Wait until `predicate()` is true, re-checked on every sandbox change."""
        if not await self.state.wait_until(predicate, timeout):
            raise AssertionError(
                f"condition not met within {timeout}s; the bot sent:\n{self._sent_summary()}"
            )

    def _matching(
        self, chat_id: int, contains: str | None, after: SandboxMessage | int | None
    ) -> list[SandboxMessage]:
        floor = after.message_id if isinstance(after, SandboxMessage) else (after or 0)
        return [
            m
            for m in self.sent(chat_id)
            if m.message_id > floor and (contains is None or contains in m.content)
        ]

    async def wait_for_messages(
        self,
        chat_id: int,
        *,
        contains: str | None = None,
        count: int = 1,
        after: SandboxMessage | int | None = None,
        timeout: float = WAIT,
    ) -> list[SandboxMessage]:
        """Wait until the bot has `count` live messages in `chat_id` matching; return them.

        `contains` matches the current text/caption (so it also waits for edits); `after`
        only counts messages newer than that message (or message id).
        """
        if not await self.state.wait_until(
            lambda: len(self._matching(chat_id, contains, after)) >= count, timeout
        ):
            wanted = f"{count} message(s)" + (f" containing {contains!r}" if contains else "")
            raise AssertionError(
                f"bot did not send {wanted} to chat {chat_id} within {timeout}s; it sent:\n"
                f"{self._sent_summary()}"
            )
        return self._matching(chat_id, contains, after)[:count]

    async def wait_for_message(
        self,
        chat_id: int,
        *,
        contains: str | None = None,
        after: SandboxMessage | int | None = None,
        timeout: float = WAIT,
    ) -> SandboxMessage:
        """Wait for one matching bot message in `chat_id` and return it."""
        found = await self.wait_for_messages(
            chat_id, contains=contains, after=after, count=1, timeout=timeout
        )
        return found[0]

    async def wait_idle(self, quiet: float = 0.2, timeout: float = WAIT) -> None:
        """Wait until the bot has made no call (other than getUpdates) for `quiet` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout

        def active() -> int:
            return sum(1 for c in self.state.calls if c.method.lower() not in _QUIET_METHODS)

        def changed_since(seen: int) -> Callable[[], bool]:
            return lambda: active() != seen

        while loop.time() < deadline:
            if not await self.state.wait_until(changed_since(active()), quiet):
                return
        raise AssertionError(f"the bot was still busy after {timeout}s")

    # -- HTTP: control -------------------------------------------------------------------

    async def _handle_control(self, request: web.Request) -> web.Response:
        from bot.devtools.sandbox.control import dispatch

        body: JsonDict = dict(request.query)
        if request.body_exists:
            loaded = await request.json()
            if isinstance(loaded, dict):
                body.update(loaded)
        try:
            result = await dispatch(self, request.match_info["action"], body)
        except (ValueError, KeyError, TypeError, AssertionError) as exc:
            return web.json_response({"ok": False, "error": str(exc)}, status=400)
        return web.json_response({"ok": True, "result": result})
