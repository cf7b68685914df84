"""The console as a chat's Telegram Mini App menu button (staff and housekeepers, https only).

Called at start for the people the community file and the store name, and after a
``/console`` (in a task of its own, never under the update's transaction).
"""

from __future__ import annotations

import logging

from telegram import Bot, MenuButtonWebApp, WebAppInfo
from telegram.error import TelegramError

from bot.i18n import Lang, T, render

_LOGGER = logging.getLogger(__name__)


async def set_menu_button(bot: Bot, chat_id: int, lang: Lang, public_url: str) -> bool:
    """The console as the Mini App menu button of this private chat (https only, as Telegram
    opens Mini Apps); whether it was set."""
    if not public_url.startswith("https://"):
        return False
    label = render(T("console.menu"), lang)
    try:
        await bot.set_chat_menu_button(
            chat_id, MenuButtonWebApp(label, WebAppInfo(f"{public_url}/app"))
        )
    except TelegramError:
        _LOGGER.info("The console's menu button could not be set for a chat")
        return False
    return True
