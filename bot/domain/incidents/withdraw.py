"""Taking back a revoked housekeeper's alerts: each help-call or emergency alert (and reminder
round) he was sent carries the address and the buttons; once staff revoke him, every one of
them that reached him is edited to say his access was withdrawn, without the address or the
buttons (as his job messages lose theirs). Only this edit still reaches a revoked person."""

from __future__ import annotations

from bot.domain.incidents import messages
from bot.domain.incidents.repo import IncidentRepo
from bot.domain.people import Person
from bot.i18n import T
from bot.outbox import Outbox
from bot.storage import Tx


class AlertWithdrawal:
    """Edits a revoked person's incident alerts (see the module docstring)."""

    def __init__(self, repo: IncidentRepo, outbox: Outbox) -> None:
        self.repo = repo
        self.outbox = outbox

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
        return edited
