"""The one error handler: log with context (never message text), tell the user politely."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import NetworkError, RetryAfter, TelegramError, TimedOut

from bot.i18n import T, normalise_lang, render
from handlers.context import Context

_LOGGER = logging.getLogger(__name__)


async def on_error(update: object, context: Context) -> None:
    """Log the failure and tell the person something went wrong, without details."""
    error = context.error
    if isinstance(error, TimedOut | NetworkError | RetryAfter):
        _LOGGER.warning("Transient Telegram error: %s", type(error).__name__)
        return
    where = f"update {update.update_id}" if isinstance(update, Update) else "a job"
    _LOGGER.error("Error while handling %s", where, exc_info=error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    user = update.effective_user
    lang = normalise_lang(user.language_code if user else None)
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(render(T("common.error"), lang), show_alert=True)
        elif update.effective_chat.type == "private":
            await context.bot.send_message(
                update.effective_chat.id, render(T("common.error"), lang)
            )
    except TelegramError as exc:  # a press too old to answer, a chat that is gone, ...
        _LOGGER.warning("Could not tell the user about the error (%s)", type(exc).__name__)
