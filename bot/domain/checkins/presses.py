"""Who may press a check-in's buttons: the check-in a press is for, or why it changes nothing.

The rules are pure (:func:`.signs.elder_refusal`, :func:`.signs.worker_refusal`); this reads
what they need: the check-in, whether the presser is its elder, whether they may confirm for
her (her grid worker, the housekeepers covering, staff).
"""

from __future__ import annotations

from bot.domain.checkins.model import Checkin
from bot.domain.checkins.reach import Reach
from bot.domain.checkins.repo import CheckinRepo
from bot.domain.checkins.signs import PressRefusal, elder_refusal, worker_refusal
from bot.domain.people import Person
from bot.storage import Tx


class Presses:
    """The check-in behind a press, checked against who pressed."""

    def __init__(self, repo: CheckinRepo, reach: Reach) -> None:
        self._repo = repo
        self._reach = reach

    async def by_elder(
        self, tx: Tx, checkin_id: int, person: Person, *, answering: bool
    ) -> Checkin | PressRefusal:
        """Her own check-in (still waiting, when the press answers it)."""
        checkin = await self._repo.checkin(tx, checkin_id)
        hers = checkin is not None and await self._reach.people.has_role(
            tx, person.id, "elder", checkin.elder_key
        )
        refusal = elder_refusal(checkin, hers, answering=answering)
        return _checked(checkin, refusal)

    async def by_worker(self, tx: Tx, checkin_id: int, person: Person) -> Checkin | PressRefusal:
        """An open check-in of an elder this grid worker (or staff member) may confirm for."""
        checkin = await self._repo.checkin(tx, checkin_id)
        may_confirm: bool | None = None
        if checkin is not None:
            elder = await self._repo.elder(tx, checkin.elder_key)
            may_confirm = elder is not None and await self._reach.can_confirm(tx, person, elder)
        return _checked(checkin, worker_refusal(checkin, may_confirm))


def _checked(checkin: Checkin | None, refusal: PressRefusal | None) -> Checkin | PressRefusal:
    """The refusal, or else the check-in (which every rule refuses when missing)."""
    if refusal is not None:
        return refusal
    assert checkin is not None, "a press without a check-in is refused as stale"
    return checkin
