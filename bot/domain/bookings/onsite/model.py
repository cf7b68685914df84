"""After the accept, pure: arrival promises and what makes a common-area work order urgent
(hiding contacts on the private line is in ``contacts.py``).

No database, clock or Telegram: every rule here is a function of its arguments, tested as a
table in ``tests/bookings/test_onsite_model.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.config import WorkOrderPolicy
from intents.times.clocks import find_clocks
from intents.times.numbers import EN_NUM, NUM, number, prepare
from intents.times.when import parse_when

# -- the arrival promise --------------------------------------------------------------------

ETA_CHOICES: dict[str, timedelta] = {
    "30": timedelta(minutes=30),
    "60": timedelta(hours=1),
    "120": timedelta(hours=2),
}
SLOT = "slot"  # the promise is the booked slot
NO_SLOT_PROMISE = timedelta(hours=2)  # accepted "as soon as possible", no promise made (yet)
LONGEST_SLOT_WAIT = timedelta(hours=3)  # a half-day window is a window to arrive in, not a day


def slot_promise(slot_start: datetime, slot_end: datetime | None) -> datetime:
    """Arriving within the booked slot: by its end, but never more than three hours after its
    start (a two-day care booking is not two days to turn up)."""
    if slot_end is None:
        return slot_start
    return slot_start + min(slot_end - slot_start, LONGEST_SLOT_WAIT)


def promised_by(
    choice: str, now: datetime, slot_start: datetime | None, slot_end: datetime | None
) -> datetime | None:
    """When a worker who pressed an arrival choice has promised to be there; None when the
    choice is unknown, or is the slot and there is none (or it is already over)."""
    if choice in ETA_CHOICES:
        return now + ETA_CHOICES[choice]
    if choice != SLOT or slot_start is None:
        return None
    promise = slot_promise(slot_start, slot_end)
    return promise if promise > now else None


def default_promise(
    now: datetime, slot_start: datetime | None, slot_end: datetime | None
) -> datetime:
    """The promise held until the worker says one: the slot, or two hours for 'as soon as
    possible' (so a worker who never says still has a time someone checks)."""
    if slot_start is not None and slot_promise(slot_start, slot_end) > now:
        return slot_promise(slot_start, slot_end)
    return now + NO_SLOT_PROMISE


_ETA_ZH = re.compile(rf"({NUM}|半)\s?(?:个)?\s?(分钟|分|小时|钟头)")
_ETA_EN = re.compile(rf"\b({EN_NUM}|half an?)\s?(min|mins|minute|minutes|h|hr|hrs|hour|hours)\b")


def parse_eta(text: str) -> timedelta | None:
    """How soon a worker says they will be there: '30分钟内到', '半小时', '一个小时后到',
    'in 20 min', '1 hour'; None when the text says no such length (or an absurd one)."""
    prepared = prepare(text)
    found = _ETA_ZH.search(prepared)
    if found is not None:
        amount = 0.5 if found.group(1) == "半" else number(found.group(1))
        hours = found.group(2) in ("小时", "钟头")
    else:
        found = _ETA_EN.search(prepared)
        if found is None:
            return None
        amount = 0.5 if found.group(1).startswith("half") else number(found.group(1))
        hours = found.group(2).startswith("h")
    if not amount:
        return None
    length = timedelta(hours=amount) if hours else timedelta(minutes=amount)
    return length if timedelta(minutes=1) <= length <= timedelta(hours=12) else None


LONGEST_SAID_WAIT = timedelta(hours=12)  # "四点到" said at 15:00 is today, never tomorrow's


def said_arrival(text: str, now: datetime, tz: ZoneInfo) -> datetime | None:
    """When a worker's words say they will be there: a clock time ("大概四点到", "4点半左右到",
    "be there by 4pm": the next such time within twelve hours; tester 2: "四点到" was only
    relayed) or a length ("20分钟到"); None for neither. The clock is read first, so the
    minutes of "4点20分到" are no twenty-minute wait."""
    if find_clocks(prepare(text)):
        span = parse_when(text, now, tz)
        if span is None or not span.has_time or span.asap:
            return None
        at = span.end if span.end is not None else span.start
        return at if now < at <= now + LONGEST_SAID_WAIT else None
    length = parse_eta(text)
    return now + length if length is not None else None


_COMES = re.compile(
    r"到|来|过去|出发|路上|\b(?:there|arriv\w*|away|here|on my way|coming|come)\b", re.IGNORECASE
)


def comes_words(text: str) -> bool:
    """Whether a worker's words speak of coming ("20分钟到", "be there in 20 min"), not of how
    long the work takes ("修要两个小时")."""
    return _COMES.search(text) is not None


