"""Every inline button press: verified, routed by its action, committed, then answered.

A press with forged or unknown data changes nothing and gets a polite answer. The feature
handler it is routed to still checks who pressed and whether the object is in the state the
button was made for, and sets the toast. The toast is sent after the transaction committed, so
it says what happened, and a failed or late answer (Telegram refuses them after ~15 s) loses
nothing.
"""

from __future__ import annotations

import logging

from telegram import Update

from bot.i18n import T
from bot.storage import Tx
from handlers.base import answer_after_commit, sender, transactional
from handlers.context import Context, Press, Toast

_LOGGER = logging.getLogger(__name__)


async def button_pressed(update: Update, context: Context) -> None:
    """Handle the press in its transaction; once committed, answer it with its toast."""
    toast = await _route(update, context)
    answer_after_commit(update, context, toast)


@transactional
async def _route(update: Update, context: Context, tx: Tx) -> Toast | None:
    """Check a press's signature and hand it to the feature that made the button."""
    person = await sender(update, context, tx)
    query = update.callback_query
    assert query is not None
    callback = context.runtime.signer.verify(query.data)
    handler = context.router.buttons.get(callback.action) if callback else None
    if await context.runtime.people.is_revoked(tx, person.telegram_id):
        _LOGGER.info("Ignored a button press from %s, whose role was revoked", person.id)
        return Toast(T("common.stale_button"), person.language)
    if callback is None or handler is None:
        _LOGGER.warning("Ignored a button press with unknown or forged data from %s", person.id)
        return Toast(T("common.stale_button"), person.language)
    press = Press(update, callback, person)
    await handler(press, context, tx)
    return press.toast
