"""A live provider's offers from the providers page: add a catalogue service, change its price
and market price, or take it off — each through the setup service (validated as a whole,
audited before/after, quoted to the next resident without a restart). Staff only; CSRF-checked
like every console form."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiohttp import web

from bot.domain.console import Viewer
from bot.domain.console.model import valid_price
from bot.domain.onboard import ProviderOnboarding
from bot.web import html
from bot.web.html import layout
from bot.web.routes import lang_of, page

if TYPE_CHECKING:
    from bot.web.routes import Routes


class OfferPages:
    """Adding, re-pricing and removing a live provider's offers (from the providers page)."""

    def __init__(self, onboard: ProviderOnboarding, routes: Routes) -> None:
        self.onboard = onboard
        self.db = routes.db

    async def put(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """Add a service (or change its price and market price), then back to the page."""
        data = await request.post()
        price = valid_price(str(data.get("price", "")))
        market = valid_price(str(data.get("market", "")))
        done = False
        if price is not None:
            async with self.db.tx() as tx:
                done = await self.onboard.put_offer(
                    tx,
                    viewer.telegram_id,
                    request.match_info["provider"],
                    str(data.get("service", ""))[:60],
                    price,
                    market,
                )
        return _done(done, viewer)

    async def drop(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """Take a service off the provider's offers, then back to the page."""
        service = str((await request.post()).get("service", ""))[:60]
        async with self.db.tx() as tx:
            done = await self.onboard.drop_offer(
                tx, viewer.telegram_id, request.match_info["provider"], service
            )
        return _done(done, viewer)


def _done(done: bool, viewer: Viewer) -> web.StreamResponse:
    """Back to the providers page, or a polite page saying the change was refused."""
    if done:
        raise web.HTTPSeeOther("/providers?saved=1")
    lang = lang_of(viewer)
    body = f'<p><a href="/providers">{html.w("back", lang)}</a></p>'
    return page(layout(html.w("failed", lang), body, lang), 409)
