"""Inventory use cases: units from the community file, and staff adding, breaking, repairing
and retiring units (``/tools``).

Staff buttons carry the unit's version; a press made for an older state changes nothing,
because every change here is a compare-and-set on that version.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.audit import Audit
from bot.config import Community
from bot.domain.people import Person
from bot.domain.tools.contract import StaffAction
from bot.domain.tools.messages import ToolTexts
from bot.domain.tools.model import EndReason, Loan, Unit, UnitState, unit_next
from bot.domain.tools.notify import LoanNotifier
from bot.domain.tools.repo import ToolRepo
from bot.domain.tools.service import Reservations
from bot.storage import Tx

_AUDITED = {
    StaffAction.BREAK: "broken",
    StaffAction.REPAIR: "repaired",
    StaffAction.RETIRE: "retired",
}


class Stock:
    """The cabinet's units, as the file and staff shape them."""

    def __init__(
        self,
        community: Community,
        repo: ToolRepo,
        reservations: Reservations,
        notify: LoanNotifier,
        texts: ToolTexts,
        audit: Audit,
    ) -> None:
        self._community = community
        self._repo = repo
        self._reservations = reservations
        self._notify = notify
        self._texts = texts
        self._audit = audit

    async def sync(self, tx: Tx, now: datetime) -> None:
        """Planner: make sure every tool in the community file has its units (idempotent).

        Units are only ever added from the file; taking units away is staff's /tools retire,
        so a loan is never orphaned by an edited file.
        """
        for tool in self._community.tools:
            have = await self._repo.count_from_file(tx, tool.id)
            for _ in range(tool.units - have):
                await self._add(tx, tool.id, "file", "community_file")

    async def _add(self, tx: Tx, tool_id: str, source: str, actor: str) -> int:
        unit_id, seq = await self._repo.add_unit(tx, tool_id, source)
        await self._audit.record(tx, actor, "unit_added", f"tool:{unit_id}", tool=tool_id, seq=seq)
        return unit_id

    async def add_unit(self, tx: Tx, tool_id: str, actor: Person) -> Unit | None:
        """Staff: one more unit of a tool; a waiting resident gets it at once."""
        if self._community.tool(tool_id) is None:
            return None
        unit_id = await self._add(tx, tool_id, "staff", f"person:{actor.id}")
        await self._reservations.release(tx, unit_id)
        return await self._repo.unit(tx, unit_id)

    async def overview(self, tx: Tx) -> list[tuple[str, Sequence[Unit]]]:
        """Every tool of the file with its units."""
        return [(t.id, await self._repo.units(tx, t.id)) for t in self._community.tools]

    async def units(self, tx: Tx, tool_id: str) -> list[Unit] | None:
        """A tool's units, or None when the cabinet has no such tool."""
        if self._community.tool(tool_id) is None:
            return None
        return await self._repo.units(tx, tool_id)

    async def unit(self, tx: Tx, unit_id: int, version: int) -> Unit | None:
        """The unit a staff button or note was made for, if it has not changed since."""
        unit = await self._repo.unit(tx, unit_id)
        return unit if unit is not None and unit.version == version else None

    async def apply(
        self, tx: Tx, unit: Unit, action: StaffAction, actor: Person, note: str
    ) -> bool:
        """Staff: break, repair or retire a unit, if it is still as staff saw it."""
        to = unit_next(unit.state, action.event)
        held = await self._held(tx, unit) if action is StaffAction.BREAK else None
        if to is None or not await self._repo.move_unit(
            tx, unit.id, unit.state, to, version=unit.version, note=note
        ):
            return False
        done = _AUDITED[action]
        await self._audit.record(tx, f"person:{actor.id}", done, f"tool:{unit.id}", note=note)
        if held is not None:
            await self._reservations.end(tx, held, EndReason.BROKEN, f"person:{actor.id}")
            await self._rehome(tx, held)
        if to is UnitState.FREE:
            await self._reservations.release(tx, unit.id)
        return True

    async def _held(self, tx: Tx, unit: Unit) -> Loan | None:
        if unit.state is not UnitState.RESERVED:
            return None
        return await self._repo.active_loan_of_unit(tx, unit.id)

    async def _rehome(self, tx: Tx, held: Loan) -> None:
        """Give someone whose reserved unit broke another unit, or their place in the queue."""
        other = await self._repo.first_free(tx, held.tool_id)
        if other is not None and await self._reservations.take(tx, other, held.person_id, None):
            return
        await self._repo.rejoin_as_of(tx, held)
        await self._notify.borrower(tx, held, "requeued", self._texts.waitlist_kept(held.tool_id))
