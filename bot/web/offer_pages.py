"""A live provider's offers from the providers page: add a catalogue service, change its price
and market price, or take it off — each through the setup service (validated as a whole,
audited before/after, quoted to the next resident without a restart). Staff only; CSRF-checked
like every console form."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiohttp import web

from bot.domain.console import Viewer
from bot.domain.console.model import (
    MAX_PRICE,
    PriceProblem,
    parse_price,
    price_against_market,
    valid_price,
)
from bot.domain.onboard import ProviderOnboarding
from bot.web import html
from bot.web.html import layout
from bot.web.provider_forms import add_offer_form
from bot.web.routes import lang_of, page

if TYPE_CHECKING:
    from bot.web.routes import Routes


class OfferPages:
    """Adding, re-pricing and removing a live provider's offers (from the providers page)."""

    def __init__(self, onboard: ProviderOnboarding, routes: Routes) -> None:
        self.onboard = onboard
        self.db = routes.db

    async def put(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """Add a service (or change its price and market price), then back to the page; a
        refused one: the form again, what was typed kept, each problem by its field."""
        data = await request.post()
        typed = {k: str(data.get(k, ""))[:60] for k in ("service", "price", "market")}
        provider = self.onboard.community.provider(request.match_info["provider"])
        if provider is None:
            return page(html.not_found(lang_of(viewer)), 404)
        held = next((o for o in provider.offers if o.service == typed["service"]), None)
        problems = offer_problems(
            typed["price"], typed["market"], held.market_price if held else None
        )
        price = parse_price(typed["price"])
        if not problems and not isinstance(price, PriceProblem):
            async with self.db.tx() as tx:
                done = await self.onboard.put_offer(
                    tx,
                    viewer.telegram_id,
                    provider.id,
                    typed["service"],
                    price,
                    valid_price(typed["market"]) if typed["market"].strip() else None,
                )
            if done:
                raise web.HTTPSeeOther("/providers?saved=1")
            known = typed["service"] in {
                s.id for s in self.onboard.catalogue.vocabulary.services()
            }
            problems = {"service": PriceProblem.REFUSED if known else PriceProblem.UNKNOWN_OFFER}
        return self._refused(provider.id, typed, problems, viewer)

    def _refused(
        self,
        provider_id: str,
        typed: dict[str, str],
        problems: dict[str, PriceProblem],
        viewer: Viewer,
    ) -> web.StreamResponse:
        """400: the add form again with what was typed and each problem next to its field."""
        lang = lang_of(viewer)
        said = {k: html.w(f"price_{p.value}", lang, most=MAX_PRICE) for k, p in problems.items()}
        catalogue = self.onboard.catalogue
        services = [
            (s.id, catalogue.name(s.id).get(lang, s.id)) for s in catalogue.vocabulary.services()
        ]
        body = f'<p class="breach" id="refused">{html.w("form_fix", lang)}</p>'
        body += add_offer_form(provider_id, services, viewer.csrf, lang, typed, said)
        body += f'<p><a href="/providers">{html.w("back", lang)}</a></p>'
        return page(layout(html.w("price_refused", lang), body, lang), 400)

    async def drop(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """Take a service off the provider's offers, then back to the page."""
        service = str((await request.post()).get("service", ""))[:60]
        async with self.db.tx() as tx:
            done = await self.onboard.drop_offer(
                tx, viewer.telegram_id, request.match_info["provider"], service
            )
        return _done(done, viewer)


def offer_problems(price: str, market: str, held: float | None) -> dict[str, PriceProblem]:
    """What is wrong with an offer's price and market price, by field (a market price may be
    left empty, keeping the one the offer has, ``held``; the price may not be above it)."""
    found: dict[str, PriceProblem] = {}
    parsed = parse_price(price)
    if isinstance(parsed, PriceProblem):
        found["price"] = parsed
    reference = parse_price(market) if market.strip() else held
    if isinstance(reference, PriceProblem):
        found["market"] = reference
    elif not found and (above := price_against_market(float(parsed), reference)) is not None:
        found["price"] = above
    return found


def _done(done: bool, viewer: Viewer) -> web.StreamResponse:
    """Back to the providers page, or a polite page saying the change was refused."""
    if done:
        raise web.HTTPSeeOther("/providers?saved=1")
    lang = lang_of(viewer)
    return html.refused(html.w("failed", lang), "", "/providers", lang)
