"""The staff view (/care): each elder's state today, most urgent first, overdue visits, and
who cannot be told."""

from __future__ import annotations

from bot.clock import Clock
from bot.domain.checkins.messages import CheckinTexts
from bot.domain.checkins.model import CareLine, Enrolled, Visit, care_order, care_state
from bot.domain.checkins.reach import Reach
from bot.domain.checkins.repo import CheckinRepo
from bot.domain.checkins.signs import news_kind
from bot.domain.incidents.service import Incidents
from bot.i18n import T, Text
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

    async def news(self, tx: Tx, keys: tuple[str, ...]) -> list[Text]:
        """For family asking "我妈今天怎么样": each elder's check-in today, answered when and
        how, or not yet and what is being done (an open help call has its own status)."""
        now = self._clock.now()
        today = now.astimezone(self._texts.tz).date().isoformat()
        found: list[Text] = []
        for key in keys:
            elder = await self._repo.elder(tx, key)
            if elder is None:
                continue
            checkin = await self._repo.today(tx, key, today)
            state = checkin.state if checkin is not None else "none"
            at = checkin.due_at if checkin is not None else now
            if checkin is not None and state in ("fine", "unwell"):
                at = await self._repo.closed_at(tx, checkin.id) or at
            worker = self._reach.worker_name(elder)
            time = at.astimezone(self._texts.tz).strftime("%H:%M")
            found.append(T(f"checkins.news_{news_kind(state)}", name=elder.name, time=time,
                           worker=worker))  # fmt: skip
        return found

    async def view(self, tx: Tx) -> Text:
        """/care as staff read it."""
        lines, overdue = await self.lines(tx)
        return self._texts.care(lines, overdue, await self._reach.gaps(tx))
