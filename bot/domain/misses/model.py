"""A miss and the text kept for it: whitespace folded, private details redacted, cut short."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.privacy import redact_rooms


@dataclass(frozen=True)
class Miss:
    """A text that looked like a request and how often it was seen."""

    text: str
    count: int


@dataclass(frozen=True)
class Unserved:
    """A service residents asked for that no provider could take: how many residents, how
    many asks (one per resident per day), and when last."""

    service: str
    residents: int
    asks: int
    last_at: datetime


MAX_TEXT = 200


def clean(text: str) -> str:
    """The text as it is counted: one space between words, redacted, at most MAX_TEXT long.
    A building stays ("4栋停水了": where it is, which staff need to judge the example, and no
    secret); a room number, phone, door code or contact is masked (tester t1: "***停水了")."""
    return redact_rooms(" ".join(text.split()))[:MAX_TEXT]
