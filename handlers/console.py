"""The web console from Telegram: ``/console`` sends staff a one-time sign-in link.

Thin: the sender must be staff (in private); the link's token is made by the console's use
case (only its hash is stored) and the link goes out through the outbox like any answer.
"""

from __future__ import annotations

from telegram import Update

from bot.domain.console import Console
from bot.domain.console.model import LOGIN_TTL
from bot.i18n import T
from bot.storage import Tx
from bot.web.server import ConsoleServer
from handlers.base import reply, staff_sender
from handlers.context import Context


class ConsoleHandlers:
    """The Telegram side of the console, built with its use cases (``bot/app.py``)."""

    def __init__(self, console: Console, server: ConsoleServer) -> None:
        self.console = console
        self.server = server

    async def console_command(self, update: Update, context: Context, tx: Tx) -> None:
        """Staff: a one-time link that signs this browser in to the console."""
        person = await staff_sender(update, context, tx)
        if person is None:
            return
        token = await self.console.login_link_token(tx, person)
        url = f"{self.server.base_url}/login/{token}"
        minutes = int(LOGIN_TTL.total_seconds() // 60)
        await reply(update, context, tx, T("console.link", minutes=minutes, url=url))
