"""The People and Notices pages' setup forms: add and edit staff, housekeepers (with their
buildings), elders (address, check-in times, grid worker, risk, family), recurring notices
(listed with their days and time), and one-off notices. Thin: one transaction through
:class:`bot.domain.console.Console`, then a redirect, or a polite page saying what to fix."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiohttp import web

from bot.domain.console import Viewer
from bot.domain.console.forms import FormProblem
from bot.i18n import Lang
from bot.privacy import redact
from bot.web.html import dated, e, final, form, layout, saved, table, w
from bot.web.notice_check import held_back
from bot.web.routes import lang_of, page
from bot.web.setup_forms import DAYS, entry_form, field
from bot.web.views import word

if TYPE_CHECKING:
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
        gone = f' <span class="breach">{w("revoked_keeper", lang)}</span>'
        keepers = [
            [
                e(h.name) + (gone if h.key in revoked else ""),
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
                + (gone if x.grid_worker in revoked else ""),
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
                section, None, viewer.csrf, lang, self.keepers(revoked, lang)
            )
        return body

    async def notices(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """Staff one-off notices (a scheduled one can be cancelled or edited), a new one, and
        the recurring ones."""
        lang = lang_of(viewer)
        async with self.db.read() as tx:
            notices = await self.console.repo.notices(tx)
            groups = await self.console.repo.groups(tx)
        rows = []
        for n in notices:
            action = ""
            if n.status == "scheduled":
                action = final(
                    f"/notices/{n.id}/cancel", viewer.csrf, w("cancel_notice", lang), lang
                )
                action += f' <a href="/notices/{n.id}/edit">{w("edit", lang)}</a>'
            when = n.post_at.astimezone(self.console.community.tz).strftime("%m-%d %H:%M")
            to = w("all_groups", lang) if n.groups is None else w("n_groups", lang, n=n.groups)
            state = word("notice", n.status, lang)
            rows.append([e(n.id), dated(when), e(redact(n.text[:120])), to, state, action])
        heads = ("#", w("when", lang), w("text", lang), w("to", lang), w("status", lang), "")
        body = saved(request.query, lang) + table(heads, rows, "notices", cards=True)
        body += self.notices_extra(viewer, groups)
        return page(layout(w("notices", lang), body, lang))

    async def cancel_notice(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """Cancel a scheduled one-off notice: never posted."""
        async with self.db.tx() as tx:
            await self.console.cancel_notice(tx, viewer, int(request.match_info["id"]))
        raise web.HTTPSeeOther("/notices")

    def notices_extra(self, viewer: Viewer, groups: list[tuple[int, str]]) -> str:
        """Below the one-off notices: a new one-off notice (to every group, or the groups
        ticked), and the recurring ones."""
        lang = lang_of(viewer)
        fields = field("when", w("f_when", lang)) + field("text", w("f_text_zh", lang), wide=True)
        fields += f"<p>{w('f_groups', lang)}</p>" + "".join(
            f'<label><input type="checkbox" name="chat" value="{cid}"> {e(title or cid)}'
            "</label><br>"
            for cid, title in groups
        )
        body = f"<h3>{w('add_once', lang)}</h3>"
        body += form("/notices/new", viewer.csrf, fields, w("save", lang), inline=False)
        rows = []
        # A notice a community question's answer names cannot be stopped here (the setup would
        # not hold): no button that can only be refused, but why.
        named = {f.notice for f in self.console.community.faq if f.notice}
        for n in self.console.community.notices:
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
                    self._edit("notices", n.id, lang) + " " + remove,
                ]
            )
        body += f"<h2>{w('recurring', lang)}</h2>" + table(
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
        gone = " " + w("revoked_keeper", lang)
        return [
            (h.key, f"{h.name} · {' '.join(h.buildings)}" + (gone if h.key in revoked else ""))
            for h in self.console.community.housekeepers
        ]

    @staticmethod
    def _edit(section: str, key: str, lang: Lang) -> str:
        return f'<a href="/setup/{section}/{e(key)}">{w("edit", lang)}</a>'

    async def edit(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """An entry's edit form, prefilled."""
        lang, section = lang_of(viewer), request.match_info["section"]
        async with self.db.read() as tx:
            found = await self.console.entry(tx, viewer, section, request.match_info["key"])
        if section not in SECTIONS or found is None:
            raise web.HTTPNotFound()
        async with self.db.read() as tx:
            revoked = await self.console.revoked_keepers(tx)
        body = entry_form(section, found, viewer.csrf, lang, self.keepers(revoked, lang))
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
        why = (
            w("form_" + problem.value, lang)
            if isinstance(problem, FormProblem)
            else w("form_invalid", lang) + " " + e(problem)
        )
        body = f'<p class="breach">{why}</p><p><a href="{back}">{w("back", lang)}</a></p>'
        return page(layout(w("not_saved", lang), body, lang), 400)

    async def new_notice(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """Schedule a one-off notice (``明天 18:00``)."""
        lang = lang_of(viewer)
        data = await request.post()
        if (held := held_back("/notices/new", viewer.csrf, data, lang)) is not None:
            return held
        ticked = [str(c) for c in data.getall("chat", [])]
        chats = tuple(int(c) for c in ticked if c.lstrip("-").isdigit()) or None
        async with self.db.tx() as tx:
            done = await self.console.schedule_notice(
                tx, viewer, str(data.get("when", "")), str(data.get("text", "")), chats
            )
        return _notice_saved(done, lang)

    async def edit_once_page(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """A scheduled one-off's edit form: new words for the time, the text."""
        lang = lang_of(viewer)
        notice_id = int(request.match_info["id"])
        async with self.db.read() as tx:
            found = next(
                (n for n in await self.console.repo.notices(tx) if n.id == notice_id), None
            )
        if found is None or found.status != "scheduled":
            raise web.HTTPNotFound()
        when = found.post_at.astimezone(self.console.community.tz).strftime("%Y-%m-%d %H:%M")
        fields = field("when", w("f_when", lang), when)
        fields += field("text", w("f_text_zh", lang), found.text, wide=True)
        body = form(
            f"/notices/{notice_id}/edit", viewer.csrf, fields, w("save", lang), inline=False
        )
        return page(layout(w("edit", lang), body, lang))

    async def edit_once(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """Change a scheduled one-off's time and text."""
        lang = lang_of(viewer)
        data = await request.post()
        action = f"/notices/{request.match_info['id']}/edit"
        if (held := held_back(action, viewer.csrf, data, lang)) is not None:
            return held
        async with self.db.tx() as tx:
            done = await self.console.edit_notice(
                tx,
                viewer,
                int(request.match_info["id"]),
                str(data.get("when", "")),
                str(data.get("text", "")),
            )
        return _notice_saved(done, lang)

    async def remove_notice(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """A recurring notice is not posted any more; or a page saying why not (the setup
        would not hold without it: a community question's answer names it)."""
        async with self.db.tx() as tx:
            done = await self.console.remove_notice(tx, viewer, request.match_info["id"])
        if done:
            raise web.HTTPSeeOther("/notices")
        lang = lang_of(viewer)
        body = f'<p class="breach" id="refused">{w("notice_in_use", lang)}</p>'
        body += f'<p><a href="/notices">{w("back", lang)}</a></p>'
        return page(layout(w("not_done", lang), body, lang), 409)


def setup_routes(server: ConsoleServer, staff: Any) -> list[web.RouteDef]:
    """The setup forms' routes (``staff``: the routes' staff-only guard)."""
    s = SetupPages(server)
    return [
        web.get("/setup/{section:[a-z]+}/{key}", staff(s.edit)),
        web.post("/setup/{section:[a-z]+}", staff(s.save)),
        web.get("/notices", staff(s.notices)),
        web.post("/notices/{id:\\d+}/cancel", staff(s.cancel_notice)),
        web.post("/notices/new", staff(s.new_notice)),
        web.get("/notices/{id:\\d+}/edit", staff(s.edit_once_page)),
        web.post("/notices/{id:\\d+}/edit", staff(s.edit_once)),
        web.post("/notices/recurring/{id}/remove", staff(s.remove_notice)),
    ]


def _notice_saved(done: bool, lang: Lang) -> web.StreamResponse:
    """Back to the notices once a one-off is saved; else why not (its time was not understood)."""
    if done:
        raise web.HTTPSeeOther("/notices?saved=1")
    back = f'<a href="/notices">{w("back", lang)}</a>'
    body = f'<p class="breach">{w("form_when", lang)}</p><p>{back}</p>'
    return page(layout(w("not_saved", lang), body, lang), 400)
