"""Revoking a person from the console: what will happen (shown before staff confirm), the
refusals of the pure core (never oneself, never the last staff member), and a leaving grid
worker's elders handed to another grid worker of their building, or staff told when nobody
covers it. The revocation itself is the setup's (``setup.revoke``): out of every working
role, nothing more sent, their buttons and links dead at once."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import suppress
from dataclasses import dataclass, field

from bot.config import Community
from bot.domain.console.model import GridElder, RevokeRefusal, new_grid_workers, revoke_refusal
from bot.domain.people import People, Person, parse_address
from bot.domain.people.service import WORKING_ROLES
from bot.domain.setup import Setup, SetupError
from bot.i18n import T
from bot.outbox import Outbox
from bot.storage import Tx


@dataclass(frozen=True)
class RevokePlan:
    """What revoking someone will do, for the confirmation page (names only, no address)."""

    person: Person
    roles: list[tuple[str, str]]  # (role, ref) they hold now
    refusal: RevokeRefusal | None
    # elder name -> the grid worker (name) who takes them over, None: nobody, staff told
    elders: dict[str, str | None] = field(default_factory=dict)
    # the open jobs they hold (id, service, status): taken from them and moved on
    jobs: list[tuple[int, str, str]] = field(default_factory=list)
    # on the file's emergency duty list (`[emergency] on_duty`), which the console does not
    # edit: their housekeeper entry stays (marked, reaching nobody) until the file drops them
    on_duty: bool = False
    # elder name -> a grid worker of their building in the setup who has not sent /start yet
    # (nobody to hand them to until they join: the page names them, not "no other")
    not_joined: dict[str, str] = field(default_factory=dict)


class Revoking:
    """The console's revocation use cases."""

    def __init__(self, community: Community, people: People, setup: Setup, outbox: Outbox | None):
        self.community = community
        self.people = people
        self.setup = setup
        # Other features' messages to take back from a revoked person (their incident alerts).
        self.on_revoke: list[Callable[[Tx, Person], Awaitable[object]]] = []
        self.outbox = outbox

    async def _covers(self, tx: Tx) -> dict[str, set[str]]:
        """The housekeepers somebody works as now (a Telegram id in the setup or a role)."""
        out: dict[str, set[str]] = {}
        for keeper in self.community.housekeepers:
            if keeper.telegram_id is not None or await self.people.holders(
                tx, "housekeeper", keeper.key
            ):
                out[keeper.key] = set(keeper.buildings)
        return out

    async def _reassign(self, tx: Tx, keys: set[str]) -> dict[str, dict[str, str | None]]:
        """For each grid-worker key the person holds: each of its elders -> the new key."""
        address = {e.key: parse_address(e.address) for e in self.community.elders}
        elders = [
            GridElder(e.key, a.building if (a := address[e.key]) else None, e.grid_worker)
            for e in self.community.elders
        ]
        covers = await self._covers(tx)
        return {key: new_grid_workers(elders, covers, key) for key in sorted(keys)}

    async def revocable(self, tx: Tx, person: Person) -> bool:
        """Whether this person holds a working role here (the file's or the district's staff,
        or a housekeeper, provider or family role in this store): only then may this community
        revoke them. A plain resident, or someone known here only for having written once (say
        another community's staff), has nothing to revoke: revoking takes a role's powers
        away, never resident services, and another community's people are not this one's."""
        c = self.community
        if person.telegram_id in c.staff_ids() | c.district_staff_ids():
            return True
        return any(role in WORKING_ROLES for role, _ in await self.people.roles(tx, person.id))

    async def plan(self, tx: Tx, by: Person, person: Person) -> RevokePlan:
        """What revoking ``person`` will do, or why it is refused."""
        roles = sorted(await self.people.roles(tx, person.id))
        if person.telegram_id in self.community.staff_ids() and ("staff", "") not in roles:
            roles.insert(0, ("staff", ""))  # listed in the file; once, if also granted
        refusal = revoke_refusal(
            person.telegram_id,
            by.telegram_id,
            self.community.staff_ids(),
            self.community.district_staff_ids(),
        )
        keys = {ref for role, ref in roles if role == "housekeeper"}
        names = {h.key: h.name for h in self.community.housekeepers}
        elder_names = {e.key: e.name for e in self.community.elders}
        elders: dict[str, str | None] = {}
        for moves in (await self._reassign(tx, keys)).values():
            for elder, new in moves.items():
                elders[elder_names[elder]] = names.get(new) if new else None
        duty = bool(keys & set(self.community.emergency.on_duty))
        waiting = self._not_joined(keys, {n for n, new in elders.items() if new is None})
        return RevokePlan(person, roles, refusal, elders, on_duty=duty, not_joined=waiting)

    def _not_joined(self, keys: set[str], orphans: set[str]) -> dict[str, str]:
        """For each elder (by name) left with nobody: a grid worker of their building in the
        setup other than ``keys`` (so one who has not joined, or they would have been chosen)."""
        out: dict[str, str] = {}
        for elder in self.community.elders:
            found = parse_address(elder.address)
            if elder.name not in orphans or found is None:
                continue
            for keeper in self.community.housekeepers:
                if keeper.key not in keys and found.building in keeper.buildings:
                    out.setdefault(elder.name, keeper.name)
        return out

    async def revoke(self, tx: Tx, by: Person, person: Person) -> RevokeRefusal | None:
        """Revoke (None) or say why not. A grid worker's elders go to another grid worker of
        their building first; when every elder found one the housekeeper entry goes too (left
        out of ``concierge export``), else it stays without anyone and staff are told."""
        refusal = revoke_refusal(
            person.telegram_id,
            by.telegram_id,
            self.community.staff_ids(),
            self.community.district_staff_ids(),
        )
        if refusal is not None:
            return refusal
        actor = f"person:{by.id}"
        keys = {
            ref for role, ref in await self.people.roles(tx, person.id) if role == "housekeeper"
        }
        moves = await self._reassign(tx, keys)
        entries = {e["key"]: e for e in (await self.setup.sections(tx))["elders"]}
        for found in moves.values():
            for elder, new in found.items():
                if new is not None:
                    await self.setup.put(
                        tx, actor, "elders", {**entries[elder], "grid_worker": new}
                    )
        await self.setup.revoke(tx, actor, person.telegram_id)
        for key, found in moves.items():
            orphans = sorted(elder for elder, new in found.items() if new is None)
            if orphans:
                await self._tell_staff(tx, person, key, orphans)
                continue
            # Something the console does not edit (the file's emergency on_duty list) may still
            # name it: then the entry stays, without anyone (nothing reaches a revoked person).
            with suppress(SetupError):
                await self.setup.remove(tx, actor, "housekeepers", key)
        for withdraw in self.on_revoke:
            await withdraw(tx, person)
        return None

    async def _tell_staff(self, tx: Tx, gone: Person, key: str, orphans: list[str]) -> None:
        """Staff are told which elders have no grid worker now (names only)."""
        if self.outbox is None:
            return
        names = {e.key: e.name for e in self.community.elders}
        keeper = next((h.name for h in self.community.housekeepers if h.key == key), key)
        text = T(
            "console.grid_orphans", keeper=keeper, elders="、".join(names[o] for o in orphans)
        )
        for staff in await self.people.staff(tx):
            await self.outbox.send(
                tx, staff.telegram_id, text, key=f"revoke:{gone.id}:{key}:{staff.id}"
            )
