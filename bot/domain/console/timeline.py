"""A booking's timeline as the console shows it (pure): local times, people's names, words.

Audit actors are ids (``person:7``, ``telegram:1001``, ``system``); staff read names. Times are
stored in UTC and shown in the community's timezone. Free text (a staff note, a comment) is
masked for phone numbers, addresses and door codes (:func:`bot.privacy.redact`), so nothing
personal reaches a screen someone may be looking over.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import tzinfo

from bot.audit import AuditEvent
from bot.privacy import redact_contacts

FREE_TEXT = ("note", "comment", "text")
NOTE_MAX = 500  # characters of a staff note: refused past it (with a word), never cut


def note_problem(note: str) -> str | None:
    """Why a staff note cannot be added (a console word's key), or None: an empty (or
    whitespace) note and one over :data:`NOTE_MAX` are refused at the field, never dropped
    or cut without a word (session 15 verification, finding 11)."""
    if not note.strip():
        return "note_empty"
    return "note_long" if len(note.strip()) > NOTE_MAX else None


@dataclass(frozen=True)
class TimelineLine:
    """One event: when (local, ``MM-DD HH:MM``), who (a name or ``None`` for the system),
    what (the audit action, translated by the page) and its shown detail (masked)."""

    at: str
    who: str | None
    action: str
    detail: str


def actor_ids(events: list[AuditEvent]) -> tuple[set[int], set[int]]:
    """The person ids and Telegram ids the events' actors name (to look their names up)."""
    people: set[int] = set()
    telegram: set[int] = set()
    for event in events:
        kind, _, ident = event.actor.partition(":")
        if ident.isdigit():
            (people if kind == "person" else telegram).add(int(ident))
    return people, telegram


def who(actor: str, names: Mapping[str, str], unknown: str) -> str | None:
    """An actor's name: ``None`` for the system, ``unknown`` for someone no longer known (an
    id is never shown)."""
    if actor == "system" or ":" not in actor:
        return None
    return names.get(actor, unknown)


def detail(event: AuditEvent, provider_name: Mapping[str, str]) -> str:
    """What the event adds, for people: a note or comment (masked), a provider's name."""
    parts = [redact_contacts(str(event.detail[k])) for k in FREE_TEXT if event.detail.get(k)]
    worker = event.detail.get("worker")  # whose offer a revocation took back
    if isinstance(worker, str) and worker:
        parts.append(worker)
    provider = event.detail.get("provider")
    if isinstance(provider, str) and provider:
        parts.append(provider_name.get(provider, provider))
    if isinstance(event.detail.get("stars"), int):
        parts.append(f"{event.detail['stars']}★")
    return " · ".join(parts)


def timeline_lines(
    events: list[AuditEvent],
    names: Mapping[str, str],
    provider_name: Mapping[str, str],
    tz: tzinfo,
    unknown: str,
) -> list[TimelineLine]:
    """Every event, in order, for the page."""
    return [
        TimelineLine(
            e.at.astimezone(tz).strftime("%m-%d %H:%M"),
            who(e.actor, names, unknown),
            e.action,
            detail(e, provider_name),
        )
        for e in events
    ]
