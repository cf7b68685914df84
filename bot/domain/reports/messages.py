"""What the weekly report says: the five lines as Texts, and the chart as a plain spec.

The chart spec is plain JSON (titles, labels, series of numbers) written in one language, so
the outbox can keep it and :mod:`bot.charts` can draw it later, outside any transaction. The
English spec names people and tools by ASCII ids and English names only: it is what is drawn
when the server has no Chinese font (never boxes in place of characters).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.config import Community
from bot.domain.catalogue import ServiceCatalogue
from bot.domain.reports.model import Figures, Finding, FindingKind, Week
from bot.i18n import Lang, T, Text, both, render

Spec = dict[str, Any]


def _ascii(text: str) -> bool:
    return text.isascii()


class ReportTexts:
    """Renders findings and figures with the community's names."""

    def __init__(self, community: Community, catalogue: ServiceCatalogue) -> None:
        self._community = community
        self._catalogue = catalogue

    # -- names -----------------------------------------------------------------------------

    def item(self, item_id: str) -> dict[str, str]:
        """A service's or tool's name in both languages (its id, if no longer listed)."""
        try:
            return self._catalogue.name(item_id)
        except KeyError:
            return both(item_id, item_id)

    def provider(self, provider_id: str) -> dict[str, str]:
        """A provider's name in both languages (its id, if no longer in the file)."""
        provider = self._community.provider(provider_id)
        if provider is None:
            return both(provider_id, provider_id)
        return both(provider.name_zh, provider.name_en)

    def _span(self, week: Week) -> dict[str, str]:
        start = week.start.astimezone(self._community.tz)
        last = (week.end - timedelta(microseconds=1)).astimezone(self._community.tz)
        return {"start": f"{start.month}/{start.day}", "end": f"{last.month}/{last.day}"}

    def _community_name(self) -> dict[str, str]:
        info = self._community.community
        return both(info.name_zh, info.name_en)

    # -- text ------------------------------------------------------------------------------

    def title(self, week: Week) -> Text:
        """The digest's first line: whose report, which days."""
        return T("reports.title", community=self._community_name(), **self._span(week))

    def _missed(self, finding: Finding, figures: Figures) -> Text:
        """The elders not heard from: one named as before; several in one line, each with
        her count ("王阿姨 3/3、李大爷 3/3")."""
        care = {c.elder: c for c in figures.care}
        if len(finding.elders) <= 1:
            name = care[finding.subject].name if finding.subject in care else finding.subject
            return T("reports.missed", name=name, **finding.numbers)
        said = [f"{care[e].name} {care[e].missed}/{care[e].due}" for e in finding.elders]
        return T("reports.missed_many", names=both("、".join(said), ", ".join(said)))

    def line(self, finding: Finding, figures: Figures) -> Text:
        """One of the five lines."""
        n, kind = finding.numbers, finding.kind
        if kind is FindingKind.MISSED:
            return self._missed(finding, figures)
        if kind is FindingKind.OVERDUE:
            return T("reports.overdue", tool=self.item(finding.subject), **n)
        if kind is FindingKind.SLOW:
            return T("reports.slow", provider=self.provider(finding.subject), **n)
        if kind is FindingKind.LOW_RATING:
            key = "reports.low_rating_one" if n["count"] == 1 else "reports.low_rating"
            return T(key, provider=self.provider(finding.subject), **n)
        if kind in (FindingKind.HELP_OPEN, FindingKind.HELP_GOING):
            return T(f"reports.{kind.value}", name=finding.subject, **n)
        if kind is FindingKind.UNMET:
            return T("reports.unmet", text=finding.subject, **n)
        if kind is FindingKind.UNSERVED:
            key = "reports.unserved_one" if n["residents"] == 1 else "reports.unserved"
            return T(key, service=self.item(finding.subject), **n)
        if kind is FindingKind.RATINGS and n["count"] in (0, 1):
            return T("reports.ratings_one", **n) if n["count"] else T("reports.ratings_none")
        return T(f"reports.{kind.value}", **n)

    def digest(self, figures: Figures, lines: list[Finding]) -> Text:
        """The title and the five lines, one per line."""
        return T(
            "reports.digest",
            title=self.title(figures.week),
            lines=[self.line(f, figures) for f in lines],
        )

    # -- chart ---------------------------------------------------------------------------

    def chart(self, figures: Figures, lang: Lang) -> Spec:
        """The week's charts as a spec in one language (English: ASCII labels only)."""
        c = _Chart(self, lang)
        title = c.say("title", community=self._community_name(), **self._span(figures.week))
        return {
            "title": title if lang == "zh" or _ascii(title) else self._community.community.name_en,
            "empty": c.say("nothing"),
            "panels": [
                c.demand(figures),
                c.responses(figures),
                c.ratings(figures),
                c.care(figures),
                c.tools(figures),
                c.unmet(figures),
            ],
        }


