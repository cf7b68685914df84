"""The district digest: every morning, one message to the district's staff with a line per
community (requests and bookings, check-ins, loans, job offers over the last day).

Each community's figures are read from its own store by its own reports use case (the weekly
report's, over one day), so the digest adds nothing to any query; it is the one message that
speaks of several communities, and it goes only to the district's staff. It is queued in the
first community's outbox under a key naming the day and the recipient, so it goes once a day
whatever the restarts, and one the bot was down for at its hour goes when it is back that day.

It reads every community's store, so it runs only once all of them are open
(:class:`DigestClock`, a server started after the other communities): a start never depends on
it. It is looked at every scheduler tick (not only with the ten-minute planners), so it goes at
its hour; a failing digest is logged and tried again at the next tick, never stopping the bot.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime, timedelta

from bot.config import DistrictFile
from bot.district.router import District, Member
from bot.domain.reports import Reports
from bot.domain.reports.model import Figures, Week
from bot.i18n import T, Text, both
from bot.outbox import DISTRICT_KEY
from bot.storage import Tx

DAY = timedelta(days=1)
_LOGGER = logging.getLogger(__name__)


class DistrictDigest:
    """The daily digest's planner (run with the first community's planners)."""

    def __init__(self, district: District, office: DistrictFile) -> None:
        self.district = district
        self.office = office
        # Every community's store is open (set by DigestClock): before, the digest waits.
        self.open = False
        self._queued: set[str] = set()  # keys known queued (no need to ask the store again)

    async def plan(self, tx: Tx, now: datetime) -> None:
        """Queue today's digest for each district staff member who can be written to, once its
        hour has come and every community's store is open (``tx`` is the first community's
        transaction). A failure is logged, never raised: it is tried again at the next tick."""
        if not self.open:
            return
        try:
            await self._plan(tx, now)
        except Exception:
            _LOGGER.exception("The district digest failed; it is tried again at the next tick")

    async def run(self) -> None:
        """Look at the digest once, in a transaction of the first community's."""
        home = self.district.home.runtime
        async with home.db.tx() as tx:
            await self.plan(tx, home.clock.now())

    async def _plan(self, tx: Tx, now: datetime) -> None:
        home = self.district.home.runtime
        local = now.astimezone(home.community.tz)
        if local.time() < self.office.district.digest_at:
            return
        day = local.date().isoformat()
        lines: list[Text] | None = None
        for staff in self.office.staff:
            key = f"{DISTRICT_KEY}digest:{day}:{staff.telegram_id}"
            if key in self._queued:
                continue
            if await home.outbox.queued(tx, key):
                self._queued.add(key)
                continue
            if not await self._reachable(tx, staff.telegram_id):
                continue  # has not opened a chat with the bot yet
            lines = lines if lines is not None else await self._lines(tx, now)
            info = self.office.district
            text = T("district.digest", district=both(info.name_zh, info.name_en), day=day)
            body = T("district.digest_body", head=text, lines=lines)
            await home.outbox.send(tx, staff.telegram_id, body, key=key, lang=staff.language)
            self._queued.add(key)

    async def _reachable(self, tx: Tx, telegram_id: int) -> bool:
        """Whether the person opened a private chat with the bot, in any community (the chat
        is the bot's, whichever community they started in)."""
        for member in self.district.members:
            rt = member.runtime
            if member is self.district.home:
                found = await rt.people.reachable(tx, telegram_id)
            else:
                async with rt.db.read() as other:
                    found = await rt.people.reachable(other, telegram_id)
            if found is not None:
                return True
        return False

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


class DigestClock:
    """The digest's own schedule: a server of the first community's runtime, started after
    every other community's (so their stores are open), that looks at the digest at start (one
    owed since its hour goes now) and at every scheduler tick after."""

    def __init__(self, digest: DistrictDigest, interval: float) -> None:
        self.digest = digest
        self.interval = interval
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self.digest.open = True
        self._task = asyncio.create_task(self._loop(), name="district-digest")

    async def _loop(self) -> None:
        while True:
            try:
                await self.digest.run()
            except Exception:  # the store itself failed: logged, tried again
                _LOGGER.exception("The district digest failed; it is tried again shortly")
            await asyncio.sleep(self.interval)

    async def stop(self) -> None:
        self.digest.open = False
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
