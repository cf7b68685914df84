"""The staff view (/care): each elder's state today, most urgent first, overdue visits, and
who cannot be told."""

from __future__ import annotations

from datetime import datetime

from bot.clock import Clock
from bot.domain.checkins.messages import CheckinTexts
from bot.domain.checkins.model import CareLine, Enrolled, Visit, care_order, care_state
from bot.domain.checkins.reach import Reach
from bot.domain.checkins.repo import CheckinRepo
from bot.domain.checkins.signs import news_kind
from bot.domain.incidents.service import Incidents
from bot.i18n import T, Text
from bot.storage import Tx

# What an answer that was not "fine" said, as recorded (see answers.Answers.not_fine).
_SAID = ("unwell", "hospital", "confused", "unclear", "mentioned")


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
            kind, at, stamp = await self._news_of(tx, key, today)
            worker = self._reach.worker_name(elder)
            time = (at or now).astimezone(self._texts.tz).strftime(stamp)
            who = ""
            if kind == "fine":  # she answered, or someone confirmed her: say which
                kind, who = await self._confirmed_by(tx, key)
            text = T(f"checkins.news_{kind}", name=elder.name, time=time, worker=worker, who=who)
            found.append(text)
        return found

    async def _news_of(self, tx: Tx, key: str, today: str) -> tuple[str, datetime | None, str]:
        """Which news, the time it speaks of and how to show it. Nothing yet today but an
        earlier check-in still open: that one, with its day (tester3: "还没有到问候时间" while
        yesterday's alarm was open). An answer that was not "fine": what she really said
        ("看不清字" is not "unwell or in hospital")."""
        checkin = await self._repo.today(tx, key, today)
        if checkin is None:
            earlier = await self._repo.latest_open(tx, key)
            if earlier is not None and earlier.day < today:
                return "overdue", earlier.due_at, "%m-%d %H:%M"
            return "none", None, "%H:%M"
        kind = news_kind(checkin.state)
        if checkin.state not in ("fine", "unwell"):
            return kind, checkin.due_at, "%H:%M"
        at = await self._repo.closed_at(tx, checkin.id) or checkin.due_at
        if checkin.state == "unwell" and checkin.closed_by != "unwell":
            events = await self._incidents.audit.timeline(tx, f"elder:{key}")
            said = [e.action for e in events if e.action in _SAID and e.at >= checkin.due_at]
            kind = said[-1] if said else "unclear"
        return kind, at, "%H:%M"

    async def _confirmed_by(self, tx: Tx, key: str) -> tuple[str, str]:
        """Whether today's 平安 was a responder's confirmation (on the ladder, or closing her
        help call) and by whom; ("fine", "") when she answered herself (tester session 15,
        W3: "回复了问候，说自己平安" when the grid worker had confirmed her)."""
        events = await self._incidents.audit.timeline(tx, f"elder:{key}")
        last = [e for e in events if e.action in ("fine", "answered")]  # the latest settling
        if not last or last[-1].detail.get("via") != "confirmed":
            return "fine", ""
        actor = last[-1].actor.removeprefix("person:")
        person = await self._reach.people.by_id(tx, int(actor)) if actor.isdigit() else None
        name = person.name if person is not None else "—"
        return ("call" if "call" in last[-1].detail else "confirmed"), name

    async def view(self, tx: Tx) -> Text:
        """/care as staff read it."""
        lines, overdue = await self.lines(tx)
        return self._texts.care(lines, overdue, await self._reach.gaps(tx))
