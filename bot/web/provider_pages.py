"""The console's new-provider pages: the applications, one application (details, documents,
the moves its state allows), uploads, and approval showing the one-time invite link.

Staff only (the routes say so); every POST carries the CSRF token (checked before the handler
runs); each action is one transaction through :class:`ProviderOnboarding`, then a redirect back
(a problem key, never a value typed, may ride in the query). The approval's page is the only
place the invite link appears: it is not redirected to, stored in a URL or cached.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiohttp import web

from bot.domain.console import Viewer
from bot.domain.onboard import Application, Details, DocKind, Move, ProviderOnboarding, State
from bot.domain.onboard.model import MAX_DOCUMENT_BYTES, detail_problems
from bot.i18n import Lang, T, both, render
from bot.web import html
from bot.web.html import e, layout, table
from bot.web.provider_forms import (
    ServiceLine,
    details_form,
    documents,
    expiry_date,
    ow,
    problem_list,
    read_details,
    typed_refusals,
)
from bot.web.routes import lang_of, page

if TYPE_CHECKING:
    from bot.web.routes import Routes

BASE = "/providers/applications"
MOVES: dict[State, tuple[Move, ...]] = {
    State.DRAFT: (Move.SUBMIT, Move.REJECT),
    State.SUBMITTED: (Move.APPROVE, Move.REOPEN, Move.REJECT),
}
NO_STORE = {"Cache-Control": "no-store"}


def _form(action: str, csrf: str, body: str, button: str, confirm: str = "") -> str:
    return (
        f'<form method="post" action="{e(action)}">'
        f'<input type="hidden" name="csrf" value="{e(csrf)}">{body}'
        f"{html.sure(confirm) if confirm else ''}<button>{button}</button></form>"
    )


def _no_store(response: web.Response) -> web.Response:
    response.headers.update(NO_STORE)
    return response


class ProviderPages:
    """Each new-provider page's handler."""

    def __init__(self, onboard: ProviderOnboarding, routes: Routes) -> None:
        self.onboard = onboard
        self.db = routes.db

    def _services(self, lang: Lang) -> list[ServiceLine]:
        """Every catalogue service: id, name, the market price others quote (if any) and the
        unit they quote it per (per visit when nobody offers it yet)."""
        catalogue = self.onboard.catalogue
        found = []
        for entry in catalogue.vocabulary.services():
            offers = [o for _, o in catalogue.offers(entry.id)]
            markets = [o.market_price for o in offers if o.market_price]
            name = catalogue.name(entry.id).get(lang, entry.id)
            unit = (offers[0].unit_zh, offers[0].unit_en) if offers else ("次", "visit")
            found.append(ServiceLine(entry.id, name, max(markets) if markets else None, *unit))
        return found

    def _service_ids(self) -> list[str]:
        return [entry.id for entry in self.onboard.catalogue.vocabulary.services()]

    async def applications(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """The applications, newest first, and documents of live providers running out."""
        lang = lang_of(viewer)
        async with self.db.read() as tx:
            recent = await self.onboard.repo.recent(tx)
        body = f'<p><a href="{BASE}/new" id="new-provider">{ow("new", lang)}</a></p>'
        body += self.expiring(lang)
        rows = [
            [f'<a href="{BASE}/{i}">{i}</a>', e(name or pid), ow("state_" + state, lang)]
            for i, state, pid, name in recent
        ]
        heads = ("#", ow("provider_name", lang), ow("app_state", lang))
        body += table(heads, rows, "applications") if rows else ow("none", lang)
        return page(layout(render_title("applications", lang), body, lang))

    def expiring(self, lang: Lang) -> str:
        """Live providers' licences and insurance running out within 30 days (flagged)."""
        names = {
            p.id: render(both(p.name_zh, p.name_en)[lang], lang)
            for p in self.onboard.community.providers
        }
        lines = [
            ow(
                "expiring_line",
                lang,
                provider=names.get(pid, pid),
                kind=T(f"onboard.kind_{kind}"),
                date=when,
            )
            for pid, kind, when in self.onboard.expiring()
        ]
        if not lines:
            return ""
        items = "".join(f"<li>{line}</li>" for line in lines)
        return f'<div class="breach" id="expiring">{ow("expiring", lang)}<ul>{items}</ul></div>'

    async def new(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """An empty application form."""
        lang = lang_of(viewer)
        fields = details_form(None, self._services(lang), self._buildings(), lang)
        body = _form(BASE, viewer.csrf, fields, ow("save", lang))
        return page(layout(render_title("new_title", lang), body, lang))

    def _buildings(self) -> tuple[str, ...]:
        return self.onboard.community.building_ids()

    async def create(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """Save a new application as a draft, then show it (a price that is no number: the
        form again, refused at that field; a nameless one, e.g. the empty form: refused with
        its problems, nothing created — retest 15: a blank draft only a rejection removed)."""
        data = await request.post()
        details, refused = (
            read_details(data, self._service_ids()),
            typed_refusals(data, self._service_ids()),
        )
        if refused or not details.name_zh.strip():
            return self._refused(
                BASE, render_title("new_title", lang_of(viewer)), details, refused, viewer
            )
        async with self.db.tx() as tx:
            app_id = await self.onboard.create(tx, viewer.telegram_id, details)
        raise web.HTTPSeeOther(f"{BASE}/{app_id}")

    async def application(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """One application: what it lacks, its details (editable while open), its documents,
        and the moves its state allows."""
        lang = lang_of(viewer)
        async with self.db.read() as tx:
            found = await self.onboard.application(tx, int(request.match_info["id"]))
        if found is None:
            return page(html.not_found(lang), 404)
        asked = request.query.get("problem", "").split(",")
        body = problem_list(asked, lang)
        body += f'<p id="state">{ow("state_" + found.state, lang)}</p>'
        missing = self.onboard.problems(found) if found.state in MOVES else []
        if missing:
            body += f"<p>{ow('missing', lang)}</p>" + problem_list(missing, lang)
        body += self._details(found, viewer, lang, missing)
        body += documents(found, viewer.csrf, found.state in MOVES, lang)
        buttons = " ".join(
            _form(
                f"{BASE}/{found.id}/{m.value}",
                viewer.csrf,
                "",
                ow("move_" + m, lang),
                html.w("sure", lang) if m is Move.REJECT else "",
            )
            for m in MOVES.get(found.state, ())
        )
        body += f'<div id="moves">{buttons}</div>'
        title = render_title("application", lang, id=found.id)
        return _no_store(page(layout(title, body, lang)))

    def _details(self, found: Application, viewer: Viewer, lang: Lang, problems: list[str]) -> str:
        services, buildings = self._services(lang), self._buildings()
        fields = details_form(found.details, services, buildings, lang, problems)
        if found.state not in MOVES:
            return f"<fieldset disabled>{fields}</fieldset>"
        return _form(f"{BASE}/{found.id}", viewer.csrf, fields, ow("save", lang))

    def _refused(
        self, action: str, title: str, details: Details, typed: dict[str, str], viewer: Viewer
    ) -> web.Response:
        """The details form again (400, nothing saved): each price typed as no number kept
        and refused at its field, with every other problem of the details by its field."""
        lang = lang_of(viewer)
        problems = [p for p in detail_problems(details, self.onboard.known()) if p != "no_offers"]
        fields = details_form(
            details, self._services(lang), self._buildings(), lang, problems, typed
        )
        body = f'<p class="breach" id="refused">{html.w("form_fix", lang)}</p>'
        body += _form(action, viewer.csrf, fields, ow("save", lang))
        return _no_store(page(layout(title, body, lang), 400))

    async def edit(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """Save the edited details."""
        app_id = int(request.match_info["id"])
        data = await request.post()
        details, refused = (
            read_details(data, self._service_ids()),
            typed_refusals(data, self._service_ids()),
        )
        if refused:
            title = render_title("application", lang_of(viewer), id=app_id)
            return self._refused(f"{BASE}/{app_id}", title, details, refused, viewer)
        async with self.db.tx() as tx:
            done = await self.onboard.edit(tx, viewer.telegram_id, app_id, details)
        raise web.HTTPSeeOther(f"{BASE}/{app_id}" + ("" if done else "?problem=decided"))

    async def upload(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """Attach an uploaded document (checked by its bytes, size and expiry)."""
        app_id = int(request.match_info["id"])
        data = await request.post()
        upload, kind = data.get("file"), str(data.get("kind", ""))
        content = b""
        if isinstance(upload, web.FileField):
            content = upload.file.read(MAX_DOCUMENT_BYTES + 1)
        if kind not in {k.value for k in DocKind}:
            raise web.HTTPSeeOther(f"{BASE}/{app_id}?problem=doc_type")
        expires = expiry_date(str(data.get("expires", "")))
        async with self.db.tx() as tx:
            problem = await self.onboard.upload(
                tx, viewer.telegram_id, app_id, DocKind(kind), content, expires
            )
        raise web.HTTPSeeOther(f"{BASE}/{app_id}" + (f"?problem={problem}" if problem else ""))

    async def remove(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """Take a document off the application."""
        app_id, doc_id = int(request.match_info["id"]), int(request.match_info["doc"])
        async with self.db.tx() as tx:
            await self.onboard.remove_document(tx, viewer.telegram_id, app_id, doc_id)
        raise web.HTTPSeeOther(f"{BASE}/{app_id}")

    async def document(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """A document's bytes, as the type its bytes are, in a sandbox (never run as a page)."""
        app_id, doc_id = int(request.match_info["id"]), int(request.match_info["doc"])
        async with self.db.read() as tx:
            found = await self.onboard.document(tx, app_id, doc_id)
        if found is None:
            raise web.HTTPNotFound()
        content_type, data = found
        headers = {
            **NO_STORE,
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "sandbox",
            "Content-Disposition": "inline",
        }
        return web.Response(body=data, content_type=content_type, headers=headers)

    async def move(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """Submit, reopen, approve or reject; approval shows the invite link, once."""
        lang = lang_of(viewer)
        app_id, move = int(request.match_info["id"]), Move(request.match_info["move"])
        async with self.db.tx() as tx:
            outcome = await self.onboard.move(tx, viewer.telegram_id, app_id, move)
            found = await self.onboard.application(tx, app_id)
        if not outcome.done or found is None:
            raise web.HTTPSeeOther(f"{BASE}/{app_id}?problem={','.join(outcome.problems)}")
        if move is not Move.APPROVE:
            raise web.HTTPSeeOther(f"{BASE}/{app_id}")
        days = self.onboard.community.policy.invite_ttl.days
        name = found.details.name_zh if lang == "zh" else found.details.name_en
        body = (
            f'<p id="approved">{ow("approved", lang, name=name or found.details.name_zh)}</p>'
            f"<p>{ow('invite', lang, days=days)}</p>"
            '<p><input id="invite" readonly style="width:100%;box-sizing:border-box"'
            f' value="{e(outcome.invite_link)}"></p>'
            f'<p><a href="/providers">{html.w("providers", lang)}</a></p>'
        )
        return _no_store(page(layout(render_title("application", lang, id=app_id), body, lang)))


def render_title(key: str, lang: Lang, **params: object) -> str:
    """A page title (plain text: the layout escapes it)."""
    return render(T(f"onboard.{key}", **params), lang)


def provider_routes(onboard: ProviderOnboarding, r: Routes) -> list[web.RouteDef]:
    """The new-provider routes, staff only."""
    from bot.web.offer_pages import OfferPages

    p, o = ProviderPages(onboard, r), OfferPages(onboard, r)
    v = r.viewing
    moves = "|".join(m.value for m in Move if m is not Move.EDIT)
    return [
        web.get(BASE, v(p.applications, staff=True)),
        web.get(f"{BASE}/new", v(p.new, staff=True)),
        web.post(BASE, v(p.create, staff=True)),
        web.get(BASE + "/{id:\\d{1,18}}", v(p.application, staff=True)),
        web.post(BASE + "/{id:\\d{1,18}}", v(p.edit, staff=True)),
        web.post(BASE + "/{id:\\d{1,18}}/documents", v(p.upload, staff=True)),
        web.get(BASE + "/{id:\\d{1,18}}/documents/{doc:\\d{1,18}}", v(p.document, staff=True)),
        web.post(
            BASE + "/{id:\\d{1,18}}/documents/{doc:\\d{1,18}}/remove", v(p.remove, staff=True)
        ),
        web.post(BASE + "/{id:\\d{1,18}}/{move:" + moves + "}", v(p.move, staff=True)),
        web.post("/providers/{provider}/offers", v(o.put, staff=True)),
        web.post("/providers/{provider}/offers/remove", v(o.drop, staff=True)),
    ]
