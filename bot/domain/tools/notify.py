"""Who hears about a loan, and the outbox writes that tell them.

The borrower is told in private; the housekeeper covering their building confirms hand-overs
and returns (without a known building, or nobody joined for it: every housekeeper, else staff).
Every message has a deterministic dedupe key ``tl<loan id>:<what>`` so a retried transaction or
a re-run deadline never says it twice.
"""

from __future__ import annotations

from bot.config import Community
from bot.domain.people import People, Person
from bot.domain.tools.messages import ToolTexts
from bot.domain.tools.model import Loan, covering
from bot.i18n import Text
from bot.outbox import Keyboard, Outbox
from bot.storage import Tx


class LoanNotifier:
    """Tells borrowers and housekeepers about a loan through the outbox."""

    def __init__(
        self, community: Community, people: People, outbox: Outbox, texts: ToolTexts
    ) -> None:
        self._community = community
        self._people = people
        self._outbox = outbox
        self._texts = texts

    async def keepers_for(self, tx: Tx, person_id: int) -> list[Person]:
        """Who confirms hand-overs for this resident."""
        people = self._people
        keepers = [(h.key, h.buildings) for h in self._community.housekeepers]
        address = await people.address(tx, person_id)
        if address is not None:
            keys = covering(keepers, address.building)
            found = [p for key in keys for p in await people.holders(tx, "housekeeper", key)]
            if found:
                return found
        everyone = [p for key, _ in keepers for p in await people.holders(tx, "housekeeper", key)]
        return everyone or await people.staff(tx)

    async def may_confirm(self, tx: Tx, person: Person) -> bool:
        """Whether this person may confirm hand-overs and returns (housekeeper or staff)."""
        return await self._people.has_role(
            tx, person.id, "housekeeper"
        ) or await self._people.is_staff(tx, person.telegram_id)

    async def who(self, tx: Tx, person_id: int) -> Text:
        """The borrower as a housekeeper sees them: name and address."""
        person = await self._people.by_id(tx, person_id)
        address = await self._people.address(tx, person_id)
        name = person.name if person else "?"
        return self._texts.who(name, address.label() if address else None)

    async def borrower(
        self, tx: Tx, loan: Loan, what: str, text: Text, buttons: Keyboard | None = None
    ) -> None:
        """Tell the borrower (key ``tl<loan>:<what>``)."""
        await self.person(tx, loan.person_id, f"tl{loan.id}:{what}", text, buttons)

    async def person(
        self, tx: Tx, person_id: int, key: str, text: Text, buttons: Keyboard | None = None
    ) -> None:
        """Tell a person by id, if they exist."""
        person = await self._people.by_id(tx, person_id)
        if person is not None:
            await self._outbox.send(tx, person.telegram_id, text, key=key, buttons=buttons)

    async def keepers(
        self, tx: Tx, loan: Loan, what: str, text: Text, buttons: Keyboard | None = None
    ) -> None:
        """Tell every keeper of the borrower (key ``tl<loan>:<what>:<keeper id>``)."""
        for keeper in await self.keepers_for(tx, loan.person_id):
            await self._outbox.send(
                tx,
                keeper.telegram_id,
                text,
                key=f"tl{loan.id}:{what}:{keeper.id}",
                buttons=buttons,
            )

    async def edit_keepers(
        self, tx: Tx, loan: Loan, step: str, text: Text, buttons: Keyboard | None = None
    ) -> None:
        """Replace the keepers' hand-over task (sent as ``keeper``) with what happened."""
        for keeper in await self.keepers_for(tx, loan.person_id):
            await self._outbox.edit(
                tx,
                keeper.telegram_id,
                text,
                key=f"tl{loan.id}:keeper:{keeper.id}:{step}",
                of_key=f"tl{loan.id}:keeper:{keeper.id}",
                buttons=buttons,
            )
