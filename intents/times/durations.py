"""How long something lasts: "出差三天", "两个星期", "看两个小时", "for 5 days"; and how far a
booked time should move: "推迟一个小时", "30 minutes earlier".

A length in days is also how many days of care a booking asks for ("我要出差两天" = 2 units
of a per-day service), so :func:`day_count` reads only the lengths counted in days.
"""

from __future__ import annotations

import re
from datetime import timedelta

from intents.times.numbers import EN_NUM, NUM, chinese_number, number, prepare

_DURATION_ZH = re.compile(
    rf"({NUM}|半|几)\s?(?:个)?(天|晚|日|周|星期|礼拜|月|小时|钟头)(?!后|以后|之后|前)"
)
_DURATION_EN = re.compile(rf"\b(?:for )?({EN_NUM}) (day|night|week|month|hour)s?\b")

_UNIT_ZH = {
    "天": timedelta(days=1),
    "晚": timedelta(days=1),
    "日": timedelta(days=1),
    "周": timedelta(weeks=1),
    "星期": timedelta(weeks=1),
    "礼拜": timedelta(weeks=1),
    "月": timedelta(days=30),
    "小时": timedelta(hours=1),
    "钟头": timedelta(hours=1),
}
_UNIT_EN = {
    "day": timedelta(days=1),
    "night": timedelta(days=1),
    "week": timedelta(weeks=1),
    "month": timedelta(days=30),
    "hour": timedelta(hours=1),
}


def parse_duration(text: str) -> timedelta | None:
    """Read how long something lasts ("出差三天", "两个星期", "for 5 days"); None if unsaid."""
    return read_duration(prepare(text))


def read_duration(text: str) -> timedelta | None:
    """:func:`parse_duration` over text already put through ``prepare``."""
    found = _length(text)
    return found[0] if found else None


def _length(text: str) -> tuple[timedelta, re.Match[str]] | None:
    """The first length said, and where."""
    for m in _DURATION_ZH.finditer(text):
        token, unit = m.group(1), m.group(2)
        if token == "几" or _is_date_context(text, m):
            continue
        if unit == "月" and "个" not in m.group() and token != "半":
            continue  # "3月" is a month name, "3个月" a duration
        amount = 0.5 if token == "半" else chinese_number(token)
        if amount:
            return _UNIT_ZH[unit] * amount, m
    m2 = _DURATION_EN.search(text)
    if m2 and not re.search(r"\bin " + re.escape(m2.group(1)) + r" " + m2.group(2), text):
        amount = number(m2.group(1))
        if amount:
            return _UNIT_EN[m2.group(2)] * amount, m2
    m3 = re.search(r"\bfor the weekend\b", text)
    return (timedelta(days=2), m3) if m3 else None


def day_count(text: str) -> int | None:
    """Whole days a prepared text asks for ("出差两天" 2, "一周" 7); None for no length, a
    length in hours ("看两个小时" is one visit, not days of care) or one already past
    ("坏了三天", "停了两天了", "for two days now")."""
    found = _length(text)
    if found is None or found[0] < timedelta(days=1):
        return None
    length, m = found
    if _PAST.search(text[max(0, m.start() - 9) : m.start()]) or _PAST_AFTER.match(text, m.end()):
        return None
    return length.days


def days_asked(text: str) -> int | None:
    """:func:`day_count` of raw words ("for 3 days", "三天", "出差两天"): the days of care
    typed at a booking's step."""
    return day_count(prepare(text))


# Just before a length, or just after it: the time has already gone by.
_PAST = re.compile(r"(?:了|已经|都|过去|\bbeen|\bpast|\blast|\bthe past)\s?$")
_PAST_AFTER = re.compile(r"\s?(了|以来|\bnow\b|\bago\b|\balready\b)")


def _is_date_context(text: str, m: re.Match[str]) -> bool:
    """Tell whether a '<n>日/周' match is really a date or weekday ("5日", "周三")."""
    unit = m.group(2)
    if unit == "日":
        return True  # "15日" is a day of the month; durations say "天"
    if re.search(r"(?:周|星期|礼拜)$", text[max(0, m.start() - 2) : m.start()]):
        return True  # "周五晚上" is Friday evening, not five nights
    before = text[max(0, m.start() - 1) : m.start()]
    return unit in ("周", "星期", "礼拜") and before in ("下", "上", "这", "本")


# "晚一个小时", "推迟两个小时", "提前半小时", "早一个半小时来": the booked time moved by that much.
_SHIFT_ZH = re.compile(
    rf"(晚|推迟|延后|往后推|推后|往后|早|提前)\s?({NUM}|半)\s?个?(半)?\s?(小时|钟头|分钟)"
)
# "an hour later", "push it back two hours", "30 minutes earlier", "bring it forward an hour".
_SHIFT_EN = re.compile(rf"\b({EN_NUM}|half an?)\s?(hours?|hrs?|minutes?|mins?)\b", re.IGNORECASE)
_LATER_EN = re.compile(r"\b(?:later|back|postpone|delay)\b", re.IGNORECASE)
_EARLIER_EN = re.compile(r"\b(?:earlier|forward|sooner)\b", re.IGNORECASE)


def shift_asked(text: str) -> timedelta | None:
    """How far the words ask the booked time to move ("推迟一个小时": an hour later, "30
    minutes earlier": half an hour sooner); None when they name no such shift."""
    zh = _SHIFT_ZH.search(text)
    if zh is not None:
        amount = 0.5 if zh.group(2) == "半" else chinese_number(zh.group(2))
        if amount is None:
            return None
        amount += 0.5 if zh.group(3) else 0
        sign = -1 if zh.group(1) in ("早", "提前") else 1
        unit = timedelta(minutes=1) if zh.group(4) == "分钟" else timedelta(hours=1)
        return sign * amount * unit
    en = _SHIFT_EN.search(text)
    later, earlier = _LATER_EN.search(text), _EARLIER_EN.search(text)
    if en is None or (later is None) == (earlier is None):
        return None
    said = en.group(1).lower()
    amount = 0.5 if said.startswith("half") else number(said)
    if amount is None:
        return None
    unit = timedelta(minutes=1) if en.group(2).lower().startswith("m") else timedelta(hours=1)
    return (-1 if earlier else 1) * amount * unit
