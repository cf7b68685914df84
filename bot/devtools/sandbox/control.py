"""The `/control/<action>` HTTP mirror of the Python control API, for out-of-process drivers.

Every action takes a JSON object (or query string) and answers `{"ok": true, "result": ...}`.
People are referred to by `user_id`, chats by `chat_id`, messages by `chat_id` + `message_id`.

Actions: user, group, send, start, press, press_raw, add_bot, remove_bot, fault, clear_faults,
sent, calls, transcript, updates, webhook (the POSTs to a webhook), lose_answers.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from bot.devtools.sandbox.models import CallbackQuery, JsonDict, SandboxMessage, SandboxUser

if TYPE_CHECKING:
    from bot.devtools.sandbox.server import Sandbox


def message_json(message: SandboxMessage) -> JsonDict:
    """A message as Bot API JSON plus sandbox extras."""
    return {**message.to_api(), "deleted": message.deleted, "edits": message.edits}


def query_json(query: CallbackQuery) -> JsonDict:
    """A callback query and its answer."""
    return {
        "id": query.id,
        "user_id": query.user.id,
        "chat_id": query.chat.id,
        "data": query.data,
        "answered": query.answered,
        "text": query.answer_text,
        "show_alert": query.show_alert,
    }


def _user(sb: Sandbox, body: JsonDict) -> SandboxUser:
    user_id = int(body["user_id"])
    try:
        return sb.state.users[user_id]
    except KeyError:
        raise KeyError(f"no user {user_id}; POST /control/user first") from None


def _message(sb: Sandbox, body: JsonDict) -> SandboxMessage:
    chat_id, message_id = int(body["chat_id"]), int(body["message_id"])
    message = sb.state.find_message(chat_id, message_id)
    if message is None:
        raise KeyError(f"no message {message_id} in chat {chat_id}")
    return message


async def dispatch(sb: Sandbox, action: str, body: JsonDict) -> Any:
    """Run one control action and return its JSON result."""
    if action == "user":
        user = sb.user(
            int(body["user_id"]),
            str(body["first_name"]),
            username=body.get("username"),
            language_code=body.get("language_code", "zh-hans"),
        )
        return user.to_api()
    if action == "group":
        members = [sb.state.users[int(i)] for i in body.get("members", [])]
        admins = [sb.state.users[int(i)] for i in body.get("admins", [])]
        chat = sb.group(
            int(body["chat_id"]),
            str(body["title"]),
            members=members,
            admins=admins,
            bot_status=body.get("bot_status", "member"),
        )
        return chat.to_api()
    if action == "send":
        target = sb.chat(int(body["chat_id"])) if body.get("chat_id") else None
        reply_to = None
        if body.get("reply_to") is not None:
            chat_id = target.id if target is not None else int(body["user_id"])
            reply_to = _message(sb, {"chat_id": chat_id, "message_id": body["reply_to"]})
        message = await sb.send(_user(sb, body), str(body["text"]), chat=target, reply_to=reply_to)
        return message_json(message)
    if action == "start":
        return message_json(await sb.press_start(_user(sb, body), body.get("payload")))
    if action == "press":
        button = body["button"]
        query = await sb.press(_user(sb, body), _message(sb, body), button)
        return query_json(query)
    if action == "press_raw":
        query = await sb.press_raw(
            _user(sb, body), int(body["chat_id"]), int(body["message_id"]), str(body["data"])
        )
        return query_json(query)
    if action == "add_bot":
        await sb.add_bot_to_group(_user(sb, body), sb.chat(int(body["chat_id"])))
        return True
    if action == "remove_bot":
        await sb.remove_bot_from_group(_user(sb, body), sb.chat(int(body["chat_id"])))
        return True
    if action == "fault":
        fault = sb.faults.add(
            str(body.get("method", "*")),
            body.get("kind", "500"),
            times=int(body.get("times", 1)),
            retry_after=int(body.get("retry_after", 1)),
            delay=float(body.get("delay", 0.0)),
            chat_id=int(body["chat_id"]) if body.get("chat_id") is not None else None,
            migrate_to=int(body["migrate_to"]) if body.get("migrate_to") is not None else None,
        )
        return {"method": fault.method, "kind": fault.kind, "remaining": fault.remaining}
    if action == "migrate_group":
        chat = await sb.migrate_group(sb.chat(int(body["chat_id"])), int(body["new_chat_id"]))
        return chat.to_api()
    if action == "block_bot":
        await sb.block_bot(_user(sb, body))
        return True
    if action == "clear_faults":
        sb.faults.clear()
        return True
    if action == "sent":
        only = int(body["chat_id"]) if body.get("chat_id") else None
        return [message_json(m) for m in sb.sent(only)]
    if action == "calls":
        return [
            {
                "method": c.method,
                "params": c.params,
                "time": c.time,
                "ok": c.ok,
                "error_code": c.error_code,
                "description": c.description,
                "fault": c.fault,
            }
            for c in sb.calls(body.get("method"))
        ]
    if action == "callback_answers":
        return [query_json(q) for q in sb.callback_answers()]
    if action == "transcript":
        return sb.transcript()
    if action == "updates":
        return sb.pending_updates
    if action == "webhook":  # every POST to the webhook so far
        return [dataclasses.asdict(d) for d in sb.webhook.deliveries]
    if action == "lose_answers":  # the bot's next answers are lost: redelivered
        sb.webhook.lose_answers(int(body.get("times", 1)))
        return True
    raise KeyError(f"unknown control action {action!r}")
