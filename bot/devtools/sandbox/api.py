"""The Bot API methods the sandbox implements, on top of `SandboxState`.

Each method takes decoded parameters and returns the `result` JSON, or raises `ApiError` with
Telegram's own error text. Method names are matched case-insensitively, as Telegram does.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from bot.devtools.sandbox.faults import FloodLimiter
from bot.devtools.sandbox.formatting import parse_html
from bot.devtools.sandbox.models import (
    ApiError,
    JsonDict,
    SandboxChat,
    SandboxEvent,
    SandboxMessage,
    bad_request,
)
from bot.devtools.sandbox.state import DEFAULT_UPDATE_TYPES, SandboxState, member_json

_SECRET_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # setWebhook's secret_token alphabet
DELETE_WITHIN = 48 * 3600  # seconds: older messages cannot be deleted, as on Telegram

# Parameters whose form/query value is JSON (PTB JSON-encodes every non-string value).
JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "allowed_updates",
        "commands",
        "scope",
        "reply_parameters",
        "link_preview_options",
        "media",
    }
)
INT_FIELDS = frozenset(
    {
        "chat_id",
        "message_id",
        "user_id",
        "offset",
        "limit",
        "timeout",
        "reply_to_message_id",
        "cache_time",
        "message_thread_id",
        "max_connections",
    }
)
BOOL_FIELDS = frozenset(
    {
        "disable_notification",
        "protect_content",
        "show_alert",
        "drop_pending_updates",
        "allow_sending_without_reply",
        "disable_web_page_preview",
        "has_spoiler",
        "show_caption_above_media",
    }
)

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
_COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")
COUNTED_METHODS = frozenset(
    {"sendmessage", "sendphoto", "copymessage", "editmessagetext", "editmessagecaption"}
)


@dataclass(frozen=True)
class UploadedFile:
    """A file sent as a multipart part."""

    filename: str
    content: bytes


def coerce_params(raw: dict[str, Any]) -> JsonDict:
    """Decode form/query strings into the JSON types the Bot API documents."""
    params: JsonDict = {}
    for key, value in raw.items():
        if isinstance(value, str):
            if key in JSON_FIELDS:
                try:
                    value = json.loads(value)
                except ValueError as exc:
                    raise bad_request(f"can't parse {key} JSON object") from exc
            elif key in INT_FIELDS and re.fullmatch(r"-?\d+", value):
                value = int(value)
            elif key in BOOL_FIELDS and value in ("true", "false", "True", "False"):
                value = value.lower() == "true"
        params[key] = value
    return params


def _int(params: JsonDict, key: str) -> int:
    value = params.get(key)
    if value is None:
        raise bad_request(f"{key} is empty")
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise bad_request(f"invalid {key} specified") from exc


def _scope_key(params: JsonDict) -> tuple[str, str]:
    scope = params.get("scope") or {"type": "default"}
    return json.dumps(scope, sort_keys=True), str(params.get("language_code") or "")


Method = Callable[[JsonDict], Awaitable[Any]]


class BotApi:
    """Implementation of each Bot API method against the sandbox state."""

    def __init__(self, state: SandboxState, flood: FloodLimiter | None = None) -> None:
        self.state = state
        self.flood = flood
        self.methods: dict[str, Method] = {
            name[len("m_") :].lower(): getattr(self, name)
            for name in dir(self)
            if name.startswith("m_")
        }

    def find(self, method: str) -> Method | None:
        """The implementation of `method`, or None if the sandbox does not know it."""
        return self.methods.get(method.lower())

    # -- helpers -------------------------------------------------------------------------

    def _chat(self, params: JsonDict) -> SandboxChat:
        chat_id = params.get("chat_id")
        if chat_id is None or chat_id == "":
            raise bad_request("chat_id is empty")
        chat = self.state.find_chat(chat_id)
        if chat is None:
            raise bad_request("chat not found")
        if chat.migrated_to is not None:
            raise ApiError(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": chat.migrated_to},
            )
        return chat

    @staticmethod
    def _writable(chat: SandboxChat) -> None:
        if chat.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")

    def _flood_check(self, method: str, chat: SandboxChat) -> None:
        if self.flood is None or method.lower() not in COUNTED_METHODS:
            return
        retry_after = self.flood.check(chat.id)
        if retry_after:
            raise ApiError(
                429,
                f"Too Many Requests: retry after {retry_after}",
                {"retry_after": retry_after},
            )

    @staticmethod
    def _formatted(
        params: JsonDict, text_key: str, entities_key: str
    ) -> tuple[str, list[JsonDict]]:
        text = params.get(text_key)
        text = "" if text is None else str(text)
        mode = str(params.get("parse_mode") or "").lower()
        if params.get(entities_key):
            return text, list(params[entities_key])
        if mode == "html":
            return parse_html(text)
        return text, []

    @staticmethod
    def _markup(params: JsonDict) -> JsonDict | None:
        markup = params.get("reply_markup")
        if not markup:
            return None
        if not isinstance(markup, dict):
            raise bad_request("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" not in markup:
            return None  # reply keyboards are not part of the Message object
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise bad_request(
                'field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays'
            )
        for button in (button for row in rows for button in row):
            if not isinstance(button, dict) or not button.get("text"):
                raise bad_request(
                    "can't parse inline keyboard button:"
                    " Text buttons are unallowed in the inline keyboard"
                )
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= MAX_CALLBACK_DATA:
                raise bad_request("BUTTON_DATA_INVALID")
            url = button.get("url")
            if url is not None and not re.match(r"^(https?|tg)://\S+$", str(url)):
                raise bad_request(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")
        return {"inline_keyboard": rows}

    def _reply_to(self, params: JsonDict, chat: SandboxChat) -> SandboxMessage | None:
        reply = params.get("reply_parameters")
        message_id = params.get("reply_to_message_id")
        allow_missing = bool(params.get("allow_sending_without_reply"))
        if isinstance(reply, dict):
            message_id = reply.get("message_id")
            allow_missing = bool(reply.get("allow_sending_without_reply", allow_missing))
            if reply.get("chat_id") not in (None, chat.id):
                target = self.state.find_chat(reply["chat_id"])
                chat = target or chat
        if message_id is None:
            return None
        message = self.state.find_message(chat.id, int(message_id))
        if message is None and not allow_missing:
            raise bad_request("message to be replied not found")
        return message

    def _bot_message(self, params: JsonDict, action: str) -> SandboxMessage:
        if params.get("inline_message_id"):
            raise bad_request("inline messages are not supported by the sandbox")
        chat = self._chat(params)
        message = self.state.find_message(chat.id, _int(params, "message_id"))
        if message is None:
            raise bad_request(f"message to {action} not found")
        if not message.from_bot:
            raise bad_request(f"message can't be {action}ed")
        return message

    def _send(self, method: str, chat: SandboxChat, **fields: Any) -> JsonDict:
        self._writable(chat)
        self._flood_check(method, chat)
        message = self.state.new_message(chat, self.state.bot, **fields)
        self.state.emit(SandboxEvent("bot_message", chat, self.state.bot, message))
        return message.to_api()

    def _edit(self, message: SandboxMessage, **fields: Any) -> JsonDict:
        self._writable(message.chat)
        unchanged = all(getattr(message, key) == value for key, value in fields.items())
        if unchanged:
            raise bad_request(
                "message is not modified: specified new message content and reply markup are"
                " exactly the same as a current content and reply markup of the message"
            )
        self._flood_check("editMessageText", message.chat)
        message.edits.append(message.content)
        for key, value in fields.items():
            setattr(message, key, value)
        message.edit_date = int(time.time())
        self.state.emit(SandboxEvent("edit", message.chat, self.state.bot, message))
        return message.to_api()

    # -- bot, webhook, updates -----------------------------------------------------------

    async def m_getMe(self, params: JsonDict) -> JsonDict:
        """The bot user."""
        return {
            **self.state.bot.to_api(),
            "can_join_groups": True,
            "can_read_all_group_messages": True,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def m_logOut(self, params: JsonDict) -> bool:
        """Accept and do nothing."""
        return True

    async def m_close(self, params: JsonDict) -> bool:
        """Accept and do nothing."""
        return True

    async def m_setWebhook(self, params: JsonDict) -> bool:
        """Set the webhook: pending updates are then POSTed to it (webhook.py), with the
        secret token in a header. An empty URL removes it, as on Telegram."""
        url = str(params.get("url") or "")
        secret = str(params.get("secret_token") or "")
        if url and not url.startswith(("http://", "https://")):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        if secret and not _SECRET_TOKEN.match(secret):
            raise bad_request("secret token contains unallowed characters")
        if "allowed_updates" in params:
            allowed = params["allowed_updates"] or []
            self.state.allowed_updates = frozenset(allowed) if allowed else DEFAULT_UPDATE_TYPES
        if params.get("drop_pending_updates"):
            self.state.updates.clear()
        self.state.webhook_url, self.state.webhook_secret = url, secret if url else ""
        self.state.changed()
        return True

    async def m_deleteWebhook(self, params: JsonDict) -> bool:
        """Forget the webhook, optionally dropping pending updates."""
        self.state.webhook_url, self.state.webhook_secret = "", ""
        if params.get("drop_pending_updates"):
            self.state.updates.clear()
        return True

    async def m_getWebhookInfo(self, params: JsonDict) -> JsonDict:
        """Webhook URL, pending update count and the last delivery error."""
        info: JsonDict = {
            "url": self.state.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self.state.updates),
        }
        if self.state.webhook_error is not None:
            info["last_error_date"], info["last_error_message"] = self.state.webhook_error
        return info

    async def m_getUpdates(self, params: JsonDict) -> list[JsonDict]:
        """Long polling: confirm up to `offset`, wait up to `timeout` s for updates."""
        state = self.state
        if state.webhook_url:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active;"
                " use deleteWebhook to delete the webhook first",
            )
        if "allowed_updates" in params:
            allowed = params["allowed_updates"] or []
            state.allowed_updates = frozenset(allowed) if allowed else DEFAULT_UPDATE_TYPES
        if params.get("offset") is not None:
            state.confirm(_int(params, "offset"))
        limit = min(max(int(params.get("limit") or 100), 1), 100)
        timeout = max(float(params.get("timeout") or 0), 0.0)
        state.polling += 1
        state.changed()
        try:
            await state.wait_until(lambda: bool(state.deliverable()), timeout)
        finally:
            state.polling -= 1
            state.changed()
        return state.deliverable()[:limit]

    # -- messages ------------------------------------------------------------------------

    async def m_sendMessage(self, params: JsonDict) -> JsonDict:
        """Send a text message."""
        chat = self._chat(params)
        text, entities = self._formatted(params, "text", "entities")
        if not text.strip():
            raise bad_request("message text is empty")
        if len(text) > MAX_TEXT:
            raise bad_request("message is too long")
        markup = self._markup(params)
        reply_to = self._reply_to(params, chat)
        return self._send(
            "sendMessage",
            chat,
            text=text,
            entities=entities,
            reply_markup=markup,
            reply_to=reply_to,
        )

    async def m_sendPhoto(self, params: JsonDict) -> JsonDict:
        """Send a photo (upload or file_id) with an optional caption."""
        chat = self._chat(params)
        photo = params.get("photo")
        if isinstance(photo, str) and photo.startswith("attach://"):
            photo = params.get(photo[len("attach://") :])
        if isinstance(photo, UploadedFile):
            content = photo.content
            file_id = "sbx-" + hashlib.sha1(content).hexdigest()[:24]
            self.state.files[file_id] = content
        elif isinstance(photo, str) and photo:
            file_id = photo
            content = self.state.files.get(file_id, b"")
        else:
            raise bad_request("there is no photo in the request")
        caption, entities = self._formatted(params, "caption", "caption_entities")
        if len(caption) > MAX_CAPTION:
            raise bad_request("message caption is too long")
        sizes = [
            {
                "file_id": file_id,
                "file_unique_id": file_id[-16:],
                "width": 800,
                "height": 600,
                "file_size": len(content),
            }
        ]
        return self._send(
            "sendPhoto",
            chat,
            photo=sizes,
            caption=caption or None,
            entities=entities,
            reply_markup=self._markup(params),
            reply_to=self._reply_to(params, chat),
        )

    async def m_copyMessage(self, params: JsonDict) -> JsonDict:
        """Copy a message (text or media, shown by its caption here) into another chat."""
        chat = self._chat(params)
        source_id = params.get("from_chat_id")
        source = self.state.find_chat(source_id) if source_id not in (None, "") else None
        if source is None:
            raise bad_request("chat not found")
        original = self.state.find_message(source.id, _int(params, "message_id"))
        if original is None:
            raise bad_request("message to copy not found")
        copied = self._send(
            "copyMessage",
            chat,
            text=original.text,
            caption=params.get("caption", original.caption),
            photo=original.photo,
            reply_markup=self._markup(params),
        )
        return {"message_id": copied["message_id"]}

    async def m_getFile(self, params: JsonDict) -> JsonDict:
        """Describe an uploaded file; download it from /file/bot<token>/<file_id>."""
        file_id = str(params.get("file_id") or "")
        if file_id not in self.state.files:
            raise bad_request("invalid file_id")
        return {
            "file_id": file_id,
            "file_unique_id": file_id[-16:],
            "file_size": len(self.state.files[file_id]),
            "file_path": file_id,
        }

    async def m_editMessageText(self, params: JsonDict) -> JsonDict:
        """Edit a bot message's text; without reply_markup the keyboard goes away."""
        message = self._bot_message(params, "edit")
        text, entities = self._formatted(params, "text", "entities")
        if not text.strip():
            raise bad_request("message text is empty")
        if len(text) > MAX_TEXT:
            raise bad_request("message is too long")
        if message.text is None:
            raise bad_request("there is no text in the message to edit")
        return self._edit(message, text=text, entities=entities, reply_markup=self._markup(params))

    async def m_editMessageCaption(self, params: JsonDict) -> JsonDict:
        """Edit a bot message's caption."""
        message = self._bot_message(params, "edit")
        caption, entities = self._formatted(params, "caption", "caption_entities")
        if message.photo is None:
            raise bad_request("there is no caption in the message to edit")
        return self._edit(
            message, caption=caption or None, entities=entities, reply_markup=self._markup(params)
        )

    async def m_editMessageReplyMarkup(self, params: JsonDict) -> JsonDict:
        """Replace (or remove) a bot message's inline keyboard."""
        message = self._bot_message(params, "edit")
        return self._edit(message, reply_markup=self._markup(params))

    async def m_deleteMessage(self, params: JsonDict) -> bool:
        """Delete a message (the bot's own, or any in a group it administers)."""
        chat = self._chat(params)
        message = self.state.find_message(chat.id, _int(params, "message_id"))
        if message is None:
            raise bad_request("message to delete not found")
        if time.time() - message.date > DELETE_WITHIN:  # Telegram: under 48 hours old only
            raise bad_request("message can't be deleted for everyone")
        if (
            not message.from_bot
            and chat.is_private is False
            and chat.bot_status
            not in (
                "administrator",
                "creator",
            )
        ):
            raise bad_request("message can't be deleted")
        message.deleted = True
        self.state.emit(SandboxEvent("delete", chat, self.state.bot, message))
        return True

    async def m_answerCallbackQuery(self, params: JsonDict) -> bool:
        """Answer a button press once, with an optional toast/alert."""
        query = self.state.callback_queries.get(str(params.get("callback_query_id") or ""))
        if query is None or query.answered:
            raise bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        query.answered = True
        query.answer_text = params.get("text")
        query.show_alert = bool(params.get("show_alert"))
        query.answer_url = params.get("url")
        shown = query.answer_text or "(no text)"
        if query.show_alert:
            shown = f"alert: {shown}"
        self.state.emit(
            SandboxEvent("callback_answer", query.chat, query.user, query.message, text=shown)
        )
        return True

    async def m_sendChatAction(self, params: JsonDict) -> bool:
        """Show 'typing…' (recorded as an event, not shown in transcripts)."""
        chat = self._chat(params)
        self.state.emit(
            SandboxEvent("chat_action", chat, self.state.bot, text=str(params.get("action")))
        )
        return True

    # -- commands and profile ------------------------------------------------------------

    async def m_setMyCommands(self, params: JsonDict) -> bool:
        """Store the command list for a scope and language."""
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise bad_request("commands must be an array")
        for command in commands:
            if not _COMMAND_NAME.match(str(command.get("command", ""))):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        self.state.commands[_scope_key(params)] = [
            {"command": c["command"], "description": c["description"]} for c in commands
        ]
        return True

    async def m_getMyCommands(self, params: JsonDict) -> list[JsonDict]:
        """The command list for a scope and language."""
        return self.state.commands.get(_scope_key(params), [])

    async def m_deleteMyCommands(self, params: JsonDict) -> bool:
        """Drop the command list for a scope and language."""
        self.state.commands.pop(_scope_key(params), None)
        return True

    async def m_setChatMenuButton(self, params: JsonDict) -> bool:
        """A private chat's menu button (recorded in the call log); a Mini App's over https
        only, as Telegram requires."""
        if params.get("chat_id") is not None:
            self._chat(params)
        button = params.get("menu_button") or {}
        if not isinstance(button, dict):
            raise bad_request("can't parse menu button JSON object")
        if button.get("type") == "web_app":
            url = str((button.get("web_app") or {}).get("url", ""))
            if not url.startswith("https://"):
                raise bad_request("BUTTON_URL_INVALID")
        return True

    async def m_setMyDescription(self, params: JsonDict) -> bool:
        """Store the bot description."""
        key = ("description", str(params.get("language_code") or ""))
        self.state.descriptions[key] = str(params.get("description") or "")
        return True

    async def m_setMyShortDescription(self, params: JsonDict) -> bool:
        """Store the bot short description."""
        key = ("short_description", str(params.get("language_code") or ""))
        self.state.descriptions[key] = str(params.get("short_description") or "")
        return True

    async def m_getMyDescription(self, params: JsonDict) -> JsonDict:
        """The stored description."""
        key = ("description", str(params.get("language_code") or ""))
        return {"description": self.state.descriptions.get(key, "")}

    async def m_getMyShortDescription(self, params: JsonDict) -> JsonDict:
        """The stored short description."""
        key = ("short_description", str(params.get("language_code") or ""))
        return {"short_description": self.state.descriptions.get(key, "")}

    # -- chats ---------------------------------------------------------------------------

    async def m_getChat(self, params: JsonDict) -> JsonDict:
        """Full info about a chat the bot knows."""
        return self._chat(params).to_api_full()

    async def m_getChatMember(self, params: JsonDict) -> JsonDict:
        """Membership status of a user in a chat."""
        chat = self._chat(params)
        user_id = _int(params, "user_id")
        if user_id == self.state.bot.id:
            return member_json(self.state.bot, chat.bot_status)
        user = self.state.users.get(user_id)
        if user is None:
            raise bad_request("user not found")
        if chat.is_private:
            return member_json(user, "member" if chat.id == user_id else "left")
        return member_json(user, chat.members.get(user_id, "left"))

    async def m_getChatAdministrators(self, params: JsonDict) -> list[JsonDict]:
        """Administrators and the creator of a group."""
        chat = self._chat(params)
        admins = [
            member_json(self.state.users[user_id], status)
            for user_id, status in chat.members.items()
            if status in ("creator", "administrator") and user_id in self.state.users
        ]
        if chat.bot_status == "administrator":
            admins.append(member_json(self.state.bot, "administrator"))
        return admins

    async def m_leaveChat(self, params: JsonDict) -> bool:
        """The bot leaves a group."""
        chat = self._chat(params)
        if chat.is_private:
            raise bad_request("chat member status can't be changed in private chats")
        self.state.change_bot_status(self.state.bot, chat, "left")
        return True
