"""Sandbox domain objects: people, chats, messages and the records the control API returns.

Every object knows how to render itself as Bot API JSON (`to_api`) that PTB's `de_json` accepts.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Literal

JsonDict = dict[str, Any]
ChatType = Literal["private", "group", "supergroup"]
MemberStatus = Literal["creator", "administrator", "member", "restricted", "left", "kicked"]


class ApiError(Exception):
    """A Bot API error answer: `{"ok": false, "error_code": ..., "description": ...}`."""

    def __init__(
        self, error_code: int, description: str, parameters: JsonDict | None = None
    ) -> None:
        super().__init__(f"{error_code}: {description}")
        self.error_code = error_code
        self.description = description
        self.parameters = parameters

    def to_api(self) -> JsonDict:
        """Render the error body exactly as Telegram does."""
        body: JsonDict = {
            "ok": False,
            "error_code": self.error_code,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(detail: str) -> ApiError:
    """Build a 400 `Bad Request: <detail>` error."""
    return ApiError(400, f"Bad Request: {detail}")


def utf16_len(text: str) -> int:
    """Length of `text` in UTF-16 code units, the unit of Bot API entity offsets."""
    return len(text.encode("utf-16-le")) // 2


@dataclass(eq=False)
class SandboxUser:
    """A Telegram account: a person registered with `Sandbox.user`, or the bot itself."""

    id: int
    first_name: str
    username: str | None = None
    language_code: str | None = None
    is_bot: bool = False

    @property
    def name(self) -> str:
        """Display name used in transcripts."""
        return self.first_name

    def to_api(self) -> JsonDict:
        """Render as a Bot API `User`."""
        data: JsonDict = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        if self.username:
            data["username"] = self.username
        if self.language_code:
            data["language_code"] = self.language_code
        return data


@dataclass(eq=False)
class SandboxChat:
    """A chat: private (id == user id) or a supergroup (id -100…) the bot may be in."""

    id: int
    type: ChatType
    title: str | None = None
    user: SandboxUser | None = None  # the other party of a private chat
    members: dict[int, MemberStatus] = field(default_factory=dict)
    bot_status: MemberStatus = "left"
    migrated_to: int | None = None  # a group upgraded to a supergroup: its new id
    blocked: bool = False  # a private chat whose person blocked the bot

    @property
    def name(self) -> str:
        """Display name used in transcripts."""
        if self.user is not None:
            return f"private:{self.user.name}"
        return self.title or str(self.id)

    @property
    def is_private(self) -> bool:
        """Whether this is a one-to-one chat with the bot."""
        return self.type == "private"

    @property
    def bot_is_member(self) -> bool:
        """Whether the bot can read and write in this chat."""
        return self.is_private or self.bot_status in ("member", "administrator", "creator")

    def to_api(self) -> JsonDict:
        """Render as a Bot API `Chat`."""
        data: JsonDict = {"id": self.id, "type": self.type}
        if self.user is not None:
            data["first_name"] = self.user.first_name
            if self.user.username:
                data["username"] = self.user.username
        else:
            data["title"] = self.title or ""
        return data

    def to_api_full(self) -> JsonDict:
        """Render as a Bot API `ChatFullInfo` (the answer of getChat)."""
        data = self.to_api()
        data["accent_color_id"] = 0
        data["max_reaction_count"] = 11
        data["accepted_gift_types"] = {
            "unlimited_gifts": False,
            "limited_gifts": False,
            "unique_gifts": False,
            "premium_subscription": False,
            "gifts_from_channels": False,
        }
        return data


@dataclass(eq=False)
class SandboxMessage:
    """One message in a chat, user- or bot-authored, holding its current state after edits."""

    chat: SandboxChat
    message_id: int
    sender: SandboxUser
    date: int
    text: str | None = None
    entities: list[JsonDict] = field(default_factory=list)
    caption: str | None = None
    photo: list[JsonDict] | None = None
    reply_markup: JsonDict | None = None
    reply_to: SandboxMessage | None = None
    edit_date: int | None = None
    deleted: bool = False
    edits: list[str] = field(default_factory=list)  # earlier texts, oldest first
    seq: int = 0  # global creation order across chats

    @property
    def from_bot(self) -> bool:
        """Whether the bot sent this message."""
        return self.sender.is_bot

    @property
    def content(self) -> str:
        """Text or caption, whichever the message carries."""
        return self.text if self.text is not None else (self.caption or "")

    @property
    def buttons(self) -> list[JsonDict]:
        """Inline keyboard buttons, flattened row by row."""
        if not self.reply_markup:
            return []
        rows = self.reply_markup.get("inline_keyboard") or []
        return [button for row in rows for button in row]

    @property
    def button_texts(self) -> list[str]:
        """Texts of the inline keyboard buttons, flattened row by row."""
        return [str(button.get("text", "")) for button in self.buttons]

    def to_api(self, *, with_reply: bool = True) -> JsonDict:
        """Render as a Bot API `Message`."""
        data: JsonDict = {
            "message_id": self.message_id,
            "date": self.date,
            "chat": self.chat.to_api(),
            "from": self.sender.to_api(),
        }
        if self.text is not None:
            data["text"] = self.text
            if self.entities:
                data["entities"] = self.entities
        if self.photo is not None:
            data["photo"] = self.photo
        if self.caption is not None:
            data["caption"] = self.caption
            if self.entities:
                data["caption_entities"] = self.entities
        if self.reply_markup:
            data["reply_markup"] = self.reply_markup
        if self.edit_date is not None:
            data["edit_date"] = self.edit_date
        if with_reply and self.reply_to is not None:
            data["reply_to_message"] = self.reply_to.to_api(with_reply=False)
        return data


@dataclass(frozen=True)
class CallRecord:
    """One Bot API call the bot made: what it asked and what it got."""

    method: str
    params: JsonDict
    time: float
    ok: bool
    error_code: int | None = None
    description: str | None = None
    fault: str | None = None  # the injected fault kind, if any


@dataclass
class CallbackQuery:
    """A button press delivered to the bot, and the bot's answer once it came."""

    id: str
    user: SandboxUser
    chat: SandboxChat
    message: SandboxMessage | None
    data: str
    answered: bool = False
    answer_text: str | None = None
    show_alert: bool = False
    answer_url: str | None = None


EventKind = Literal[
    "user_message",
    "bot_message",
    "edit",
    "delete",
    "press",
    "callback_answer",
    "member",
    "chat_action",
]


@dataclass(frozen=True)
class SandboxEvent:
    """Something visible that happened, in order; the transcript renders these."""

    kind: EventKind
    chat: SandboxChat | None
    user: SandboxUser | None = None
    message: SandboxMessage | None = None
    text: str = ""
    time: float = field(default_factory=time.time)
