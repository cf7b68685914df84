"""Which community someone last came to, and which last wrote to them.

Kept in each community's own store (``whereabouts``, migration 0031: a fact about that
community, so no store holds anything about another's people), and read across the
communities that know the person: so after a restart, or on another instance, someone known
in several is still routed where they were, not asked again. Within one run the order in
memory breaks a tie of equal times (a test's clock that does not move).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from bot.storage import Tx, whereabouts
from bot.storage.whereabouts import Moment

if TYPE_CHECKING:
    from bot.district.router import Member


Stamp = tuple[datetime, int]  # when, and the order noted in this run (0: before it)


class Whereabouts:
    """Notes and reads, in each community's store, when someone came there or was written to."""

    def __init__(self) -> None:
        self._order: dict[tuple[Moment, int, str], int] = {}  # (moment, person, community)
        self._count = 0

    def _noted(self, moment: Moment, member: Member, telegram_id: int) -> None:
        self._count += 1
        if len(self._order) > 100_000:  # only ties within a run need it: keep it bounded
            self._order.clear()
        self._order[(moment, telegram_id, member.name)] = self._count

    async def came(self, member: Member, telegram_id: int) -> None:
        """The person came to this community (its group, its link, its name): noted there, in
        a transaction of its own (the router runs before any transaction of the update)."""
        self._noted("came_at", member, telegram_id)
        rt = member.runtime
        async with rt.db.tx() as tx:
            await whereabouts.note(tx, telegram_id, "came_at", rt.clock.now())

    async def told(self, tx: Tx, member: Member, telegram_id: int) -> None:
        """This community writes to the person (noted in the transaction that queues it)."""
        self._noted("told_at", member, telegram_id)
        await whereabouts.note(tx, telegram_id, "told_at", member.runtime.clock.now())

    async def stamp(self, member: Member, telegram_id: int, moment: Moment) -> Stamp | None:
        """When the person last came to this community (or was written to from it), if ever."""
        async with member.runtime.db.read() as tx:
            at = await whereabouts.last(tx, telegram_id, moment)
        return None if at is None else (at, self._order.get((moment, telegram_id, member.name), 0))

    async def latest(
        self, members: Sequence[Member], telegram_id: int, moment: Moment
    ) -> Member | None:
        """Of these communities, the one the person came to (or was written to from) last."""
        best: tuple[Stamp, Member] | None = None
        for member in members:
            at = await self.stamp(member, telegram_id, moment)
            if at is not None and (best is None or at > best[0]):
                best = (at, member)
        return None if best is None else best[1]
