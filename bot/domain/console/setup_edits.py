"""The console's setup edits: staff, housekeepers, elders and recurring notices added or
changed from a form, through the setup service (validated as a whole, audited with the staff
member before/after, in place for the next message without a restart). One-off notices:
``notice_edits.py``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from bot.config import Community
from bot.domain.bookings import BookingService
from bot.domain.console.forms import (
    FormProblem,
    elder_entry,
    every_problem,
    housekeeper_entry,
    notice_entry,
    staff_entry,
)
from bot.domain.console.model import RevokeRefusal, Viewer
from bot.domain.console.notice_edits import NoticeEdits, NoticeOutcome
from bot.domain.console.staffing import RevokePlan, Revoking
from bot.domain.notices import Notices
from bot.domain.people import People, Person
from bot.domain.setup import Setup, SetupError
from bot.storage import Tx

KEYS = {"staff": "telegram_id", "housekeepers": "key", "elders": "key", "notices": "id"}


class SetupEdits:
    """Save a form's entry into a setup section, or say why not."""

    def __init__(self, community: Community, setup: Setup, notices: Notices) -> None:
        self.community = community
        self.setup = setup
        self.notices = notices

    async def save(
        self, tx: Tx, by: Person, section: str, fields: Mapping[str, str]
    ) -> dict[str, FormProblem] | str | None:
        """Add or replace an entry: None when done, every refused field and why, or the setup's
        own reason (a whole setup that would not be valid)."""
        if section not in KEYS:
            return {"": FormProblem.KEY}
        current = await self._current(tx, section, fields)
        keepers = {h.key for h in self.community.housekeepers}
        # the name staff see on People (张管家) names the grid worker as well as the key
        names = {h.name: h.key for h in self.community.housekeepers}
        known = self.community.building_ids()

        def build(typed: Mapping[str, str]) -> dict[str, Any] | FormProblem:
            if section == "staff":
                return staff_entry(typed)
            if section == "housekeepers":
                return housekeeper_entry(typed, current, known)
            if section == "elders":
                grid = typed.get("grid_worker", "").strip()
                typed = {**typed, "grid_worker": names.get(grid, grid)}
                return elder_entry(typed, keepers, current, known)
            return notice_entry(typed)

        entry = build(fields)
        if isinstance(entry, FormProblem):
            home = known[0] if known else "1"
            good = {"grid_worker": next(iter(keepers), ""), "buildings": home}
            good["address"] = f"{home}-1-101"
            return every_problem(section, fields, build, good)
        try:
            await self.setup.put(tx, f"person:{by.id}", section, entry)
        except SetupError as error:
            return str(error)
        return None

    async def _current(
        self, tx: Tx, section: str, fields: Mapping[str, str]
    ) -> dict[str, Any] | None:
        key = KEYS[section]
        wanted = fields.get(key, "").strip()
        for entry in (await self.setup.sections(tx)).get(section, []):
            if str(entry.get(key)) == wanted:
                return dict(entry)
        return None

    async def entry(self, tx: Tx, section: str, key: str) -> dict[str, Any] | None:
        """An entry as stored (for an edit form)."""
        return await self._current(tx, section, {KEYS.get(section, "id"): key})

    async def remove_notice(self, tx: Tx, by: Person, notice_id: str) -> bool:
        """A recurring notice is not posted any more."""
        try:
            await self.setup.remove(tx, f"person:{by.id}", "notices", notice_id)
        except SetupError:
            return False
        return True


