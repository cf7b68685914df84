"""Every inline button press: verified, then routed by its action.

A press with forged or unknown data changes nothing and gets a polite answer. The feature
handler it is routed to still checks who pressed and whether the object is in the state the
button was made for.
"""

from __future__ import annotations

import logging

from telegram import Update

from bot.i18n import T
from bot.storage import Tx
from handlers.base import answer_press, sender, transactional
from handlers.context import Context, Press

_LOGGER = logging.getLogger(__name__)


@transactional
async def button_pressed(update: Update, context: Context, tx: Tx) -> None:
    """Check a press's signature and hand it to the feature that made the button."""
    person = await sender(update, context, tx)
    query = update.callback_query
    assert query is not None
    callback = context.runtime.signer.verify(query.data)
    handler = context.router.buttons.get(callback.action) if callback else None
    if callback is None or handler is None:
        _LOGGER.warning("Ignored a button press with unknown or forged data from %s", person.id)
        await answer_press(update, T("common.stale_button"), person.language)
        return
    await handler(Press(update, callback, person), context, tx)
