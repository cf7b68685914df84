"""The Notices page's one-off notices: the list (a scheduled one can be edited or cancelled), a
new one, and its edit form. A form with problems comes back with what was typed kept and each
problem next to its field (400); an edit or cancel of a notice that went out, was cancelled or
was changed by someone else since the form was shown says so plainly (409, a link back) and
changes nothing. Thin: one transaction through :class:`bot.domain.console.Console`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from aiohttp import web

from bot.domain.console import Viewer
from bot.domain.console.notice_edits import NoticeOutcome, notice_version
from bot.domain.console.repo import NoticeRow
from bot.i18n import Lang
from bot.privacy import redact
from bot.web.html import dated, e, form, layout, refused, saved, table, w
from bot.web.notice_check import held_back
from bot.web.routes import lang_of, page
from bot.web.views import word

if TYPE_CHECKING:
    from bot.web.server import ConsoleServer


def problem_at(name: str, problems: Mapping[str, NoticeOutcome], lang: Lang) -> str:
    """A field's problem in words, next to it (nothing when it has none)."""
    found = problems.get(name)
    if found is None:
        return ""
    return f' <span class="breach" id="problem-{name}">{w("notice_" + found.value, lang)}</span>'


def once_fields(
    lang: Lang,
    groups: list[tuple[int, str]],
    values: Mapping[str, str],
    ticked: frozenset[str] = frozenset(),
    problems: Mapping[str, NoticeOutcome] | None = None,
) -> str:
    """A one-off notice's fields (its time, its text and, for a new one, the groups), with
    the values given and each problem next to its field."""
    found = problems or {}
    when = e(values.get("when", ""))
    fields = (
        f'<label>{w("f_when", lang)} <input name="when" value="{when}"></label>'
        f"{problem_at('when', found, lang)}<br>"
        f'<label>{w("f_text_zh", lang)}<br><textarea name="text" rows="3" cols="30">'
        f"{e(values.get('text', ''))}</textarea></label>{problem_at('text', found, lang)}<br>"
    )
    if groups:
        boxes = "".join(
            f'<label><input type="checkbox" name="chat" value="{cid}"'
            f"{' checked' if str(cid) in ticked else ''}> {e(title or cid)}</label><br>"
            for cid, title in groups
        )
        fields += f"<p>{w('f_groups', lang)}{problem_at('chat', found, lang)}</p>{boxes}"
    return fields


