"""The decision pages: Tool cabinet (and one unit's history), Demand, Care, the providers'
scorecards with suspend/unsuspend, and the CSV downloads (ops15's exports). Thin: one read
through :class:`bot.domain.console.insight.service.Insight`, then HTML."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiohttp import web

from bot.domain.console import Viewer
from bot.domain.console.insight.model import CareRow
from bot.domain.console.model import page_of
from bot.domain.console.reachability import Reachability
from bot.i18n import Lang
from bot.privacy import redact
from bot.web.care_days import day_cells, day_legend
from bot.web.html import dated, e, layout, saved, table, w
from bot.web.reach_views import gaps_block
from bot.web.routes import lang_of, page
from bot.web.views import csv_links, providers_page, word

if TYPE_CHECKING:
    from bot.web.server import ConsoleServer


def pct(share: float | None) -> str:
    """A share as a whole percentage ('-' when there is none)."""
    return "-" if share is None else f"{share * 100:.0f}%"


class InsightPages:
    """Handlers of the decision pages (staff only, see routes)."""

    def __init__(self, server: ConsoleServer) -> None:
        self.db = server.db
        self.console = server.console
        self.insight = server.console.insight

    def _tool(self, tool: str, lang: Lang) -> str:
        """A tool's name (its id when the vocabulary does not know it)."""
        vocabulary = self.console.catalogue.vocabulary
        if tool not in vocabulary:
            return e(tool)
        return e(self.console.catalogue.name(tool).get(lang, tool))

    def _when(self, at: object) -> str:
        from datetime import datetime

        if not isinstance(at, datetime):
            return "-"
        return dated(at.astimezone(self.console.community.tz).strftime("%m-%d %H:%M"))

    async def tools(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """Every unit: state, who has it, due date, overdue; a link to its history."""
        lang = lang_of(viewer)
        async with self.db.read() as tx:
            units = await self.insight.units(tx)
        now = self.console.clock.now()
        rows = []
        for u in units:
            late = f'<span class="breach">{w("overdue", lang)}</span>' if u.overdue(now) else ""
            ident = f'<a href="/tools/{u.id}">{self._tool(u.tool, lang)} #{u.seq}</a>'
            state = word("unit", str(u.state), lang)
            rows.append([ident, state, e(u.holder or ""), self._when(u.due_at), late])
        heads = (w("tool", lang), w("status", lang), w("holder", lang), w("due", lang), "")
        body = csv_links(("loans",), lang) + table(heads, rows, "units")
        return page(layout(w("tools", lang), body, lang))

    async def unit(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """One unit's loans, latest first."""
        lang = lang_of(viewer)
        unit_id = int(request.match_info["id"])
        async with self.db.read() as tx:
            if not any(u.id == unit_id for u in await self.insight.units(tx)):
                raise web.HTTPNotFound()
            loans = await self.insight.unit_history(tx, unit_id)
        rows = [
            [
                e(n.id),
                e(n.holder),
                word("loan", str(n.status), lang),
                self._when(n.reserved_at),
                self._when(n.due_at),
                self._when(n.returned_at),
                w("overdue", lang) if n.overdue else "",
            ]
            for n in loans
        ]
        heads = (
            "#",
            w("holder", lang),
            w("status", lang),
            w("reserved_at", lang),
            w("due", lang),
            w("returned_at", lang),
            "",
        )
        return page(layout(w("history", lang), table(heads, rows, "history", cards=True), lang))

    async def demand(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """Requests by service, building and week; unmet requests and dismissals grouped."""
        lang = lang_of(viewer)
        async with self.db.read() as tx:
            found = await self.insight.demand(tx)
        name = self.console.catalogue.name
        d = found.demand
        body = csv_links(("bookings",), lang)
        body += f"<h2>{w('by_service', lang)}</h2>" + table(
            (w("service", lang), w("times", lang)),
            [[e(name(s).get(lang, s)), e(n)] for s, n in d.by_service],
            "by-service",
        )
        body += f"<h2>{w('by_building', lang)}</h2>" + table(
            (w("building", lang), w("times", lang)),
            [[e(b), e(n)] for b, n in d.by_building],
            "by-building",
        )
        body += f"<h2>{w('by_week', lang)}</h2>" + table(
            (w("week", lang), w("times", lang)), [[e(k), e(n)] for k, n in d.by_week], "by-week"
        )
        body += f"<h2>{w('unserved', lang)}</h2>" + table(
            (w("service", lang), w("times", lang), w("residents", lang)),
            [
                [
                    e(name(u.service).get(lang, u.service)),
                    w("nobody_x", lang, n=u.asks),
                    e(u.residents),
                ]
                for u in found.unserved
            ],
            "unserved",
        )
        for key, groups in (("unmet", found.unmet), ("dismissed", found.dismissed)):
            rows = [[e(redact(g.lead.text)), e(g.count), e(len(g.items))] for g in groups]
            heads = (w("asked", lang), w("times", lang), w("wordings", lang))
            body += f"<h2>{w(key, lang)}</h2>" + table(heads, rows, key)
        return page(layout(w("demand", lang), body, lang))

    async def care(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """Check-in compliance per elder over 30 days, ladder steps reached, visits."""
        lang = lang_of(viewer)
        wanted = page_of(request.query.get("page"))
        async with self.db.read() as tx:
            found = await self.insight.care(tx, wanted)
            _, gaps = await Reachability(self.console.community, self.console.people).read(tx)
        rows = found.rows
        heads = (
            w("elder", lang),
            w("last_30", lang),
            w("compliance", lang),
            w("checkins_due", lang),
            w("step_reminded", lang),
            w("step_grid", lang),
            w("step_staff", lang),
            w("help", lang),
            w("visits", lang),
        )
        body = gaps_block(gaps, lang) + csv_links(("checkins",), lang) + day_legend(lang)
        body += f"<p>{w('page', lang, page=wanted.number, total=found.total)}</p>"
        body += table(heads, [self._care_row(r, lang) for r in rows], "care", cards=True)
        if wanted.offset + wanted.size < found.total:
            body += f'<a href="?page={wanted.number + 1}">{w("next", lang)}</a>'
        return page(layout(w("care", lang), body, lang))

    def _care_row(self, r: CareRow, lang: Lang) -> list[str]:
        visits = " ".join(f"{word('visit', k, lang)} {n}" for k, n in sorted(r.visits.items()))
        return [
            e(r.name),
            day_cells(r.days, lang),
            pct(r.compliance),
            f"{r.answered}/{r.due - r.skipped}",
            e(r.reminded),
            e(r.grid),
            e(r.staff),
            e(r.help),
            visits,
        ]

    async def providers(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """Each provider's scorecard and offers; staff edit a price or suspend."""
        async with self.db.read() as tx:
            cards = await self.insight.scorecards(tx)
        return page(
            providers_page(self.console, cards, viewer, saved(request.query, lang_of(viewer)))
        )

    async def suspend(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """Suspend a provider or lift it (``on`` = 1 or 0)."""
        on = str((await request.post()).get("on", "")) == "1"
        async with self.db.tx() as tx:
            await self.console.suspend(tx, viewer, request.match_info["provider"], on)
        raise web.HTTPSeeOther("/providers")

    async def export(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """A CSV download (bookings, ratings, check-ins, loans), beginning with a UTF-8 byte-order
        mark: without it Excel on Chinese Windows reads the local code page and shows 乱码."""
        kind = request.match_info["kind"]
        async with self.db.read() as tx:
            text = await self.insight.export(tx, kind)
        if text is None:
            raise web.HTTPNotFound()
        return web.Response(
            text="\ufeff" + text,
            content_type="text/csv",
            charset="utf-8",
            headers={"Content-Disposition": f'attachment; filename="{kind}.csv"'},
        )
