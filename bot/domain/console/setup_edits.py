"""The console's setup edits: staff, housekeepers, elders and recurring notices added or
changed from a form, through the setup service (validated as a whole, audited with the staff
member before/after, in place for the next message without a restart); one-off notices
scheduled as ``/notice`` schedules them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.config import Community
from bot.domain.console.forms import (
    FormProblem,
    elder_entry,
    housekeeper_entry,
    notice_entry,
    staff_entry,
)
from bot.domain.notices import Notices
from bot.domain.notices.model import TimeProblem
from bot.domain.people import Person
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
    ) -> FormProblem | str | None:
        """Add or replace an entry: None when done, a form problem, or the setup's own reason
        (a whole setup that would not be valid)."""
        if section not in KEYS:
            return FormProblem.KEY
        current = await self._current(tx, section, fields)
        entry: dict[str, Any] | FormProblem
        if section == "staff":
            entry = staff_entry(fields)
        elif section == "housekeepers":
            entry = housekeeper_entry(fields, current)
        elif section == "elders":
            keepers = {h.key for h in self.community.housekeepers}
            entry = elder_entry(fields, keepers, current)
        else:
            entry = notice_entry(fields)
        if isinstance(entry, FormProblem):
            return entry
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

    async def schedule_once(self, tx: Tx, by: Person, when: str, text: str) -> bool:
        """A one-off notice at the time the words give (as ``/notice`` reads them)."""
        if not text.strip():
            return False
        found = await self.notices.schedule(tx, when, text.strip()[:1000], by)
        return not isinstance(found, TimeProblem)
