"""The console's figures for decisions: Tool cabinet, Demand, Care, provider scorecards, the
CSV exports, and suspending a provider (through the bookings' own use case, audited)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bot.clock import Clock
from bot.config import Community
from bot.domain.bookings import BookingService
from bot.domain.console.insight.days import last_days
from bot.domain.console.insight.model import CareRow, Demand, LoanHistory, Scorecard, UnitRow
from bot.domain.console.insight.repo import InsightRepo
from bot.domain.console.model import Page
from bot.domain.corrections import Corrections
from bot.domain.corrections.grouping import AskedGroup, group
from bot.domain.exports.model import COLUMNS
from bot.domain.exports.service import export_csv
from bot.domain.misses import Unserved, unserved
from bot.domain.people import Person
from bot.storage import Tx

CARE_DAYS = 30
DEMAND_WEEKS = 12


@dataclass(frozen=True)
class CarePage:
    """One page of the Care list (with each elder's day marks) and how many elders there are."""

    rows: list[CareRow]
    total: int


@dataclass(frozen=True)
class DemandPage:
    """Requests by service, building and week; services nobody could take (by service);
    texts nothing understood and dismissals, grouped."""

    demand: Demand
    unmet: list[AskedGroup]
    dismissed: list[AskedGroup]
    unserved: tuple[Unserved, ...] = ()


class Insight:
    """Read models of the decision pages, and the provider suspension staff may change."""

    def __init__(
        self,
        community: Community,
        clock: Clock,
        bookings: BookingService,
        corrections: Corrections,
        repo: InsightRepo | None = None,
    ) -> None:
        self.community = community
        self.clock = clock
        self.bookings = bookings
        self.corrections = corrections
        self.repo = repo or InsightRepo()

    async def units(self, tx: Tx) -> list[UnitRow]:
        """Every cabinet unit: who has it, until when (overdue marked by the page)."""
        return await self.repo.units(tx)

    async def unit_history(self, tx: Tx, unit_id: int) -> list[LoanHistory]:
        """A unit's loans, latest first."""
        return await self.repo.unit_history(tx, unit_id)

    async def demand(self, tx: Tx) -> DemandPage:
        """The last weeks' requests; the services residents asked for that no provider could
        take, by service; what nothing understood over the same weeks, grouped by near
        wording as /misses groups them (one row per thing asked, with its count); and what
        the bot answered by mistake (dismissals)."""
        now = self.clock.now()
        since = now - timedelta(weeks=DEMAND_WEEKS)
        groups = await self.corrections.asked(tx)
        return DemandPage(
            await self.repo.demand(tx, since),
            group(await self.repo.misses_since(tx, since)),
            [g for g in groups if g.lead.kind == "e"],
            tuple(await unserved(tx, since, now + timedelta(seconds=1))),
        )

    async def care(self, tx: Tx, wanted: Page) -> CarePage:
        """One page of the elders' last 30 days, least compliant first: every elder's figures
        are counted and ordered in SQL, and only the page's elders become rows and have their
        check-ins read for the day marks (a thousand elders' month is 30,000 rows; a page's
        is 1,500)."""
        now, tz = self.clock.now(), self.community.tz
        since = now - timedelta(days=CARE_DAYS)
        total, rows = await self.repo.care(tx, since, now, tz, wanted)
        keys = [r.elder_key for r in rows]
        days = await self.repo.care_days(tx, since + timedelta(days=1), now, tz, keys)
        after = self.community.checkins.reminder_after
        today = now.astimezone(tz).date()
        for row in rows:
            row.days = last_days(days.get(row.elder_key, []), today, after, CARE_DAYS)
        return CarePage(rows, total)

    async def scorecards(self, tx: Tx) -> dict[str, Scorecard]:
        """Every provider's scorecard."""
        return await self.repo.scorecards(tx)

    async def suspend(self, tx: Tx, provider_id: str, by: Person, suspended: bool) -> bool:
        """Stop (or start again) offering a provider, as /suspend does; False if unknown."""
        provider = self.community.provider(provider_id)
        if provider is None:
            return False
        await self.bookings.providers.suspend(tx, provider, by, suspended)
        return True

    @staticmethod
    def export_kinds() -> tuple[str, ...]:
        """The CSV exports there are (ops15's columns)."""
        return tuple(COLUMNS)

    async def export(self, tx: Tx, kind: str) -> str | None:
        """The CSV text of an export, or None for an unknown kind."""
        if kind not in COLUMNS:
            return None
        return await export_csv(tx, kind)
