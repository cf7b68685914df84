"""Wires the whole bot: one place builds the Application and registers every handler.

Nothing here connects at import time. ``build_application`` assembles the runtime, has
``bot/bootstrap.py`` build each feature's services from it, adds every python-telegram-bot
handler from one ordered list with its group (:func:`telegram_handlers`), and registers each
feature's routes, deadlines and planners (the ``Feature`` values the handler modules export).
In ``post_init`` the database opens, the outbox sender starts, the updates Telegram queued while
the bot was down are handled and only then overdue deadlines start; the sender finishes and
storage closes in ``post_stop``. :mod:`bot.lifecycle` calls both, and makes sure a failed start
still closes storage (``concierge run`` and :func:`running`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any

from telegram import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    Update,
)
from telegram.error import BadRequest
from telegram.ext import (
    Application,
    BaseHandler,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    JobQueue,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import wiring
from bot.bootstrap import Services, build_services
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.district import app as districts
from bot.i18n import LANGUAGES, Lang, T, render
from bot.lifecycle import running
from bot.paced_request import PacedRequest
from bot.polling import HandledFirstRequest, handled_by
from bot.runtime import Runtime
from bot.web.menu import set_menu_button
from bot.web.server import ConsoleServer
from bot.webhook import start as webhook
from handlers import (
    backups,
    booking_flow,
    bookings,
    bookings_onsite,
    buttons,
    checkins,
    corrections,
    errors,
    groups,
    incidents,
    notices,
    onboarding,
    reports,
    requests,
    tools,
)
from handlers.base import transactional
from handlers.booking_flow import FlowHandlers
from handlers.bookings import BookingHandlers
from handlers.bookings_onsite import OnsiteHandlers
from handlers.checkins import CheckinHandlers
from handlers.console import ConsoleHandlers
from handlers.context import BotData, ConciergeApp, Context, Feature, Router
from handlers.corrections import CorrectionHandlers
from handlers.incidents import IncidentHandlers
from handlers.notices import NoticeHandlers
from handlers.onboarding import OnboardingHandlers
from handlers.reports import ReportHandlers
from handlers.tools import ToolHandlers

_LOGGER = logging.getLogger(__name__)

PRIVATE_COMMANDS = ("start", "help", "language", "borrow", "mybookings", "address")
GROUP_COMMANDS = ("help", "bind")
STAFF_COMMANDS = (
    "start",
    "help",
    "language",
    "mybookings",
    "address",
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
    "report",
    "console",
)


def build_application(settings: Settings, *, clock: Clock | None = None) -> ConciergeApp:
    """Build the Application for these settings (no I/O until it is initialised).

    A district (``CONCIERGE_COMMUNITY`` naming a folder of several community files): one
    Application per community, built the same way on its own store; the first one's is
    returned, with the router that hands each update to its community as its first handler
    (``bot/district``)."""
    if not settings.district:
        return _build_one(settings, clock or SystemClock())
    district = districts.assemble(settings, clock or SystemClock(), _build_one, _start_member)
    home = district.home.app
    home.add_handler(TypeHandler(Update, district.route), group=-1)
    return home


def _build_one(settings: Settings, clock: Clock) -> ConciergeApp:
    """One community's Application."""
    runtime = Runtime.build(settings, clock)
    context_types = ContextTypes(context=Context, bot_data=BotData)
    timeout = settings.request_timeout
    updates_request = HandledFirstRequest(
        # Two: at stop, the last getUpdates (confirming what was fetched) must not wait for the
        # connection the cancelled long poll is still releasing (a PoolTimeout otherwise).
        connection_pool_size=2,
        read_timeout=timeout,
        write_timeout=timeout,
        connect_timeout=timeout,
    )
    # Every other call: sends and edits take their turn from the limiter as they leave.
    request = PacedRequest(
        lambda: runtime.limiter,
        connection_pool_size=256,  # python-telegram-bot's own default
        read_timeout=timeout,
        write_timeout=timeout,
        connect_timeout=timeout,
    )
    app: ConciergeApp = (
        Application.builder()
        .token(settings.token)
        .base_url(settings.base_url)
        .base_file_url(settings.base_file_url)
        .request(request)
        .get_updates_request(updates_request)  # confirms an update only once it is handled
        .context_types(context_types)
        .defaults(Defaults(tzinfo=settings.community.tz))
        .job_queue(JobQueue())
        .post_init(_post_init)
        .post_stop(_post_stop)
        .build()
    )
    updates_request.handled = handled_by(app)
    services = build_services(runtime)
    _share(app.bot_data, runtime, services)
    # The web console listens in the bot's event loop, started and stopped with storage; what
    # it changes goes through the features and the setup service like any other change.
    web = ConsoleServer(settings, runtime.db, services.console, services.onboard, services.lookup)
    runtime.servers.append(web)
    # /healthz, /readyz and (webhook mode) Telegram's deliveries on the same server; the inbox
    # worker handles what was delivered (and what a crash left) like polled updates.
    webhook.attach(app, runtime, web)
    h = feature_handlers(services, web)
    for group, handler in telegram_handlers(h):
        app.add_handler(handler, group=group)
    app.add_error_handler(errors.on_error)
    # Every feature's buttons, awaited answers and intents (routed by name, so order does not
    # matter) and its deadline handlers; planners run in this order.
    for feature in (
        onboarding.feature(h.onboarding),  # language buttons, "address later", the address
        requests.feature(),  # browsing the catalogue's categories
        incidents.feature(h.incidents),  # responders' buttons, note, ack timeouts
        checkins.feature(h.care),  # ladder and visit buttons, deadlines; plans pings
        bookings.feature(h.booking),  # booking flow and dispatch; service/price/cancel intents
        booking_flow.feature(h.flow),  # typed times, my bookings, rescheduling, the address
        bookings_onsite.feature(h.onsite),  # after accept
        tools.feature(h.tools),  # cabinet buttons, borrow_tool intent; syncs stock
        notices.feature(h.notices),  # posting deadlines; plans recurring notices
        corrections.feature(h.corrections),  # [✖] under group replies; /misses pages, labels
        backups.feature(services.backups),  # the nightly backup ([backup] in the file)
        reports.feature(h.reports),  # the Monday digest's deadline; plans it
    ):
        _register(feature, app.bot_data.router, runtime)
    # Every button, awaited answer and deadline kind the contracts mint has one handler.
    wiring.check(
        {
            "button": app.bot_data.router.buttons,
            "input": app.bot_data.router.inputs,
            "deadline": runtime.deadlines.kinds(),
        }
    )
    return app


