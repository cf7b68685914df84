"""The People and Notices pages' setup forms: add and edit staff, housekeepers (with their
buildings), elders (address, check-in times, grid worker, risk, family), recurring notices
(listed with their days and time; one-off notices: bot/web/notice_pages.py). Thin: one
transaction through :class:`bot.domain.console.Console`, then a redirect, or a polite page
saying what to fix."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiohttp import web

from bot.domain.console import Viewer
from bot.domain.console.forms import unknown_building
from bot.i18n import Lang
from bot.web.html import e, final, layout, refused, table, w
from bot.web.notice_check import held_back
from bot.web.routes import lang_of, page
from bot.web.setup_forms import DAYS, entry_form

if TYPE_CHECKING:
    from bot.domain.console import Console
    from bot.web.server import ConsoleServer

SECTIONS = ("staff", "housekeepers", "elders", "notices")
BACK = {"staff": "/people", "housekeepers": "/people", "elders": "/people", "notices": "/notices"}


class SetupPages:
    """Handlers of the setup forms (staff only, see routes)."""

    def __init__(self, server: ConsoleServer) -> None:
        self.db = server.db
        self.console = server.console

    def people_extra(self, viewer: Viewer, revoked: frozenset[str] = frozenset()) -> str:
        """Below the People list: housekeepers and elders with edit links, and add forms. A
        grid worker is named; one whose housekeeper was revoked (``revoked``: their keys, nobody
        holding them now) is marked so, for staff to name another."""
        lang = lang_of(viewer)
        c = self.console.community
        keepers = [
            [
                e(h.name) + (self._gone(h.key, lang, True) if h.key in revoked else ""),
                e(" ".join(h.buildings)),
                self._edit("housekeepers", h.key, lang),
            ]
            for h in c.housekeepers
        ]
        names = {h.key: h.name for h in c.housekeepers}
        elders = [
            [
                e(x.name),
                e(" ".join(t.strftime("%H:%M") for t in x.checkin_times)),
                e(names.get(x.grid_worker, x.grid_worker))
                + (self._gone(x.grid_worker, lang, True) if x.grid_worker in revoked else ""),
                w("risk_" + x.risk, lang) if x.risk in ("high", "normal") else e(x.risk),
                self._edit("elders", x.key, lang),
            ]
            for x in c.elders
        ]
        district = c.district_staff_ids()
        staff = [
            [
                e(s.name)
                + (f" ({w('role_district', lang)})" if s.telegram_id in district else ""),
                e(s.telegram_id),
            ]
            for s in c.staff
        ]
        body = f"<h2>{w('role_staff', lang)}</h2>" + table(
            (w("name", lang), "Telegram ID"), staff, "staff", cards=True
        )
        body += f"<h2>{w('role_housekeeper', lang)}</h2>" + table(
            (w("name", lang), w("f_buildings", lang), ""), keepers, "housekeepers", cards=True
        )
        body += f"<h2>{w('elders', lang)}</h2>" + table(
            (w("name", lang), w("f_times", lang), w("grid_worker", lang), w("f_risk", lang), ""),
            elders,
            "elders",
            cards=True,
        )
        for section in ("staff", "housekeepers", "elders"):
            body += f"<h3>{w('add_' + section, lang)}</h3>" + entry_form(
                section, None, viewer.csrf, lang, self.keepers(revoked, lang), revoked=revoked
            )
        return body

    @staticmethod
    def recurring_extra(console: Console, viewer: Viewer) -> str:
        """The recurring notices (days and time; edit, stop) and a form to add one."""
        lang = lang_of(viewer)
        rows = []
        # A notice a community question's answer names cannot be stopped here (the setup would
        # not hold): no button that can only be refused, but why.
        named = {f.notice for f in console.community.faq if f.notice}
        for n in console.community.notices:
            remove = (
                f'<span class="note">{w("notice_faq_named", lang)}</span>'
                if n.id in named
                else final(
                    f"/notices/recurring/{e(n.id)}/remove", viewer.csrf, w("remove", lang), lang
                )
            )
            days = " ".join(w("day_" + d, lang) if d in DAYS else e(d) for d in n.days)
            rows.append(
                [
                    e(n.id),
                    f"{days} {n.post_at.strftime('%H:%M')}",
                    e(n.text_zh[:120]),
                    SetupPages._edit("notices", n.id, lang) + " " + remove,
                ]
            )
        body = f"<h2>{w('recurring', lang)}</h2>" + table(
            (w("key", lang), w("days_time", lang), w("text", lang), ""),
            rows,
            "recurring",
            cards=True,
        )
        body += f"<h3>{w('add_notices', lang)}</h3>" + entry_form(
            "notices", None, viewer.csrf, lang
        )
        return body

    def keepers(self, revoked: frozenset[str], lang: Lang) -> list[tuple[str, str]]:
        """The grid workers to pick from: (key, name · buildings), a revoked one marked."""
        return [
            (
                h.key,
                f"{h.name} · {' '.join(h.buildings)}"
                + (" " + self._gone(h.key, lang) if h.key in revoked else ""),
            )
            for h in self.console.community.housekeepers
        ]

    def _gone(self, key: str, lang: Lang, marked: bool = False) -> str:
        """A revoked housekeeper's mark: "name another grid worker" only while some elder
        still has them; one kept only by the emergency duty list says so (retest 15: the
        advice could not be acted on)."""
        c = self.console.community
        grid = any(x.grid_worker == key for x in c.elders)
        said = w(
            "revoked_keeper" if grid or key not in c.emergency.on_duty else "revoked_duty", lang
        )
        return f'<span class="breach">{said}</span>' if marked else said

    @staticmethod
    def _edit(section: str, key: str, lang: Lang) -> str:
        return f'<a href="/setup/{section}/{e(key)}">{w("edit", lang)}</a>'

    async def edit(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """An entry's edit form, prefilled."""
        lang, section = lang_of(viewer), request.match_info["section"]
        if section not in SECTIONS:  # a crafted address: not found (it was a 500)
            raise web.HTTPNotFound()
        async with self.db.read() as tx:
            found = await self.console.entry(tx, viewer, section, request.match_info["key"])
        if found is None:
            raise web.HTTPNotFound()
        async with self.db.read() as tx:
            revoked = await self.console.revoked_keepers(tx)
        keepers = self.keepers(revoked, lang)
        body = entry_form(section, found, viewer.csrf, lang, keepers, revoked=revoked)
        title = w("edit", lang) + (f" · {found['name']}" if found.get("name") else "")
        return page(layout(title, body, lang))

    async def save(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """Add or change an entry; a refused one gets a page saying what to fix."""
        lang, section = lang_of(viewer), request.match_info["section"]
        data = await request.post()
        notice = section == "notices"
        if notice and (held := held_back("/setup/notices", viewer.csrf, data, lang)) is not None:
            return held
        # a field sent more than once (a notice's ticked days) reads as its values in a row
        fields = {k: " ".join(str(v) for v in data.getall(k)) for k in data if k != "csrf"}
        async with self.db.tx() as tx:
            problem = await self.console.save(tx, viewer, section, fields)
        back = BACK.get(section, "/people")
        if problem is None:
            raise web.HTTPSeeOther(back + "?saved=1")
        if isinstance(problem, str):  # the whole setup would not hold; its reason is the
            why, said = w("form_invalid", lang), {}  # checker's English: never shown to staff
        else:
            why = w("form_fix", lang)
            known = self.console.community.building_ids()
            params = {
                "building": unknown_building(fields, known) or "",
                "buildings": "、".join(known),
            }
            said = {name: w("form_" + p.value, lang, **params) for name, p in problem.items()}
        body = f'<p class="breach" id="refused">{why}</p>'
        if section in SECTIONS:
            async with self.db.read() as tx:
                revoked = await self.console.revoked_keepers(tx)
            keepers = self.keepers(revoked, lang)
            typed = dict(fields)  # all of it: "what you typed is kept" (the body's size is capped)
            body += entry_form(
                section,
                None,
                viewer.csrf,
                lang,
                keepers,
                typed=typed,
                problems=said,
                revoked=revoked,
            )
        body += f'<p><a href="{back}">{w("back", lang)}</a></p>'
        return page(layout(w("not_saved", lang), body, lang), 400)

    async def remove_notice(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """A recurring notice is not posted any more; or a page saying why not (the setup
        would not hold without it: a community question's answer names it)."""
        async with self.db.tx() as tx:
            done = await self.console.remove_notice(tx, viewer, request.match_info["id"])
        if done:
            raise web.HTTPSeeOther("/notices")
        lang = lang_of(viewer)
        body = f'<p class="breach" id="refused">{w("notice_in_use", lang)}</p>'
        return refused(w("not_done", lang), body, "/notices", lang)


def setup_routes(server: ConsoleServer, staff: Any) -> list[web.RouteDef]:
    """The setup forms' routes (``staff``: the routes' staff-only guard)."""
    s = SetupPages(server)
    return [
        web.get("/setup/{section:[a-z]+}/{key}", staff(s.edit)),
        web.post("/setup/{section:[a-z]+}", staff(s.save)),
        web.post("/notices/recurring/{id}/remove", staff(s.remove_notice)),
    ]
