"""The console's pages: Today, bookings (list, one booking, actions), people, notices,
providers. Each reads in one read or acts in one transaction through the console's use cases,
then renders with :mod:`bot.web.html`. After an action, a redirect back (post/redirect/get).
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote

from aiohttp import web

from bot.domain.bookings.staffing import Redispatched
from bot.domain.console import Viewer
from bot.domain.console.model import MAX_PRICE, PriceProblem, RevokeRefusal, page_of, parse_price
from bot.domain.console.reachability import Reachability
from bot.domain.console.service import CANCELLABLE
from bot.domain.console.timeline import note_problem
from bot.i18n import Lang
from bot.web import html
from bot.web.booking_facts import facts
from bot.web.html import dated, e, form, layout, table, w
from bot.web.people_views import revoke_view
from bot.web.reach_views import gaps_block, silent_block
from bot.web.routes import lang_of, page
from bot.web.setup_pages import SetupPages
from bot.web.today_page import TODAY_LINES, more_line, today_line
from bot.web.views import (
    action_label,
    csv_links,
    job_row,
    state_label,
    who_has,
)

if TYPE_CHECKING:
    from bot.web.server import ConsoleServer

STATES = ("offered", "accepted", "arrived", "done", "rated", "unassigned", "cancelled")


def _back(path: str) -> web.StreamResponse:
    raise web.HTTPSeeOther(path)


def _revoked(request: web.Request, lang: Lang) -> str:
    """After a revocation (``?revoked=1``, never a name in the URL): say it is done."""
    if not request.query.get("revoked"):
        return ""
    return f'<p class="saved" id="saved" role="status">✓ {w("revoke_done", lang)}</p>'


class Pages:
    """Each page's handler."""

    def __init__(self, server: ConsoleServer) -> None:
        self.server = server
        self.db = server.db
        self.console = server.console
        self.catalogue = server.console.catalogue

    def _name(self, service: str, lang: Lang) -> str:
        """A service's (or a tool's) name; its id when the vocabulary does not know it."""
        if service not in self.catalogue.vocabulary:
            return e(service)
        return e(self.catalogue.name(service).get(lang, service))

    async def today(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """Today: what needs attention, most urgent first; refreshes every minute."""
        lang = lang_of(viewer)
        async with self.db.read() as tx:
            today = await self.console.today(tx, viewer)
            reach = self.console.community, self.console.people  # staff only: names, gaps
            silent, gaps = await Reachability(*reach).read(tx) if viewer.staff else ([], [])
        rows = [today_line(self.console, line, lang) for line in today.lines[:TODAY_LINES]]
        body = f"<p>{w('breaches', lang, n=today.breaches)}</p>" + more_line(today, lang)
        if not viewer.staff:
            body += f"<p class='note'>{w('read_only', lang)}</p>"
        heads = (w("kind", lang), "#", w("what", lang), w("urgency", lang), w("waited", lang))
        body += gaps_block(gaps, lang)
        body += table(heads, rows, "today", cards=True) if rows else f"<p>{w('nothing', lang)}</p>"
        body += silent_block(silent, self.console.provider_names(lang), lang)
        return page(layout(w("today", lang), body, lang, refresh=60, staff=viewer.staff))

    async def bookings(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """Bookings and work orders: filter by state and service, newest first, paginated."""
        lang = lang_of(viewer)
        status = request.query.get("status", "")
        status = status if status in STATES else ""
        service = request.query.get("service", "")[:40]
        query = request.query.get("q", "")[:40]
        wanted = page_of(request.query.get("page"))
        async with self.db.read() as tx:
            found = await self.console.jobs(tx, viewer, status, service, wanted, query)
        states = "".join(
            f'<option value="{s}"{" selected" if s == status else ""}>{state_label(s, lang)}'
            "</option>"
            for s in STATES
        )
        services = "".join(
            f'<option value="{e(key)}"{" selected" if key == service else ""}>'
            f"{e(name.get(lang, key))}</option>"
            for key, name in self.console.service_names().items()
        )
        body = (
            f'<form method="get"><select name="status" aria-label="{w("status", lang)}">'
            f'<option value="">{w("all_states", lang)}</option>{states}</select> '
            f'<select name="service" aria-label="{w("service", lang)}"><option value="">'
            f"{w('all_services', lang)}</option>{services}</select> "
            f'<input name="q" value="{e(query)}" placeholder="{w("search", lang)}">'
            f" <button>{w('filter', lang)}</button></form>"
            f"<p>{w('page', lang, page=wanted.number, total=found.total)}</p>"
        )
        names = self.console.provider_names(lang)
        rows = [job_row(r, self._name(r.service, lang), lang, names) for r in found.rows]
        if rows:
            body += table(("#", "", w("status", lang), w("provider", lang)), rows, "bookings")
        else:
            body += f'<p id="bookings">{w("no_bookings", lang)}</p>'
        if viewer.staff:
            body += csv_links(("bookings", "ratings"), lang)
        query = f"status={e(status)}&amp;service={e(service)}&amp;q={e(quote(query))}"
        if wanted.number > 1:
            body += f' <a href="?{query}&amp;page={wanted.number - 1}">{w("prev", lang)}</a>'
        if wanted.offset + wanted.size < found.total:
            body += f' <a href="?{query}&amp;page={wanted.number + 1}">{w("next", lang)}</a>'
        return page(layout(w("bookings", lang), body, lang, staff=viewer.staff))

    async def booking(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """One booking: its state and its whole timeline; staff may note or cancel it."""
        return await self._booking(int(request.match_info["id"]), viewer)

    async def _booking(
        self, booking_id: int, viewer: Viewer, note: str = "", problem: str = ""
    ) -> web.StreamResponse:
        """The booking's page; ``note``/``problem``: a refused note, kept in its box with the
        problem next to it (400)."""
        lang = lang_of(viewer)
        async with self.db.read() as tx:
            found = await self.console.job(tx, viewer, booking_id)
            workers = await self.console.workers(tx, viewer, booking_id)
        if found is None:
            return page(html.not_found(lang), 404)
        job, events = found
        who = who_has(job, self.console.provider_names(lang), lang)
        state = state_label(job.status, lang)
        body = f'<p id="summary">{self._name(job.service, lang)} · {state} · {who}</p>'
        body += facts(self.console, job, lang)
        rows = [
            [
                dated(ev.at),
                e(ev.who) if ev.who is not None else w("system", lang),
                action_label(ev.action, lang),
                e(ev.detail),
            ]
            for ev in events
        ]
        body += f"<h2>{w('timeline', lang)}</h2>" + table(
            (w("t_when", lang), w("t_who", lang), w("t_what", lang), w("t_detail", lang)),
            rows,
            "timeline",
            cards=True,  # a card per event on a phone: the detail and notes wrap, never cut
        )
        if viewer.staff:
            box = f'<input name="note" value="{e(note)}" placeholder="{w("note", lang)}">'
            if problem:
                box += f' <span class="breach" id="problem-note">{w(problem, lang)}</span>'
            body += "<p>" + form(f"/bookings/{job.id}/note", viewer.csrf, box, w("add_note", lang))
            if job.status in CANCELLABLE:  # asked first (a page with the button that does it)
                link = f'<a id="cancel" href="/bookings/{job.id}/cancel">'
                body += f" {link}{w('cancel_booking', lang)}</a>"
            body += "</p>"
        if workers:
            body += "<p>" + form(
                f"/bookings/{job.id}/redispatch", viewer.csrf, "", w("redispatch", lang)
            )
            names = self.console.provider_names(lang)
            options = "".join(
                f'<option value="{e(pid)}:{p.id}">{e(p.name)} · {e(names.get(pid, pid))}</option>'
                for pid, p in workers
            )
            pick = f'<select name="worker" id="worker">{options}</select> '
            body += " " + form(f"/bookings/{job.id}/assign", viewer.csrf, pick, w("assign", lang))
            body += "</p>"
        return page(layout(f"#{job.id}", body, lang, staff=viewer.staff), 400 if problem else 200)

    async def note(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """Add a staff note to a booking's timeline."""
        booking_id = int(request.match_info["id"])
        text = str((await request.post()).get("note", ""))
        problem = note_problem(text)
        if problem:  # said at the field, what was typed kept: never dropped or cut silently
            return await self._booking(booking_id, viewer, text, problem)
        async with self.db.tx() as tx:
            await self.console.add_note(tx, viewer, booking_id, text)
        return _back(f"/bookings/{booking_id}")

    async def cancel_page(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """Are you sure? What cancelling tells whom, and the button that does it (a booking
        no longer open says so, without a button)."""
        lang = lang_of(viewer)
        booking_id = int(request.match_info["id"])
        async with self.db.read() as tx:
            found = await self.console.job(tx, viewer, booking_id)
        if found is None:
            raise web.HTTPNotFound()
        job = found[0]
        if job.status not in CANCELLABLE:
            body = f"<p>{w('not_cancellable', lang)}</p>"
            return html.refused(f"#{job.id}", body, f"/bookings/{job.id}", lang)
        back = f'<a href="/bookings/{job.id}">{w("back", lang)}</a>'
        sure = form(
            f"/bookings/{job.id}/cancel",
            viewer.csrf,
            "",
            w("cancel_sure", lang),
            confirm=w("sure", lang),
        )
        body = f"<p>{w('cancel_what', lang)}</p><p>{sure} {back}</p>"
        return page(layout(f"#{job.id} · {self._name(job.service, lang)}", body, lang))

    async def cancel(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """Cancel a booking through the bookings feature."""
        booking_id = int(request.match_info["id"])
        async with self.db.tx() as tx:
            await self.console.cancel_booking(tx, viewer, booking_id)
        return _back(f"/bookings/{booking_id}")

    async def redispatch(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """Move a job on to the next provider of its plan."""
        booking_id = int(request.match_info["id"])
        async with self.db.tx() as tx:
            done = await self.console.redispatch(tx, viewer, booking_id)
        if done is Redispatched.SLOT_OVER:  # said plainly: nothing moved, the resident asked
            return await self._slot_over(booking_id, viewer)
        if done is Redispatched.NOBODY:  # said before anything is sent: nobody else to ask
            return await self._nobody(booking_id, viewer)
        return self._after(bool(done), f"/bookings/{booking_id}", viewer)

    async def _nobody(self, booking_id: int, viewer: Viewer) -> web.StreamResponse:
        """Nobody but the job's own worker (if any) could be asked: nothing moved, nobody
        was told; staff are told so, naming the worker, to phone someone or assign."""
        lang, back = lang_of(viewer), f"/bookings/{booking_id}"
        deps = self.console.bookings.deps
        async with self.db.read() as tx:
            booking = await deps.repo.get(tx, booking_id)
            worker = await deps.people.by_id(tx, booking.assignee_id or 0) if booking else None
        said = (
            w("redispatch_nobody", lang, id=booking_id, worker=worker.name)
            if worker
            else w("redispatch_nobody_any", lang, id=booking_id)
        )
        return html.refused(w("redispatch", lang), f'<p class="breach">{said}</p>', back, lang)

    async def _slot_over(self, booking_id: int, viewer: Viewer) -> web.StreamResponse:
        """The job's time is over: not re-dispatched; the resident was asked for a new time."""
        lang, back = lang_of(viewer), f"/bookings/{booking_id}"
        async with self.db.read() as tx:
            booking = await self.console.bookings.deps.repo.get(tx, booking_id)
        when = self.console.bookings.deps.texts.slot(booking) if booking else ""
        said = w("redispatch_slot_over", lang, id=booking_id, when=when)
        return html.refused(w("redispatch", lang), f'<p class="breach">{said}</p>', back, lang)

    async def assign(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """Give a job to the named worker chosen (``provider:person``)."""
        booking_id = int(request.match_info["id"])
        provider, _, person = str((await request.post()).get("worker", "")).partition(":")
        done = False
        if person.isdigit():
            async with self.db.tx() as tx:
                done = await self.console.assign(tx, viewer, booking_id, provider, int(person))
        return self._after(done, f"/bookings/{booking_id}", viewer)

    def _after(self, done: bool, back: str, viewer: Viewer) -> web.StreamResponse:
        """Back to the page after an action; a polite page when its state had changed."""
        if done:
            return _back(back)
        lang = lang_of(viewer)
        return html.refused(w("failed", lang), f"<p>{w('failed', lang)}</p>", back, lang)

    async def people(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """Staff, housekeepers and provider members, each with a Revoke link (all their roles,
        after a page saying what will happen)."""
        lang = lang_of(viewer)
        async with self.db.read() as tx:
            holders = await self.console.holders(tx)
            revoked = await self.console.revoked_keepers(tx)
        rows = []
        for person, role, ref in holders:
            link = f'<a href="/people/{person.id}/revoke">{w("revoke", lang)}</a>'
            if role == "district":  # controlled by the district file only
                link = ""
            rows.append(
                [e(person.name), w("role_" + role, lang), self._ref(role, ref, lang), link]
            )
        heads = (w("name", lang), w("role", lang), w("covers", lang), "")
        body = html.saved(request.query, lang) + _revoked(request, lang)
        body += table(heads, rows, "people", cards=True)
        body += SetupPages(self.server).people_extra(viewer, revoked)
        return page(layout(w("people", lang), body, lang))

    def _ref(self, role: str, ref: str, lang: Lang) -> str:
        """What a role is for, in words: a housekeeper's buildings, a provider's name."""
        if role == "housekeeper":
            keeper = self.console.community.housekeeper(ref)
            return e(" ".join(keeper.buildings)) if keeper else e(ref)
        if role == "provider":
            return e(self.console.provider_names(lang).get(ref, ref))
        return e(ref)

    async def revoke_page(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """What revoking this person will do, and the button that does it (or why not)."""
        lang = lang_of(viewer)
        async with self.db.read() as tx:
            plan = await self.console.revoke_plan(tx, viewer, int(request.match_info["id"]))
        if plan is None:
            return page(html.not_found(lang), 404)
        services = {
            service: self.console.catalogue.name(service).get(lang, service)
            for _, service, _ in plan.jobs
        }
        c = self.console.community
        refs = {h.key: h.name for h in c.housekeepers} | {x.key: x.name for x in c.elders}
        refs |= self.console.provider_names(lang)
        return page(revoke_view(plan, viewer, lang, services, refs))

    async def revoke(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """Revoke a person (through the setup service), or say why not."""
        lang = lang_of(viewer)
        async with self.db.tx() as tx:
            refused = await self.console.revoke(tx, viewer, int(request.match_info["id"]))
        if refused is None:
            return _back("/people?revoked=1")  # People says it was done and is in effect
        if refused is RevokeRefusal.NOBODY:  # no role here: as if there were no such person
            return page(html.not_found(lang), 404)
        body = f'<p class="breach">{w("revoke_" + refused.value, lang)}</p>'
        return html.refused(w("revoke_refused", lang), body, "/people", lang)

    async def price(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """Change an offer's price (validated; audited before/after by the setup service);
        the next resident is shown it. A refused price gets a polite page saying why."""
        lang = lang_of(viewer)
        data = await request.post()
        price = parse_price(str(data.get("price", "")))
        problem = price if isinstance(price, PriceProblem) else None
        if not isinstance(price, PriceProblem):
            async with self.db.tx() as tx:
                problem = await self.console.set_price(
                    tx, viewer, request.match_info["provider"], str(data.get("service", "")), price
                )
        if problem is None:
            return _back(f"/providers?saved=1#p-{quote(request.match_info['provider'])}")
        text = w(f"price_{problem.value}", lang, most=MAX_PRICE)
        typed, service = str(data.get("price", ""))[:60], str(data.get("service", ""))[:60]
        fields = (  # the form again, what was typed kept and why next to it
            f'<input type="hidden" name="service" value="{e(service)}">'
            f'<label>{self._name(service, lang)} <input name="price" value="{e(typed)}"></label>'
            f' <span class="breach" id="problem-price">{text}</span> '
        )
        action = f"/providers/{request.match_info['provider']}/price"
        body = f'<p class="breach">{text}</p>' + form(action, viewer.csrf, fields, w("save", lang))
        body += f'<p><a href="/providers">{w("back", lang)}</a></p>'
        return page(layout(w("price_refused", lang), body, lang), 400)
