"""Where something is, when the words say it: "3栋电梯困人", "2号楼1单元门口有人摔倒",
"someone fell at building 2's entrance".

A place in a building of the community (a building number, optionally its unit and a common
spot such as the lift or the entrance) read from an emergency or a report, so responders go to
the right building and the writer is not asked again. Pure: plain strings in, a dataclass out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from intents.times.numbers import NUM, number, prepare

_SPOTS = (
    r"电梯(?:口|间|厅)?|单元门(?:口)?|大门(?:口)?|门口|楼道|楼梯(?:间)?|楼下|门厅|大堂|车库"
    r"|地下室|天台|楼顶|走廊"
)
_ZH = re.compile(
    rf"(?P<b>{NUM}|[A-Za-z])\s?(?:栋|号楼|幢|座)"
    rf"(?:\s?(?P<u>{NUM})\s?单元)?(?:的?(?P<s>{_SPOTS}))?"  # "2栋的陈爷爷": "2栋", not "2栋的"
)
_EN = re.compile(r"\b(?:building|bldg|block)\s?(?P<b>\d+|[a-z])\b", re.IGNORECASE)


@dataclass(frozen=True)
class SaidPlace:
    """A place named in the words: its building (as the community names it) and the words
    that name the place ("2号楼1单元门口")."""

    building: str
    words: str


def said_place(text: str, known: Iterable[str]) -> SaidPlace | None:
    """The place the words name in one of the `known` buildings; None when they name none."""
    prepared = prepare(text)
    found = _ZH.search(prepared) or _EN.search(prepared)
    if found is None:
        return None
    token = found.group("b")
    value = number(token)
    building = str(value) if value is not None else token.upper()
    if building not in set(known):
        return None
    return SaidPlace(building, found.group(0).strip())
