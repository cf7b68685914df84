"""The console's routes: sign-in and sign-out here, the pages in :mod:`bot.web.pages`.

Handlers are thin: read the request, call :class:`bot.domain.console.Console` in one read or one
transaction, render. Every page checks the session and the role; every POST checks the CSRF
token; a refusal is a polite page, never a stack trace.
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, cast

from aiohttp import web

from bot.domain.console import InitDataProblem, Viewer
from bot.domain.console.sessions import Removed
from bot.i18n import DEFAULT_LANG, Lang
from bot.web import html

if TYPE_CHECKING:
    from bot.web.server import ConsoleServer

COOKIE = "concierge_session"  # one community's; a district's each add their name
Page = Callable[[web.Request, Viewer], Awaitable[web.StreamResponse]]


# Final actions: their forms carry an "I am sure" box (``html.sure``); the server refuses the
# POST without it (HTML's ``required`` is only the browser's courtesy).
FINAL = tuple(
    re.compile(p)
    for p in (
        r"/bookings/\d+/cancel",
        r"/people/\d+/revoke",
        r"/notices/\d+/cancel",
        r"/notices/recurring/[^/]+/remove",
        r"/providers/[^/]+/offers/remove",
        r"/providers/applications/\d+/reject",
        r"/providers/applications/\d+/documents/\d+/remove",
    )
)
SUSPEND = re.compile(r"/providers/[^/]+/suspend")


def unconfirmed(path: str, form: Mapping[str, object]) -> bool:
    """Whether this POST is a final action sent without its "I am sure" box ticked
    (suspending is final; lifting a suspension is not; a crafted ``sure=off`` is no tick)."""
    final = any(p.fullmatch(path) for p in FINAL) or (
        SUSPEND.fullmatch(path) is not None and str(form.get("on", "")) == "1"
    )
    return final and str(form.get("sure", "")) != "on"  # what a ticked box sends


def back_from(path: str) -> str:
    """The page a form was on, from its action's address (a notice's, a provider's, an
    application's; a booking's cancel and a person's revoke were asked on their own page,
    at the same address)."""
    if re.fullmatch(r"/(bookings/\d+/cancel|people/\d+/revoke)", path):
        return path
    found = re.match(r"/providers/applications/\d+", path)
    if found:
        return found.group(0)
    return "/notices" if path.startswith("/notices") else "/providers"


def lang_of(viewer: Viewer) -> Lang:
    """The viewer's language."""
    return "en" if viewer.lang == "en" else "zh"


def page(body: str, status: int = 200) -> web.Response:
    """An HTML response."""
    return web.Response(text=body, status=status, content_type="text/html", charset="utf-8")


class Routes:
    """Sign-in, sign-out and the session and CSRF checks every page goes through."""

    def __init__(self, server: ConsoleServer) -> None:
        self.server = server
        self.console = server.console
        self.db = server.db
        self.cookie = server.cookie

    def _with_session(self, token: str, lang: Lang) -> web.Response:
        """Set the session cookie and leave the sign-in address (its spent token, or the Mini
        App's post) for a clean one: /signed-in, which goes on to Today."""
        response = web.Response(status=303, headers={"Location": "/signed-in"})
        response.set_cookie(
            self.cookie,
            token,
            httponly=True,
            samesite="Strict",
            secure=self.server.secure,
            max_age=12 * 3600,
            path="/",
        )
        return response

    async def login(self, request: web.Request) -> web.StreamResponse:
        """GET /login/{token}: a one-time link from /console."""
        async with self.db.tx() as tx:
            session = await self.console.redeem_login(tx, request.match_info["token"])
        if isinstance(session, Removed):
            return page(html.message(html.w("access_removed", session.lang), session.lang), 403)
        if session is None:
            return page(html.message(html.w("refused", DEFAULT_LANG), DEFAULT_LANG), 403)
        return self._with_session(session, DEFAULT_LANG)

    async def signed_in(self, request: web.Request) -> web.StreamResponse:
        """GET /signed-in: on to Today by a same-site navigation, so the strict cookie set by a
        link opened from Telegram (another site) is sent; nothing private in this address."""
        return page(html.signed_in(DEFAULT_LANG))

    async def mini_app(self, request: web.Request) -> web.StreamResponse:
        """GET /app: the Mini App's page, which posts Telegram's signed data."""
        return page(html.mini_app(DEFAULT_LANG))

    async def mini_app_login(self, request: web.Request) -> web.StreamResponse:
        """POST /auth/webapp: sign in with a Mini App's signed data."""
        data = await request.post()
        init_data = str(data.get("init_data", ""))
        async with self.db.tx() as tx:
            outcome = await self.console.mini_app_login(tx, init_data)
        if isinstance(outcome, InitDataProblem):
            return page(html.message(html.w("refused_app", DEFAULT_LANG), DEFAULT_LANG), 403)
        if isinstance(outcome, Removed):
            return page(html.message(html.w("access_removed", outcome.lang), outcome.lang), 403)
        if outcome is None:
            return page(html.message(html.w("not_allowed", DEFAULT_LANG), DEFAULT_LANG), 403)
        return self._with_session(outcome, DEFAULT_LANG)

    async def logout_page(self, request: web.Request) -> web.StreamResponse:
        """GET /logout: asks first (a link followed, a prefetch, changes nothing)."""
        lang = DEFAULT_LANG
        body = (
            '<form method="post" action="/logout">'
            f"<button>{html.w('sign_out', lang)}</button></form>"
            f'<p><a href="/">{html.w("back_today", lang)}</a></p>'
        )
        return page(html.layout(html.w("sign_out_ask", lang), body, lang, nav=False))

    async def logout(self, request: web.Request) -> web.StreamResponse:
        """POST /logout: end the session (the cookie is SameSite=Strict: another site's form
        cannot sign anyone out), and say how to come back."""
        token = request.cookies.get(self.cookie, "")
        if token:
            async with self.db.tx() as tx:
                await self.console.sign_out(tx, token)
        lang = DEFAULT_LANG
        body = f"<p>{html.w('signed_out_how', lang)}</p>"
        response = page(html.layout(html.w("signed_out", lang), body, lang, nav=False))
        response.del_cookie(self.cookie, path="/")
        return response

    async def _refused(self, token: str) -> web.StreamResponse:
        """No viewer: a live session whose person lost their access is ended and says so
        (the cookie goes too); a cookie that opens nothing expired (or was signed out); none
        at all: never signed in here."""
        if token:
            async with self.db.tx() as tx:
                removed = await self.console.end_removed(tx, token)
            if removed is not None:
                text = html.message(html.w("access_removed", removed), removed)
                response = page(text, 403)
                response.del_cookie(self.cookie, path="/")
                return response
        said = "session_expired" if token else "sign_in_first"
        return page(html.message(html.w(said, DEFAULT_LANG), DEFAULT_LANG), 403)

    def viewing(
        self, handler: Page, *, staff: bool = False
    ) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
        """A page for signed-in people (staff only when ``staff``); a POST must carry the
        session's CSRF token."""

        async def guarded(request: web.Request) -> web.StreamResponse:
            token = request.cookies.get(self.cookie, "")
            async with self.db.read() as tx:
                viewer = await self.console.viewer(tx, token) if token else None
            if viewer is None:
                return await self._refused(token)
            lang = lang_of(viewer)
            if (staff or request.method == "POST") and not viewer.staff:
                # A housekeeper's console is read-only: no page of another kind, no action.
                return page(html.message(html.w("forbidden", lang), lang), 403)
            if request.method == "POST":
                data = await request.post()
                if not hmac.compare_digest(str(data.get("csrf", "")), viewer.csrf):
                    return page(html.message(html.w("bad_form", lang), lang), 403)
                if any(isinstance(v, str) and "\x00" in v for v in data.values()):
                    return page(html.message(html.w("bad_character", lang), lang), 400)
                if unconfirmed(request.path, data):  # nothing changed: say so, and go back
                    return page(html.unconfirmed(back_from(request.path), lang), 400)
            return await handler(request, viewer)

        return guarded


