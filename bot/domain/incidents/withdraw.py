"""Taking back a revoked housekeeper's alerts: each help-call or emergency alert (and reminder
round) he was sent carries the address and the buttons; once staff revoke him, every one of
them that reached him is edited to say his access was withdrawn, without the address or the
buttons (as his job messages lose theirs). So is every other message of the incident that
reached him — what the reporter or the person wrote again, their questions, the progress lines
(retest 15: the relay "「4栋2单元602」" stayed as sent) — and each photo or voice note copied to
him is deleted while Telegram still allows it (as a job's private line does:
``bookings.onsite.unrelay``). Only these edits still reach a revoked person."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.domain.incidents import messages
from bot.domain.incidents.repo import IncidentRepo
from bot.domain.people import Person
from bot.i18n import T, Text
from bot.outbox import Outbox
from bot.storage import Tx


class AlertWithdrawal:
    """Edits a revoked person's incident alerts (see the module docstring)."""

    def __init__(
        self, repo: IncidentRepo, outbox: Outbox, now: Callable[[], datetime] | None = None
    ) -> None:
        self.repo = repo
        self.outbox = outbox
        self.now = now

    async def withdraw(self, tx: Tx, person: Person) -> int:
        """Edit every alert of every incident this person was a responder on; how many."""
        chat = person.telegram_id
        edited = 0
        for incident in await self.repo.responded_by(tx, chat):
            text = T(
                "incidents.alert_withdrawn",
                kind=messages.kind(incident),
                id=incident.id,
                name=incident.subject_name,
            )
            for round_ in range(incident.round + 1):
                of_key = f"inc{incident.id}:{round_}:alert:{chat}"
                if not await self.outbox.delivered(tx, of_key):
                    continue  # never reached him (or withdrawn while waiting): nothing to edit
                key = f"{of_key}:revoked"
                if await self.outbox.edit(tx, chat, text, key=key, of_key=of_key, to_revoked=True):
                    edited += 1
            edited += await self._relays(tx, chat, incident.id, text)
        return edited

    async def _relays(self, tx: Tx, chat: int, incident_id: int, text: Text) -> int:
        """Every other message of the incident delivered to him edited to ``text``; its
        copied media deleted while it may be. Keys are the messages' own (no clock)."""
        prefix, edited = f"inc{incident_id}:", 0
        for of_key in await self.outbox.sent_keys(tx, chat, prefix):
            if ":alert:" in of_key:
                continue  # the alert and its rounds: above
            key = f"{of_key}:revoked"
            if await self.outbox.edit(tx, chat, text, key=key, of_key=of_key, to_revoked=True):
                edited += 1
        if self.now is None:
            return edited
        return edited + await self.outbox.withdraw_copies(tx, chat, prefix, self.now())
