"""The sandbox world: people, chats, every message, pending updates, the call log and events.

Plain synchronous state plus one change signal: every mutation calls `_changed()`, which wakes
whoever awaits `wait_until` (long polls, `Sandbox.wait_for`). Nothing here knows about HTTP.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import time
from collections.abc import Callable
from typing import Any

from bot.devtools.sandbox.formatting import detect_entities
from bot.devtools.sandbox.models import (
    CallbackQuery,
    CallRecord,
    JsonDict,
    MemberStatus,
    SandboxChat,
    SandboxEvent,
    SandboxMessage,
    SandboxUser,
)
from bot.devtools.sandbox.transcript import render_event

_LOGGER = logging.getLogger(__name__)

# Update types Telegram delivers when allowed_updates was never set (or set to []).
DEFAULT_UPDATE_TYPES = frozenset(
    {"message", "edited_message", "callback_query", "my_chat_member", "inline_query"}
)

EventListener = Callable[[SandboxEvent], None]


def member_json(user: SandboxUser, status: MemberStatus) -> JsonDict:
    """Render a Bot API `ChatMember` of the given status."""
    data: JsonDict = {"user": user.to_api(), "status": status}
    if status == "creator":
        data["is_anonymous"] = False
    elif status == "administrator":
        data.update(
            can_be_edited=False,
            is_anonymous=False,
            can_manage_chat=True,
            can_delete_messages=True,
            can_manage_video_chats=True,
            can_restrict_members=True,
            can_promote_members=False,
            can_change_info=True,
            can_invite_users=True,
            can_post_stories=False,
            can_edit_stories=False,
            can_delete_stories=False,
        )
    elif status == "kicked":
        data["until_date"] = 0
    elif status == "restricted":
        data.update(
            is_member=True,
            can_send_messages=False,
            can_send_audios=False,
            can_send_documents=False,
            can_send_photos=False,
            can_send_videos=False,
            can_send_video_notes=False,
            can_send_voice_notes=False,
            can_send_polls=False,
            can_send_other_messages=False,
            can_add_web_page_previews=False,
            can_change_info=False,
            can_invite_users=False,
            can_pin_messages=False,
            can_manage_topics=False,
            until_date=0,
        )
    return data


# Minimal Bot API objects for media a person can send (the bot never downloads them).
_MEDIA: dict[str, Any] = {
    "sticker": {
        "file_id": "sandbox-sticker",
        "file_unique_id": "sticker",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
        "emoji": "👍",
    },
    "photo": [
        {"file_id": "sandbox-photo", "file_unique_id": "photo", "width": 640, "height": 480}
    ],
    "voice": {"file_id": "sandbox-voice", "file_unique_id": "voice", "duration": 4},
    "video_note": {
        "file_id": "sandbox-video-note",
        "file_unique_id": "videonote",
        "length": 240,
        "duration": 6,
    },
    "location": {"latitude": 31.2304, "longitude": 121.4737},
}


class SandboxState:
    """Everything the sandbox knows, in memory."""

    def __init__(self, bot: SandboxUser) -> None:
        self.bot = bot
        self.users: dict[int, SandboxUser] = {}
        self.chats: dict[int, SandboxChat] = {}
        self.messages: dict[int, list[SandboxMessage]] = {}
        self.updates: list[JsonDict] = []
        self.calls: list[CallRecord] = []
        self.events: list[SandboxEvent] = []
        self.lines: list[str] = []  # transcript lines, rendered when each event happened
        self.callback_queries: dict[str, CallbackQuery] = {}
        self.commands: dict[tuple[str, str], list[JsonDict]] = {}
        self.descriptions: dict[tuple[str, str], str] = {}
        self.files: dict[str, bytes] = {}
        self.webhook_url = ""
        self.webhook_secret = ""  # sent with every delivery (webhook.py)
        self.webhook_error: tuple[int, str] | None = None  # last failed delivery: time, why
        self.allowed_updates: frozenset[str] = DEFAULT_UPDATE_TYPES
        self.closing = False
        self.polling = 0  # getUpdates requests currently waiting
        self._update_ids = itertools.count(1)
        self._query_ids = itertools.count(1)
        self._seq = itertools.count(1)
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._listeners: list[EventListener] = []
        self._signal: asyncio.Event | None = None

    # -- change signal -------------------------------------------------------------------

    def changed(self) -> None:
        """Wake everyone waiting in `wait_until` to re-check their condition."""
        if self._signal is not None:
            self._signal.set()
            self._signal = None

    async def wait_until(self, predicate: Callable[[], bool], timeout: float) -> bool:
        """Wait until `predicate()` holds (re-checked on every change); False on timeout."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not predicate():
            remaining = deadline - loop.time()
            if remaining <= 0 or self.closing:
                return predicate()
            if self._signal is None:
                self._signal = asyncio.Event()
            try:
                await asyncio.wait_for(self._signal.wait(), remaining)
            except TimeoutError:
                return predicate()
        return True

    def close(self) -> None:
        """Wake every waiter for shutdown."""
        self.closing = True
        self.changed()

    # -- events --------------------------------------------------------------------------

    def subscribe(self, listener: EventListener) -> Callable[[], None]:
        """Call `listener` for every future event; return a function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def emit(self, event: SandboxEvent) -> None:
        """Record `event`, tell listeners, wake waiters."""
        self.events.append(event)
        if event.kind != "chat_action":
            self.lines.append(render_event(event))
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:
                _LOGGER.exception("sandbox event listener failed")
        self.changed()

    def record_call(self, record: CallRecord) -> None:
        """Append to the call log."""
        self.calls.append(record)
        self.changed()

    # -- people and chats ----------------------------------------------------------------

    def add_user(self, user: SandboxUser) -> SandboxUser:
        """Register a person (their private chat opens only once they write)."""
        self.users[user.id] = user
        return user

    def private_chat(self, user: SandboxUser) -> SandboxChat:
        """The user's private chat with the bot, opening it if needed."""
        chat = self.chats.get(user.id)
        if chat is None:
            chat = SandboxChat(id=user.id, type="private", user=user, bot_status="member")
            self.add_chat(chat)
        return chat

    def add_chat(self, chat: SandboxChat) -> SandboxChat:
        """Register a chat."""
        self.chats[chat.id] = chat
        self.messages.setdefault(chat.id, [])
        self._message_ids.setdefault(chat.id, itertools.count(1))
        return chat

    def find_chat(self, chat_id: int | str) -> SandboxChat | None:
        """A chat the bot can see, by id or @username; None if unknown to the bot."""
        chat: SandboxChat | None = None
        if isinstance(chat_id, str) and chat_id.startswith("@"):
            name = chat_id[1:].lower()
            for candidate in self.chats.values():
                user = candidate.user
                if user is not None and (user.username or "").lower() == name:
                    chat = candidate
        else:
            try:
                chat = self.chats.get(int(chat_id))
            except ValueError:
                chat = None
        if chat is None or not chat.bot_is_member:
            return None
        return chat

    def find_message(self, chat_id: int, message_id: int) -> SandboxMessage | None:
        """A live (not deleted) message by chat and id."""
        for message in self.messages.get(chat_id, []):
            if message.message_id == message_id and not message.deleted:
                return message
        return None

    # -- messages and updates ------------------------------------------------------------

    def new_message(self, chat: SandboxChat, sender: SandboxUser, **fields: Any) -> SandboxMessage:
        """Create and store the next message in `chat`."""
        message = SandboxMessage(
            chat=chat,
            message_id=next(self._message_ids[chat.id]),
            sender=sender,
            date=int(time.time()),
            seq=next(self._seq),
            **fields,
        )
        self.messages[chat.id].append(message)
        return message

    def enqueue(self, kind: str, payload: JsonDict) -> JsonDict:
        """Queue an update of `kind` (e.g. "message") for getUpdates."""
        update = {"update_id": next(self._update_ids), kind: payload}
        self.updates.append(update)
        self.changed()
        return update

    def confirm(self, offset: int) -> None:
        """Drop updates with id < offset (negative offsets count from the end)."""
        if offset < 0:
            self.updates = self.updates[offset:]
        else:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]

    def deliverable(self) -> list[JsonDict]:
        """Pending updates of allowed types (others are discarded, as Telegram does)."""
        self.updates = [u for u in self.updates if self._kind(u) in self.allowed_updates]
        return self.updates

    @staticmethod
    def _kind(update: JsonDict) -> str:
        return next(key for key in update if key != "update_id")

    def user_writes(
        self,
        user: SandboxUser,
        chat: SandboxChat,
        text: str,
        reply_to: SandboxMessage | None = None,
    ) -> SandboxMessage:
        """A person writes `text` in `chat`: store it and queue a `message` update."""
        message = self.new_message(
            chat, user, text=text, entities=detect_entities(text), reply_to=reply_to
        )
        self.emit(SandboxEvent("user_message", chat, user, message))
        self.enqueue("message", message.to_api())
        return message

    def user_sends_media(self, user: SandboxUser, chat: SandboxChat, kind: str) -> SandboxMessage:
        """A person sends a sticker, photo or voice note: store it and queue a `message` update."""
        message = self.new_message(chat, user, caption=f"<{kind}>")
        payload = message.to_api()
        payload.pop("caption", None)
        payload[kind] = _MEDIA[kind]
        self.emit(SandboxEvent("user_message", chat, user, message))
        self.enqueue("message", payload)
        return message

    def user_presses(
        self, user: SandboxUser, chat: SandboxChat, message_id: int, data: str
    ) -> CallbackQuery:
        """A person presses a button carrying `data`: queue a `callback_query` update.

        If the message is gone (deleted or never existed), the update carries an
        `InaccessibleMessage` (date 0), as Telegram does for old messages.
        """
        message = self.find_message(chat.id, message_id)
        query = CallbackQuery(
            id=str(next(self._query_ids)), user=user, chat=chat, message=message, data=data
        )
        self.callback_queries[query.id] = query
        label = data
        for button in message.buttons if message is not None else []:
            if button.get("callback_data") == data:
                label = str(button.get("text", data))
                break
        self.emit(SandboxEvent("press", chat, user, message, text=label))
        payload: JsonDict = {
            "id": query.id,
            "from": user.to_api(),
            "chat_instance": str(chat.id),
            "data": data,
            "message": (
                message.to_api()
                if message is not None
                else {"chat": chat.to_api(), "message_id": message_id, "date": 0}
            ),
        }
        self.enqueue("callback_query", payload)
        return query

    def change_bot_status(
        self, user: SandboxUser, chat: SandboxChat, status: MemberStatus
    ) -> JsonDict:
        """Change the bot's membership in `chat` (by `user`): queue `my_chat_member`."""
        old = chat.bot_status
        chat.bot_status = status
        payload = {
            "chat": chat.to_api(),
            "from": user.to_api(),
            "date": int(time.time()),
            "old_chat_member": member_json(self.bot, old),
            "new_chat_member": member_json(self.bot, status),
        }
        self.emit(SandboxEvent("member", chat, user, text=f"bot {old} -> {status}"))
        return self.enqueue("my_chat_member", payload)

    def migrate_group(
        self, chat: SandboxChat, new_id: int, by: SandboxUser | None = None
    ) -> SandboxChat:
        """Upgrade a group to a supergroup with a new id, as Telegram does: members move,
        the old id answers ``migrate_to_chat_id`` from now on, and both chats get the
        service message from `by` (default: the first known member), ``migrate_to_chat_id``
        in the old and ``migrate_from_chat_id`` in the new."""
        if chat.is_private or new_id >= 0 or new_id in self.chats:
            raise ValueError(f"cannot migrate {chat.id} to {new_id}")
        new = SandboxChat(
            id=new_id,
            type="supergroup",
            title=chat.title,
            members=dict(chat.members),
            bot_status=chat.bot_status,
        )
        self.add_chat(new)
        chat.migrated_to = new_id
        if by is None:
            by = next((self.users[i] for i in chat.members if i in self.users), None)
        if by is None:
            return new
        old_note = self.new_message(chat, by)
        new_note = self.new_message(new, by)
        self.emit(SandboxEvent("member", chat, by, text=f"group migrated to {new_id}"))
        if chat.bot_is_member:
            self.enqueue("message", {**old_note.to_api(), "migrate_to_chat_id": new_id})
            self.enqueue("message", {**new_note.to_api(), "migrate_from_chat_id": chat.id})
        return new

    def block_bot(self, user: SandboxUser) -> None:
        """The person blocks the bot: sends to them get 403 and a ``my_chat_member`` update
        (status kicked) is queued, as on Telegram."""
        chat = self.private_chat(user)
        chat.blocked = True
        payload = {
            "chat": chat.to_api(),
            "from": user.to_api(),
            "date": int(time.time()),
            "old_chat_member": member_json(self.bot, "member"),
            "new_chat_member": member_json(self.bot, "kicked"),
        }
        self.emit(SandboxEvent("member", chat, user, text="bot blocked"))
        self.enqueue("my_chat_member", payload)
