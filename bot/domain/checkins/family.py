"""Family requests: someone asks to follow an elder (`/family 王阿姨 3-2-501`); the elder
decides, or staff when she has no Telegram. The answer to the asker never says whether the name
and address matched."""

from __future__ import annotations

from enum import StrEnum

from bot.audit import Audit
from bot.clock import Clock
from bot.domain.checkins.messages import CheckinTexts
from bot.domain.checkins.model import Enrolled
from bot.domain.checkins.reach import Reach
from bot.domain.checkins.repo import CheckinRepo
from bot.domain.people import Address, Person, parse_address
from bot.i18n import T
from bot.storage import Tx


class Decision(StrEnum):
    """What a press of 同意/拒绝 led to."""

    OK = "ok"
    STALE = "stale"
    NOT_YOURS = "not_yours"


class Family:
    """Ask to follow an elder, and decide."""

    def __init__(
        self, repo: CheckinRepo, reach: Reach, texts: CheckinTexts, audit: Audit, clock: Clock
    ) -> None:
        self._repo = repo
        self._reach = reach
        self._texts = texts
        self._audit = audit
        self._clock = clock

    async def find_elder(self, tx: Tx, name: str, address: Address) -> Enrolled | None:
        """The enrolled elder with exactly this name and address, if any."""
        for elder in await self._repo.elders(tx):
            if elder.name == name and parse_address(elder.address) == address:
                return elder
        return None

    async def ask(self, tx: Tx, elder: Enrolled, person: Person) -> None:
        """Someone asks to follow an elder as family: the elder (or staff) decides."""
        people = self._reach.people
        if await people.has_role(tx, person.id, "family", elder.key):
            return
        request_id = await self._repo.ask_family(tx, elder.key, person.id, self._clock.now())
        if request_id is None:
            return
        await self._audit.record(
            tx, f"person:{person.id}", "family_requested", f"elder:{elder.key}"
        )
        deciders = [await self._reach.elder_person(tx, elder.key)] if elder.has_telegram else []
        if not any(deciders):
            deciders = list(await people.staff(tx))
        text = T("checkins.family_request", who=person.name, name=elder.name)
        for decider in deciders:
            if decider is not None:
                await self._reach.outbox.send(
                    tx,
                    decider.telegram_id,
                    text,
                    key=f"famreq{request_id}:{decider.telegram_id}",
                    buttons=self._texts.family_decision(request_id),
                )

    async def decide(self, tx: Tx, request_id: int, decider: Person, approve: bool) -> Decision:
        """The elder (or staff) approves or refuses a family request."""
        request = await self._repo.family_request(tx, request_id)
        if request is None or request.state != "pending":
            return Decision.STALE
        people, key = self._reach.people, request.elder_key
        if not (
            await people.has_role(tx, decider.id, "elder", key)
            or await people.is_staff(tx, decider.telegram_id)
        ):
            return Decision.NOT_YOURS
        state = "approved" if approve else "refused"
        if not await self._repo.decide_family(tx, request_id, state, decider.id):
            return Decision.STALE
        requester = await people.by_id(tx, request.person_id)
        elder = await self._repo.elder(tx, key)
        assert requester is not None and elder is not None
        if approve:
            await people.grant(tx, requester.id, "family", key)
        await self._audit.record(
            tx, f"person:{decider.id}", f"family_{state}", f"elder:{key}", person=requester.id
        )
        answer = "onboarding.joined_family" if approve else "checkins.family_refused"
        text = T(answer, what=elder.name) if approve else T(answer, name=elder.name)
        await self._reach.outbox.send(
            tx, requester.telegram_id, text, key=f"famreq{request_id}:decided"
        )
        return Decision.OK
