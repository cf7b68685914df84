"""Wiring webhook mode into the Application, and how updates are taken at start.

:func:`attach` puts the health routes (both modes) and, in webhook mode, the delivery route on
the console's server, and adds the inbox worker to the runtime's servers (both modes: it
handles what a crash left in the inbox before anything new is read). :func:`take_updates`
runs in ``post_init``: in webhook mode it registers the webhook (``setWebhook`` with the
derived secret token) and waits, briefly, until what Telegram queued meanwhile was handled; in
polling mode it reads what Telegram queued, first removing a webhook an earlier run in webhook
mode left registered (Telegram refuses ``getUpdates`` while one is).
"""

from __future__ import annotations

import asyncio
import logging

from telegram import Update
from telegram.error import Conflict

from bot.config import Settings
from bot.lifecycle import read_queued_updates
from bot.runtime import Runtime
from bot.web.health import Health
from bot.web.server import ConsoleServer
from bot.webhook.inbox import WebhookInbox
from bot.webhook.routes import PATH, WebhookRoute
from bot.webhook.secret import secret_token
from handlers.context import ConciergeApp

_LOGGER = logging.getLogger(__name__)

QUEUED_WAIT = 10.0  # seconds: then the deadlines start anyway (a flood must not hold them)
QUEUED_POLL = 0.1


def webhook_url(settings: Settings) -> str:
    """Where Telegram posts updates: the public address plus the bot's path."""
    return f"{settings.public_url.rstrip('/')}{PATH}"


def webhook_problem(settings: Settings) -> str | None:
    """What keeps webhook mode from starting with these settings, or None."""
    if not settings.webhook:
        return None
    if not settings.public_url.startswith(("https://", "http://")):
        return (
            "concierge run --webhook needs CONCIERGE_PUBLIC_URL, the address Telegram (or the"
            " balancer in front of this instance) reaches the web server at, e.g."
            " https://bot.example.org"
        )
    return None


def attach(app: ConciergeApp, runtime: Runtime, web: ConsoleServer) -> WebhookInbox:
    """Serve /healthz and /readyz, the webhook route in webhook mode, and run the inbox."""
    inbox = WebhookInbox(
        runtime.db, runtime.clock, app.bot, app.process_update, runtime.settings.instance_id
    )
    runtime.servers.append(inbox)  # after the console's server: stopped once it stopped
    web.extra_routes.extend(Health(runtime.db, lambda: runtime.ready).routes())
    if runtime.settings.webhook:
        token = secret_token(runtime.settings.secret_key)
        web.extra_routes.extend(WebhookRoute(inbox, token).routes())
    return inbox


async def _delivered_first(app: ConciergeApp) -> None:
    """Wait until Telegram delivered what it queued while the bot was down and the inbox
    handled it (bounded by QUEUED_WAIT), as polling reads the queue first: an answer given
    while the bot was down stops the overdue step it answers before that step runs."""
    runtime: Runtime = app.bot_data.runtime
    inbox = next(s for s in runtime.servers if isinstance(s, WebhookInbox))
    loop = asyncio.get_running_loop()
    until = loop.time() + QUEUED_WAIT
    while loop.time() < until:
        info = await app.bot.get_webhook_info()
        if info.pending_update_count == 0 and await inbox.empty():
            return
        await asyncio.sleep(QUEUED_POLL)
    _LOGGER.info("Updates queued while the bot was down are still arriving; deadlines start")


async def take_updates(app: ConciergeApp) -> None:
    """Webhook mode: register the webhook. Polling: read what was queued meanwhile."""
    runtime: Runtime = app.bot_data.runtime
    settings = runtime.settings
    if settings.webhook:
        await app.bot.set_webhook(
            url=webhook_url(settings),
            secret_token=secret_token(settings.secret_key),
            allowed_updates=Update.ALL_TYPES,
            drop_pending_updates=False,
        )
        _LOGGER.info("Webhook registered; Telegram posts updates to %s", PATH)
        await _delivered_first(app)
        return
    try:
        await read_queued_updates(app)
    except Conflict:
        _LOGGER.info("A webhook from an earlier run in webhook mode is removed to poll")
        await app.bot.delete_webhook(drop_pending_updates=False)
        await read_queued_updates(app)


__all__ = ["attach", "take_updates", "webhook_problem", "webhook_url"]
