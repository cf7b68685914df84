"""What staff read with `/incident`: open incidents, and one incident's timeline from the audit
trail (every step, who, when, whom it told; a step repeated round after round folded into one
line with how many and the last time), so responsibility is never unclear. :class:`Lookup` is
the use case the handler calls."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from bot.audit import Audit, AuditEvent
from bot.domain.incidents import messages
from bot.domain.incidents.model import Incident
from bot.domain.incidents.repo import IncidentRepo
from bot.domain.people import People
from bot.i18n import LANGUAGES, T, Text, render
from bot.storage import Tx

CHAT_FIT = 3800  # a chat message holds 4096 (UTF-16 units); room kept for the heading's markup


def _size(text: Text) -> int:
    """The longest the text renders in any language, in UTF-16 units as Telegram counts."""
    return max(len(render(text, lang).encode("utf-16-le")) // 2 for lang in LANGUAGES)


def newest_that_fit(lines: Sequence[Text], room: int) -> list[Text]:
    """The newest lines that fit in `room`, oldest first, after a line saying how many older
    ones were left out (tester2: a 21-hour escalation's timeline was "Message is too long" and
    staff read nothing exactly when it mattered)."""
    kept: list[Text] = []
    room -= _size(T("incidents.timeline_older", n=len(lines)))
    for line in reversed(lines):
        room -= _size(line) + 1
        if room < 0:
            break
        kept.append(line)
    kept.reverse()
    if len(kept) < len(lines):
        kept.insert(0, T("incidents.timeline_older", n=len(lines) - len(kept)))
    return kept


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


ROLES = frozenset({"staff", "grid_worker", "responder", "family", "subject"})


async def _what(tx: Tx, event: AuditEvent, people: People) -> Text:
    """What happened; a "told" step names who was told and as what (retest 15: 109 lines of
    "系统 · 已通知" named nobody) — older records, which kept only the role, say the role."""
    if event.action != "alerted":
        return T(f"incidents.event_{event.action}")
    role, chat = event.detail.get("role"), event.detail.get("chat")
    person = await people.get(tx, chat) if isinstance(chat, int) else None
    said = T(f"incidents.role_{role}") if role in ROLES else None
    if person is None and said is None:
        return T("incidents.event_alerted")
    whom: Text | str
    if person is None or said is None:
        whom = person.name if person is not None else said or ""
    else:
        whom = T("incidents.told_whom", name=person.name, role=said)
    return T("incidents.event_alerted_to", whom=whom)


def _same(event: AuditEvent) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """What makes two steps the same line: who, what, and its details but the round."""
    detail = tuple(sorted((k, str(v)) for k, v in event.detail.items() if k != "round"))
    return event.actor, event.action, detail


def folded(events: Sequence[AuditEvent]) -> list[list[AuditEvent]]:
    """The steps, each repeated one (the same reminder, to the same person, round after
    round) gathered at its first time (retest 15: hundreds of identical rows)."""
    groups: dict[tuple[str, str, tuple[tuple[str, str], ...]], list[AuditEvent]] = {}
    for event in events:
        groups.setdefault(_same(event), []).append(event)
    return list(groups.values())


async def timeline_text(
    tx: Tx,
    incident: Incident,
    events: Sequence[AuditEvent],
    people: People,
    tz: ZoneInfo,
    fit: int | None = None,
) -> Text:
    """One incident, step by step; with `fit`, only the newest steps that fit in that many
    characters (a chat message), saying how many older ones were left out."""
    lines: list[Text] = []
    for same in folded(events):
        event, last = same[0], same[-1]
        what = await _what(tx, event, people)
        if len(same) > 1:
            at = last.at.astimezone(tz).strftime("%m-%d %H:%M")
            what = T("incidents.timeline_folded", what=what, n=len(same), last=at)
        lines.append(
            T(
                "incidents.timeline_line",
                at=event.at.astimezone(tz).strftime("%m-%d %H:%M:%S"),
                who=await _who(tx, event.actor, incident, people),
                what=what,
            )
        )
    head = {
        "id": incident.id,
        "kind": messages.kind(incident),
        "state": T(f"incidents.state_{incident.state}"),
        "name": incident.subject_name,
    }
    if fit is not None:
        lines = newest_that_fit(lines, fit - _size(T("incidents.timeline", **head, lines=[])))
    return T("incidents.timeline", **head, lines=lines)


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

    async def timeline(self, tx: Tx, incident_id: int, fit: int | None = None) -> Text | None:
        """One incident step by step, or None when there is no such incident; with `fit`,
        only as many of the newest steps as fit in a chat message."""
        incident = await self._repo.get(tx, incident_id)
        if incident is None:
            return None
        events = await self._audit.timeline(tx, incident.subject)
        return await timeline_text(tx, incident, events, self._people, self._tz, fit)
