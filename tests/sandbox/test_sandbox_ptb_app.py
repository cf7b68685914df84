"""A real `telegram.ext.Application` long-polls the sandbox: commands, buttons, edits, answers."""

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.devtools.sandbox import Sandbox, SandboxEvent
from bot.devtools.sandbox.ptb import application_builder, polling

App = Application[Any, Any, Any, Any, Any, Any]


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet with two choices; echo a deep-link payload."""
    assert update.effective_message is not None
    payload = " ".join(context.args or [])
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("Accept", callback_data="choice:accept"),
                InlineKeyboardButton("Decline", callback_data="choice:decline"),
            ],
            [InlineKeyboardButton("Rules", url="https://example.org/rules")],
        ]
    )
    text = f"<b>Welcome</b> {payload}".strip()
    await update.effective_message.reply_text(
        text, reply_markup=keyboard, parse_mode=ParseMode.HTML
    )


async def choose(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Record the choice by editing the message and answering with a toast."""
    query = update.callback_query
    assert query is not None and query.data is not None
    choice = query.data.split(":", 1)[1]
    await query.edit_message_text(f"You chose {choice}")
    await query.answer(f"Noted: {choice}")


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Repeat the text back."""
    assert update.effective_message is not None and update.effective_message.text
    await update.effective_message.reply_text(update.effective_message.text)


async def greet_group(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Say hello when added to a group."""
    assert update.my_chat_member is not None
    if update.my_chat_member.new_chat_member.status == "member":
        await context.bot.send_message(update.my_chat_member.chat.id, "Hello, residents")


@pytest.fixture
async def app(sandbox: Sandbox) -> AsyncIterator[App]:
    """The echo/button bot, long-polling the sandbox; shut down cleanly afterwards."""
    application = application_builder(sandbox).build()
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CallbackQueryHandler(choose, pattern=r"^choice:"))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    application.add_handler(ChatMemberHandler(greet_group, ChatMemberHandler.MY_CHAT_MEMBER))
    async with polling(application):
        yield application


async def test_start_press_edit_answer(sandbox: Sandbox, app: App) -> None:
    events: list[SandboxEvent] = []
    unsubscribe = sandbox.on_event(events.append)
    alice = sandbox.user(1001, "Alice", username="alice_w")

    await sandbox.start(alice)
    welcome = await sandbox.wait_for_message(alice.id, contains="Welcome")
    assert welcome.entities == [{"type": "bold", "offset": 0, "length": 7}]
    assert welcome.button_texts == ["Accept", "Decline", "Rules"]
    assert welcome.reply_to is None  # PTB only quotes in groups by default

    await sandbox.press(alice, welcome, "Decline")
    await sandbox.wait_for(lambda: bool(sandbox.callback_answers(alice)))
    [answer] = sandbox.callback_answers(alice)
    assert answer.answer_text == "Noted: decline"
    assert welcome.text == "You chose decline"
    assert welcome.buttons == []  # editMessageText without reply_markup drops the keyboard

    unsubscribe()
    assert sandbox.transcript() == [
        "[private:Alice] Alice: /start",
        f"[private:Alice] bot #{welcome.message_id}: Welcome  "
        "[1 Accept] [2 Decline] [3 Rules -> https://example.org/rules]",
        f"[private:Alice] Alice pressed [Decline] on #{welcome.message_id}",
        f"[private:Alice] bot edited #{welcome.message_id}: You chose decline",
        "[private:Alice] bot answered Alice's press: Noted: decline",
    ]
    assert len(events) == 5


async def test_echo_and_deep_link(sandbox: Sandbox, app: App) -> None:
    bob = sandbox.user(1002, "Bob")
    await sandbox.start(bob, "flat-12")
    welcome = await sandbox.wait_for_message(bob.id, contains="Welcome")
    assert welcome.text == "Welcome flat-12"
    said = await sandbox.send(bob, "你好 🙂")
    echoed = await sandbox.wait_for_message(bob.id, contains="你好", after=said)
    assert echoed.text == "你好 🙂"
    assert [m.text for m in sandbox.messages(bob.id)] == [
        "/start flat-12",
        "Welcome flat-12",
        "你好 🙂",
        "你好 🙂",
    ]


async def test_added_to_group_greets(sandbox: Sandbox, app: App) -> None:
    carol = sandbox.user(1003, "Carol")
    group = sandbox.group(-100123, "Building A", bot_status="left")
    await sandbox.add_bot_to_group(carol, group)
    hello = await sandbox.wait_for_message(group.id)
    assert hello.text == "Hello, residents"
    assert sandbox.transcript() == [
        "[Building A] Carol changed the bot's membership: bot left -> member",
        f"[Building A] bot #{hello.message_id}: Hello, residents",
    ]


async def test_wait_for_message_reports_what_was_sent(sandbox: Sandbox, app: App) -> None:
    dave = sandbox.user(1004, "Dave")
    await sandbox.send(dave, "ping")
    await sandbox.wait_for_message(dave.id, contains="ping")
    with pytest.raises(AssertionError, match="bot #2: ping"):
        await sandbox.wait_for_message(dave.id, contains="never", timeout=0.1)


async def test_shutdown_leaves_no_tasks_behind() -> None:
    async with Sandbox() as sb:
        application = application_builder(sb).build()
        application.add_handler(MessageHandler(filters.TEXT, echo))
        async with polling(application):
            erin = sb.user(1005, "Erin")
            await sb.send(erin, "bye")
            await sb.wait_for_message(erin.id, contains="bye")
    leftovers = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    assert leftovers == []
    assert sb.pending_updates == []  # the updater confirmed everything on the way out
