"""The People and Notices pages' setup forms: add and edit staff, housekeepers (with their
buildings), elders (address, check-in times, grid worker, risk, family), recurring notices
(listed with their days and time), and one-off notices. Thin: one transaction through
:class:`bot.domain.console.Console`, then a redirect, or a polite page saying what to fix."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from aiohttp import web

from bot.domain.console import Viewer
from bot.domain.console.forms import FormProblem
from bot.i18n import Lang
from bot.web.html import e, form, layout, table, w
from bot.web.routes import lang_of, page

if TYPE_CHECKING:
    from bot.web.server import ConsoleServer

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # a recurring notice's day codes
SECTIONS = ("staff", "housekeepers", "elders", "notices")
BACK = {"staff": "/people", "housekeepers": "/people", "elders": "/people", "notices": "/notices"}


def field(name: str, label: str, value: object = "", *, wide: bool = False) -> str:
    """A labelled text input (a textarea when ``wide``)."""
    if wide:
        return (
            f'<label>{label}<br><textarea name="{name}" rows="3" cols="30">{e(value)}'
            "</textarea></label><br>"
        )
    return f'<label>{label} <input name="{name}" value="{e(value)}"></label><br>'


def select(name: str, label: str, options: Sequence[tuple[str, str]], current: str) -> str:
    """A labelled choice of (value, words) options, the current one selected."""
    items = "".join(
        f'<option value="{e(value)}"{" selected" if value == current else ""}>{e(words)}</option>'
        for value, words in options
    )
    return f'<label>{label} <select name="{name}">{items}</select></label><br>'


def entry_form(
    section: str,
    entry: dict[str, Any] | None,
    csrf: str,
    lang: Lang,
    keepers: Sequence[tuple[str, str]] = (),
) -> str:
    """The add (or, prefilled, edit) form of one setup section; ``keepers``: the grid workers
    an elder may have, (key, name and buildings), picked by name (the key stays internal)."""
    v = entry or {}
    if section == "staff":
        fields = field("telegram_id", w("f_telegram_id", lang), v.get("telegram_id", ""))
        fields += field("name", w("f_name", lang), v.get("name", ""))
        fields += field("language", w("f_language", lang), v.get("language", "zh"))
    elif section == "housekeepers":
        fields = field("key", w("f_key", lang), v.get("key", ""))
        fields += field("name", w("f_name", lang), v.get("name", ""))
        fields += field("buildings", w("f_buildings", lang), " ".join(v.get("buildings", [])))
    elif section == "elders":
        family = "\n".join(
            f"{m.get('name', '')} {m.get('relation', '')}" for m in v.get("family", [])
        )
        fields = field("key", w("f_key", lang), v.get("key", ""))
        fields += field("name", w("f_name", lang), v.get("name", ""))
        fields += field("address", w("f_address", lang), v.get("address", ""))
        fields += field("checkin_times", w("f_times", lang), " ".join(v.get("checkin_times", [])))
        grid = str(v.get("grid_worker", ""))
        choices = list(keepers)
        if grid and grid not in {key for key, _ in choices}:
            choices.append((grid, grid))  # one no longer in the setup stays shown, as it is
        if not grid:
            choices.insert(0, ("", "—"))
        fields += select("grid_worker", w("f_grid_worker", lang), choices, grid)
        risks = [(r, w("risk_" + r, lang)) for r in ("normal", "high")]
        fields += select("risk", w("f_risk", lang), risks, str(v.get("risk", "normal")))
        fields += field("family", w("f_family", lang), family, wide=True)
    else:
        fields = field("id", w("f_key", lang), v.get("id", ""))
        fields += field("text_zh", w("f_text_zh", lang), v.get("text_zh", ""), wide=True)
        fields += field("text_en", w("f_text_en", lang), v.get("text_en", ""), wide=True)
        fields += field("days", w("f_days", lang), " ".join(v.get("days", [])))
        fields += field("post_at", w("f_post_at", lang), v.get("post_at", ""))
    button = w("save", lang)
    return (
        f'<div id="form-{section}">'
        + form(f"/setup/{section}", csrf, fields, button, inline=False)
        + "</div>"
    )


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
            (w("name", lang), "Telegram ID"), staff, "staff"
        )
        body += f"<h2>{w('role_housekeeper', lang)}</h2>" + table(
            (w("name", lang), w("f_buildings", lang), ""), keepers, "housekeepers"
        )
        body += f"<h2>{w('elders', lang)}</h2>" + table(
            (w("name", lang), w("f_times", lang), w("f_grid_worker", lang), w("f_risk", lang), ""),
            elders,
            "elders",
        )
        for section in ("staff", "housekeepers", "elders"):
            body += f"<h3>{w('add_' + section, lang)}</h3>" + entry_form(
                section, None, viewer.csrf, lang, self.keepers(revoked, lang)
            )
        return body

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
        for n in self.console.community.notices:
            remove = form(
                f"/notices/recurring/{e(n.id)}/remove",
                viewer.csrf,
                "",
                w("remove", lang),
                confirm=w("sure", lang),
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
            (w("key", lang), w("days_time", lang), w("text", lang), ""), rows, "recurring"
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
        fields = {k: str(v) for k, v in data.items() if k != "csrf"}
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