@dataclass(frozen=True)
class FeatureHandlers:
    """Each feature's handler object, built with its use cases (never read from the context)."""

    onboarding: OnboardingHandlers
    incidents: IncidentHandlers
    care: CheckinHandlers
    booking: BookingHandlers
    flow: FlowHandlers
    onsite: OnsiteHandlers
    tools: ToolHandlers
    notices: NoticeHandlers
    corrections: CorrectionHandlers
    reports: ReportHandlers
    console: ConsoleHandlers


def feature_handlers(services: Services, web: ConsoleServer) -> FeatureHandlers:
    """The handler objects for these services."""
    return FeatureHandlers(
        onboarding=OnboardingHandlers(services.onboarding),
        incidents=IncidentHandlers(services.incidents, services.responses, services.lookup),
        care=CheckinHandlers(services.checkins),
        booking=BookingHandlers(services.bookings),
        flow=FlowHandlers(services.bookings),
        onsite=OnsiteHandlers(services.bookings),
        tools=ToolHandlers(services.tools),
        notices=NoticeHandlers(services.notices),
        corrections=CorrectionHandlers(services.corrections, services.bookings),
        reports=ReportHandlers(services.reports),
        console=ConsoleHandlers(services.console, web),
    )


def telegram_handlers(h: FeatureHandlers) -> list[tuple[int, BaseHandler[Update, Context, Any]]]:
    """Every python-telegram-bot handler with its group, in the order they are tried.

    Groups run from the lowest; within a group the first handler that matches an update wins
    and the others of that group are skipped. Order matters in group 0: commands first, then
    buttons, then free text (which would swallow everything else).
    """
    booking, care, flow, welcome = h.booking, h.care, h.flow, h.onboarding
    private, in_groups = filters.ChatType.PRIVATE, filters.ChatType.GROUPS
    text = filters.TEXT & ~filters.COMMAND
    tx = transactional
    return [
        # Group 0. Groups: /bind, the bot added to a group, a group become a supergroup.
        (0, CommandHandler("bind", groups.bind, filters=in_groups)),
        (0, ChatMemberHandler(groups.bot_added, ChatMemberHandler.MY_CHAT_MEMBER)),
        (0, MessageHandler(filters.StatusUpdate.MIGRATE, groups.migrated)),
        # Getting people in: the one invite redemption is /start inv_… (welcome.start).
        (0, CommandHandler("start", tx(welcome.start), filters=private)),
        (0, CommandHandler("invite", tx(welcome.invite), filters=private)),
        (0, CommandHandler("help", tx(welcome.help_command))),
        (0, CommandHandler("language", tx(welcome.language), filters=private)),
        # Every inline button: verified, then routed by action to its feature (the Router).
        (0, CallbackQueryHandler(buttons.button_pressed)),
        # Help calls and emergencies; welfare check-ins.
        (0, CommandHandler("incident", tx(h.incidents.incident_command), filters=private)),
        (0, CommandHandler("enroll", tx(care.enroll), filters=private)),
        (0, CommandHandler("care", tx(care.care), filters=private)),
        (0, CommandHandler("family", tx(care.family), filters=private)),
        (0, CommandHandler("pause", tx(care.pause), filters=private)),
        (0, CommandHandler("resume", tx(care.resume), filters=private)),
        # Bookings (staff), the tool cabinet, notices and the weekly report (staff).
        (0, CommandHandler("booking", tx(booking.booking_command), filters=private)),
        (0, CommandHandler("bookings", tx(booking.bookings_command), filters=private)),
        (
            0,
            CommandHandler(["suspend", "unsuspend"], tx(booking.suspend_command), filters=private),
        ),
        (0, CommandHandler("mybookings", tx(flow.mybookings_command), filters=private)),
        (0, CommandHandler("address", tx(flow.address_command), filters=private)),
        (0, CommandHandler("borrow", tx(h.tools.borrow_command), filters=private)),
        (0, CommandHandler("tools", tx(h.tools.tools_command), filters=private)),
        (0, CommandHandler("notice", tx(h.notices.notice_command), filters=private)),
        (0, CommandHandler("report", tx(h.reports.report_command), filters=private)),
        # The web console: a one-time sign-in link (staff).
        (0, CommandHandler("console", tx(h.console.console_command), filters=private)),
        # Plain language, last: /misses, the group gate, private words, private media (each
        # private message is first a possible sign of life: the check-ins' first look).
        (0, CommandHandler("misses", tx(h.corrections.misses_command), filters=private)),
        (0, MessageHandler(text & in_groups, requests.group_message)),
        (0, MessageHandler(text & private, requests.private_message)),
        (0, MessageHandler(requests.MEDIA & private, requests.private_media)),
    ]


