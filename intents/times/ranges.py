"""Ranges of days: "下周三到周五", "12月4日到6日", "Dec 4-6", "from Friday to Sunday".

A range is two day expressions joined by 到 / 至 / - / ~ / to / through / until. The second
is read like the first, then moved forward when it would fall before it ("下周五到周一": the
Monday after; "12月30日到2日": January); after a date it may be a bare number ("Dec 4-6").
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from intents.times.days import DayHit, day_of_month, find_day

_SEP = re.compile(r"\s?(?:到|至|-|~|–|—|\bto\b|\bthrough\b|\bthru\b|\buntil\b|\btill\b)\s?")
_BARE_DAY = re.compile(
    r"(\d{1,2})(?:st|nd|rd|th)?(?![\d:.]|\s?(?:am|pm|a\.m|p\.m|点|时|号|日|月|楼|栋|个|天))"
)


def find_days(text: str, today: date) -> DayHit | None:
    """The day or days a prepared text names, a range joined into one hit of kind "range"."""
    first = find_day(text, today)
    if first is None or first.kind in ("window", "weekend"):
        return first
    sep = _SEP.match(text, first.end)
    if sep is None:
        return first
    last = _last_day(text, sep.end(), first, today)
    if last is None or last.after <= first.first:
        return first
    words = text[first.start : last.end]
    return DayHit(first.first, last.after, words, first.start, last.end, "range")


def _last_day(text: str, at: int, first: DayHit, today: date) -> DayHit | None:
    """The day closing a range, starting exactly at ``at``; None when there is none."""
    hit = find_day(text, today, at)
    if hit is None and first.kind == "weekday":
        return _bare_weekday(text, at, first)
    if hit is None:
        return _bare_day(text, at, first) if first.kind in ("month_day", "dom") else None
    if hit.kind not in ("day", "weekday", "month_day", "dom"):
        return None
    if hit.first < first.first and hit.kind in ("weekday", "dom"):
        hit = find_day(text, first.first, at)  # the next such day from the range's first
    return hit


def _bare_day(text: str, at: int, first: DayHit) -> DayHit | None:
    """'6' closing 'Dec 4-6': that day in the first day's month (or the next one)."""
    m = _BARE_DAY.match(text, at)
    if m is None:
        return None
    day = day_of_month(int(m.group(1)), first.first)
    if day is None:
        return None
    return DayHit(day, day + timedelta(days=1), m.group(), m.start(), m.end(), "dom")


# "三" closing "周一至三" / "礼拜二到四", not "周一到三点" (until three o'clock).
_BARE_WEEKDAY = re.compile(r"([一二三四五六日天])(?![\d点點时個个天号日楼栋层号位次])")
_WEEKDAYS = "一二三四五六"


def _bare_weekday(text: str, at: int, first: DayHit) -> DayHit | None:
    """'三' closing '周一至三': the next such weekday from the range's first day."""
    m = _BARE_WEEKDAY.match(text, at)
    if m is None:
        return None
    weekday = _WEEKDAYS.find(m.group(1)) if m.group(1) in _WEEKDAYS else 6
    day = first.first + timedelta(days=(weekday - first.first.weekday()) % 7)
    return DayHit(day, day + timedelta(days=1), m.group(), m.start(), m.end(), "weekday")


# "周六或者周日都行", "Saturday or Sunday": two days, either one.
_OR = re.compile(r"\s?(?:或者|或是|或|还是|\bor\b)\s?")


def either_day(text: str, today: date) -> tuple[date, date, str] | None:
    """The two days of 'X or Y' in a prepared text ("这周六或者周日都行", "Saturday or Sunday"):
    the first, the other (the next such day from the first) and the other's words; None when
    no day is followed by "or" and another day."""
    first = find_day(text, today)
    if first is None or first.kind not in ("day", "weekday", "month_day", "dom"):
        return None
    sep = _OR.match(text, first.end)
    other = _last_day(text, sep.end(), first, today) if sep else None
    if other is None or other.first == first.first:
        return None
    return first.first, other.first, other.words
