"""Which day (or days) words name: "明天", "下周三", "12月4日", "on Friday", "Dec 4".

Each reader looks for one kind of day expression; :func:`find_day` tries them in a fixed
order (relative words first, the day of the month last) and returns the first found. With
``at`` the expression must start exactly there (the second half of a range). Weekday names
mean their next occurrence (today counts); "下周X" / "next Monday" mean that day of next
calendar week. A window ("下周", "this week", "月底") names days to choose from, not days
booked, and says so in its kind.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from intents.fastre import Cue
from intents.times.numbers import NUM, chinese_number


@dataclass(frozen=True)
class DayHit:
    """Days found in a text: [first, after) and where the words were."""

    first: date
    after: date
    words: str
    start: int
    end: int
    # "day", "weekday", "month_day", "dom" (day of month), "weekend", "window" or "range".
    kind: str


_WEEKDAY_ZH = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "末": 5}
_WEEKDAY_ZH.update({str(n): n - 1 for n in range(1, 8)})
_WEEKDAY_EN = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_WEEKDAY_EN.update({name.lower(): i for i, name in enumerate(calendar.day_abbr)})
_WEEKDAY_EN.pop("", None)
_MONTHS_EN = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS_EN.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS_EN["sept"] = 9

_DAY_WORDS = {
    "大后天": 3,
    "后天": 2,
    "明天": 1,
    "明日": 1,
    "明儿": 1,
    "明早": 1,
    "明晚": 1,
    "今天": 0,
    "今日": 0,
    "今儿": 0,
    "今晚": 0,
    "今早": 0,
    # Cantonese: "听日" tomorrow, "听朝" tomorrow morning, "後日" the day after, "今朝"
    "听日": 1,
    "听朝": 1,
    "听晚": 1,
    "后日": 2,
    "今朝": 0,
}
_DAY_RE = re.compile("|".join(sorted(_DAY_WORDS, key=len, reverse=True)))
_DAY_EN = re.compile(r"\b(?:the )?day after tomorrow\b|\b(?:today|tomorrow|tonight|tmrw?)\b")
_WEEKDAY_ZH_RE = re.compile(r"(下下|下个|下|这个|这|本)?(?:周|星期|礼拜)([一二三四五六日天末1-7])")
_WEEKEND_EN = re.compile(r"\b(?:(this|next) )?weekend\b")
_WEEKDAY_EN_RE = re.compile(
    r"\b(?:(next|this|on) )?(" + "|".join(sorted(_WEEKDAY_EN, key=len, reverse=True)) + r")\b"
)
_NEXT_WEEK = re.compile(r"下(?:个)?(?:周|星期|礼拜)(?![一二三四五六日天末1-7])|\bnext week\b")
_THIS_WEEK = re.compile(r"这周|本周|这个星期|\bthis week\b")
# "12月4日", and "12月4" when a range follows ("12月4-6日").
_MONTH_DAY = re.compile(rf"({NUM})月({NUM})(?:日|号|(?=\s?(?:到|至|-|~)))")
_EN_MONTHS = "|".join(sorted(_MONTHS_EN, key=len, reverse=True))
_EN_DATE = re.compile(
    rf"\b(?:({_EN_MONTHS})\.? (\d{{1,2}})(?:st|nd|rd|th)?|(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?"
    rf"({_EN_MONTHS}))\b(?!:|\s?(?:am|pm|a\.m|p\.m))"
)
_MONTH_END = re.compile(r"月底|月末|\bend of (?:the )?month\b")
# "15号" is a date, "2号楼" / "3号线" / "5号门" are places.
_DAY_OF_MONTH = re.compile(
    rf"(?<![\d月])({NUM})(?:号|日)(?!本|楼|栋|幢|院|门|线|房|床|室|单元|口|机|位|车|柜|窗|区|馆|厅)"
    r"|\bthe (\d{1,2})(?:st|nd|rd|th)\b(?! (?:floor|fl|storey|story|level|block|building|unit|time"
    r"|row|grade|place|door|gate|street|st|avenue|ave|road|century|anniversary|birthday)\b)"
)


# The patterns above as cues that skip the texts lacking what they need (intents.fastre).
_CUES: dict[re.Pattern[str], Cue] = {}


def _find(pattern: re.Pattern[str], text: str, at: int | None) -> re.Match[str] | None:
    """Search anywhere, or match exactly at ``at``."""
    if at is not None:
        return pattern.match(text, at)
    cue = _CUES.get(pattern)
    if cue is None:
        cue = _CUES[pattern] = Cue(pattern.pattern, pattern.flags)
    return cue.search(text)


def _hit(m: re.Match[str], first: date, days: int, kind: str) -> DayHit:
    return DayHit(first, first + timedelta(days=days), m.group(), m.start(), m.end(), kind)


def _relative(text: str, today: date, at: int | None) -> DayHit | None:
    """'明天', '后天', 'tomorrow', 'the day after tomorrow'."""
    m = _find(_DAY_RE, text, at)
    if m:
        return _hit(m, today + timedelta(days=_DAY_WORDS[m.group()]), 1, "day")
    m = _find(_DAY_EN, text, at)
    if m is None:
        return None
    word = m.group()
    offset = 2 if word.endswith("after tomorrow") else 0 if word in ("today", "tonight") else 1
    return _hit(m, today + timedelta(days=offset), 1, "day")


def _weekday_zh(text: str, today: date, at: int | None) -> DayHit | None:
    """'周三', '下周五', '这个星期天', '周末', '下下周一'."""
    m = _find(_WEEKDAY_ZH_RE, text, at)
    if m is None:
        return None
    monday = today - timedelta(days=today.weekday())
    prefix, day_char = m.group(1) or "", m.group(2)
    weeks = {"下": 1, "下个": 1, "下下": 2}.get(prefix, 0)
    if day_char == "末":
        first = monday + timedelta(days=7 * weeks + 5)
        first = max(first, today)
        return DayHit(
            first, monday + timedelta(days=7 * weeks + 7), m.group(), *m.span(), "weekend"
        )
    weekday = _WEEKDAY_ZH[day_char]
    if weeks or prefix in ("这", "这个", "本"):
        day = monday + timedelta(days=7 * weeks + weekday)
    else:
        day = today + timedelta(days=(weekday - today.weekday()) % 7)
    return _hit(m, day, 1, "weekday")


def _weekday_en(text: str, today: date, at: int | None) -> DayHit | None:
    """'this weekend', 'Saturday', 'on Friday', 'next Monday', 'fri'."""
    monday = today - timedelta(days=today.weekday())
    m = _find(_WEEKEND_EN, text, at)
    if m:
        if m.group(1) == "next":
            return DayHit(
                monday + timedelta(days=12),
                monday + timedelta(days=14),
                m.group(),
                *m.span(),
                "weekend",
            )
        first = max(monday + timedelta(days=5), today)
        return DayHit(first, monday + timedelta(days=7), m.group(), *m.span(), "weekend")
    m = _find(_WEEKDAY_EN_RE, text, at)
    if m is None:
        return None
    weekday = _WEEKDAY_EN[m.group(2)]
    if m.group(1) == "next":
        return _hit(m, monday + timedelta(days=7 + weekday), 1, "weekday")
    return _hit(m, today + timedelta(days=(weekday - today.weekday()) % 7), 1, "weekday")


def _weeks(text: str, today: date, at: int | None) -> DayHit | None:
    """Windows: '下周' / 'next week', '这周' / 'this week'."""
    monday = today - timedelta(days=today.weekday())
    m = _find(_NEXT_WEEK, text, at)
    if m:
        return DayHit(
            monday + timedelta(days=7), monday + timedelta(days=14), m.group(), *m.span(), "window"
        )
    m = _find(_THIS_WEEK, text, at)
    if m:
        return DayHit(today, monday + timedelta(days=7), m.group(), *m.span(), "window")
    return None


def _dated(year: int, month: int, day: int, today: date) -> date | None:
    """That month and day on or after today (next year once it has passed); None if no such."""
    try:
        found = date(year, month, day)
        return found if found >= today else date(year + 1, month, day)
    except ValueError:
        return None


def _month_day(text: str, today: date, at: int | None) -> DayHit | None:
    """'12月4日', '十二月三日', 'Dec 4', '4th of December'."""
    m = _find(_MONTH_DAY, text, at)
    if m:
        month, day_n = chinese_number(m.group(1)), chinese_number(m.group(2))
        found = _dated(today.year, month, day_n, today) if month and day_n else None
        return _hit(m, found, 1, "month_day") if found else None
    m = _find(_EN_DATE, text, at)
    if m is None:
        return None
    month = _MONTHS_EN[m.group(1) or m.group(4)]
    found = _dated(today.year, month, int(m.group(2) or m.group(3)), today)
    return _hit(m, found, 1, "month_day") if found else None


def _month_end(text: str, today: date, at: int | None) -> DayHit | None:
    """A window: the last days of this month ('月底', 'end of the month')."""
    m = _find(_MONTH_END, text, at)
    if m is None:
        return None
    last = calendar.monthrange(today.year, today.month)[1]
    after = date(today.year, today.month, last) + timedelta(days=1)
    return DayHit(max(today, after - timedelta(days=3)), after, m.group(), *m.span(), "window")


def day_of_month(n: int, today: date) -> date | None:
    """The next day numbered n, this month or a later one ('31号' in November: December)."""
    if not 1 <= n <= 31:
        return None
    year, month = today.year, today.month
    if n < today.day:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    while n > calendar.monthrange(year, month)[1]:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return date(year, month, n)


def _day_of_month(text: str, today: date, at: int | None) -> DayHit | None:
    """'15号', '28日', 'the 4th'."""
    m = _find(_DAY_OF_MONTH, text, at)
    if m is None:
        return None
    n = chinese_number(m.group(1)) if m.group(1) else int(m.group(2))
    found = day_of_month(n, today) if n is not None else None
    return _hit(m, found, 1, "dom") if found else None


_READERS: tuple[Callable[[str, date, int | None], DayHit | None], ...] = (
    _relative,
    _weekday_zh,
    _weekday_en,
    _weeks,
    _month_day,
    _month_end,
    _day_of_month,
)


def find_day(text: str, today: date, at: int | None = None) -> DayHit | None:
    """The day or days a prepared text names: the one said first; at the same place, the
    first reader that finds one. "改到周六下午吧 今天临时要加班" is Saturday: a day named later,
    as the reason, never wins over the one asked for because its reader comes first."""
    best: DayHit | None = None
    for read in _READERS:
        hit = read(text, today, at)
        if hit is not None and (best is None or hit.start < best.start):
            best = hit
    return best
