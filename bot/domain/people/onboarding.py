"""Getting people in: who becomes a resident, when the address is asked for, invites (who may
be invited for what, for how long) and the audit trail of each step.

Built by ``bot/bootstrap.py`` with its dependencies named; ``handlers/onboarding.py`` calls one
use case per update and sends what it returns.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from bot.audit import Audit
from bot.config import Community
from bot.domain.people.contract import Pending
from bot.domain.people.messages import Card, PeopleTexts
from bot.domain.people.model import INVITABLE, Address, Person, Role
from bot.domain.people.service import People
from bot.i18n import LANGUAGES, Lang, T, Text, both
from bot.storage import Tx

ElderName = Callable[[Tx, str], Awaitable[str | None]]
"""The name of an elder staff enrolled with /enroll (check-ins own them), or None."""

DeepLink = Callable[[str], str]
"""The t.me link that opens a private chat with the bot and sends ``/start <payload>``."""

StaffJoin = Callable[[Tx, str, Person, str], Awaitable[None]]
"""Put someone on the setup's staff list (``Setup.join_staff``: actor, person, name), where
staff's rights come from; the role alone gives none."""

STAFF_NAME_MAX = 40  # characters of the name given at ``/invite staff NAME``


@dataclass(frozen=True)
class Arrival:
    """What a plain /start says, and whether the address question follows."""

    welcome: Text
    ask_address: bool
    # The district's welcome (its staff, nothing of this community's own): the district's
    # message, never labelled with this community's name.
    district: bool = False


