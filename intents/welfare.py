"""What an older person living alone writes in private: urgent, unwell, fine, or neither.

Pure text in, a level out; the check-in flow decides what each level sets in motion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from intents.normalize import normalize


class WelfareLevel(StrEnum):
    """How the person says they are."""

    URGENT = "urgent"  # needs help now: a help call opens
    UNWELL = "unwell"  # not feeling well: the grid worker calls today, no alarm
    FINE = "fine"
    NONE = "none"  # says nothing about how they are


@dataclass(frozen=True)
class Welfare:
    """The level, and the words that decided it."""

    level: WelfareLevel
    evidence: str = ""


_URGENT = re.compile(
    r"救命|需要帮助|帮帮我|快来人|来人啊|摔(倒|了|跤)|起不来|好疼|疼死|喘不过气|胸口疼|"
    r"\b(help|sos|fell|fallen)\b",
    re.IGNORECASE,
)
_UNWELL = re.compile(r"不太舒服|不舒服|难受|头晕|发烧|感冒|\b(unwell|not (feeling )?well|sick)\b")
_TRIP = re.compile(
    r"(去|到|回).{0,10}(住|玩|旅游|探亲|过年|过节)|出门|出远门|不在家|旅游|旅行|住院|"
    r"\b(away|travel(l?ing)?|trip|pause)\b",
    re.IGNORECASE,
)


def read_welfare(text: str) -> Welfare:
    """How the writer says they are."""
    folded = normalize(text)
    for level, pattern in ((WelfareLevel.URGENT, _URGENT), (WelfareLevel.UNWELL, _UNWELL)):
        found = pattern.search(folded)
        if found:
            return Welfare(level, found.group(0))
    return Welfare(WelfareLevel.NONE)


def is_trip(text: str) -> bool:
    """Whether the message describes being away (a trip, a hospital stay)."""
    return _TRIP.search(normalize(text)) is not None
