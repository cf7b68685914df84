"""Staff hear when an alert or a job offer cannot be delivered (issue 11: an alert always
reaches a person). The sender calls this in the transaction that records the failure, so
the notice is queued exactly when the row ends ``failed`` or ``uncertain``."""

from __future__ import annotations

import logging

from bot.domain.people import People
from bot.i18n import T, Text
from bot.outbox import Outbox
from bot.storage import Tx
from bot.storage.outbox import Outcome

_LOGGER = logging.getLogger(__name__)


def _reason(error: str) -> Text:
    lowered = error.lower()
    if "blocked" in lowered or "deactivated" in lowered:
        return T("delivery.reason_blocked")
    if "chat not found" in lowered or "kicked" in lowered or "not a member" in lowered:
        return T("delivery.reason_no_chat")
    return T("delivery.reason_other", error=error)


class UndeliveredNotice:
    """Queues a notice to every staff member (but the one who could not be reached)."""

    def __init__(self, people: People, outbox: Outbox) -> None:
        self._people = people
        self._outbox = outbox

    async def __call__(self, tx: Tx, outcome: Outcome) -> None:
        """Tell staff about one alert or job offer that ended failed or uncertain."""
        row = outcome.row
        if row.kind not in ("alert", "offer"):
            return
        recipient = await self._people.get(tx, row.chat_id) if row.chat_id > 0 else None
        name = recipient.name if recipient is not None else str(row.chat_id)
        text = T(
            f"delivery.{'failed' if outcome.status == 'failed' else 'uncertain'}",
            what=T(f"delivery.kind_{row.kind}"),
            name=name,
            chat=row.chat_id,
            reason=_reason(outcome.error or ""),
        )
        told = 0
        for staff in await self._people.staff(tx):
            if staff.telegram_id != row.chat_id:
                key = f"undelivered:{row.id}:{staff.telegram_id}"
                told += await self._outbox.send(tx, staff.telegram_id, text, key=key)
        if not told:
            _LOGGER.error(
                "Undelivered %s to chat %s: no staff chat to tell", row.kind, row.chat_id
            )
