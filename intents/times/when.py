"""``parse_when``: when something should happen, from the words, relative to ``now``."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from intents.times.clocks import adjust_hour, find_clocks, find_part
from intents.times.cues import another_day_instead, urgency
from intents.times.days import DayHit
from intents.times.durations import day_count
from intents.times.numbers import EN_NUM, NUM, number, prepare
from intents.times.ranges import either_day, find_days


@dataclass(frozen=True)
class TimeSpan:
    """When something should happen, read from words, in the community timezone.

    - a moment ("下午3点", "at 4pm"): ``start``, and ``end`` None;
    - hours ("明天上午", "4点到6点"): ``start`` to ``end`` on the first day; a part of today
      already begun ("下午" said at 14:00) keeps all its hours, so ``start`` may be before now
      (the caller clips it; a part already over is tomorrow's);
    - days without a time ("明天", "on Friday", "下周三到周五"): ``has_time`` False; ``start``
      and ``end`` are the midnights around those days. They bound the days and are NOT a
      visit time: a booking asks for the hour (or offers usual hours), never books 00:00;
    - as soon as possible ("尽快", "急", "now", "ASAP"): ``asap`` True, ``start`` is now and
      ``end`` None; said with an hour or another day ("明天尽快"), the hour or day wins.

    ``days`` counts the days asked for, the units of a per-day service: 1 for one day or a time
    on it; N for a range ("下周三到周五" 3, "this weekend" 2) or a day with a length in days
    ("我要出差两天，后天开始" 2, also with an hour: "周三起每天上午10点，三天" 3); 0 for a window
    to pick a day in ("下周", "this week", "月底").
    """

    start: datetime
    end: datetime | None
    text: str
    has_time: bool = True
    asap: bool = False
    days: int = 1

    @property
    def day(self) -> date:
        """The (first) day meant, in the community timezone."""
        return self.start.date()


_IN_EN = re.compile(rf"\bin ({EN_NUM}) (minute|min|hour|hr|day)s?\b")
_IN_ZH = re.compile(rf"({NUM}|半)\s?(?:个)?(分钟|小时|钟头|天)(?:以?后|之后)")
_RANGE_SEP = re.compile(r"\s?(?:到|至|-|~|–|to)\s?")
# Every time word has a digit, a Latin letter or one of these characters ("天", "周", "点",
# "午", "急", "现"...): a text with none of them is read no further.
CUE = re.compile(r"[\da-z天日早晚午凌夜周星拜月号点點时今明后昏尽越马立赶快第火现急儿听朝昼而]")


def _at(day: date, hour: int, minute: int, tz: tzinfo | None) -> datetime:
    """Build an aware datetime; hour 24 means midnight after ``day``."""
    if hour >= 24:
        return datetime.combine(day + timedelta(days=1), time(0, minute), tz)
    return datetime.combine(day, time(hour, minute), tz)


def _from_now(text: str, local_now: datetime) -> TimeSpan | None:
    """'in 2 hours', '三天后': a moment counted from now."""
    m = _IN_EN.search(text) or _IN_ZH.search(text)
    if not m:
        return None
    amount = 0.5 if m.group(1) == "半" else number(m.group(1))
    if amount is None:
        return None
    unit = m.group(2)
    if unit in ("minute", "min", "分钟"):
        delta = timedelta(minutes=amount)
    elif unit in ("hour", "hr", "小时", "钟头"):
        delta = timedelta(hours=amount)
    else:
        delta = timedelta(days=amount)
    return TimeSpan(local_now + delta, None, m.group())


def _asap(text: str, hit: DayHit | None, local_now: datetime) -> TimeSpan | None:
    """Now, when urgency words are said with no other day than today ("今天尽快", "急")."""
    if hit is not None and (hit.kind != "day" or hit.first != local_now.date()):
        return None
    urgent = urgency(text)
    if urgent is None:
        return None
    return TimeSpan(local_now, None, f"{hit.words} {urgent}" if hit else urgent, asap=True)


def _days_asked(hit: DayHit | None, text: str) -> int:
    """Units of care the words ask for (see ``TimeSpan.days``)."""
    if hit is None:
        return 1
    if hit.kind == "window":
        return 0
    if hit.kind in ("range", "weekend"):
        return (hit.after - hit.first).days
    return day_count(text) or 1


# Before this hour, "明天" / "tomorrow" said by someone still up is the day after tonight's
# sleep: today's date ("明早九点前" at 01:20 is this morning). The caller states the date.
SMALL_HOURS_END = 5
# "九点前", "9点之前", "before 9am", "by 9": the hour is a deadline, not the start.
_DEADLINE = re.compile(
    r"(?:点|點|时|分|半|刻)\s?(?:以前|之前|前)|\b(?:before|by|no later than) \d"
)


def _small_hours(hit: DayHit | None, local_now: datetime) -> DayHit | None:
    """'明天' / '后天' / 'tomorrow' said between midnight and SMALL_HOURS_END: one day earlier,
    the day that comes after the night the speaker is still in."""
    if hit is None or hit.kind != "day" or local_now.hour >= SMALL_HOURS_END:
        return hit
    if hit.first <= local_now.date():
        return hit
    back = timedelta(days=1)
    return replace(hit, first=hit.first - back, after=hit.after - back)


def _deadline(
    by: datetime, part: tuple[int, int] | None, local_now: datetime
) -> tuple[datetime, datetime]:
    """A window ending at the deadline: from the start of the part of the day said (or three
    hours before), not before 07:00 unless the deadline is that early, never before now.
    ("明早九点前" is 07:00-09:00: not the 06:00-09:00 of "早上", which a booking would take
    for the morning and move to 09:00-12:00.)"""
    first = part[0] if part and part[0] < by.hour else by.hour - 3
    first = min(max(first, 7), by.hour - 1)
    start = by.replace(hour=max(first, 0), minute=0)
    return max(start, min(local_now, by)), by


# "我明天有事，后天来修水管吧": the day asked is the one after the day that does not suit.
_NOT_THAT_DAY = re.compile(r"(?:不行|不方便|没空|没时间|有事|来不了)了?\s?[,，。\s]\s?")


def _instead(text: str, now: datetime, tz: ZoneInfo) -> TimeSpan | None:
    """The time said after a day that does not suit, when a day is said there."""
    m = _NOT_THAT_DAY.search(text)
    if m is None or not another_day_instead(text):
        return None
    tail = text[m.end() :]
    if find_days(tail, now.astimezone(tz).date()) is None:
        return None
    return parse_when(tail, now, tz)


_THIS = re.compile(r"^(?:这|本|this\b)")


def _same_weekday(hit: DayHit | None, today: date) -> bool:
    """A weekday named bare on that very weekday ("周六" said on a Saturday, not "这周六" or
    "下周六"): today or a week from today, as the time of day decides."""
    bare = hit is not None and _THIS.match(hit.words) is None
    return bare and hit is not None and hit.kind == "weekday" and hit.first == today


def _over_today(span: TimeSpan, hit: DayHit | None, local_now: datetime) -> TimeSpan:
    """'改成周六下午' on a Saturday evening: that afternoon is over, so next Saturday's (it
    was today's, a past time); while it is still to come, today's."""
    if not _same_weekday(hit, local_now.date()) or (span.end or span.start) > local_now:
        return span
    week = timedelta(days=7)
    return replace(span, start=span.start + week, end=span.end + week if span.end else None)


def today_or_next_week(text: str, now: datetime, tz: ZoneInfo) -> bool:
    """Whether the words name today's weekday bare and no time of day ("改成周六" said on a
    Saturday): today and next week are both meant by someone; the bot asks which."""
    prepared, local_now = prepare(text), now.astimezone(tz)
    hit = find_days(prepared, local_now.date())
    said_time = find_part(prepared) or find_clocks(prepared)
    return _same_weekday(hit, local_now.date()) and not said_time


def parse_when(text: str, now: datetime, tz: ZoneInfo) -> TimeSpan | None:
    """Read when something should happen; None when the text names no time.

    The result is in ``tz``; see :class:`TimeSpan` for what it holds and
    ``intents.times.clocks`` for how a bare hour is read ("6:00" is 18:00, "06:00" is 06:00).
    """
    text = prepare(text)
    if CUE.search(text) is None:
        return None
    instead = _instead(text, now, tz)
    if instead is not None:
        return instead
    local_now = now.astimezone(tz)
    relative = _from_now(text, local_now)
    if relative is not None:
        return relative
    today = local_now.date()
    hit = _small_hours(find_days(text, today), local_now)
    part = find_part(text)
    clocks = find_clocks(text)
    if not clocks and not part:
        asap = _asap(text, hit, local_now)
        if asap is not None:
            return asap
    days = _days_asked(hit, text)
    words = [hit.words] if hit else []
    if part and part[0] not in "".join(words):
        words.append(part[0])
    day = hit.first if hit else today
    if clocks:
        start, end, said = _timed(text, clocks, part[0] if part else None, day, hit, local_now)
        if end is None and _DEADLINE.search(text):
            start, end = _deadline(start, part[1] if part else None, local_now)
        return _over_today(
            TimeSpan(start, end, " ".join([*words, *said]), days=days), hit, local_now
        )
    if part:
        start_h, end_h = part[1]
        if hit is None and _at(day, end_h, 0, tz) <= local_now:
            day += timedelta(days=1)
        start, end = _at(day, start_h, 0, tz), _at(day, end_h, 0, tz)
        return _over_today(TimeSpan(start, end, " ".join(words), days=days), hit, local_now)
    if hit is not None:
        start = _at(hit.first, 0, 0, tz)
        end = start + timedelta(days=days) if days else _at(hit.after, 0, 0, tz)
        return TimeSpan(start, end, " ".join(words), has_time=False, days=days)
    return None


def _timed(
    text: str,
    clocks: list[tuple[int, int, str, bool]],
    part: str | None,
    day: date,
    hit: DayHit | None,
    local_now: datetime,
) -> tuple[datetime, datetime | None, list[str]]:
    """A clock time (or two: "4点到6点") on the day meant, and its words; a bare one that has
    passed today is tomorrow."""
    tz = local_now.tzinfo
    hour, minute, clock_words, explicit = clocks[0]
    hour = adjust_hour(hour, part, explicit)
    start = _at(day, hour, minute, tz)
    if hit is None and start <= local_now:
        start += timedelta(days=1)
    if len(clocks) < 2 or not _RANGE_SEP.search(text):
        return start, None, [clock_words]
    h2, m2, w2, e2 = clocks[1]
    h2 = adjust_hour(h2, part, e2)
    if h2 < hour and h2 + 12 <= 24:
        h2 += 12
    return start, _at(start.date(), h2, m2, tz), [clock_words, w2]


def says_day(text: str, now: datetime, tz: ZoneInfo) -> bool:
    """Whether the words name a day ("后天", "周六", "12月4日", "on Friday"), not only an hour
    or a part of the day: an hour given after "which time on 后天?" keeps that day."""
    prepared = prepare(text)
    return find_days(prepared, now.astimezone(tz).date()) is not None


def other_day(text: str, now: datetime, tz: ZoneInfo) -> tuple[date, str] | None:
    """The second day of "周六或者周日都行" / "Saturday or Sunday", and its words: the booking
    takes the first and says the other may be had by naming it. None when no "or" is said."""
    found = either_day(prepare(text), now.astimezone(tz).date())
    return (found[1], found[2]) if found else None
