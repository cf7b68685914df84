"""People's use cases: first contact, roles (staff from the file, others only by invite),
addresses, the question the bot waits for someone to answer, and invite links.

Staff come from the community file. Everyone else becomes known on their first private
message; roles other than resident are granted only through one-time invite links that staff
create, so nobody can make themselves a housekeeper or a family member.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta
from typing import Any, Literal

from bot.clock import Clock
from bot.config import Community
from bot.domain.people.contract import new_invite_token
from bot.domain.people.language import followed_language
from bot.domain.people.model import Address, Invite, Person, Redeem, Role, redeem
from bot.domain.people.repo import PeopleRepo
from bot.i18n import DEFAULT_LANG, Lang
from bot.storage import Tx

CARE_ROLES: tuple[Role, ...] = ("elder", "family")
WORKING_ROLES: tuple[Role, ...] = ("staff", "housekeeper", "provider", "family")  # revocable


class People:
    """Named operations on people, roles, addresses, invites and pending input."""

    def __init__(self, community: Community, clock: Clock, repo: PeopleRepo | None = None) -> None:
        self._community = community
        self._clock = clock
        self._repo = repo or PeopleRepo()
        self._prelinked = community.prelinked()
        # Telegram ids of elders and their family, as committed (None until read): whose
        # private messages the check-ins read, asked about every private message. Telegram ids
        # staff revoked, likewise: asked before every send and every button press. Both kept
        # in memory on SQLite only (one process writes); see :meth:`is_revoked`.
        self._in_care: set[int] | None = None
        self._revoked: set[int] | None = None

    async def get(self, tx: Tx, telegram_id: int) -> Person | None:
        """The person with this Telegram id, if known."""
        return await self._repo.by_telegram(tx, telegram_id)

    async def reachable(self, tx: Tx, telegram_id: int) -> Person | None:
        """The person with this Telegram id when they opened a private chat with the bot
        (the bot can write to them there); None otherwise."""
        found = await self._repo.contact(tx, telegram_id)
        return found[0] if found is not None and found[1] else None

    async def by_id(self, tx: Tx, person_id: int) -> Person | None:
        """The person with this internal id, if known."""
        return await self._repo.by_id(tx, person_id)

    async def ensure(
        self,
        tx: Tx,
        telegram_id: int,
        name: str,
        language: Lang = DEFAULT_LANG,
        *,
        private: bool = True,
    ) -> tuple[Person, bool]:
        """The person, created on first contact; returns (person, created).

        ``private``: the contact came in a private chat, so the bot can write to them (someone
        known only from a group cannot be alerted, and must never count as told). Staff are
        named as staff named them (``district.toml``, the community file, the name given at
        ``/invite staff``), their Telegram name only when none was given.
        """
        named = self._community.staff_member(telegram_id)
        name = named.name if named is not None and named.name else name
        found = await self._repo.contact(tx, telegram_id)
        if found is not None:
            # Written only when something changed: most updates come from someone known.
            existing, reachable = found
            if existing.name != name and name:
                await self._repo.rename(tx, existing.id, name)
            if private and not reachable:
                await self._repo.opened_private_chat(tx, existing.id, self._clock.now())
            await self._grant_prelinked(tx, existing)
            return existing, False
        await self._repo.add(tx, telegram_id, name, language, self._clock.now(), private)
        person = await self.get(tx, telegram_id)
        assert person is not None
        if telegram_id in self._community.staff_ids():
            await self.grant(tx, person.id, "staff")
        await self._grant_prelinked(tx, person)
        return person, True

    async def follow_writing(
        self, tx: Tx, person: Person, text: str, app: Lang | None = None
    ) -> Person:
        """They wrote `text`: unless they chose a language with /language, the bot writes to
        them from now on in the language their words clearly show (an English sentence from
        someone whose Telegram is in Chinese gets English in private too; with `app`, their
        Telegram language, in English, a short "ok" does); the person as now."""
        lang = followed_language(text, app)
        if lang is None or person.language_set or lang == person.language:
            return person
        await self._repo.follow_language(tx, person.id, lang)
        return replace(person, language=lang)

    async def _grant_prelinked(self, tx: Tx, person: Person) -> None:
        """Roles the community file gives this Telegram id (added to the file at any time)."""
        linked = self._prelinked.get(person.telegram_id, ())
        if not linked:
            return
        held = await self._repo.roles(tx, person.id)
        for role, ref in linked:
            if (role, ref) not in held:
                await self.grant(tx, person.id, role, ref)

    async def _revocations(self, tx: Tx) -> set[int]:
        if tx.postgres:  # shared: read once per transaction (the table holds only the revoked)
            return await tx.once("revoked", lambda: self._repo.revoked(tx))
        if self._revoked is None:
            self._revoked = await self._repo.revoked(tx)
        return self._revoked

    def _forget_revocations(self, tx: Tx) -> None:
        """This transaction changed the revocations: read them again, now and after it."""
        self._revoked = None
        tx.reread("revoked")
        tx.at_end(self._forget_revoked)

    def _forget_revoked(self) -> None:
        self._revoked = None

    async def is_revoked(self, tx: Tx, telegram_id: int) -> bool:
        """Whether staff revoked this person (and no working role was given back since): the
        outbox queues nothing for them and their buttons change nothing. On PostgreSQL another
        instance may have revoked them a moment ago, so the revocations are read in each
        transaction that asks (once), never kept from an earlier one."""
        return telegram_id in await self._revocations(tx)

    async def everyone_holding(
        self, tx: Tx, roles: tuple[Role, ...]
    ) -> list[tuple[Person, str, str]]:
        """(person, role, ref) for everyone holding these roles (the console's People page)."""
        return await self._repo.everyone_holding(tx, roles)

    async def rename(self, tx: Tx, person_id: int, name: str) -> None:
        """Staff named this person (a staff invite's name): what staff read from now on."""
        await self._repo.rename(tx, person_id, name)

    async def set_language(self, tx: Tx, person_id: int, language: Lang) -> None:
        """Remember the person's chosen language."""
        await self._repo.set_language(tx, person_id, language)

    async def grant(self, tx: Tx, person_id: int, role: Role, ref: str = "") -> None:
        """Give a role (idempotent). A working role given again (a new invite redeemed, or
        staff putting the person back in the setup) ends a revocation."""
        granted = await self._repo.grant(tx, person_id, role, ref)
        if granted and role in CARE_ROLES:
            self._in_care = None
            tx.at_end(self._forget_care)
        if granted and role in WORKING_ROLES and await self._repo.unmark_revoked(tx, person_id):
            self._forget_revocations(tx)

    def _forget_care(self) -> None:
        self._in_care = None

    def setup_changed(self) -> None:
        """The live setup changed (staff edited it): read who is pre-linked again."""
        self._prelinked = self._community.prelinked()
        self._in_care = None

    async def revoke(self, tx: Tx, telegram_id: int) -> None:
        """Take every working role away from this Telegram user (staff revoked them) and
        remember it: from this transaction on, nothing is queued for them and their buttons
        change nothing, whichever feature wrote to them before (see :meth:`is_revoked`)."""
        await self._repo.mark_revoked(tx, telegram_id, self._clock.now())
        self._forget_revocations(tx)
        person = await self._repo.by_telegram(tx, telegram_id)
        if person is not None:
            held = [(r, ref) for r, ref in await self._repo.roles(tx, person.id)]
            working = [(r, ref) for r, ref in held if r in WORKING_ROLES]
            await self._repo.mark_roles_revoked(tx, telegram_id, working, self._clock.now())
        if person is not None and await self._repo.revoke(tx, person.id, WORKING_ROLES):
            self._in_care = None
            tx.at_end(self._forget_care)

    async def in_care(self, tx: Tx, telegram_id: int) -> bool:
        """Whether this person is an elder or family of one: the people whose private
        messages the check-ins read (a sign of life, a trip). Kept in memory once read on
        SQLite; asked of the database on PostgreSQL (another instance may enrol her)."""
        if tx.postgres:
            return await self._repo.holds_any(tx, telegram_id, CARE_ROLES)
        if self._in_care is None:
            self._in_care = await self._repo.holding(tx, CARE_ROLES)
        return telegram_id in self._in_care

    async def role_revoked(self, tx: Tx, role: Role, ref: str) -> bool:
        """Whether staff revoked someone who held this role and ref (so nobody holding it now
        reads as "revoked", not as "has not joined yet")."""
        return await self._repo.role_revoked(tx, role, ref)

    async def roles(self, tx: Tx, person_id: int) -> set[tuple[str, str]]:
        """Every (role, ref) the person holds."""
        return await self._repo.roles(tx, person_id)

    async def has_role(self, tx: Tx, person_id: int, role: Role, ref: str | None = None) -> bool:
        """Whether the person holds a role (for a given ref, or any)."""
        held = await self._repo.roles(tx, person_id)
        return any(r == role and (ref is None or f == ref) for r, f in held)

    async def is_staff(self, tx: Tx, telegram_id: int) -> bool:
        """Whether this Telegram user is community staff (and was not revoked: on PostgreSQL
        another instance's revocation is seen at once, before its setup change is)."""
        if telegram_id not in self._community.staff_ids():
            return False
        return not await self.is_revoked(tx, telegram_id)

    async def holders(self, tx: Tx, role: Role, ref: str = "") -> list[Person]:
        """Everyone holding a role for a ref (e.g. the members of a provider)."""
        return await self._repo.holders(tx, role, ref)

    async def active_refs(self, tx: Tx, role: Role, refs: Sequence[str]) -> set[str]:
        """The refs among these for which someone holds the role, can be written to in
        private and was not revoked (e.g. the providers someone works for): one query."""
        revoked = await self._revocations(tx)
        return {
            ref for ref, tid in await self._repo.holder_ids(tx, role, refs) if tid not in revoked
        }

    async def staff(self, tx: Tx) -> list[Person]:
        """Staff to alert, who have opened a private chat with the bot (only they can be
        alerted): the community's own; in a district, its staff too when ``district.toml``
        says every alert, or when none of the community's own can be reached (an alert always
        reaches a person)."""
        own, district = self._community.alert_staff_ids()
        reached = await self._repo.by_telegram_ids(tx, sorted(own))
        if reached or not district:
            return reached
        return await self._repo.by_telegram_ids(tx, sorted(district))

    async def all_staff(self, tx: Tx) -> list[Person]:
        """Every staff member who has opened a private chat with the bot, the district's
        included: told of an emergency nobody took in time, and listed in the console."""
        return await self._repo.by_telegram_ids(tx, sorted(self._community.staff_ids()))

    # -- addresses -------------------------------------------------------------------------

    async def address(self, tx: Tx, person_id: int) -> Address | None:
        """The resident's stored address."""
        return await self._repo.address(tx, person_id)

    async def set_address(self, tx: Tx, person_id: int, address: Address) -> None:
        """Store (or replace) the resident's address."""
        await self._repo.set_address(tx, person_id, address)

    # -- pending input ---------------------------------------------------------------------

    async def expect(self, tx: Tx, person_id: int, kind: str, **data: Any) -> None:
        """Remember that the next free text from this person answers a question of `kind`."""
        await self._repo.expect(tx, person_id, kind, data)

    async def expecting(self, tx: Tx, person_id: int) -> tuple[str, dict[str, Any]] | None:
        """What the bot is waiting for this person to type, if anything."""
        return await self._repo.expecting(tx, person_id)

    async def done_expecting(self, tx: Tx, person_id: int) -> None:
        """Forget the pending question."""
        await self._repo.done_expecting(tx, person_id)

    # -- invites ---------------------------------------------------------------------------

    async def create_invite(
        self, tx: Tx, role: Role, ref: str, created_by: int, ttl: timedelta
    ) -> Invite:
        """A fresh one-time invite token for a role."""
        invite = Invite(new_invite_token(), role, ref)
        now = self._clock.now()
        await self._repo.add_invite(tx, invite, created_by, now, now + ttl)
        return invite

    async def redeem_invite(
        self, tx: Tx, token: str, person: Person
    ) -> tuple[Literal["ok", "unknown", "used", "expired"], Invite | None]:
        """Use an invite once: grants its role to the person."""
        found = await self._repo.invite(tx, token)
        if found is None:
            return "unknown", None
        invite, used_by, expires = found
        now = self._clock.now()
        outcome = redeem(used_by, person.id, expires, now)
        if outcome is Redeem.OK:
            if not await self._repo.use_invite(tx, token, person.id, now):
                return "used", invite
            # A staff invite's ref is the name staff gave the newcomer, not a ref of the role.
            ref = "" if invite.role == "staff" else invite.ref
            await self.grant(tx, person.id, invite.role, ref)
        if outcome in (Redeem.OK, Redeem.AGAIN):
            return "ok", invite
        return ("used" if outcome is Redeem.USED else "expired"), invite