class Editing:
    """The console's setup-editing use cases (mixed into :class:`Console`): each checks the
    viewer is staff, then goes through :class:`SetupEdits` (or :class:`Revoking`)."""

    edits: SetupEdits
    notice_edits: NoticeEdits
    revoking: Revoking
    people: People
    bookings: BookingService
    community: Community

    async def _staff(self, tx: Tx, viewer: Viewer) -> Person:
        raise NotImplementedError  # the Console's own

    async def save(
        self, tx: Tx, viewer: Viewer, section: str, fields: dict[str, str]
    ) -> dict[str, FormProblem] | str | None:
        """Add or change a staff member, housekeeper, elder or recurring notice (audited, in
        place for the next message): None when done, else why not."""
        return await self.edits.save(tx, await self._staff(tx, viewer), section, fields)

    async def entry(self, tx: Tx, viewer: Viewer, section: str, key: str) -> dict[str, Any] | None:
        """A setup entry as stored, for its edit form (staff only)."""
        await self._staff(tx, viewer)
        return await self.edits.entry(tx, section, key)

    async def remove_notice(self, tx: Tx, viewer: Viewer, notice_id: str) -> bool:
        """A recurring notice is not posted any more (audited)."""
        return await self.edits.remove_notice(tx, await self._staff(tx, viewer), notice_id)

    async def schedule_notice(
        self, tx: Tx, viewer: Viewer, when: str, text: str, ticked: Sequence[str], bound: set[int]
    ) -> dict[str, NoticeOutcome]:
        """A one-off notice, its time read as ``/notice`` reads it (``明天 18:00``), to the
        groups ticked (none: every bound group); else every problem by field."""
        by = await self._staff(tx, viewer)
        return await self.notice_edits.schedule(tx, by, when, text, ticked, bound)

    async def edit_notice(
        self, tx: Tx, viewer: Viewer, notice_id: int, when: str, text: str, seen: str = ""
    ) -> dict[str, NoticeOutcome]:
        """Change a scheduled one-off's text and time (audited; its deadline moves), unless it
        went out or someone changed it since the form showed ``seen``."""
        by = await self._staff(tx, viewer)
        return await self.notice_edits.edit(tx, by, notice_id, when, text, seen)

    async def cancel_notice(
        self, tx: Tx, viewer: Viewer, notice_id: int, seen: str = ""
    ) -> NoticeOutcome:
        """A scheduled notice is never posted; unless it went out, or changed since ``seen``."""
        by = await self._staff(tx, viewer)
        return await self.notice_edits.cancel(tx, by, notice_id, seen)

    async def revoked_keepers(self, tx: Tx) -> frozenset[str]:
        """Keys of housekeepers (grid workers) staff revoked and nobody holds now."""
        found = set()
        for keeper in self.community.housekeepers:
            if await self.people.holders(tx, "housekeeper", keeper.key):
                continue
            if await self.people.role_revoked(tx, "housekeeper", keeper.key):
                found.add(keeper.key)
        return frozenset(found)

    async def revoke_plan(self, tx: Tx, viewer: Viewer, person_id: int) -> RevokePlan | None:
        """What revoking this person will do (or why it is refused), for staff to confirm."""
        by = await self._staff(tx, viewer)
        person = await self.people.by_id(tx, person_id)
        if person is None or not await self.revoking.revocable(tx, person):
            return None  # nobody this community may revoke: not found
        plan = await self.revoking.plan(tx, by, person)
        held = await self.bookings.staffing.held_by(tx, person)
        return replace(plan, jobs=[(b.id, b.service, str(b.status)) for b in held])

    async def revoke(self, tx: Tx, viewer: Viewer, person_id: int) -> RevokeRefusal | None:
        """Revoke a person through the setup service: out of the setup and every working role,
        what waits for them withdrawn, nothing more sent, their buttons dead; a grid worker's
        elders handed over first. Why not (the pure core's refusals), or None when done."""
        by = await self._staff(tx, viewer)
        person = await self.people.by_id(tx, person_id)
        if person is None or not await self.revoking.revocable(tx, person):
            return RevokeRefusal.NOBODY  # (a resident, another community's: not found)
        refused = await self.revoking.revoke(tx, by, person)
        if refused is None:  # their jobs and offers are taken from them and move on
            await self.bookings.staffing.take_back(tx, person, by)
        return refused
