"""Who hears about an elder, and the alerts of a check-in: each chat alerted is remembered so it
hears the all-clear. Staff chats are private, so staff and grid workers get the address; family
never do."""

from __future__ import annotations

import logging
from datetime import datetime

from bot.config import Community
from bot.domain.checkins.gaps import ladder_gaps
from bot.domain.checkins.messages import CheckinTexts, Keyboard
from bot.domain.checkins.model import Checkin, Enrolled
from bot.domain.checkins.repo import CheckinRepo
from bot.domain.people import People, Person
from bot.i18n import T, Text
from bot.outbox import Outbox
from bot.storage import Tx

_LOGGER = logging.getLogger(__name__)


class Reach:
    """The elder, her grid worker, family, staff and the housekeepers on duty."""

    def __init__(
        self,
        community: Community,
        people: People,
        repo: CheckinRepo,
        outbox: Outbox,
        texts: CheckinTexts,
    ) -> None:
        self.community = community
        self.people = people
        self.repo = repo
        self._warned: tuple[str, int] | None = None  # the day and gaps last logged
        self.outbox = outbox
        self.texts = texts

    async def elder_person(self, tx: Tx, key: str) -> Person | None:
        """The elder herself, if she joined."""
        holders = await self.people.holders(tx, "elder", key)
        return holders[0] if holders else None

    async def workers(self, tx: Tx, elder: Enrolled) -> list[Person]:
        """Her grid worker's chats (none if the worker never joined)."""
        return await self.people.holders(tx, "housekeeper", elder.grid_worker)

    async def family(self, tx: Tx, key: str) -> list[Person]:
        """Her family members who joined."""
        return await self.people.holders(tx, "family", key)

    async def circle(self, tx: Tx, key: str) -> list[Person]:
        """The elder, her family and her grid worker (who hear of a pause)."""
        elder = await self.repo.elder(tx, key)
        people = list(await self.family(tx, key))
        person = await self.elder_person(tx, key)
        if person is not None:
            people.insert(0, person)
        if elder is not None:
            people += await self.workers(tx, elder)
        return people

    async def worker_revoked(self, tx: Tx, elder: Enrolled) -> bool:
        """Whether her grid worker's housekeeper was revoked by staff (not: never joined)."""
        return await self.people.role_revoked(tx, "housekeeper", elder.grid_worker)

    def worker_name(self, elder: Enrolled) -> str:
        """The grid worker's name from the file (her key if unknown)."""
        keeper = self.community.housekeeper(elder.grid_worker)
        return keeper.name if keeper else elder.grid_worker

    def wants_all_clear(self, key: str, person: Person) -> bool:
        """Whether the file says this family member wants the daily all-clear."""
        entry = self.community.elder(key)
        if entry is None:
            return False
        return any(
            f.daily_all_clear and (f.telegram_id == person.telegram_id or f.name == person.name)
            for f in entry.family
        )

    async def can_confirm(self, tx: Tx, person: Person, elder: Enrolled) -> bool:
        """Only the elder's grid worker or staff may confirm, ask for support or record visits."""
        if await self.people.is_staff(tx, person.telegram_id):
            return True
        return await self.people.has_role(tx, person.id, "housekeeper", elder.grid_worker)

    async def alert(
        self,
        tx: Tx,
        checkin: Checkin,
        person: Person,
        text: Text,
        key: str,
        buttons: Keyboard | None = None,
    ) -> None:
        """Send an alert about a check-in and remember the chat for the all-clear."""
        await self.outbox.send(tx, person.telegram_id, text, key=key, buttons=buttons)
        await self.repo.mark_alerted(tx, checkin.id, person.telegram_id)

    def _staff_text(self, elder: Enrolled, text_key: str) -> Text:
        return T(text_key, name=elder.name, address=elder.address, worker=self.worker_name(elder))

    async def alert_staff(
        self, tx: Tx, checkin: Checkin, elder: Enrolled, text_key: str, tag: str
    ) -> int:
        """Alert every staff member with a 平安 button; how many were reached."""
        staff_members = await self.people.staff(tx)
        text = self._staff_text(elder, text_key)
        for staff in staff_members:
            key = f"ci{checkin.id}:{tag}:{staff.telegram_id}"
            await self.alert(tx, checkin, staff, text, key, self.texts.safe(checkin.id))
        return len(staff_members)

    async def alert_family(
        self, tx: Tx, checkin: Checkin, elder: Enrolled, text_key: str, tag: str
    ) -> None:
        """Tell the elder's family (never the address)."""
        for member in await self.family(tx, elder.key):
            key = f"ci{checkin.id}:{tag}:{member.telegram_id}"
            await self.alert(tx, checkin, member, T(text_key, name=elder.name), key)

    async def alert_duty_keepers(
        self, tx: Tx, checkin: Checkin, elder: Enrolled, reason: str
    ) -> int:
        """Every housekeeper who can be told, duty list first; how many were."""
        keys = [*self.community.emergency.on_duty, *(h.key for h in self.community.housekeepers)]
        text = self._staff_text(elder, f"checkins.staff_{reason}")
        reached = 0
        for key in dict.fromkeys(keys):
            for person in await self.people.holders(tx, "housekeeper", key):
                tag = f"ci{checkin.id}:duty:{person.telegram_id}"
                await self.alert(tx, checkin, person, text, tag, self.texts.confirm(checkin.id))
                reached += 1
        return reached

    async def gaps(self, tx: Tx) -> list[Text]:
        """Escalation targets that cannot be told: no staff chat, grid workers never joined
        or revoked (each said as it is; the rule: :func:`ladder_gaps`)."""
        cared = {key: await self.repo.workers(tx, key) for key in await self.repo.workers(tx)}
        joined = {k for k in cared if await self.people.holders(tx, "housekeeper", k)}
        revoked = {
            k
            for k in cared
            if k not in joined and await self.people.role_revoked(tx, "housekeeper", k)
        }
        names = {h.key: h.name for h in self.community.housekeepers}
        staff = bool(await self.people.staff(tx))
        gaps: list[Text] = []
        for gap in ladder_gaps(staff, cared, joined, revoked, names):
            if gap.step == "staff":
                gaps.append(T("incidents.gap_no_staff"))
                continue
            said = "incidents.gap_worker_revoked" if gap.revoked else "incidents.gap_worker"
            gaps.append(T(said, worker=gap.worker, elders="、".join(gap.elders)))
        return gaps

    async def warn_gaps(self, tx: Tx, now: datetime) -> None:
        """Say what cannot be told: in the log (no names), and to every staff chat once a day."""
        gaps = await self.gaps(tx)
        if not gaps:
            return
        day = now.astimezone(self.community.tz).date().isoformat()
        if self._warned != (day, len(gaps)):  # once a day (planner rounds come in runs)
            _LOGGER.warning("%d escalation gap(s): some alerts can reach no person", len(gaps))
            self._warned = (day, len(gaps))
        for staff in await self.people.staff(tx):
            await self.outbox.send(
                tx,
                staff.telegram_id,
                T("incidents.gaps", lines=gaps),
                key=f"gaps:{day}:{len(gaps)}:{staff.telegram_id}",
            )