def routes(server: ConsoleServer) -> list[web.RouteDef]:
    """Every route of the console."""
    from bot.web.insight_pages import InsightPages
    from bot.web.notice_pages import notice_routes
    from bot.web.pages import Pages
    from bot.web.setup_pages import setup_routes

    r = Routes(server)
    p = Pages(server)
    i = InsightPages(server)
    v = r.viewing
    return [
        web.get("/login/{token}", r.login),
        web.get("/signed-in", r.signed_in),
        web.get("/app", r.mini_app),
        web.post("/auth/webapp", r.mini_app_login),
        web.get("/logout", r.logout_page),
        web.post("/logout", r.logout),
        web.get("/", v(p.today)),
        web.get("/bookings", v(p.bookings)),
        web.get("/bookings/{id:\\d{1,18}}", v(p.booking)),
        web.post("/bookings/{id:\\d{1,18}}/note", v(p.note, staff=True)),
        web.get("/bookings/{id:\\d{1,18}}/cancel", v(p.cancel_page, staff=True)),
        web.post("/bookings/{id:\\d{1,18}}/cancel", v(p.cancel, staff=True)),
        web.post("/bookings/{id:\\d{1,18}}/redispatch", v(p.redispatch, staff=True)),
        web.post("/bookings/{id:\\d{1,18}}/assign", v(p.assign, staff=True)),
        web.get("/people", v(p.people, staff=True)),
        web.get("/people/{id:\\d{1,18}}/revoke", v(p.revoke_page, staff=True)),
        web.post("/people/{id:\\d{1,18}}/revoke", v(p.revoke, staff=True)),
        web.get("/providers", v(i.providers, staff=True)),
        web.post("/providers/{provider}/suspend", v(i.suspend, staff=True)),
        web.get("/tools", v(i.tools, staff=True)),
        web.get("/tools/{id:\\d{1,18}}", v(i.unit, staff=True)),
        web.get("/demand", v(i.demand, staff=True)),
        web.get("/care", v(i.care, staff=True)),
        web.get("/export/{kind:[a-z]+}.csv", v(i.export, staff=True)),
        web.post("/providers/{provider}/price", v(p.price, staff=True)),
        *setup_routes(server, lambda handler: v(handler, staff=True)),
        *notice_routes(server, lambda handler: v(handler, staff=True)),
        *_onboarding(server, r),
        *_incidents(server, r),
    ]


def _incidents(server: ConsoleServer, r: Routes) -> list[web.RouteDef]:
    """An incident's page (bot/web/incident_pages.py), when the server has the look-up."""
    from bot.web.incident_pages import IncidentPage

    if server.lookup is None:
        return []
    handler = IncidentPage(server.lookup, server.db).incident
    return [web.get("/incidents/{id:\\d{1,18}}", r.viewing(handler, staff=True))]


def _onboarding(server: ConsoleServer, r: Routes) -> list[web.RouteDef]:
    """The new-provider pages (bot/web/provider_pages.py), when the server has them."""
    from bot.web.provider_pages import provider_routes

    return provider_routes(server.onboard, r) if server.onboard is not None else []


__all__ = ["COOKIE", "Routes", "cast", "lang_of", "page", "routes"]
