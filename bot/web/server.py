"""The console's HTTP server: aiohttp in the bot's own event loop, started and stopped with it.

Sign-in (a one-time link, or a Mini App's signed data) ends in a session cookie (HttpOnly,
SameSite=Strict, Secure when the public address is https; named per community in a district).
Each request is logged as its route's pattern, status and time only: never a token, a query or
anything personal.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable

from aiohttp import web

from bot.config import Settings
from bot.domain.console import Console
from bot.domain.incidents.timeline import Lookup
from bot.domain.onboard import ProviderOnboarding
from bot.storage import Database

_LOGGER = logging.getLogger(__name__)
COOKIE = "concierge_session"
# In a district: the community this console serves (its file's name), on each log line.
SITE = web.AppKey("site", str)
UPLOAD_LIMIT = 4 * 1024 * 1024

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@web.middleware
async def _access_log(request: web.Request, handler: Handler) -> web.StreamResponse:
    """One line per request: method, route pattern (no ids of tokens, no query), status, ms;
    in a district, which community's console first (a community's name is nothing personal)."""
    started = time.perf_counter()
    status = 500
    try:
        response = await handler(request)
        status = response.status
        return response
    except web.HTTPException as exc:
        status = exc.status
        raise
    finally:
        route = request.match_info.route.resource
        pattern = route.canonical if route is not None else "-"
        took = (time.perf_counter() - started) * 1000
        site = request.app.get(SITE, "")
        where = f"[{site}] " if site else ""
        _LOGGER.info("%s%s %s %d %.1f ms", where, request.method, pattern, status, took)


# The community's (zh, en) name, for the layout's title and header (see html.SITE_NAME).
NAME = web.AppKey("name", tuple)


@web.middleware
async def _named(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Every page this request renders names the console's community (one place for all)."""
    from bot.web import html

    html.SITE_NAME.set(request.app.get(NAME))
    return await handler(request)


@web.middleware
async def _not_found(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Anything not found (no such route, booking, unit or document) is the console's own
    polite page with a way back, not aiohttp's bare text."""
    try:
        return await handler(request)
    except web.HTTPNotFound:
        from bot.i18n import DEFAULT_LANG
        from bot.web import html

        text = html.not_found(DEFAULT_LANG)
        return web.Response(text=text, status=404, content_type="text/html", charset="utf-8")


# Telegram's web client shows a Mini App in a frame of its own pages; nobody else may frame the
# console (clickjacking). Every console page and export is personal: never cached.
FRAME_ANCESTORS = "frame-ancestors 'self' https://web.telegram.org https://*.telegram.org"


@web.middleware
async def _headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Security headers on every answer: who may frame it, no sniffing, no referrer, and
    ``Cache-Control: no-store`` (pages and CSVs hold names, jobs and notes)."""
    response = await handler(request)
    response.headers.setdefault("Content-Security-Policy", FRAME_ANCESTORS)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers["Cache-Control"] = "no-store"
    return response


@web.middleware
async def _too_large(request: web.Request, handler: Handler) -> web.StreamResponse:
    """An upload over the limit is the console's own page saying the limit, not aiohttp's
    plain text."""
    try:
        return await handler(request)
    except web.HTTPRequestEntityTooLarge:
        from bot.i18n import DEFAULT_LANG
        from bot.web import html

        mb = UPLOAD_LIMIT // (1024 * 1024)
        body = f'<p><a href="javascript:history.back()">{html.w("back", DEFAULT_LANG)}</a></p>'
        text = html.layout(html.w("too_large", DEFAULT_LANG, mb=mb), body, DEFAULT_LANG)
        return web.Response(text=text, status=413, content_type="text/html", charset="utf-8")


class ConsoleServer:
    """The web console, bound to the settings' host and port."""

    def __init__(
        self,
        settings: Settings,
        db: Database,
        console: Console,
        onboard: ProviderOnboarding | None = None,
        lookup: Lookup | None = None,
    ) -> None:
        self.settings = settings
        self.db = db
        self.console = console
        self.onboard = onboard  # the new-provider pages (none: not served)
        self.lookup = lookup  # an incident's page (none: not served)
        self._runner: web.AppRunner | None = None
        self.port = settings.web_port
        # Routes served beside the console's on the same port (health, the webhook).
        self.extra_routes: list[web.RouteDef] = []

    @property
    def base_url(self) -> str:
        """Where staff reach the console: the public address, else http://host:port."""
        if self.settings.public_url:
            return self.settings.public_url
        return f"http://{self.settings.web_host}:{self.port}"

    @property
    def cookie(self) -> str:
        """The session cookie's name: a district's communities each have their own (browsers
        keep cookies per host, not per port or proxy location, so one shared name would let
        signing in to one console sign the same browser out of the other)."""
        site = self.settings.site
        return f"{COOKIE}_{site}" if site else COOKIE

    @property
    def secure(self) -> bool:
        """Whether cookies must be Secure (served over https)."""
        return self.base_url.startswith("https://")

    def application(self) -> web.Application:
        """The aiohttp application with every route."""
        from bot.web.routes import routes

        # Room for a new provider's document (at most 2 MB, judged by the pages; up to 4 MB
        # is read so a slightly larger file gets a polite refusal rather than a bare 413).
        middlewares = [_access_log, _named, _headers, _not_found, _too_large]
        app = web.Application(middlewares=middlewares, client_max_size=UPLOAD_LIMIT)
        app[SITE] = self.settings.site
        named = self.console.community.community
        app[NAME] = (named.name_zh, named.name_en)
        app.add_routes(routes(self))
        app.add_routes(self.extra_routes)
        return app

    async def start(self) -> None:
        """Listen (in the running event loop)."""
        self._runner = web.AppRunner(self.application(), access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.settings.web_host, self.settings.web_port)
        await site.start()
        server = getattr(site, "_server", None)
        sockets = getattr(server, "sockets", None) or []
        if sockets:
            self.port = int(sockets[0].getsockname()[1])
        serves = f" for {self.settings.site}" if self.settings.site else ""
        _LOGGER.info("Web console%s listening on %s:%d", serves, self.settings.web_host, self.port)

    async def stop(self) -> None:
        """Stop listening (idempotent)."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
