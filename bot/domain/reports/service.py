"""Reports' use cases: read the week's figures, send the digest to staff, plan the Monday one.

The chart is not drawn here: what is queued is its spec (:mod:`.messages`), and the outbox
sender draws the PNG in a worker thread when it sends it (:mod:`bot.charts`), so drawing never
holds the database lock nor blocks the event loop. The Monday digest is a deadline with a
deterministic name, planned a week ahead and kept for the latest Monday, so one that fell due
while the bot was down goes out at start, and only once.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import datetime, timedelta

from bot import deadlines
from bot.audit import Audit
from bot.clock import Clock
from bot.config import Community
from bot.deadlines import Deadline
from bot.domain.bookings.onsite.model import work_order_window
from bot.domain.catalogue import ServiceCatalogue
from bot.domain.misses import unserved
from bot.domain.people import People, Person
from bot.domain.reports.contract import DeadlineKind, WeeklyRef, weekly_of
from bot.domain.reports.messages import ReportTexts, Spec
from bot.domain.reports.model import (
    Figures,
    ProviderRating,
    Response,
    Week,
    digest_lines,
    digest_times,
    last_seven_days,
    week_before,
)
from bot.domain.reports.repo import OfferRow, ReportRepo
from bot.i18n import LANGUAGES, render
from bot.outbox import Outbox, recipient_language
from bot.storage import Tx

_LOGGER = logging.getLogger(__name__)
MAX_CAPTION = 1024  # Telegram's limit on a photo's caption


class Reports:
    """The weekly report: figures, the five lines, the chart spec, and who receives them."""

    def __init__(
        self,
        community: Community,
        catalogue: ServiceCatalogue,
        people: People,
        outbox: Outbox,
        audit: Audit,
        clock: Clock,
        repo: ReportRepo | None = None,
    ) -> None:
        self._community = community
        self._catalogue = catalogue
        self._people = people
        self._outbox = outbox
        self._audit = audit
        self._clock = clock
        self._repo = repo or ReportRepo()
        self.texts = ReportTexts(community, catalogue)

    # -- figures ---------------------------------------------------------------------------

    async def figures(self, tx: Tx, week: Week) -> Figures:
        """Everything the report says about this week, read in one transaction."""
        r = self._repo
        stars = [0, 0, 0, 0, 0]
        by_provider: dict[str, list[int]] = defaultdict(list)
        for provider, given in await r.ratings(tx, week):
            stars[given - 1] += 1
            by_provider[provider].append(given)
        return Figures(
            week=week,
            demand=tuple(await r.demand(tx, week)),
            responses=tuple(self._responses(await r.offers(tx, week))),
            stars=(stars[0], stars[1], stars[2], stars[3], stars[4]),
            ratings=tuple(
                ProviderRating(p, len(given), sum(given))
                for p, given in sorted(by_provider.items())
            ),
            care=tuple(await r.care(tx, week)),
            tools=tuple(await r.tools(tx, week)),
            unmet=tuple(await r.unmet(tx, week)),
            help_calls=tuple(await r.help_calls(tx, week)),
            unserved=tuple(await unserved(tx, week.start, week.end)),
        )

    def _window(self, row: OfferRow) -> timedelta:
        """The response window the offer was made with."""
        if row.kind == "work_order":
            return work_order_window(row.priority or "normal", self._community.work_orders)
        provider = self._community.provider(row.provider)
        offer = next(
            (o for o in (provider.offers if provider else []) if o.service == row.service), None
        )
        return self._catalogue.response_window(row.service, offer)

    def _responses(self, rows: list[OfferRow]) -> list[Response]:
        """Per provider: offers, the ones that ran out, answer minutes, its (widest) window."""
        grouped: dict[str, list[OfferRow]] = defaultdict(list)
        for row in rows:
            grouped[row.provider].append(row)
        return [
            Response(
                provider,
                max(int(self._window(o).total_seconds() // 60) for o in offers),
                len(offers),
                sum(1 for o in offers if o.outcome == "timeout"),
                tuple(o.minutes for o in offers if o.minutes is not None),
            )
            for provider, offers in sorted(grouped.items())
        ]

    # -- sending ---------------------------------------------------------------------------

    async def send(self, tx: Tx, chat_id: int, figures: Figures, key: str) -> None:
        """Queue the chart (its caption the five lines, or the title when they would not fit
        a caption, the lines then following as a message) for one chat."""
        default = self._community.community.language
        lang = await recipient_language(tx, chat_id, default)
        digest = self.texts.digest(figures, digest_lines(figures))
        text = render(digest, lang)
        charts: dict[str, Spec] = {code: self.texts.chart(figures, code) for code in LANGUAGES}
        fits = len(text) <= MAX_CAPTION
        caption = text if fits else render(self.texts.title(figures.week), lang)
        await self._outbox.chart(tx, chat_id, charts, caption, key=f"{key}:photo", lang=lang)
        if not fits:
            await self._outbox.send(tx, chat_id, digest, key=f"{key}:text", lang=lang)

    async def on_demand(self, tx: Tx, person: Person, key: str) -> None:
        """Staff asked with /report: the seven days up to now, to them."""
        week = last_seven_days(self._clock.now(), self._community.tz)
        await self.send(tx, person.telegram_id, await self.figures(tx, week), key)
        await self._audit.record(tx, f"person:{person.id}", "report_sent", "report:on_demand")

    async def plan(self, tx: Tx, now: datetime) -> None:
        """Planner: keep the latest and the next Monday 08:00 digests scheduled."""
        for due in digest_times(now, self._community.tz):
            ref = WeeklyRef(due.date())
            await deadlines.schedule(tx, ref.name, DeadlineKind.WEEKLY, due, ref.ref)

    async def weekly(self, tx: Tx, deadline: Deadline) -> None:
        """Deadline: the digest of the week before to every staff member's private chat."""
        ref = weekly_of(deadline)
        if ref is None:
            return
        figures = await self.figures(tx, week_before(deadline.due_at, self._community.tz))
        staff = await self._people.staff(tx)
        for person in staff:
            await self.send(tx, person.telegram_id, figures, ref.prefix(person.telegram_id))
        if not staff:
            _LOGGER.warning("Weekly report of %s: no staff member has opened a chat", ref.day)
        await self._audit.record(
            tx,
            "deadline",
            "report_sent",
            ref.name,
            chats=len(staff),
            week=str(figures.week.monday),
        )

    def deadline_handlers(self) -> dict[str, deadlines.Handler]:
        """Which use case handles each deadline kind reports schedule."""
        return {DeadlineKind.WEEKLY: self.weekly}
