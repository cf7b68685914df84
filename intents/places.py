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

from intents.addresses import named_door
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


# Places in a community that are not in a building: gates, the car park, the garden.
_LANDMARKS = re.compile(
    r"\d{1,2}\s?楼(?:的)?(?:窗台|阳台|楼道|走廊|电梯口?|楼梯)?"
    r"|(?:小区)?(?:东|南|西|北|正|后|侧)(?:大)?门(?:口)?|小区(?:大)?门口?|大门口?|停车场|地下车库|车库"
    r"|(?:中心)?花园|广场|健身(?:房|区|器材)|游泳池|(?:儿童)?(?:乐园|游乐场)|门卫(?:室)?|保安(?:亭|室)"
    r"|垃圾(?:站|房)|会所|快递柜|物业(?:办公室)?门口"
    r"|\b(?:(?:north|south|east|west|main|front|back|side) (?:gate|entrance))\b|\bcar ?park\b"
    r"|\bparking(?: lot| garage)?\b|\bplayground\b|\bgarden\b|\bgym\b|\bpool\b|\blobby\b"
    r"|\bgate\b",
    re.IGNORECASE,
)
# A room number said alone ("501那个老太太", "the lady in 602"): a door without its building.
# Followed by its door or home ("502门口", "1203户", "601屋里"); never an emergency number.
_ROOM = re.compile(
    r"(?<![\d-])(?!(?:110|119|120|122)(?!\d))(?P<r>\d{3,4})"
    r"(?=\s?(?:室|房|号|那|的|家|里|老|阿|大|奶|爷|门|户|屋|\b))"
)


def said_spot(text: str) -> str | None:
    """A place outside the buildings the words name ("west gate", "西门口", "停车场"), or a
    room number said without its building ("501那个老太太" -> "501"); None when neither."""
    found = _LANDMARKS.search(text) or _ROOM.search(text)
    return found.group(0).strip() if found is not None else None


_SPOT = re.compile(_SPOTS)


@dataclass(frozen=True)
class Where:
    """Where an emergency is, as the words say it.

    ``building``: a building of the community the words name (it picks the housekeeper);
    ``said``: what responders are shown as 地点 (a door number whole, "7-1-402"); ``shown``:
    what may be echoed to the writer (never a door number: the answer may be read in a group);
    ``room_only``: only a room number was said ("501那个老太太"), so the writer is asked too.
    """

    building: str | None
    said: str | None
    shown: str | None
    room_only: bool = False


def where_said(text: str, known: Iterable[str]) -> Where:
    """Where the words put it: a door number whole ("7-1-402", "building 7 unit 1 room 402",
    "7栋1单元402"), even in a building the file does not list (responders see what was said;
    "未说明" helps nobody), unless a spot in a building is named ("3栋电梯困人", where the door
    may be the writer's own); else a building spot, a place outside the buildings, or a room
    said alone."""
    known = set(known)
    place = said_place(text, known)
    door = named_door(text)
    if door is not None and (place is None or not _SPOT.search(place.words)):
        building = door[0] if door[0] in known else None
        return Where(building, "-".join(door), place.words if place else None)
    if place is not None:
        return Where(place.building, place.words, place.words)
    spot = said_spot(text)
    return Where(None, spot, spot, room_only=spot is not None and spot[0].isdigit())
