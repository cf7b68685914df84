"""One help call or emergency (``/incidents/ID``, staff only), reached from Today: who it is
about, where it is, where it was raised, what they wrote (a room masked), and its timeline
step by step — the same look-up as staff's ``/incident ID`` in Telegram."""

from __future__ import annotations

from aiohttp import web

from bot.domain.console import Viewer
from bot.domain.incidents.timeline import Lookup
from bot.i18n import render
from bot.privacy import redact_rooms
from bot.storage import Database
from bot.web import html
from bot.web.html import e, layout, w
from bot.web.routes import lang_of, page


class IncidentPage:
    """The incident page's handler."""

    def __init__(self, lookup: Lookup, db: Database) -> None:
        self.lookup = lookup
        self.db = db

    async def incident(self, request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """An incident's details and timeline (a 404 page when there is none)."""
        lang = lang_of(viewer)
        incident_id = int(request.match_info["id"])
        async with self.db.read() as tx:
            found = await self.lookup.incident(tx, incident_id)
            told = await self.lookup.timeline(tx, incident_id)
        if found is None or told is None:
            return page(html.not_found(lang), 404)
        heading, *steps = render(told, lang).splitlines()
        place = e(found.chat_title) if found.chat_title else w("private_chat", lang)
        body = f'<p id="summary">{e(heading)}</p><p>{w("raised_in", lang)}: {place}</p>'
        if found.address:  # building and unit: where to go (a room stays masked)
            body += f'<p id="where">{w("location", lang)}: {e(redact_rooms(found.address))}</p>'
        if found.words:
            body += f"<p>{w('they_wrote', lang)}: “{e(redact_rooms(found.words))}”</p>"
        items = "".join(f"<li>{e(step)}</li>" for step in steps)
        body += f'<h2>{w("timeline", lang)}</h2><ul id="timeline">{items}</ul>'
        body += f'<p><a href="/">{w("back_today", lang)}</a></p>'
        return page(layout(f"{w('kind_incident', lang)} #{found.id}", body, lang))
