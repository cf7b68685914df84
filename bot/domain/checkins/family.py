"""Family requests: someone asks to follow an elder (`/family 王阿姨 3-2-501`). Knowing a name
and an address proves nothing, and a follower hears when she is alone and hurt, so a link takes
effect only when staff confirm it: the elder is asked first (with who is asking and a warning),
and her 同意 only passes the request on to staff; staff may also decide alone (an elder without
Telegram, or one who cannot answer). Either 拒绝 ends it. The answer to the asker never says
whether the name and address matched."""

from __future__ import annotations

from enum import StrEnum

from bot.audit import Audit
from bot.clock import Clock
from bot.domain.checkins.messages import CheckinTexts
from bot.domain.checkins.model import Enrolled
from bot.domain.checkins.reach import Reach
from bot.domain.checkins.repo import CheckinRepo
from bot.domain.people import Address, Person, parse_address
from bot.i18n import T, Text, both
from bot.storage import Tx


class Decision(StrEnum):
    """What a press of 同意/拒绝 led to."""

    APPROVED = "approved"  # staff confirmed: the link is made
    AWAITING_STAFF = "awaiting_staff"  # the elder agreed: staff must still confirm
    REFUSED = "refused"
    STALE = "stale"
    NOT_YOURS = "not_yours"


# (state of the request, staff pressing?, approve?) -> the request's next state.
STEPS: dict[tuple[str, bool, bool], str] = {
    ("pending", False, True): "elder_ok",
    ("pending", False, False): "refused",
    ("pending", True, True): "approved",
    ("pending", True, False): "refused",
    ("elder_ok", True, True): "approved",
    ("elder_ok", True, False): "refused",
}


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
        key = "checkins.family_request" if elder.has_telegram else "checkins.family_confirm"
        text = T(key, who=person.name, name=elder.name, address=elder.address)
        await self._ask_to_decide(
            tx, request_id, [d for d in deciders if d is not None], text, f"famreq{request_id}:"
        )

    async def decide(self, tx: Tx, request_id: int, decider: Person, approve: bool) -> Decision:
        """The elder agrees (staff are asked to confirm) or refuses; staff confirm or refuse."""
        request = await self._repo.family_request(tx, request_id)
        if request is None or request.state not in ("pending", "elder_ok"):
            return Decision.STALE
        people, key = self._reach.people, request.elder_key
        staff = await people.is_staff(tx, decider.telegram_id)
        if not staff and not await people.has_role(tx, decider.id, "elder", key):
            return Decision.NOT_YOURS
        state = STEPS.get((request.state, staff, approve))
        if state is None:
            return Decision.NOT_YOURS  # the elder pressing again while staff decide
        if not await self._repo.decide_family(tx, request_id, request.state, state, decider.id):
            return Decision.STALE
        requester = await people.by_id(tx, request.person_id)
        elder = await self._repo.elder(tx, key)
        assert requester is not None and elder is not None
        await self._audit.record(
            tx, f"person:{decider.id}", f"family_{state}", f"elder:{key}", person=requester.id
        )
        if state == "elder_ok":
            await self._ask_staff(tx, request_id, elder, requester)
            return Decision.AWAITING_STAFF
        if state == "approved":
            await people.grant(tx, requester.id, "family", key)
            info = self._reach.community.community
            here = both(info.name_zh, info.name_en)
            text = T("onboarding.joined_family", what=elder.name, community=here)
        else:
            text = T("checkins.family_refused", name=elder.name)
        await self._reach.outbox.send(
            tx, requester.telegram_id, text, key=f"famreq{request_id}:decided"
        )
        return Decision.APPROVED if state == "approved" else Decision.REFUSED

    async def _ask_staff(
        self, tx: Tx, request_id: int, elder: Enrolled, requester: Person
    ) -> None:
        """The elder agreed: staff confirm the link (they know the family), the asker waits."""
        text = T("checkins.family_confirm_agreed", who=requester.name, name=elder.name,
                 address=elder.address)  # fmt: skip
        staff = list(await self._reach.people.staff(tx))
        await self._ask_to_decide(tx, request_id, staff, text, f"famreq{request_id}:staff:")
        await self._reach.outbox.send(
            tx,
            requester.telegram_id,
            T("checkins.family_waiting_staff", name=elder.name),
            key=f"famreq{request_id}:waiting",
        )

    async def _ask_to_decide(
        self, tx: Tx, request_id: int, deciders: list[Person], text: Text, key: str
    ) -> None:
        """Each decider gets the family request with its [同意][拒绝] buttons, once each
        (the outbox key is `key` plus their chat)."""
        for decider in deciders:
            await self._reach.outbox.send(
                tx,
                decider.telegram_id,
                text,
                key=f"{key}{decider.telegram_id}",
                buttons=self._texts.family_decision(request_id),
            )