class Onboarding:
    """The use cases of /start, the address question, /invite, /help and /language."""

    def __init__(
        self,
        people: People,
        audit: Audit,
        community: Community,
        texts: PeopleTexts,
        enrolled_name: ElderName,
        deep_link: DeepLink,
        join_staff: StaffJoin,
    ) -> None:
        self.people = people
        self.texts = texts
        self._audit = audit
        self._community = community
        self._enrolled_name = enrolled_name
        self._deep_link = deep_link
        self._join_staff = join_staff

    async def arrive(self, tx: Tx, person: Person) -> Arrival:
        """Someone opened the bot: anyone without another role is a resident. What to welcome
        them with: a provider member's or housekeeper's own welcome, or the resident's (and
        then whether to ask for the address: a resident who has not given one)."""
        roles = await self.people.roles(tx, person.id)
        if not any(role != "resident" for role, _ in roles):
            await self.people.grant(tx, person.id, "resident")
            roles = await self.people.roles(tx, person.id)
        workers = self.texts.worker_welcome(person.name, roles, person.telegram_id)
        if workers is not None:
            district = self.texts.district_only(roles, person.telegram_id)
            return Arrival(workers, ask_address=False, district=district)
        wants = ("resident", "") in roles and not await self.people.address(tx, person.id)
        return Arrival(self.texts.welcome(person.name), ask_address=wants)

    async def ask_address(self, tx: Tx, person: Person) -> Card:
        """Wait for the address as the person's next free text; the question to send."""
        await self.people.expect(tx, person.id, Pending.ADDRESS)
        return self.texts.ask_address()

    async def save_address(self, tx: Tx, person: Person, address: Address) -> Text:
        """Store the address the resident typed (audited without the address itself)."""
        await self.people.set_address(tx, person.id, address)
        await self.people.done_expecting(tx, person.id)
        await self._audit.record(tx, f"person:{person.id}", "address_set", f"person:{person.id}")
        return self.texts.address_saved(address)

    async def address_later(self, tx: Tx, person: Person) -> bool:
        """The resident would rather give the address when they first book: the welcome's
        question is dropped. Only that question: an old 稍后再说 pressed later (the address
        given since, a booking's step asked now) changes nothing (False)."""
        pending = await self.people.expecting(tx, person.id)
        if pending is None or pending[0] != Pending.ADDRESS:
            return False
        await self.people.done_expecting(tx, person.id)
        return True

    async def redeem(self, tx: Tx, token: str, person: Person) -> Text:
        """Use an invite link: the role is granted once, the join audited. A staff invite puts
        the person on the setup's staff list (what the console, the staff commands and the
        alerts read), unless they lost the role since (revoked: opening the old link again
        gives nothing back); they are welcomed as staff, with their commands."""
        outcome, invite = await self.people.redeem_invite(tx, token, person)
        if outcome != "ok" or invite is None:
            return self.texts.invite_refused(outcome)
        staff = invite.role == "staff"
        if staff and not await self.people.has_role(tx, person.id, "staff"):
            if await self.people.is_revoked(tx, person.telegram_id):
                return T("onboarding.revoked")
            return self.texts.invite_refused("used")
        await self._audit.record(
            tx, f"person:{person.id}", "joined", f"{invite.role}:{invite.ref}", role=invite.role
        )
        if staff:
            name = invite.ref or person.name  # the name staff gave at /invite staff NAME
            await self._join_staff(tx, f"person:{person.id}", person, name)
            if name != person.name:
                await self.people.rename(tx, person.id, name)
            return self.texts.staff_welcome(name, person.telegram_id)
        return self.texts.joined(invite.role, await self._ref_name(tx, invite.role, invite.ref))

    async def invite(self, tx: Tx, staff: Person, role_word: str, ref: str) -> Card:
        """Staff: a one-time join link for a known ref, valid for the community's invite TTL."""
        role = next((r for r in INVITABLE if r == role_word.lower()), None)
        if role is None or not await self._valid_ref(tx, role, ref):
            return self.texts.invite_usage(), None
        ttl = self._community.policy.invite_ttl
        created = await self.people.create_invite(tx, role, ref, staff.id, ttl)
        await self._audit.record(tx, f"person:{staff.id}", "invite_created", f"{role}:{ref}")
        what = await self._ref_name(tx, role, ref)
        return self.texts.invite_created(role, what, self._deep_link(created.token))

    async def _valid_ref(self, tx: Tx, role: Role, ref: str) -> bool:
        """A known housekeeper or provider, an elder in the file or enrolled by staff, or for
        staff the newcomer's name (or none: then their Telegram name)."""
        community = self._community
        if role in ("elder", "family"):
            return (
                community.elder(ref) is not None or await self._enrolled_name(tx, ref) is not None
            )
        return {
            "housekeeper": community.housekeeper(ref) is not None,
            "provider": community.provider(ref) is not None,
            "staff": len(ref) <= STAFF_NAME_MAX,  # the newcomer's name, or none
        }[role]

    async def _ref_name(self, tx: Tx, role: str, ref: str) -> Any:
        """The name of what an invite is about: a housekeeper, a provider (both languages), or
        an elder (the file's or one staff enrolled with /enroll)."""
        community = self._community
        if role == "housekeeper" and (keeper := community.housekeeper(ref)):
            return keeper.name
        if role == "provider" and (provider := community.provider(ref)):
            return both(provider.name_zh, provider.name_en)
        if role in ("elder", "family"):
            elder = community.elder(ref)
            return elder.name if elder else await self._enrolled_name(tx, ref) or ref
        if role == "staff":  # staff of the community itself
            return both(community.community.name_zh, community.community.name_en)
        return ref

    async def help(self, tx: Tx, person: Person, *, private: bool) -> Text:
        """What the bot does here: in a group, in general; in private, by the roles held."""
        if not private:
            return T("help.group")
        return self.texts.help(role for role, _ in await self.people.roles(tx, person.id))

    async def language(self, tx: Tx, person: Person, wanted: str) -> Card:
        """`/language en` switches at once; anything else offers the languages as buttons."""
        code = _language(wanted.lower()[:2])
        if code is None:
            return self.texts.choose_language()
        await self.people.set_language(tx, person.id, code)
        return T("language.set"), None

    async def language_chosen(self, tx: Tx, person: Person, code: str) -> Lang | None:
        """A language button: the language now in use, or None for a forged or stale code."""
        lang = _language(code)
        if lang is not None:
            await self.people.set_language(tx, person.id, lang)
        return lang


def _language(code: str) -> Lang | None:
    """The language this code names, if the bot speaks it."""
    return next((lang for lang in LANGUAGES if lang == code), None)
