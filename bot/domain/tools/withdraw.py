"""Taking back a revoked housekeeper's tool messages: a hand-over task, a running loan and an
overdue follow-up each name the borrower with their room and carry buttons; once staff revoke
him, every one of them that reached him is edited to say his access was withdrawn, naming only
the unit, without the room or the buttons (as his help-call alerts and job messages are). Only
this edit still reaches a revoked person."""

from __future__ import annotations

import re

from bot.domain.people import Person
from bot.domain.tools.messages import ToolTexts
from bot.domain.tools.repo import ToolRepo
from bot.i18n import T
from bot.outbox import Outbox
from bot.storage import Tx

# The keeper messages of notify.LoanNotifier.keepers: tl<loan>:<what>:<keeper person id>.
_KEEPER = re.compile(r"^tl(\d+):(keeper|keeper_self|keeper_overdue:\d+):(\d+)$")


class LoanWithdrawal:
    """Edits a revoked person's tool-loan messages (see the module docstring)."""

    def __init__(self, repo: ToolRepo, outbox: Outbox, texts: ToolTexts) -> None:
        self.repo = repo
        self.outbox = outbox
        self.texts = texts

    async def withdraw(self, tx: Tx, person: Person) -> int:
        """Edit every delivered keeper message of every loan sent to this person; how many."""
        chat = person.telegram_id
        edited = 0
        for of_key in await self.outbox.sent_keys(tx, chat, "tl"):
            found = _KEEPER.match(of_key)
            if found is None or int(found[3]) != person.id:
                continue
            loan = await self.repo.loan(tx, int(found[1]))
            if loan is None:
                continue
            text = T("tools.keeper_withdrawn", unit=self.texts.loan_label(loan))
            key = f"{of_key}:revoked"
            if await self.outbox.edit(tx, chat, text, key=key, of_key=of_key, to_revoked=True):
                edited += 1
        return edited
