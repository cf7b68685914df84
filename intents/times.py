"""Dates, times and durations in Chinese and English, relative to a given ``now``.

``parse_when`` returns a :class:`TimeSpan` in the community timezone: a day ("明天",
"Saturday") spans the whole day, a part of the day ("上午", "tomorrow morning") spans its hours,
a clock time ("下午3点半", "at 3pm") is a start with no end. Weekday names mean their next
occurrence (today counts); "下周X" / "next Monday" mean that day of next calendar week.
``parse_duration`` reads how long care is needed ("出差三天", "for 5 days").
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from intents.normalize import to_simplified


@dataclass(frozen=True)
class TimeSpan:
    """A moment (``end`` None) or a range of time, with the words it was read from."""

    start: datetime
    end: datetime | None
    text: str


_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_EN_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fourteen": 14,
    "couple of": 2,
    "a couple of": 2,
}
_NUM = r"(?:\d+|[零〇一二两三四五六七八九十]+)"
_EN_NUM = (
    r"(?:\d+|a couple of|couple of|an|a|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|fourteen)"
)


def chinese_number(token: str) -> int | None:
    """Read '3', '十一', '二十五', '两' as an int; None when it is not a number."""
    if token.isdigit():
        return int(token)
    if not token or any(ch not in _DIGITS and ch != "十" for ch in token):
        return None
    if "十" in token:
        tens, _, ones = token.partition("十")
        if "十" in ones:
            return None
        high = _DIGITS.get(tens, 0) if tens else 1
        if tens and tens not in _DIGITS:
            return None
        low = _DIGITS.get(ones, 0) if ones else 0
        if ones and ones not in _DIGITS:
            return None
        return high * 10 + low
    value = 0
    for ch in token:
        value = value * 10 + _DIGITS[ch]
    return value


def _number(token: str) -> int | None:
    """Read a Chinese, Arabic or English number word."""
    token = token.strip()
    if token in _EN_NUMBERS:
        return _EN_NUMBERS[token]
    return chinese_number(token)


_WEEKDAY_ZH = {
    "一": 0,
    "二": 1,
    "三": 2,
    "四": 3,
    "五": 4,
    "六": 5,
    "日": 6,
    "天": 6,
    "末": 5,
    "1": 0,
    "2": 1,
    "3": 2,
    "4": 3,
    "5": 4,
    "6": 5,
    "7": 6,
}
_WEEKDAY_EN = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_WEEKDAY_EN.update({name.lower(): i for i, name in enumerate(calendar.day_abbr)})
_WEEKDAY_EN.pop("", None)

# Parts of the day: (start hour, end hour) on the same day.
_PARTS_ZH = {
    "凌晨": (0, 6),
    "早上": (6, 9),
    "早晨": (6, 9),
    "清早": (6, 9),
    "一早": (6, 9),
    "上午": (9, 12),
    "中午": (11, 13),
    "下午": (13, 18),
    "傍晚": (17, 19),
    "晚上": (18, 22),
    "晚": (18, 22),
    "夜里": (20, 24),
    "白天": (8, 18),
}
_PARTS_EN = {
    "morning": (9, 12),
    "noon": (12, 13),
    "lunchtime": (11, 13),
    "afternoon": (13, 18),
    "evening": (18, 22),
    "tonight": (18, 22),
}
_PARTS_EN_ALL = {**_PARTS_EN, "night": (18, 22)}
_PM_PARTS = {"下午", "傍晚", "晚上", "晚", "夜里", "afternoon", "evening", "night", "tonight"}

_DAY_WORDS = [
    ("大后天", 3),
    ("后天", 2),
    ("明天", 1),
    ("明日", 1),
    ("明儿", 1),
    ("今天", 0),
    ("今日", 0),
    ("今儿", 0),
    ("今晚", 0),
    ("明早", 1),
    ("明晚", 1),
]
_DAY_RE = re.compile("|".join(w for w, _ in _DAY_WORDS))
_DAY_OFFSETS = dict(_DAY_WORDS)
_WEEKDAY_ZH_RE = re.compile(r"(下下|下个|下|这个|这|本)?(?:周|星期|礼拜)([一二三四五六日天末1-7])")
_NEXT_WEEK_ZH = re.compile(r"下(?:个)?(?:周|星期|礼拜)(?![一二三四五六日天末1-7])")
_MONTH_DAY = re.compile(rf"({_NUM})月({_NUM})(?:日|号)")
# "15号" is a date, "2号楼" / "3号线" / "5号门" are places.
_DAY_OF_MONTH = re.compile(
    rf"(?<![\d月])({_NUM})(?:号|日)(?!本|楼|栋|幢|院|门|线|房|床|室|单元|口|机|位|车|柜|窗|区|馆|厅)"
)
_MONTH_END = re.compile(r"月底|月末|end of (?:the )?month")
_PART_ZH_RE = re.compile("|".join(sorted(_PARTS_ZH, key=len, reverse=True)))
_CLOCK_ZH = re.compile(rf"({_NUM})\s?(?:点|點|时)(?:\s?(半|一刻|三刻|({_NUM})\s?分?))?")
_CLOCK_COLON = re.compile(r"(?<!\d)(\d{1,2}):(\d{2})\s?(am|pm|a\.m\.|p\.m\.)?")
_CLOCK_EN = re.compile(r"\b(\d{1,2})\s?(am|pm|a\.m\.|p\.m\.|o'?clock)\b")
_CLOCK_AT = re.compile(r"\bat (\d{1,2})\b(?!:|\s?(?:am|pm|a\.m|p\.m|o'?clock))")
_RANGE_SEP = re.compile(r"\s?(?:到|至|-|~|–|to)\s?")
_IN_EN = re.compile(rf"\bin ({_EN_NUM}) (minute|min|hour|hr|day)s?\b")
_IN_ZH = re.compile(rf"({_NUM}|半)\s?(?:个)?(分钟|小时|钟头|天)(?:以?后|之后)")

_DURATION_ZH = re.compile(
    rf"({_NUM}|半|几)\s?(?:个)?(天|晚|日|周|星期|礼拜|月|小时|钟头)(?!后|以后|之后|前)"
)
_DURATION_EN = re.compile(rf"\b(?:for )?({_EN_NUM}) (day|night|week|month|hour)s?\b")


def _prepare(text: str) -> str:
    """Full-width to half-width, simplified Chinese, lower case; punctuation kept for clocks."""
    return to_simplified(unicodedata.normalize("NFKC", text)).lower()


def _at(day: date, hour: int, minute: int, tz: ZoneInfo) -> datetime:
    """Build an aware datetime; hour 24 means midnight after ``day``."""
    if hour >= 24:
        return datetime.combine(day + timedelta(days=1), time(0, minute), tz)
    return datetime.combine(day, time(hour, minute), tz)


def _find_day(text: str, today: date) -> tuple[date, date, list[str]] | None:
    """Find the day (or span of days) a text refers to: (first day, day after last, words)."""
    m = _DAY_RE.search(text)
    if m:
        d = today + timedelta(days=_DAY_OFFSETS[m.group()])
        return d, d + timedelta(days=1), [m.group()]
    if re.search(r"\bday after tomorrow\b", text):
        d = today + timedelta(days=2)
        return d, d + timedelta(days=1), ["day after tomorrow"]
    m2 = re.search(r"\b(today|tomorrow|tonight|tmr|tmrw)\b", text)
    if m2:
        d = today + timedelta(days=0 if m2.group() in ("today", "tonight") else 1)
        return d, d + timedelta(days=1), [m2.group()]
    monday = today - timedelta(days=today.weekday())
    m = _WEEKDAY_ZH_RE.search(text)
    if m:
        prefix, day_char = m.group(1) or "", m.group(2)
        weekday = _WEEKDAY_ZH[day_char]
        weekend = day_char == "末"
        if prefix in ("下", "下个"):
            d = monday + timedelta(days=7 + weekday)
        elif prefix == "下下":
            d = monday + timedelta(days=14 + weekday)
        elif weekend:
            d = max(monday + timedelta(days=5), today)
        elif prefix in ("这", "这个", "本"):
            d = monday + timedelta(days=weekday)
        else:
            d = today + timedelta(days=(weekday - today.weekday()) % 7)
        end = (
            (monday + timedelta(days=7 if prefix not in ("下", "下个") else 14))
            if weekend
            else d + timedelta(days=1)
        )
        if weekend and prefix == "下下":
            end = monday + timedelta(days=21)
        return d, end, [m.group()]
    m3 = re.search(r"\b(?:(this|next) )?weekend\b", text)
    if m3:
        if m3.group(1) == "next":
            return monday + timedelta(days=12), monday + timedelta(days=14), [m3.group()]
        return max(monday + timedelta(days=5), today), monday + timedelta(days=7), [m3.group()]
    m4 = re.search(
        r"\b(?:(next|this|on) )?(" + "|".join(sorted(_WEEKDAY_EN, key=len, reverse=True)) + r")\b",
        text,
    )
    if m4:
        weekday = _WEEKDAY_EN[m4.group(2)]
        if m4.group(1) == "next":
            d = monday + timedelta(days=7 + weekday)
        else:
            d = today + timedelta(days=(weekday - today.weekday()) % 7)
        return d, d + timedelta(days=1), [m4.group()]
    m = _NEXT_WEEK_ZH.search(text) or re.search(r"\bnext week\b", text)
    if m:
        return monday + timedelta(days=7), monday + timedelta(days=14), [m.group()]
    m = re.search(r"这周|本周|这个星期|this week", text)
    if m:
        return today, monday + timedelta(days=7), [m.group()]
    m = _MONTH_DAY.search(text)
    if m:
        month, day_n = chinese_number(m.group(1)), chinese_number(m.group(2))
        if month and day_n:
            try:
                d = date(today.year, month, day_n)
                if d < today:
                    d = date(today.year + 1, month, day_n)
            except ValueError:
                return None
            return d, d + timedelta(days=1), [m.group()]
    m = _MONTH_END.search(text)
    if m:
        last = calendar.monthrange(today.year, today.month)[1]
        end = date(today.year, today.month, last) + timedelta(days=1)
        start = max(today, end - timedelta(days=3))
        return start, end, [m.group()]
    m = _DAY_OF_MONTH.search(text)
    if m:
        day_n = chinese_number(m.group(1))
        if day_n and 1 <= day_n <= 31:
            year, month = today.year, today.month
            if day_n < today.day:
                year, month = (year + 1, 1) if month == 12 else (year, month + 1)
            while day_n > calendar.monthrange(year, month)[1]:  # "31号" in November
                year, month = (year + 1, 1) if month == 12 else (year, month + 1)
            d = date(year, month, day_n)
            return d, d + timedelta(days=1), [m.group()]
    return None


def _find_part(text: str) -> tuple[str, tuple[int, int]] | None:
    """Find a part of the day ("下午", "morning")."""
    if "今晚" in text or "明晚" in text:
        return "晚", _PARTS_ZH["晚上"]
    if "明早" in text:
        return "早上", _PARTS_ZH["早上"]
    m = _PART_ZH_RE.search(text)
    if m:
        return m.group(), _PARTS_ZH[m.group()]
    m2 = re.search(r"\b(" + "|".join(_PARTS_EN) + r")\b", text)
    if m2:
        return m2.group(), _PARTS_EN[m2.group()]
    m3 = re.search(r"\b(?:tomorrow|this|at|on \w+day|\w+day) night\b", text)
    if m3:
        return "night", _PARTS_EN_ALL["night"]
    return None


def _clock_at(m: re.Match[str], kind: str) -> tuple[int, int] | None:
    """Hour and minute of one clock match, before day-part adjustment."""
    if kind == "zh":
        hour = chinese_number(m.group(1))
        extra = m.group(2) or ""
        minute = {"半": 30, "一刻": 15, "三刻": 45}.get(extra)
        if minute is None:
            minute = chinese_number(m.group(3)) if m.group(3) else 0
    elif kind == "at":
        hour, minute = int(m.group(1)), 0
    else:
        hour = int(m.group(1))
        minute = int(m.group(2)) if kind == "colon" else 0
        suffix = (m.group(3) if kind == "colon" else m.group(2)) or ""
        if hour is not None and suffix.startswith("p") and hour < 12:
            hour += 12
        elif suffix.startswith("a") and hour == 12:
            hour = 0
    if hour is None or minute is None or hour > 24 or minute > 59:
        return None
    return hour, minute


def _find_clocks(text: str) -> list[tuple[int, int, str, bool]]:
    """All clock times in order: (hour, minute, words, explicit am/pm)."""
    found: list[tuple[int, int, int, str, bool]] = []
    patterns = ((_CLOCK_ZH, "zh"), (_CLOCK_COLON, "colon"), (_CLOCK_EN, "en"), (_CLOCK_AT, "at"))
    for pattern, kind in patterns:
        for m in pattern.finditer(text):
            hm = _clock_at(m, kind)
            if hm is None:
                continue
            explicit = kind in ("colon", "en") and any(
                s in m.group() for s in ("am", "pm", "a.m", "p.m")
            )
            if any(start <= m.start() < start + len(words) for start, _, _, words, _ in found):
                continue
            found.append((m.start(), hm[0], hm[1], m.group().strip(), explicit))
    found.sort()
    return [(h, mi, words, explicit) for _, h, mi, words, explicit in found]


def _adjust_hour(hour: int, part: str | None, explicit: bool) -> int:
    """Move a 12-hour clock reading into the afternoon when the words say so."""
    if explicit:
        return hour
    if part in _PM_PARTS and hour < 12:
        return hour + 12
    if part == "中午" and hour < 3:
        return hour + 12
    if part is None and 1 <= hour <= 6:
        return hour + 12
    return hour


def parse_when(text: str, now: datetime, tz: ZoneInfo) -> TimeSpan | None:
    """Read when something should happen; None when the text names no time."""
    text = _prepare(text)
    local_now = now.astimezone(tz)
    today = local_now.date()
    m = _IN_EN.search(text) or _IN_ZH.search(text)
    if m:
        amount_token = m.group(1)
        amount = 0.5 if amount_token == "半" else _number(amount_token)
        unit = m.group(2)
        if amount is not None:
            if unit in ("minute", "min", "分钟"):
                delta = timedelta(minutes=amount)
            elif unit in ("hour", "hr", "小时", "钟头"):
                delta = timedelta(hours=amount)
            else:
                delta = timedelta(days=amount)
            return TimeSpan(local_now + delta, None, m.group())

    day_span = _find_day(text, today)
    part = _find_part(text)
    clocks = _find_clocks(text)
    words: list[str] = []
    if day_span:
        words += day_span[2]
    if part and part[0] not in "".join(words):
        words.append(part[0])

    if clocks:
        part_name = part[0] if part else None
        hour, minute, clock_words, explicit = clocks[0]
        hour = _adjust_hour(hour, part_name, explicit)
        day = day_span[0] if day_span else today
        start = _at(day, hour, minute, tz)
        if not day_span and start <= local_now:
            start += timedelta(days=1)
        end: datetime | None = None
        words.append(clock_words)
        if len(clocks) > 1 and _RANGE_SEP.search(text):
            h2, m2, w2, e2 = clocks[1]
            h2 = _adjust_hour(h2, part_name, e2)
            if h2 < hour and h2 + 12 <= 24:
                h2 += 12
            end = _at(start.date(), h2, m2, tz)
            words.append(w2)
        return TimeSpan(start, end, " ".join(words))
    if part:
        start_h, end_h = part[1]
        day = day_span[0] if day_span else today
        if not day_span and _at(day, end_h, 0, tz) <= local_now:
            day += timedelta(days=1)
        return TimeSpan(_at(day, start_h, 0, tz), _at(day, end_h, 0, tz), " ".join(words))
    if day_span:
        first, after, _ = day_span
        return TimeSpan(_at(first, 0, 0, tz), _at(after, 0, 0, tz), " ".join(words))
    return None


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
    text = _prepare(text)
    for m in _DURATION_ZH.finditer(text):
        token, unit = m.group(1), m.group(2)
        if token == "几" or _is_date_context(text, m):
            continue
        if unit == "月" and "个" not in m.group() and token != "半":
            continue  # "3月" is a month name, "3个月" a duration
        amount = 0.5 if token == "半" else chinese_number(token)
        if amount:
            return _UNIT_ZH[unit] * amount
    m2 = _DURATION_EN.search(text)
    if m2 and not re.search(r"\bin " + re.escape(m2.group(1)) + r" " + m2.group(2), text):
        amount = _number(m2.group(1))
        if amount:
            return _UNIT_EN[m2.group(2)] * amount
    if re.search(r"\bfor the weekend\b", text):
        return timedelta(days=2)
    return None


def _is_date_context(text: str, m: re.Match[str]) -> bool:
    """Tell whether a '<n>日/周' match is really a date or weekday ("5日", "周三")."""
    unit = m.group(2)
    if unit == "日":
        return True  # "15日" is a day of the month; durations say "天"
    before = text[max(0, m.start() - 1) : m.start()]
    return unit in ("周", "星期", "礼拜") and before in ("下", "上", "这", "本")
