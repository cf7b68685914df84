"""The setup service: staff change the community's setup while the bot runs, each change
validated as a whole, stored, audited (who, when, before, after), and applied to the next
message without a restart.

Every service of the bot reads the one :class:`~bot.config.Community` it was built with; this
service owns that instance's setup sections. A committed change marks the copy stale
(``tx.at_end``); the next update's transaction (:meth:`Setup.refresh`) and the scheduler's tick
(:meth:`Setup.check`, which also sees a change another process such as ``concierge import``
committed) read the setup back from the database and put it in place, then tell the caches
built from it (who is pre-linked to which role) to forget.

For the console, each use case takes the caller's transaction and an ``actor`` (the audit's
"who", e.g. ``person:12``): ``set_price``, ``remove_offer``, ``put`` (add or replace a staff
member, housekeeper, provider, elder or notice), ``remove``, ``set_buildings``,
``set_checkin_times``, ``revoke``. Provider suspension was already in the database: the
bookings' ``providers.suspend`` (audited, immediate).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from bot.audit import Audit
from bot.config import Community
from bot.domain.people import People, Person
from bot.domain.setup import edits
from bot.domain.setup.edits import Edit
from bot.domain.setup.model import (
    SECTIONS,
    Difference,
    Sections,
    differences,
    sections_of,
    with_sections,
)
from bot.domain.setup.repo import SetupRepo
from bot.outbox import Outbox
from bot.storage import Tx

_LOGGER = logging.getLogger(__name__)


class Setup:
    """The editable setup, kept in the database and mirrored into the live community."""

    def __init__(
        self,
        live: Community,
        audit: Audit,
        people: People,
        outbox: Outbox,
        repo: SetupRepo | None = None,
    ) -> None:
        self._live = live
        self._audit = audit
        self._people = people
        self._outbox = outbox
        self._repo = repo or SetupRepo()
        self._version = -1  # not read yet
        self._stale = True
        self._listeners: list[Callable[[], None]] = []

    def on_change(self, forget: Callable[[], None]) -> None:
        """Call ``forget`` whenever a new setup is put in place (a cache built from it)."""
        self._listeners.append(forget)

    @property
    def community(self) -> Community:
        """The live community (the setup as last read from the database)."""
        return self._live

    async def load(self, tx: Tx) -> list[Difference]:
        """At start: seed a new database from the community file, else put the stored setup in
        place; return how the file differs from it (``concierge import`` applies that)."""
        stored = await self._repo.sections(tx)
        from_file = sections_of(self._live)
        if not stored:
            for section in SECTIONS:
                await self._repo.save(tx, section, from_file[section])
            await self._audit.record(tx, "file", "setup_seeded", "setup")
        await self._adopt(tx)
        return differences(await self._repo.sections(tx), from_file)

    async def refresh(self, tx: Tx) -> None:
        """Before an update: put a setup changed in this process in place (no query if none)."""
        if self._stale:
            await self._adopt(tx)

    async def check(self, tx: Tx) -> None:
        """On the tick: also notice a change another process committed."""
        if self._stale or await self._repo.version(tx) != self._version:
            await self._adopt(tx)

    async def _adopt(self, tx: Tx) -> None:
        stored = await self._repo.sections(tx)
        if stored:
            fresh = with_sections(self._live, stored)
            for section in SECTIONS:
                object.__setattr__(self._live, section, getattr(fresh, section))
        self._version = await self._repo.version(tx)
        self._stale = False
        for forget in self._listeners:
            forget()

    async def sections(self, tx: Tx) -> Sections:
        """The stored setup, as plain values (what ``export`` writes and ``import`` compares)."""
        return await self._repo.sections(tx)

    async def apply(self, tx: Tx, actor: str, action: str, edit: Edit) -> None:
        """Validate an edited setup as a whole, store what changed and audit it; it is in
        place for the next update once this transaction commits."""
        await self._store(tx, edit.sections)
        await self._audit.record(
            tx, actor, action, f"setup:{edit.subject}", before=edit.before, after=edit.after
        )
        tx.at_end(self._mark_stale)

    async def _store(self, tx: Tx, sections: Sections) -> None:
        """Validate a whole setup (SetupError for staff to read) and store the sections that
        changed, in their canonical form (every field, defaults included: an entry added with
        few fields compares equal to the same entry read back from an exported file)."""
        canonical = sections_of(with_sections(self._live, sections))
        current = await self._repo.sections(tx)
        for section in SECTIONS:
            if canonical[section] != current.get(section):
                await self._repo.save(tx, section, canonical[section])

    def _mark_stale(self) -> None:
        self._stale = True

    # -- use cases (each one transaction's worth, called by the console or a command) ------

    async def set_price(
        self,
        tx: Tx,
        actor: str,
        service_id: str,
        provider_id: str,
        price: float,
        market_price: float | None = None,
    ) -> None:
        """A provider's price for a service (added as a new offer if it had none)."""
        current = await self._repo.sections(tx)
        edit = edits.set_offer(current, provider_id, service_id, price, market_price)
        await self.apply(tx, actor, "setup_price", edit)

    async def remove_offer(self, tx: Tx, actor: str, service_id: str, provider_id: str) -> None:
        """The provider stops offering a service."""
        edit = edits.remove_offer(await self._repo.sections(tx), provider_id, service_id)
        await self.apply(tx, actor, "setup_offer_removed", edit)

    async def put(self, tx: Tx, actor: str, section: str, entry: dict[str, Any]) -> None:
        """Add or replace an entry of a section (plain values, as in the community file)."""
        edit = edits.put(await self._repo.sections(tx), section, entry)
        await self.apply(tx, actor, f"setup_{section}_put", edit)

    async def join_staff(self, tx: Tx, actor: str, person: Person, name: str = "") -> None:
        """Someone who opened a staff invite link becomes staff as the file's staff are: an
        entry of the setup's staff list (the root of trust the console, the staff commands and
        the alerts read), added once and taken out again by :meth:`revoke`. Named `name` (what
        staff wrote after ``/invite staff``), else by their Telegram name."""
        staff = (await self._repo.sections(tx)).get("staff", [])
        if any(entry["telegram_id"] == person.telegram_id for entry in staff):
            return
        entry = {
            "telegram_id": person.telegram_id,
            "name": name or person.name or str(person.telegram_id),
            "language": person.language,
        }
        await self.put(tx, actor, "staff", entry)

    async def remove(self, tx: Tx, actor: str, section: str, key: object) -> None:
        """Remove an entry of a section (by its key: id, key or Telegram id)."""
        edit = edits.remove(await self._repo.sections(tx), section, key)
        await self.apply(tx, actor, f"setup_{section}_removed", edit)

    async def set_buildings(self, tx: Tx, actor: str, key: str, buildings: list[str]) -> None:
        """The buildings a housekeeper covers."""
        edit = edits.set_buildings(await self._repo.sections(tx), key, buildings)
        await self.apply(tx, actor, "setup_buildings", edit)

    async def set_checkin_times(self, tx: Tx, actor: str, elder: str, times: list[str]) -> None:
        """An elder's daily check-in times (``HH:MM``); planned again at the next planning."""
        edit = edits.set_checkin_times(await self._repo.sections(tx), elder, times)
        await self.apply(tx, actor, "setup_checkin_times", edit)

    async def revoke(self, tx: Tx, actor: str, telegram_id: int) -> None:
        """Take a person out of every working role at once: out of the setup (so the file's
        pre-linking does not give it back), their roles gone (their buttons and links stop
        working), and what was still waiting to be sent to them withdrawn."""
        edit = edits.revoke(await self._repo.sections(tx), telegram_id)
        await self.apply(tx, actor, "setup_revoked", edit)
        await self._people.revoke(tx, telegram_id)
        await self._outbox.drop_pending(tx, telegram_id)

    async def replace(self, tx: Tx, actor: str, sections: Sections) -> list[Difference]:
        """Make the setup exactly ``sections`` (``concierge import``): one audit entry per
        entry added, removed or changed; return the differences applied."""
        sections = sections_of(with_sections(self._live, sections))
        found = differences(await self._repo.sections(tx), sections)
        if not found:
            return []
        await self._store(tx, sections)
        for change in found:
            subject = f"setup:{change.section}:{change.key}"
            before, after = edits.public(change.before), edits.public(change.after)
            await self._audit.record(
                tx, actor, "setup_imported", subject, before=before, after=after
            )
        tx.at_end(self._mark_stale)
        return found
