"""Times as people say them when booking (issue 13): as soon as possible, typed times, days
without an hour, ranges of days and their count, the bare-hour rule, reschedule words.

"Now" is Wednesday 2 December 2026, 13:27 in Shanghai: the burst pipe of the issue; its
"后天" is Friday 4 December.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from intents.pipeline import Understander
from intents.times import TimeSpan, is_reschedule, other_day, parse_duration, parse_when
from intents.times.clocks import PARTS_EN, PARTS_ZH

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 2, 13, 27, tzinfo=TZ)  # a Wednesday


def at(day: int, hour: int = 0, minute: int = 0, month: int = 12, year: int = 2026) -> datetime:
    """A Shanghai datetime in (by default) December 2026."""
    return datetime(year, month, day, hour, minute, tzinfo=TZ)


def read(text: str, now: datetime = NOW) -> TimeSpan:
    span = parse_when(text, now, TZ)
    assert span is not None, text
    return span


@pytest.mark.parametrize(
    "text",
    [
        "水管爆了，急！现在能来人吗",
        "尽快",
        "越快越好",
        "马上",
        "现在",
        "急",
        "现在就来",
        "今天尽快",
        "请尽快处理",
        "急急急 马桶堵了 快来人",
        "赶紧来人",
        "立刻过来",
        "钥匙锁屋里了！！人在门口 急急急",
        "now",
        "Now please",
        "ASAP",
        "as soon as possible",
        "right away",
        "need a plumber asap",
        "can someone come right now?",
        "immediately please",
        "it's urgent",
    ],
)
def test_as_soon_as_possible(text: str) -> None:
    """Urgency words are a moment, now, marked asap: not a day, not nothing."""
    span = read(text)
    assert (span.start, span.end, span.asap, span.has_time) == (NOW, None, True, True)
    assert span.text


@pytest.mark.parametrize(
    ("text", "start", "end", "has_time"),
    [
        ("不急，明天下午都行", at(3, 13), at(3, 18), True),
        ("不用着急 明天上午就行", at(3, 9), at(3, 12), True),
        ("现在不在家，晚上来吧", at(2, 18), at(2, 22), True),
        ("明天尽快", at(3), at(4), False),  # another day than today: that day, hour to ask
        ("尽快，最好今天下午4点", at(2, 16), None, True),  # an hour said wins
        ("no rush, tomorrow is fine", at(3), at(4), False),
        ("asap, ideally saturday morning", at(5, 9), at(5, 12), True),
    ],
)
def test_a_time_said_wins_over_urgency_or_its_denial(
    text: str, start: datetime, end: datetime | None, has_time: bool
) -> None:
    span = read(text)
    assert (span.start, span.end, span.has_time, span.asap) == (start, end, has_time, False)


@pytest.mark.parametrize(
    "text",
    [
        "不急",
        "不着急",
        "没那么急",
        "现在几点了",
        "急诊怎么走",
        "not urgent",
        "Help needed: looking for a plumber recommendation, non-urgent",
        "no rush",
        "thanks, all sorted now",
        "for now it is fine",
    ],
)
def test_denied_or_other_urgency_is_no_time(text: str) -> None:
    assert parse_when(text, NOW, TZ) is None


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("今天下午4点", at(2, 16), None),
        ("下午4点", at(2, 16), None),
        ("周六上午", at(5, 9), at(5, 12)),
        ("明早九点半", at(3, 9, 30), None),
        ("后天傍晚", at(4, 17), at(4, 19)),
        ("今晚8点", at(2, 20), None),
        ("明天一早", at(3, 6), at(3, 9)),
        ("下班后", at(2, 18), at(2, 22)),
        ("午后", at(2, 13), at(2, 18)),
        ("周日下午三点半", at(6, 15, 30), None),
        ("明天中午12点", at(3, 12), None),
        ("每晚", at(2, 18), at(2, 22)),
        ("老人一个人住，想每天订一顿晚饭", at(2, 18), at(2, 22)),
        ("明天 9点到12点", at(3, 9), at(3, 12)),
        ("tomorrow at 4pm", at(3, 16), None),
        ("Saturday morning", at(5, 9), at(5, 12)),
        ("this evening", at(2, 18), at(2, 22)),
        ("tonight at 8", at(2, 20), None),
        ("first thing tomorrow", at(3, 8), at(3, 10)),
        ("tomorrow midday", at(3, 12), at(3, 13)),
        ("Dec 24 at 10am", at(24, 10), None),
        # "around", "about", "in the morning", "左右": one hour, not the part of the day
        ("around 10 in the morning", at(3, 10), None),  # 10:00 today is over at 13:27
        ("tomorrow around 10 in the morning", at(3, 10), None),
        ("3 in the afternoon", at(2, 15), None),
        ("around 3pm", at(2, 15), None),
        ("around 4", at(2, 16), None),  # the bare-hour rule: the afternoon
        ("at around 5", at(2, 17), None),
        ("about 8 in the evening", at(2, 20), None),
        ("十点左右", at(3, 10), None),
        ("明天上午十点左右", at(3, 10), None),
        ("下午3点左右", at(2, 15), None),
        ("周日早上", at(6, 6), at(6, 9)),
        ("周日早上十点左右", at(6, 10), None),
        ("Sunday morning", at(6, 9), at(6, 12)),
        ("in the afternoon", at(2, 13), at(2, 18)),
    ],
)
def test_typed_times(text: str, start: datetime, end: datetime | None) -> None:
    """Times typed at any step of a booking: an hour or a part of the day, on its day."""
    span = read(text)
    assert (span.start, span.end, span.has_time, span.asap, span.days) == (
        start,
        end,
        True,
        False,
        1,
    )


@pytest.mark.parametrize(
    ("text", "first", "days"),
    [
        ("on Friday", at(4), 1),
        ("下周三", at(9), 1),
        ("明天", at(3), 1),
        ("Dec 4", at(4), 1),
        ("4th of December", at(4), 1),
        ("moving out on the 30th", at(30), 1),
        ("后天想找人上门喂猫，我要出差两天", at(4), 2),
        ("我要出差两天，后天开始", at(4), 2),
        ("周五开始，喂三天猫", at(4), 3),
        ("从明天起托管一周", at(3), 7),
        ("tomorrow, for three days", at(3), 3),
        ("下周三到周五", at(9), 3),
        ("下周一至周五", at(7), 5),
        ("周五到下周一", at(4), 4),
        ("下周五到周一", at(11), 4),  # the Monday after that Friday
        ("明天到后天", at(3), 2),
        ("12月4日到6日", at(4), 3),
        ("12月4-6日", at(4), 3),
        ("12月30日到1月2日", at(30), 4),
        ("28号到3号", at(28), 7),  # into January
        ("from Friday to Sunday", at(4), 3),
        ("Friday through Sunday", at(4), 3),
        ("fri-sun", at(4), 3),
        ("Dec 4-6", at(4), 3),
        ("Dec 4 to Dec 6", at(4), 3),
        ("这周末", at(5), 2),
        ("this weekend", at(5), 2),
        # A length already past is no length of care.
        ("冰箱坏了三天，今天能来修吗", at(2), 1),
        ("停水两天了 明天能修好吗", at(3), 1),
    ],
)
def test_days_without_a_time(text: str, first: datetime, days: int) -> None:
    """Days named without an hour: has_time False and a count of days, never a midnight
    visit; start and end are the midnights around the days."""
    span = read(text)
    assert (span.start, span.has_time, span.asap, span.days) == (first, False, False, days)
    assert span.end == first + timedelta(days=days)
    assert span.day == first.date()


@pytest.mark.parametrize(
    ("text", "start", "end", "days"),
    [
        ("下周三到周五每天上午10点", at(9, 10), None, 3),
        ("周五上午开始，出差两天", at(4, 9), at(4, 12), 2),
    ],
)
def test_days_with_a_time(text: str, start: datetime, end: datetime | None, days: int) -> None:
    """A range or a length with an hour: the hour on the first day, and the count."""
    span = read(text)
    assert (span.start, span.end, span.has_time, span.days) == (start, end, True, days)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("下周", at(7), at(14)),
        ("next week", at(7), at(14)),
        ("这周", at(2), at(7)),
        ("月底", at(29), at(1, month=1, year=2027)),
    ],
)
def test_windows_name_no_days_yet(text: str, start: datetime, end: datetime) -> None:
    """A window to pick a day in counts 0 days: the caller asks which day."""
    span = read(text)
    assert (span.start, span.end, span.has_time, span.days) == (start, end, False, 0)


def test_a_length_alone_is_no_when_but_a_duration() -> None:
    """'for three days' names no day: parse_when says nothing, parse_duration the length."""
    assert parse_when("for three days", NOW, TZ) is None
    assert parse_when("我要出差两天", NOW, TZ) is None
    assert parse_duration("for three days") == timedelta(days=3)
    assert parse_duration("我要出差两天") == timedelta(days=2)


@pytest.mark.parametrize(
    ("text", "now", "start"),
    [
        ("今天 6:00", at(2, 7), at(2, 18)),  # bare 1-6 o'clock is the afternoon...
        ("今天 6:00", at(2, 5), at(2, 18)),  # ...whatever the time of writing
        ("今天 06:00", at(2, 5), at(2, 6)),  # zero-padded: a 24-hour clock
        ("06:00", NOW, at(3, 6)),  # passed today, no day named: tomorrow
        ("6:00", NOW, at(2, 18)),
        ("6:00", at(2, 19), at(3, 18)),
        ("明天 6:30", NOW, at(3, 18, 30)),
        ("明天 06:30", NOW, at(3, 6, 30)),
        ("早上6点", NOW, at(3, 6)),
        ("6am", NOW, at(3, 6)),
        ("3点", NOW, at(2, 15)),
        ("at 4", NOW, at(2, 16)),
        ("9点", NOW, at(3, 9)),  # 7-12 as written; passed today: tomorrow
        ("16:00", NOW, at(2, 16)),
        ("晚上12点", NOW, at(3, 0)),  # midnight closing the evening
        ("tonight at 12", NOW, at(3, 0)),
    ],
)
def test_the_hour_rule(text: str, now: datetime, start: datetime) -> None:
    """The rule in intents/times/clocks.py for a clock said without am/pm or part of day."""
    assert read(text, now).start == start


@pytest.mark.parametrize(
    "text",
    [
        "早一点来",
        "有一点疼",
        "好一点了",
        "晚安",
        "师傅堵车 晚点到",
        "住三晚",
        "need two guys to carry a piano up to the 4th floor",
        "FIRE on the 6th floor of block 2!!",
        "about 20 minutes late",
        "around 5 people in the lift",
        "about 15 yuan",
        "2号楼电梯坏了",
    ],
)
def test_no_time_in_these(text: str) -> None:
    """'一点' as 'a little', '晚' as late or good night, ordinal floors: no time."""
    assert parse_when(text, NOW, TZ) is None


MORNING = datetime(2026, 12, 2, 9, 0, tzinfo=TZ)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("能不能改到下午", at(2, 13), at(2, 18)),
        ("改到明天上午", at(3, 9), at(3, 12)),
        ("can we make it 3pm instead", at(2, 15), None),
        ("推迟到周五", at(4), at(5)),
        ("换到后天下午3点", at(4, 15), None),
        ("提前到明天", at(3), at(4)),
        ("could we move it to Saturday morning", at(5, 9), at(5, 12)),
        ("reschedule to tomorrow at 10", at(3, 10), None),
        ("could we move it to Sunday morning?", at(6, 9), at(6, 12)),
        ("in the afternoon instead", at(2, 13), at(2, 18)),
        ("can we make it around 4 instead", at(2, 16), None),
        ("move it to around 10 in the morning", at(2, 10), None),
        ("改到周日早上", at(6, 6), at(6, 9)),
        ("能不能改到十点左右", at(2, 10), None),
        ("换到周日上午十点左右", at(6, 10), None),
        ("能改个时间吗", None, None),
        ("can we do another day", None, None),
    ],
)
def test_reschedule_words_and_the_new_time(
    text: str, start: datetime | None, end: datetime | None
) -> None:
    """A reschedule asks to move the booking; the new time is what parse_when reads."""
    assert is_reschedule(text)
    span = parse_when(text, MORNING, TZ)
    found = (span.start, span.end) if span is not None else (None, None)
    assert found == (start, end)


@pytest.mark.parametrize(
    "text",
    [
        "明天下午3点",
        "预约明天上午",
        "改水管多少钱",
        "换成新的水龙头",
        "不用改了",
        "what time will he come",
        "师傅几点到",
        "please fix the tap",
    ],
)
def test_not_a_reschedule(text: str) -> None:
    assert not is_reschedule(text)


@pytest.mark.parametrize("word", [*PARTS_ZH, *PARTS_EN, "今早", "明晚", "大后天", "今儿"])
def test_every_part_and_day_word_is_read(word: str) -> None:
    """Each word of the tables passes the quick character gate and is read."""
    text = "tomorrow night" if word == "night" else word
    assert parse_when(text, NOW, TZ) is not None


@pytest.mark.parametrize(
    ("text", "asap", "has_time", "days"),
    [
        ("马桶堵了，急！现在能来人吗", True, True, 1),
        ("need a locksmith asap", True, True, 1),
        ("后天想找人上门喂猫，我要出差两天", False, False, 2),
    ],
)
def test_requests_carry_the_time_read(
    understander: Understander, text: str, asap: bool, has_time: bool, days: int
) -> None:
    """What the bookings flow gets from a request: now, or days without an hour and their
    count. (The issue's burst pipe is an emergency before it is a booking.)"""
    understood = understander.understand(text, chat="private", now=NOW)
    assert understood.intent == "service_request"
    when = understood.when
    assert when is not None
    assert (when.asap, when.has_time, when.days) == (asap, has_time, days)


def test_an_urgency_word_does_not_make_chatter_a_booking(understander: Understander) -> None:
    """'赶紧' is no time said: group advice stays chatter, as it did before ASAP was read."""
    understood = understander.understand("最近流感严重 发烧咳嗽的赶紧去医院", now=NOW)
    assert understood.intent == "none"


LATE = datetime(2026, 12, 4, 1, 20, tzinfo=TZ)  # Friday, 01:20: still Thursday night


@pytest.mark.parametrize(
    ("text", "now", "start", "end"),
    [
        # An evening range with am/pm said once applies it to both ends (tester item 5).
        ("Need a babysitter friday 7-10pm, 2 kids", NOW, at(4, 19), at(4, 22)),
        ("friday 7 to 10pm", NOW, at(4, 19), at(4, 22)),
        ("friday 7pm-10pm", NOW, at(4, 19), at(4, 22)),
        ("tomorrow 11-2pm", NOW, at(3, 11), at(3, 14)),
        ("周五晚上7点到10点", NOW, at(4, 19), at(4, 22)),
        # A count after the hour is no minute: "10点 3个小时" ends at 22:00, not 22:03.
        ("周五晚上7点到10点 3个小时", NOW, at(4, 19), at(4, 22)),
        # "前" / "before": a deadline, the window ends there (tester item 9).
        ("明早九点前", NOW, at(3, 7), at(3, 9)),
        ("明天上午9点之前", NOW, at(3, 7), at(3, 9)),
        ("before 7am tomorrow", NOW, at(3, 6), at(3, 7)),
        ("明天12点前", NOW, at(3, 9), at(3, 12)),
        ("before 9am tomorrow", NOW, at(3, 7), at(3, 9)),
        ("明天下午3点以前", NOW, at(3, 13), at(3, 15)),
        # Between midnight and 05:00 "明天" / "tomorrow" is the day after tonight's sleep.
        ("明早九点前", LATE, at(4, 7), at(4, 9)),
        ("tomorrow afternoon", LATE, at(4, 13), at(4, 18)),
        ("明天下午", LATE, at(4, 13), at(4, 18)),
        ("tomorrow afternoon", at(4, 5, 30), at(5, 13), at(5, 18)),
    ],
)
def test_ranges_deadlines_and_the_small_hours(
    text: str, now: datetime, start: datetime, end: datetime
) -> None:
    span = read(text, now)
    assert (span.start, span.end, span.days) == (start, end, 1)


@pytest.mark.parametrize("text", ["周五晚上", "星期六晚上来", "礼拜五晚"])
def test_a_weekday_evening_is_not_nights(text: str) -> None:
    """'周五晚上' is Friday evening, one visit: never five nights of care (tester item 11)."""
    assert read(text).days == 1


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("这周六或者周日都行", (at(6).date(), "周日")),
        ("Saturday or Sunday", (at(6).date(), "sunday")),
        ("周六还是周日？", (at(6).date(), "周日")),
        ("明天或后天", (at(4).date(), "后天")),
        ("周五或下周一", (at(7).date(), "下周一")),
        ("周六下午", None),
        ("周六都行", None),
        ("周六到周日", None),
    ],
)
def test_either_of_two_days(text: str, other: tuple[date, str] | None) -> None:
    """'Saturday or Sunday' (tester item 10): the first day is read, the other is kept for the
    booking to say how to move to it, never silently dropped."""
    assert other_day(text, NOW, TZ) == other