class NoticePages:
    """Handlers of the one-off notices (staff only, see routes)."""

    def __init__(self, server: ConsoleServer) -> None:
        self.db = server.db
        self.console = server.console

    def _local(self, notice: NoticeRow, pattern: str) -> str:
        return notice.post_at.astimezone(self.console.community.tz).strftime(pattern)

    def _when(self, notice: NoticeRow) -> str:
        """Its time, with the year when it is not this year's (2027-01-05 vs 2099-01-05)."""
        tz = self.console.community.tz
        this_year = self.console.clock.now().astimezone(tz).year
        at = notice.post_at.astimezone(tz)
        return at.strftime("%m-%d %H:%M" if at.year == this_year else "%Y-%m-%d %H:%M")

    def rows(self, notices: list[NoticeRow], viewer: Viewer) -> list[list[str]]:
        """The one-off notices' rows; a scheduled one's cancel form carries what it showed."""
        lang, rows = lang_of(viewer), []
        for n in notices:
            action = ""
            if n.status == "scheduled":
                seen = f'<input type="hidden" name="seen" value="{self.version(n)}">'
                action = form(
                    f"/notices/{n.id}/cancel",
                    viewer.csrf,
                    seen,
                    w("cancel_notice", lang),
                    confirm=w("sure", lang),
                )
                action += f' <a href="/notices/{n.id}/edit">{w("edit", lang)}</a>'
            to = w("all_groups", lang) if n.groups is None else w("n_groups", lang, n=n.groups)
            state = word("notice", n.status, lang)
            text = e(n.text[:120])  # as the groups got it: staff's own words, staff-only page
            rows.append([e(n.id), dated(self._when(n)), text, to, state, action])
        return rows

    @staticmethod
    def version(notice: NoticeRow) -> str:
        """The version of a notice as a form shows it."""
        return notice_version(notice.text, notice.post_at, notice.status)

    async def notices(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """Staff one-off notices, a new one, and the recurring ones."""
        lang = lang_of(viewer)
        async with self.db.read() as tx:
            notices = await self.console.repo.notices(tx)
            groups = await self.console.repo.groups(tx)
        heads = ("#", w("when", lang), w("text", lang), w("to", lang), w("status", lang), "")
        body = saved(request.query, lang) + table(
            heads, self.rows(notices, viewer), "notices", cards=True
        )
        body += self.new_form(viewer, groups, {})
        body += self.recurring(viewer)
        return page(layout(w("notices", lang), body, lang))

    def recurring(self, viewer: Viewer) -> str:
        """The recurring notices' part of the page (bot/web/setup_pages.py)."""
        from bot.web.setup_pages import SetupPages

        return SetupPages.recurring_extra(self.console, viewer)

    def new_form(
        self,
        viewer: Viewer,
        groups: list[tuple[int, str]],
        values: Mapping[str, str],
        ticked: frozenset[str] = frozenset(),
        problems: Mapping[str, NoticeOutcome] | None = None,
    ) -> str:
        """A new one-off notice's form (to every group, or the groups ticked)."""
        lang = lang_of(viewer)
        fields = once_fields(lang, groups, values, ticked, problems)
        body = f'<h3 id="new-notice">{w("add_once", lang)}</h3>'
        return body + form("/notices/new", viewer.csrf, fields, w("save", lang), inline=False)

    async def new_notice(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """Schedule a one-off notice (``明天 18:00``); else the form again, what was typed
        kept, each problem next to its field."""
        lang = lang_of(viewer)
        data = await request.post()
        if (held := held_back("/notices/new", viewer.csrf, data, lang)) is not None:
            return held
        ticked = [str(c) for c in data.getall("chat", [])]
        values = {k: str(data.get(k, "")) for k in ("when", "text")}
        async with self.db.tx() as tx:
            groups = await self.console.repo.groups(tx)
            bound = {cid for cid, _ in groups}
            found = await self.console.schedule_notice(
                tx, viewer, values["when"], values["text"], ticked, bound
            )
        if not found:
            raise web.HTTPSeeOther("/notices?saved=1")
        body = f'<p class="breach" id="refused">{w("form_fix", lang)}</p>'
        body += self.new_form(viewer, groups, values, frozenset(ticked), found)
        body += f'<p><a href="/notices">{w("back", lang)}</a></p>'
        return page(layout(w("not_saved", lang), body, lang), 400)

    async def _notice(self, notice_id: int) -> NoticeRow | None:
        async with self.db.read() as tx:
            return await self.console.repo.notice(tx, notice_id)

    def edit_form(
        self,
        viewer: Viewer,
        notice_id: int,
        values: Mapping[str, str],
        seen: str,
        problems: Mapping[str, NoticeOutcome] | None = None,
    ) -> str:
        """A scheduled one-off's edit form, carrying the version it was opened on."""
        lang = lang_of(viewer)
        fields = once_fields(lang, [], values, problems=problems)
        fields += f'<input type="hidden" name="seen" value="{e(seen)}">'
        action = f"/notices/{notice_id}/edit"
        return form(action, viewer.csrf, fields, w("save", lang), inline=False)

    async def edit_page(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """A scheduled one-off's edit form: new words for the time, the text."""
        lang = lang_of(viewer)
        notice_id = int(request.match_info["id"])
        found = await self._notice(notice_id)
        if found is None:
            raise web.HTTPNotFound()
        if found.status != "scheduled":
            return self.conflict(found, self._gone(found), lang)
        values = {"when": self._local(found, "%Y-%m-%d %H:%M"), "text": found.text}
        body = self.edit_form(viewer, notice_id, values, self.version(found))
        return page(layout(w("edit", lang), body, lang))

    @staticmethod
    def _gone(notice: NoticeRow) -> NoticeOutcome:
        cancelled = notice.status == "cancelled"
        return NoticeOutcome.CANCELLED if cancelled else NoticeOutcome.POSTED

    async def edit(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """Change a scheduled one-off's time and text; else the form again (what was typed
        kept, each problem by its field), or 409 when it went out or changed meanwhile."""
        lang = lang_of(viewer)
        notice_id = int(request.match_info["id"])
        data = await request.post()
        action = f"/notices/{notice_id}/edit"
        if (held := held_back(action, viewer.csrf, data, lang)) is not None:
            return held
        values = {k: str(data.get(k, "")) for k in ("when", "text")}
        seen = str(data.get("seen", ""))
        async with self.db.tx() as tx:
            found = await self.console.edit_notice(
                tx, viewer, notice_id, values["when"], values["text"], seen
            )
        if not found:
            raise web.HTTPSeeOther("/notices?saved=1")
        if "" in found:  # what they typed is shown back, so nothing is lost
            return await self._refused(notice_id, found[""], lang, values["text"])
        body = f'<p class="breach" id="refused">{w("form_fix", lang)}</p>'
        body += self.edit_form(viewer, notice_id, values, seen, found)
        body += f'<p><a href="/notices">{w("back", lang)}</a></p>'
        return page(layout(w("not_saved", lang), body, lang), 400)

    async def cancel(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """Cancel a scheduled one-off (never posted); 409 when it went out or changed since."""
        notice_id = int(request.match_info["id"])
        seen = str((await request.post()).get("seen", ""))
        async with self.db.tx() as tx:
            done = await self.console.cancel_notice(tx, viewer, notice_id, seen)
        if done is NoticeOutcome.DONE:
            raise web.HTTPSeeOther("/notices")
        return await self._refused(notice_id, done, lang_of(viewer))

    async def _refused(
        self, notice_id: int, why: NoticeOutcome, lang: Lang, typed: str = ""
    ) -> web.StreamResponse:
        """Not done: no such notice (404), or it went out, was cancelled or changed (409)."""
        found = await self._notice(notice_id)
        if found is None or why is NoticeOutcome.MISSING:
            raise web.HTTPNotFound()
        return self.conflict(found, why, lang, typed)

    def conflict(
        self, notice: NoticeRow, why: NoticeOutcome, lang: Lang, typed: str = ""
    ) -> web.Response:
        """409: what happened to the notice and how it stands now; a link back (to its edit
        form when it can still be changed)."""
        state = word("notice", notice.status, lang)
        when = self._local(notice, "%Y-%m-%d %H:%M")
        body = (
            f'<p class="breach" id="conflict">{w("notice_" + why.value, lang)}</p>'
            f'<p id="now">{w("notice_now", lang)} {state} · {dated(when)} · '
            f"{e(redact(notice.text[:200]))}</p>"
        )
        if typed.strip():
            body += f'<p>{w("notice_yours", lang)}</p><pre id="typed">{e(typed[:2000])}</pre>'
        back = f"/notices/{notice.id}/edit" if notice.status == "scheduled" else "/notices"
        return refused(w("not_done", lang), body, back, lang)


def notice_routes(server: ConsoleServer, staff: Any) -> list[web.RouteDef]:
    """The one-off notices' routes (``staff``: the routes' staff-only guard)."""
    n = NoticePages(server)
    return [
        web.get("/notices", staff(n.notices)),
        web.post("/notices/{id:\\d{1,18}}/cancel", staff(n.cancel)),
        web.post("/notices/new", staff(n.new_notice)),
        web.get("/notices/{id:\\d{1,18}}/edit", staff(n.edit_page)),
        web.post("/notices/{id:\\d{1,18}}/edit", staff(n.edit)),
    ]
