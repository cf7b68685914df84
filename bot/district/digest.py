"""The district digest: every morning, one message to the district's staff with a line per
community (requests and bookings, check-ins, loans, job offers over the last day).

Each community's figures are read from its own store by its own reports use case (the weekly
report's, over one day), so the digest adds nothing to any query; it is the one message that
speaks of several communities, and it goes only to the district's staff. It is queued in the
first community's outbox under a key naming the day and the recipient, so it goes once a day
whatever the restarts, and one the bot was down for at its hour goes when it is back that day.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.config import DistrictFile
from bot.district.router import District, Member
from bot.domain.reports import Reports
from bot.domain.reports.model import Figures, Week
from bot.i18n import T, Text, both
from bot.storage import Tx

DAY = timedelta(days=1)


class DistrictDigest:
    """The daily digest's planner (run with the first community's planners)."""

    def __init__(self, district: District, office: DistrictFile) -> None:
        self.district = district
        self.office = office

    async def plan(self, tx: Tx, now: datetime) -> None:
        """Queue today's digest for each district staff member who can be written to, once its
        hour has come (``tx`` is the first community's transaction)."""
        home = self.district.home.runtime
        local = now.astimezone(home.community.tz)
        if local.time() < self.office.district.digest_at:
            return
        day = local.date().isoformat()
        lines: list[Text] | None = None
        for staff in self.office.staff:
            key = f"district:digest:{day}:{staff.telegram_id}"
            if await home.outbox.queued(tx, key):
                continue
            if await home.people.reachable(tx, staff.telegram_id) is None:
                continue  # has not opened a chat with the bot yet
            lines = lines if lines is not None else await self._lines(tx, now)
            info = self.office.district
            text = T("district.digest", district=both(info.name_zh, info.name_en), day=day)
            body = T("district.digest_body", head=text, lines=lines)
            await home.outbox.send(tx, staff.telegram_id, body, key=key, lang=staff.language)

    async def _lines(self, tx: Tx, now: datetime) -> list[Text]:
        """One line per community, in folder order."""
        week = Week(start=now - DAY, end=now)
        lines: list[Text] = []
        for member in self.district.members:
            if member is self.district.home:
                figures = await _reports(member).figures(tx, week)
            else:
                async with member.runtime.db.read() as other:
                    figures = await _reports(member).figures(other, week)
            lines.append(_line(member, figures))
        return lines


def _reports(member: Member) -> Reports:
    """A community's reports use case, over its own store's parts."""
    rt = member.runtime
    return Reports(rt.community, rt.catalogue, rt.people, rt.outbox, rt.audit, rt.clock)


def _line(member: Member, f: Figures) -> Text:
    """A community's figures of the day, as one line."""
    return T(
        "district.digest_line",
        community=both(*member.titles()),
        requests=f.requests,
        booked=f.booked,
        due=sum(c.due for c in f.care),
        missed=sum(c.missed for c in f.care),
        lent=sum(t.lent for t in f.tools),
        overdue=sum(t.overdue for t in f.tools),
        offers=sum(r.offers for r in f.responses),
        late=sum(r.missed for r in f.responses),
    )
