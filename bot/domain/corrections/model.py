"""Corrections' pure core: a dismissable group reply, a labelled example, who may dismiss.

A reply the bot gave in a group to a message it took for a request can be dismissed by the
message's writer or by staff; anyone else changes nothing. What it was dismissed as becomes a
labelled example of this community's way of speaking: only the (redacted) text and the labels
are kept, never who wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.privacy import redact

MAX_TEXT = 300  # an example's text is cut here (requests are short; a story is still a story)


class ReplyStatus(StrEnum):
    """A group reply: still shown, or dismissed (once)."""

    SHOWN = "shown"
    DISMISSED = "dismissed"


class Role(StrEnum):
    """Who gave a label: the message's writer or staff (never who they are)."""

    WRITER = "writer"
    STAFF = "staff"


class Source(StrEnum):
    """Where an example came from."""

    DISMISSED = "dismissed"  # a [✖] press under a group reply
    STAFF = "staff"  # staff labelled an unmet request in /misses


class Outcome(StrEnum):
    """What a press of [✖] did."""

    DISMISSED = "dismissed"
    NOT_ALLOWED = "not_allowed"  # neither the writer nor staff: nothing changes
    STALE = "stale"  # already dismissed, or unknown: nothing changes


@dataclass(frozen=True)
class GroupReply:
    """A reply in a group to a message understood as a request, and what was understood."""

    id: int
    chat_id: int
    writer_id: int
    text: str
    intent: str
    target: str | None
    token: str | None
    status: ReplyStatus
    created_at: datetime


@dataclass(frozen=True)
class Example:
    """A labelled message of this community: what the bot thought, what it was."""

    id: int
    text: str
    chat: str
    guess_intent: str
    guess_target: str | None
    intent: str
    target: str | None
    source: Source
    by_role: Role
    confirmed: bool
    created_at: datetime


def clean(text: str) -> str:
    """The text as it is kept: one space between words, private details redacted, cut short."""
    return redact(" ".join(text.split()))[:MAX_TEXT]


def dismisser(reply: GroupReply, presser_id: int, is_staff: bool) -> Role | None:
    """In which role this person may dismiss the reply (staff first), or None: only the
    message's writer and staff may."""
    if is_staff:
        return Role.STAFF
    if presser_id == reply.writer_id:
        return Role.WRITER
    return None