def late_check_at(eta_at: datetime, grace: timedelta) -> datetime:
    """When a worker not arrived by their promise counts as late."""
    return eta_at + grace


# -- work orders ----------------------------------------------------------------------------


class Issue(StrEnum):
    """What is broken in a common area."""

    DOOR = "door"  # an entrance or unit door that does not close or open
    WATER = "water"  # no water for a building
    POWER = "power"  # no power for a building
    LIFT = "lift"  # a lift fault with nobody inside (an entrapment is an emergency)
    LIGHTS = "lights"  # stairwell or corridor lights out
    OTHER = "other"  # stairwell lights, intercom, railings ...


class Priority(StrEnum):
    """How fast a work order must be handled."""

    URGENT = "urgent"
    NORMAL = "normal"


URGENT_ISSUES = frozenset({Issue.DOOR, Issue.WATER, Issue.POWER, Issue.LIFT})
_ISSUE_WORDS: tuple[tuple[Issue, tuple[str, ...]], ...] = (
    (
        Issue.WATER,
        (
            *("停水", "没水", "没有水", "断水", "没来水", "no water", "water is off"),
            *("water outage", "water has been off", "water's off", "water cut"),
        ),
    ),
    (
        Issue.POWER,
        (
            *("停电", "没电", "断电", "跳闸", "没来电", "no power", "power cut", "power outage"),
            *("power is out", "power's out", "power went out", "power has been off"),
            *("blackout", "no electricity"),
        ),
    ),
    (Issue.LIFT, ("电梯", "lift", "elevator")),
    (
        Issue.DOOR,
        ("单元门", "大门", "楼道门", "门禁", "入户门", "防盗门", "entrance door", "building door"),
    ),
    (
        Issue.LIGHTS,
        (
            *(
                "楼道灯",
                "楼道的灯",
                "楼梯灯",
                "楼梯间的灯",
                "走廊灯",
                "走廊的灯",
                "声控灯",
                "感应灯",
            ),
            *("stairwell light", "stairway light", "corridor light", "hallway light"),
            *("stair light", "landing light"),
        ),
    ),
)


# Faults of a whole building: a second report of one while a work order for it is open points
# to that order instead of opening a duplicate (a lift or a door may be one of several).
BUILDING_WIDE = frozenset({Issue.WATER, Issue.POWER})


def same_fault(
    issue: str | None, building: str | None, open_issue: str | None, open_building: str | None
) -> bool:
    """Whether a reported fault (issue, building) is the one an open work order is about: the
    same building-wide fault of the same building. Anything vaguer is a work order of its own
    (staff merge by hand what only looks alike)."""
    return (
        issue is not None
        and issue in BUILDING_WIDE
        and issue == open_issue
        and building is not None
        and building == open_building
    )


def priority_of(issue: str) -> Priority:
    """Doors, water, power and lifts are urgent; the rest is normal."""
    return Priority.URGENT if issue in URGENT_ISSUES else Priority.NORMAL


def guess_issue(text: str) -> Issue | None:
    """The issue a request names ('3栋单元门坏了' is a door); None when it names none."""
    prepared = prepare(text)
    for issue, words in _ISSUE_WORDS:
        if any(word in prepared for word in words):
            return issue
    return None


_BUILDING = re.compile(
    rf"({NUM}|[A-Za-z])\s?(?:栋|号楼|幢|座|#楼|楼)|\b(?:building|bldg|block)\s?(\d+|[a-z])\b"
)


def parse_building(text: str, known: Iterable[str]) -> str | None:
    """The building a place names ('3栋1单元大门', 'building 3 entrance', or just '3'), when
    the community has it; None otherwise."""
    prepared = prepare(text).strip()
    found = _BUILDING.search(prepared)
    token = (found.group(1) or found.group(2)) if found else prepared
    value = number(token) if token else None
    building = str(value) if value is not None else token.upper()
    return building if building in set(known) else None


def parse_building_in(text: str, known: Iterable[str]) -> str | None:
    """The building a sentence names ("3号楼没水了", "Building 3 has no water"), when the
    community has it; None when it names none (a bare number in a sentence is no building)."""
    found = _BUILDING.search(prepare(text))
    if found is None:
        return None
    token = found.group(1) or found.group(2)
    value = number(token)
    building = str(value) if value is not None else token.upper()
    return building if building in set(known) else None


def escalate_after(priority: str, policy: WorkOrderPolicy) -> timedelta:
    """How long an accepted work order may stay undone before staff are alerted."""
    windows = policy.escalate_after
    return windows.urgent if priority == Priority.URGENT else windows.normal


def work_order_window(priority: str, policy: WorkOrderPolicy) -> timedelta:
    """How long the property team has to accept a work order."""
    windows = policy.response_window
    return windows.urgent if priority == Priority.URGENT else windows.normal
