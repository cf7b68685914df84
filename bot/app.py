"""Wires the whole bot: one place builds the Application and registers every handler.

Nothing here connects at import time. ``build_application`` assembles the runtime and the
handlers; the database opens, the outbox sender starts, the updates Telegram queued while the
bot was down are handled and only then overdue deadlines start, in ``post_init``; the sender
finishes and storage closes in ``post_stop``. :mod:`bot.lifecycle` calls both, and makes sure
a failed start still closes storage (``concierge run`` and :func:`running`).
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
)
from telegram.error import BadRequest
from telegram.ext import Application, ContextTypes, Defaults, JobQueue

from bot import wiring
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.i18n import LANGUAGES, Lang, T, render
from bot.lifecycle import read_queued_updates, running
from bot.runtime import Runtime
from handlers import (
    bookings,
    buttons,
    checkins,
    errors,
    groups,
    incidents,
    notices,
    onboarding,
    requests,
    tools,
)
from handlers.context import BotData, ConciergeApp, Context, Router

_LOGGER = logging.getLogger(__name__)

PRIVATE_COMMANDS = ("start", "help", "language", "borrow")
GROUP_COMMANDS = ("help", "bind")
STAFF_COMMANDS = (
    "start",
    "help",
    "language",
    "invite",
    "misses",
    "booking",
    "bookings",
    "suspend",
    "unsuspend",
    "borrow",
    "tools",
    "notice",
    "enroll",
    "care",
    "incident",
)


def build_application(settings: Settings, *, clock: Clock | None = None) -> ConciergeApp:
    """Build the Application for these settings (no I/O until it is initialised)."""
    runtime = Runtime.build(settings, clock or SystemClock())
    router = Router()
    context_types = ContextTypes(context=Context, bot_data=BotData)
    app: ConciergeApp = (
        Application.builder()
        .token(settings.token)
        .base_url(settings.base_url)
        .base_file_url(settings.base_file_url)
        .read_timeout(settings.request_timeout)
        .write_timeout(settings.request_timeout)
        .connect_timeout(settings.request_timeout)
        .context_types(context_types)
        .defaults(Defaults(tzinfo=settings.community.tz))
        .job_queue(JobQueue())
        .post_init(_post_init)
        .post_stop(_post_stop)
        .build()
    )
    app.bot_data.runtime = runtime
    app.bot_data.router = router

    # Order matters! Commands first, then buttons, then free text (which would swallow
    # everything else). Each feature module registers its handlers, buttons and inputs.
    groups.register(app, router)  # /bind, bot added to a group
    onboarding.register(app, router)  # /start, /invite, /help, /language, address
    buttons.register(app, router)  # every inline button, verified then routed
    incidents.register(app, router)  # help calls and emergencies: responders, /incident
    checkins.register(app, router)  # welfare check-ins: sign of life (group -2), ladder
    bookings.register(app, router)  # booking flow, dispatch, /booking, /bookings
    tools.register(app, router)  # /borrow, /tools, borrow_tool intent, loan deadlines
    notices.register(app, router)  # /notice, notice planner and deadlines
    requests.register(app, router)  # group gate, private messages, /misses — keep last
    app.add_error_handler(errors.on_error)
    # Every button, awaited answer and deadline kind the contracts mint has one handler.
    wiring.check(
        {
            "button": router.buttons,
            "input": router.inputs,
            "deadline": runtime.deadlines.kinds(),
        }
    )
    return app


async def _post_init(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Open storage, read what was queued while down, set menus, then catch up and tick.

    Queued updates come before overdue deadlines (an answer given while the bot was down stops
    the step it answers); the overdue deadlines then run in the background while polling runs.
    """
    runtime: Runtime = app.bot_data.runtime
    await runtime.start(app.bot)
    await read_queued_updates(app)
    await _set_commands(app, runtime)
    assert app.job_queue is not None
    app.job_queue.run_repeating(
        _tick,
        interval=runtime.settings.tick_seconds,
        first=runtime.settings.tick_seconds,
        name="deadlines",
    )
    app.job_queue.run_repeating(_plan, interval=600, first=600, name="planner")
    runtime.catch_up()


async def _post_stop(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Let in-flight sends finish (the HTTP client is still open) and close storage."""
    runtime: Runtime = app.bot_data.runtime
    await runtime.stop()


async def _tick(context: Context) -> None:
    """Scheduler wake-up: handle whatever fell due."""
    await context.runtime.tick()


async def _plan(context: Context) -> None:
    """Periodically schedule upcoming recurring deadlines (pings, notices)."""
    await context.runtime.plan()


def _commands(names: tuple[str, ...], lang: Lang) -> list[BotCommand]:
    return [BotCommand(name, render(T(f"commands.{name}"), lang)) for name in names]


async def _set_commands(app: Application[Any, Any, Any, Any, Any, Any], runtime: Runtime) -> None:
    """Command menus per scope and language: private chats, groups, and each staff member."""
    bot = app.bot
    default: Lang = runtime.community.community.language
    for lang in LANGUAGES:
        code = None if lang == default else lang
        await bot.set_my_commands(
            _commands(PRIVATE_COMMANDS, lang),
            scope=BotCommandScopeAllPrivateChats(),
            language_code=code,
        )
        await bot.set_my_commands(
            _commands(GROUP_COMMANDS, lang),
            scope=BotCommandScopeAllGroupChats(),
            language_code=code,
        )
    for staff in runtime.community.staff:
        try:
            await bot.set_my_commands(
                _commands(STAFF_COMMANDS, staff.language),
                scope=BotCommandScopeChat(staff.telegram_id),
            )
        except BadRequest:
            # Telegram refuses a chat scope until that person has opened a chat with the bot.
            _LOGGER.info("Staff member %s has not opened a chat with the bot yet", staff.name)


__all__ = ["build_application", "running"]
