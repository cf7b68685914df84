"""The staff view (/care): each elder's state today, most urgent first, overdue visits, and
who cannot be told."""

from __future__ import annotations

from bot.clock import Clock
from bot.domain.checkins.messages import CheckinTexts
from bot.domain.checkins.model import CareLine, Enrolled, Visit, care_order, care_state
from bot.domain.checkins.reach import Reach
from bot.domain.checkins.repo import CheckinRepo
from bot.domain.incidents.service import Incidents
from bot.i18n import Text
from bot.storage import Tx


class Care:
    """Read and render the staff view."""

    def __init__(
        self,
        repo: CheckinRepo,
        reach: Reach,
        incidents: Incidents,
        texts: CheckinTexts,
        clock: Clock,
    ) -> None:
        self._repo = repo
        self._reach = reach
        self._incidents = incidents
        self._texts = texts
        self._clock = clock

    async def lines(self, tx: Tx) -> tuple[list[CareLine], list[tuple[Enrolled, Visit]]]:
        """Today's state per elder, most urgent first, and overdue visits."""
        now = self._clock.now()
        today = now.astimezone(self._texts.tz).date().isoformat()
        calls = {
            i.elder_key: i.created_at
            for i in await self._incidents.repo.open_incidents(tx)
            if i.elder_key
        }
        elders = await self._repo.elders(tx)
        lines = [
            care_state(e, now, await self._repo.today(tx, e.key, today), calls.get(e.key))
            for e in elders
        ]
        by_key = {e.key: e for e in elders}
        overdue = [
            (by_key[v.elder_key], v)
            for v in await self._repo.overdue_visits(tx, now)
            if v.elder_key in by_key
        ]
        return care_order(lines), overdue

    async def view(self, tx: Tx) -> Text:
        """/care as staff read it."""
        lines, overdue = await self.lines(tx)
        return self._texts.care(lines, overdue, await self._reach.gaps(tx))
