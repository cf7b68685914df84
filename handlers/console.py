"""The web console from Telegram: ``/console`` sends a one-time sign-in link.

Thin: the sender must be staff or a housekeeper (in private; a housekeeper's console is
read-only and limited to their buildings); the link's token is made by the console's use case
(only its hash is stored) and the link goes out through the outbox like any answer. When the
console has an https address, the sender's chat also gets the Mini App menu button.
"""

from __future__ import annotations

from telegram import Update

from bot.domain.console import Console
from bot.domain.console.model import LOGIN_TTL, Access
from bot.i18n import Lang, T
from bot.storage import Tx
from bot.web.menu import set_menu_button
from bot.web.server import ConsoleServer
from handlers.base import answer_revoked, reply, sender
from handlers.context import Context


class ConsoleHandlers:
    """The Telegram side of the console, built with its use cases (``bot/app.py``)."""

    def __init__(self, console: Console, server: ConsoleServer) -> None:
        self.console = console
        self.server = server

    async def console_command(self, update: Update, context: Context, tx: Tx) -> None:
        """Staff, or a housekeeper (read-only): a one-time link that signs this browser in."""
        person = await sender(update, context, tx)
        if await answer_revoked(update, context, tx, person):
            return
        access = await self.console.access(tx, person.telegram_id)
        if access is None:
            await reply(update, context, tx, T("console.not_allowed"))
            return
        token = await self.console.login_link_token(tx, person)
        url = f"{self.server.base_url}/login/{token}"
        minutes = int(LOGIN_TTL.total_seconds() // 60)
        key = "console.link" if access is Access.STAFF else "console.link_read_only"
        await reply(update, context, tx, T(key, minutes=minutes, url=url))
        lang: Lang = "en" if person.language == "en" else "zh"
        # After this update's transaction, not under it: a Bot API call is never made while
        # the store is held (tests/test_no_calls_under_lock.py).
        public = self.server.settings.public_url
        context.application.create_task(
            set_menu_button(context.bot, person.telegram_id, lang, public), update=update
        )
