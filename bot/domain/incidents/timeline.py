"""What staff read with `/incident`: open incidents, and one incident's timeline from the audit
trail (every step, who, when), so responsibility is never unclear. :class:`Lookup` is the use
case the handler calls."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from bot.audit import Audit, AuditEvent
from bot.domain.incidents import messages
from bot.domain.incidents.model import Incident
from bot.domain.incidents.repo import IncidentRepo
from bot.domain.people import People
from bot.i18n import T, Text
from bot.storage import Tx


def open_lines(incidents: Sequence[Incident]) -> Text:
    """The open incidents, oldest first."""
    if not incidents:
        return T("incidents.none_open")
    lines = [
        T(
            "incidents.open_line",
            id=i.id,
            kind=messages.kind(i),
            name=i.subject_name,
            state=T(f"incidents.state_{i.state}"),
        )
        for i in incidents
    ]
    return T("incidents.open_list", lines=lines)


async def _who(tx: Tx, actor: str, incident: Incident, people: People) -> Text | str:
    kind, _, ref = actor.partition(":")
    if kind == "person" and ref.isdecimal():
        person = await people.by_id(tx, int(ref))
        return person.name if person else actor
    if kind == "subject":
        return incident.subject_name
    return T("incidents.who_system")


async def timeline_text(
    tx: Tx, incident: Incident, events: Sequence[AuditEvent], people: People, tz: ZoneInfo
) -> Text:
    """One incident, step by step."""
    lines: list[Text] = []
    for event in events:
        lines.append(
            T(
                "incidents.timeline_line",
                at=event.at.astimezone(tz).strftime("%m-%d %H:%M:%S"),
                who=await _who(tx, event.actor, incident, people),
                what=T(f"incidents.event_{event.action}"),
            )
        )
    return T(
        "incidents.timeline",
        id=incident.id,
        kind=messages.kind(incident),
        state=T(f"incidents.state_{incident.state}"),
        name=incident.subject_name,
        lines=lines,
    )


class Lookup:
    """Staff's `/incident`: the open incidents, or one incident's timeline from the audit."""

    def __init__(self, repo: IncidentRepo, audit: Audit, people: People, tz: ZoneInfo) -> None:
        self._repo = repo
        self._audit = audit
        self._people = people
        self._tz = tz

    async def open_list(self, tx: Tx) -> Text:
        """Every open incident, oldest first."""
        return open_lines(await self._repo.open_incidents(tx))

    async def incident(self, tx: Tx, incident_id: int) -> Incident | None:
        """One incident as stored (staff's console shows where and what, masked)."""
        return await self._repo.get(tx, incident_id)

    async def timeline(self, tx: Tx, incident_id: int) -> Text | None:
        """One incident step by step, or None when there is no such incident."""
        incident = await self._repo.get(tx, incident_id)
        if incident is None:
            return None
        events = await self._audit.timeline(tx, incident.subject)
        return await timeline_text(tx, incident, events, self._people, self._tz)
