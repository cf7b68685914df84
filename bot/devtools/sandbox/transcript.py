"""Human-readable lines for sandbox events: who wrote what where, buttons, edits, toasts."""

from __future__ import annotations

from bot.devtools.sandbox.models import JsonDict, SandboxEvent, SandboxMessage


def render_buttons(buttons: list[JsonDict]) -> str:
    """Render inline buttons as `[1 Accept] [2 Decline]`; URL buttons show their target."""
    parts = []
    for index, button in enumerate(buttons, start=1):
        label = f"{index} {button.get('text', '')}"
        if "url" in button:
            label += f" -> {button['url']}"
        parts.append(f"[{label}]")
    return " ".join(parts)


def _body(message: SandboxMessage) -> str:
    text = message.content
    if message.photo is not None:
        text = f"<photo> {text}".rstrip()
    if message.reply_to is not None:
        text = f"(reply to #{message.reply_to.message_id}) {text}"
    if message.buttons:
        text = f"{text}  {render_buttons(message.buttons)}"
    return text


def render_event(event: SandboxEvent) -> str:
    """One transcript line for `event`."""
    where = f"[{event.chat.name}]" if event.chat is not None else "[-]"
    who = event.user.name if event.user is not None else "?"
    message = event.message
    if event.kind == "user_message" and message is not None:
        return f"{where} {who}: {_body(message)}"
    if event.kind == "bot_message" and message is not None:
        return f"{where} bot #{message.message_id}: {_body(message)}"
    if event.kind == "edit" and message is not None:
        return f"{where} bot edited #{message.message_id}: {_body(message)}"
    if event.kind == "delete" and message is not None:
        return f"{where} bot deleted #{message.message_id}"
    if event.kind == "press" and message is not None:
        return f"{where} {who} pressed [{event.text}] on #{message.message_id}"
    if event.kind == "press":
        return f"{where} {who} pressed [{event.text}]"
    if event.kind == "callback_answer":
        return f"{where} bot answered {who}'s press: {event.text}"
    if event.kind == "member":
        return f"{where} {who} changed the bot's membership: {event.text}"
    return f"{where} {event.kind}: {who} {event.text}".rstrip()