class _Chart:
    """The panels of one language's chart spec."""

    def __init__(self, texts: ReportTexts, lang: Lang) -> None:
        self.t = texts
        self.lang = lang

    def say(self, key: str, **params: Any) -> str:
        """A chart label from the catalogue."""
        return render(T(f"reports.chart.{key}", **params), self.lang)

    def name(self, names: dict[str, str], fallback: str) -> str:
        """A name in this language; in English, the id when the name is not ASCII."""
        shown = names[self.lang]
        return shown if self.lang == "zh" or _ascii(shown) else fallback

    def series(self, key: str, values: list[Any]) -> dict[str, Any]:
        """One named series of numbers."""
        return {"name": self.say(key), "values": values}

    def demand(self, f: Figures) -> Spec:
        """Requests and bookings by service."""
        return {
            "title": self.say("demand"),
            "labels": [self.name(self.t.item(d.service), d.service) for d in f.demand],
            "series": [
                self.series("requests", [d.requests for d in f.demand]),
                self.series("booked", [d.booked for d in f.demand]),
            ],
        }

    def responses(self, f: Figures) -> Spec:
        """Each provider's median answer against its window."""
        return {
            "title": self.say("response"),
            "labels": [self.name(self.t.provider(r.provider), r.provider) for r in f.responses],
            "series": [self.series("median", [r.median_minutes or 0 for r in f.responses])],
            "marks": self.series("window", [r.window_minutes for r in f.responses]),
        }

    def ratings(self, f: Figures) -> Spec:
        """How many ratings of each number of stars."""
        average = f"{f.rating_average:.1f}"
        return {
            "title": self.say("ratings", average=average)
            if f.rating_count
            else self.say("ratings_none"),
            "labels": [self.say("stars", stars=s) for s in range(1, 6)],
            "series": [self.series("count", list(f.stars))],
            "always": True,
        }

    def care(self, f: Figures) -> Spec:
        """Each elder's check-ins, answered and not."""
        return {
            "title": self.say("care"),
            "labels": [c.name if self.lang == "zh" else c.elder for c in f.care],
            "series": [
                self.series("answered", [c.answered for c in f.care]),
                self.series("missed", [c.missed for c in f.care]),
            ],
            "stacked": True,
        }

    def tools(self, f: Figures) -> Spec:
        """Each tool's loans and overdue ones."""
        return {
            "title": self.say("tools"),
            "labels": [self.name(self.t.item(t.tool), t.tool) for t in f.tools],
            "series": [
                self.series("lent", [t.lent for t in f.tools]),
                self.series("overdue", [t.overdue for t in f.tools]),
            ],
        }

    def unmet(self, f: Figures) -> Spec:
        """What was asked for that no service offers (in English, numbered when not ASCII)."""
        return {
            "title": self.say("unmet"),
            "labels": [
                u.text if self.lang == "zh" or _ascii(u.text) else f"#{i}"
                for i, u in enumerate(f.unmet, start=1)
            ],
            "series": [self.series("asked", [u.count for u in f.unmet])],
            "horizontal": True,
        }
