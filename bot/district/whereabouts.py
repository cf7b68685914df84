"""Which community someone last came to, and which last wrote to them.

Kept in each community's own store (``whereabouts``, migration 0031: a fact about that
community, so no store holds anything about another's people), and read across the
communities that know the person: so after a restart, or on another instance, someone known
in several is still routed where they were, not asked again. Within one run the order in
memory breaks a tie of equal times (a test's clock that does not move).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.storage import Tx, whereabouts
from bot.storage.whereabouts import Moment

if TYPE_CHECKING:
    from bot.district.router import Member


class Whereabouts:
    """Notes and reads, in each community's store, when someone came there or was written to."""

    def __init__(self) -> None:
        self._last: dict[Moment, dict[int, str]] = {"came_at": {}, "told_at": {}}

    async def came(self, member: Member, telegram_id: int) -> None:
        """The person came to this community (its group, its link, its name): noted there."""
        self._last["came_at"][telegram_id] = member.name
        rt = member.runtime
        async with rt.db.tx() as tx:
            await whereabouts.note(tx, telegram_id, "came_at", rt.clock.now())

    async def told(self, tx: Tx, member: Member, telegram_id: int) -> None:
        """This community writes to the person (noted in the transaction that queues it)."""
        self._last["told_at"][telegram_id] = member.name
        await whereabouts.note(tx, telegram_id, "told_at", member.runtime.clock.now())

    async def latest(
        self, members: Sequence[Member], telegram_id: int, moment: Moment
    ) -> Member | None:
        """Of these communities, the one the person came to (or was written to from) last."""
        remembered = self._last[moment].get(telegram_id)
        best: Member | None = None
        best_at = None
        for member in members:
            async with member.runtime.db.read() as tx:
                at = await whereabouts.last(tx, telegram_id, moment)
            if at is None:
                continue
            if best_at is None or at > best_at or (at == best_at and member.name == remembered):
                best, best_at = member, at
        return best
