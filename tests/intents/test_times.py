"""Times and durations, relative to Wednesday 2026-11-25 10:00 Asia/Shanghai."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from intents.times import chinese_number, days_asked, parse_duration, parse_when

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=TZ)  # a Wednesday


def at(day: int, hour: int = 0, minute: int = 0, month: int = 11, year: int = 2026) -> datetime:
    """A Shanghai datetime in (by default) November 2026."""
    return datetime(year, month, day, hour, minute, tzinfo=TZ)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("今天", at(25), at(26)),
        ("明天", at(26), at(27)),
        ("后天", at(27), at(28)),
        ("大后天", at(28), at(29)),
        ("明天上午", at(26, 9), at(26, 12)),
        ("明天早上", at(26, 6), at(26, 9)),
        ("后天中午", at(27, 11), at(27, 13)),
        ("明天下午", at(26, 13), at(26, 18)),
        ("周五傍晚", at(27, 17), at(27, 19)),
        ("今晚", at(25, 18), at(25, 22)),
        ("晚上", at(25, 18), at(25, 22)),
        ("上午", at(25, 9), at(25, 12)),  # still morning at 10:00: today
        ("早上", at(26, 6), at(26, 9)),  # early morning is over at 10:00: tomorrow
        ("tomorrow night", at(26, 18), at(26, 22)),
        ("周六", at(28), at(29)),
        ("星期三", at(25), at(26)),  # today counts as the next occurrence
        ("礼拜天", at(29), at(30)),
        ("周日", at(29), at(30)),
        ("下周一", at(30), at(1, month=12)),
        ("下星期五", at(4, month=12), at(5, month=12)),
        ("这周末", at(28), at(30)),
        ("周末", at(28), at(30)),
        ("下周", at(30), at(7, month=12)),
        ("15号", at(15, month=12), at(16, month=12)),
        ("28号", at(28), at(29)),
        ("31号", at(31, month=12), at(1, year=2027, month=1)),  # November has no 31st
        ("后天下午四点到六点", at(27, 16), at(27, 18)),
        ("家里暖气片一点都不热 今天能来人看看吗", at(25), at(26)),  # tester 2 #13: no 13:00
        # Tester 2 #8: the day asked for is said first; a later day is the reason.
        ("周六下午吧 今天临时要加班", at(28, 13), at(28, 18)),
        ("周日上午 明天我不在家", at(29, 9), at(29, 12)),
        ("改到周六下午吧 今天临时要加班", at(28, 13), at(28, 18)),
        ("能不能改到周日上午 明天我不在家", at(29, 9), at(29, 12)),
        ("Saturday afternoon please, today I have to work late", at(28, 13), at(28, 18)),
        ("下下周三", at(9, month=12), at(10, month=12)),
        ("十二月三日", at(3, month=12), at(4, month=12)),
        ("1月2号", at(2, month=1, year=2027), at(3, month=1, year=2027)),
        ("月底", at(28), at(1, month=12)),
        ("tomorrow", at(26), at(27)),
        ("tomorrow morning", at(26, 9), at(26, 12)),
        ("Saturday", at(28), at(29)),
        ("next week", at(30), at(7, month=12)),
        ("next Monday", at(30), at(1, month=12)),
        ("tonight", at(25, 18), at(25, 22)),
        ("this weekend", at(28), at(30)),
        ("明天停电：上午9点到12点", at(26, 9), at(26, 12)),
    ],
)
def test_spans(text: str, start: datetime, end: datetime) -> None:
    span = parse_when(text, NOW, TZ)
    assert span is not None
    assert (span.start, span.end) == (start, end)
    assert span.text


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("明天下午3点", at(26, 15)),
        ("明天下午三点半", at(26, 15, 30)),
        ("后天上午十点", at(27, 10)),
        ("明天晚上8点", at(26, 20)),
        ("周六9点15分", at(28, 9, 15)),
        ("明天10:30", at(26, 10, 30)),
        ("3点", at(25, 15)),  # 1-6 o'clock without a part of day means afternoon
        ("9点", at(26, 9)),  # already past today -> tomorrow
        ("at 3pm", at(25, 15)),
        ("tomorrow at 9am", at(26, 9)),
        ("Saturday 2:30pm", at(28, 14, 30)),
        ("in 2 hours", at(25, 12)),
        ("in 30 minutes", at(25, 10, 30)),
        ("两个小时后", at(25, 12)),
        ("三天后", at(28, 10)),
        ("两点一刻", at(25, 14, 15)),
        ("晚上十点", at(25, 22)),
        ("中午一点", at(25, 13)),
        ("tomorrow evening at 7", at(26, 19)),
        ("in an hour", at(25, 11)),
    ],
)
def test_moments(text: str, start: datetime) -> None:
    span = parse_when(text, NOW, TZ)
    assert span is not None
    assert span.start == start
    assert span.end is None


@pytest.mark.parametrize(
    "text",
    [
        *["", "谢谢", "马桶堵了", "good night everyone", "3月份的事", "2号楼电梯坏了", "坐3号线"],
        *["暖气片一点都不热", "一点也没用", "一点儿都不疼"],  # tester 2 #13: not at 1 pm
    ],
)
def test_no_time(text: str) -> None:
    assert parse_when(text, NOW, TZ) is None


def test_result_is_in_the_given_timezone() -> None:
    utc_now = NOW.astimezone(ZoneInfo("UTC"))
    span = parse_when("明天", utc_now, TZ)
    assert span is not None
    assert span.start == at(26)
    assert span.start.utcoffset() == timedelta(hours=8)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("出差三天", timedelta(days=3)),
        ("托管一周", timedelta(weeks=1)),
        ("两个星期", timedelta(weeks=2)),
        ("回老家十一天", timedelta(days=11)),
        ("半个月", timedelta(days=15)),
        ("一个月", timedelta(days=30)),
        ("看两个小时", timedelta(hours=2)),
        ("住三晚", timedelta(days=3)),
        ("for 5 days", timedelta(days=5)),
        ("a week", timedelta(weeks=1)),
        ("two weeks", timedelta(weeks=2)),
        ("for a couple of days", timedelta(days=2)),
        ("3 nights", timedelta(days=3)),
        ("出門兩週", timedelta(weeks=2)),
    ],
)
def test_durations(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize(
    "text", ["下周三", "in 2 hours", "三天后", "3月", "15日", "出门几天", "谢谢", "周一"]
)
def test_not_durations(text: str) -> None:
    assert parse_duration(text) is None


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("for 3 days", 3),
        ("3 days", 3),
        ("three days please", 3),
        ("三天", 3),
        ("改成两天", 2),
        ("出差一周", 7),
        ("for 3 hours", None),  # hours are one visit, not days of care
        ("坏了三天了", None),  # gone by, not asked
        ("三天后", None),  # when, not how long
        ("三台", None),
    ],
)
def test_days_asked_at_a_step(text: str, days: int | None) -> None:
    """Days of care typed at a booking's step ("for 3 days" at the time step)."""
    assert days_asked(text) == days


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("3", 3),
        ("三", 3),
        ("两", 2),
        ("十", 10),
        ("十一", 11),
        ("二十", 20),
        ("二十五", 25),
        ("三十一", 31),
        ("零", 0),
        ("十十", None),
        ("abc", None),
        ("", None),
    ],
)
def test_chinese_number(token: str, value: int | None) -> None:
    assert chinese_number(token) == value
