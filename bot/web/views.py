"""Small renderings the console's pages share: a booking's row, minutes, a provider's card."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.bookings.model import ProviderStats
from bot.domain.console import Console, Viewer
from bot.domain.console.repo import JobRow
from bot.i18n import Lang, both, render
from bot.web.html import e, form, layout, table, w


def minutes(span: timedelta | None) -> int:
    """A span in whole minutes (0 for none)."""
    return int(span.total_seconds() // 60) if span else 0


def job_row(job: JobRow, service: str, lang: Lang) -> list[str]:
    """A booking in the bookings list: its id (a link), service, state, provider."""
    link = f'<a href="/bookings/{job.id}">{job.id}</a>'
    return [link, service, e(job.status), e(job.provider_id or "")]


def providers_page(console: Console, stats: dict[str, ProviderStats], viewer: Viewer) -> str:
    """Every provider: rating, accepts, typical response, and each offer's price (editable)."""
    lang: Lang = "en" if viewer.lang == "en" else "zh"
    body = ""
    for provider in console.community.providers:
        s = stats.get(provider.id, ProviderStats(provider.id))
        rating = f"{s.average:.1f} ({s.ratings})" if s.average is not None else "-"
        typical = w("minutes", lang, minutes=minutes(s.typical)) if s.typical else "-"
        name = render(both(provider.name_zh, provider.name_en)[lang], lang)
        body += f'<h2 id="p-{e(provider.id)}">{e(name)}</h2>'
        body += (
            f"<p>{w('rating', lang)}: {e(rating)} · {w('accepts', lang)}: "
            f"{sum(s.responses.values())} · {w('typical', lang)}: {typical}</p>"
        )
        rows = []
        for offer in provider.offers:
            price = offer.price
            fields = (
                f'<input type="hidden" name="service" value="{e(offer.service)}">'
                f'<input name="price" size="6" value="{price:g}" '
                f'aria-label="{e(offer.service)}">'
            )
            edit = form(f"/providers/{provider.id}/price", viewer.csrf, fields, w("save", lang))
            market = f"{offer.market_price:g}" if offer.market_price is not None else "-"
            name = console.catalogue.name(offer.service).get(lang, offer.service)
            rows.append([e(name), f"¥{price:g}", e(market), edit])
        body += table(("", w("price", lang), w("market", lang), ""), rows, f"offers-{provider.id}")
    return layout(w("providers", lang), body, lang)