def _share(data: BotData, runtime: Runtime, services: Services) -> None:
    """What handlers read from the context: the runtime, the router, and the one use case
    shared across features' free text (every other service is handed to its feature)."""
    data.runtime = runtime
    data.router = Router()
    # Reporting an emergency is called from the requests and check-ins handlers' free text.
    data.emergencies = services.emergencies
    # A group reply's [✖] is made by the requests and FAQ handlers; the FAQ is read by both
    # the group gate and private words.
    data.corrections = services.corrections
    data.faq = services.faq


def _register(feature: Feature, router: Router, runtime: Runtime) -> None:
    """Route a feature's presses, answers and intents; run its deadlines; plan with it."""
    router.add(feature)
    for kind, handle in feature.deadlines.items():
        runtime.deadlines.register(kind, handle)
    runtime.planners.extend(feature.planners)


async def _post_init(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Open storage, read what was queued while down, set menus, then catch up and tick.

    Queued updates come before overdue deadlines (an answer given while the bot was down stops
    the step it answers); the overdue deadlines then run in the background while polling runs.
    """
    runtime: Runtime = app.bot_data.runtime
    await runtime.start(app.bot)
    await webhook.take_updates(app)  # polling: what was queued meanwhile; or setWebhook
    await _set_commands(app, runtime)
    _schedule(app)
    runtime.catch_up()
    for other in districts.runners(runtime):  # a district's other communities, likewise
        other.catch_up()


async def _start_member(app: ConciergeApp) -> None:
    """A district's community other than the first: as ``post_init``, but it takes no updates
    (the first one's router hands it its own) and its overdue deadlines wait for the first's
    ``post_init`` (after the queued updates were read)."""
    runtime: Runtime = app.bot_data.runtime
    await runtime.start(app.bot)
    await _set_commands(app, runtime)
    _schedule(app)


def _schedule(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """The scheduler's two jobs: the deadline tick and the planner."""
    runtime: Runtime = app.bot_data.runtime
    assert app.job_queue is not None
    app.job_queue.run_repeating(
        _tick,
        interval=runtime.settings.tick_seconds,
        first=runtime.settings.tick_seconds,
        name="deadlines",
    )
    app.job_queue.run_repeating(_plan, interval=600, first=600, name="planner")


async def _post_stop(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Let in-flight sends finish (the HTTP client is still open) and close storage."""
    runtime: Runtime = app.bot_data.runtime
    await runtime.stop()


async def _tick(context: Context) -> None:
    """Scheduler wake-up: handle whatever fell due."""
    await _until_stopped(context.runtime.tick(), "deadlines")


async def _plan(context: Context) -> None:
    """Periodically schedule upcoming recurring deadlines (pings, notices)."""
    await _until_stopped(context.runtime.plan(), "planner")


async def _until_stopped(work: Coroutine[Any, Any, None], name: str) -> None:
    """Run a scheduled job that the stop may cut short.

    APScheduler cancels a job still running when the application stops, and logs the
    cancellation as the job's error. Nothing is lost by it: the job's transaction rolls back
    and what it was doing is still due in the database, for the next tick or the next start.
    """
    try:
        await work
    except asyncio.CancelledError:
        _LOGGER.info(
            "The %s job was stopped with the bot; what it had not done is still due", name
        )


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
    public = runtime.settings.public_url
    for staff in runtime.community.staff:
        try:
            await bot.set_my_commands(
                _commands(STAFF_COMMANDS, staff.language),
                scope=BotCommandScopeChat(staff.telegram_id),
            )
            await set_menu_button(bot, staff.telegram_id, staff.language, public)
        except BadRequest:
            # Telegram refuses a chat scope until that person has opened a chat with the bot.
            _LOGGER.info("Staff member %s has not opened a chat with the bot yet", staff.name)
    # Housekeepers open their read-only console the same way (their buildings only).
    async with runtime.db.read() as tx:
        keepers = [
            p
            for p, _, _ in await runtime.people.everyone_holding(tx, ("housekeeper",))
            if not await runtime.people.is_revoked(tx, p.telegram_id)
        ]
    for keeper in {p.telegram_id: p for p in keepers}.values():
        spoken: Lang = "en" if keeper.language == "en" else "zh"
        await set_menu_button(bot, keeper.telegram_id, spoken, public)


__all__ = ["build_application", "running"]
