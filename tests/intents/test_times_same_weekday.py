"""A weekday named on that same weekday ("改成周六" said on a Saturday), as a table: today while
the time of day said still fits, else the next one; said with no time of day it is either, and
the bot asks (``today_or_next_week``)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from intents.times import parse_when, today_or_next_week

TZ = ZoneInfo("Asia/Shanghai")


def _at(hour: int) -> datetime:
    return datetime(2026, 11, 28, hour, 0, tzinfo=TZ)  # a Saturday


@pytest.mark.parametrize(
    ("words", "hour", "day", "start_hour"),
    [
        ("改成周六下午", 10, date(2026, 11, 28), 13),  # the afternoon still to come: today
        ("改成周六下午", 19, date(2026, 12, 5), 13),  # over: next Saturday
        ("改成周六上午", 14, date(2026, 12, 5), 9),
        ("改到周六晚上", 10, date(2026, 11, 28), 18),
        ("周六下午3点", 16, date(2026, 12, 5), 15),
        ("周六下午3点", 10, date(2026, 11, 28), 15),
        ("saturday afternoon", 19, date(2026, 12, 5), 13),
        ("this saturday afternoon", 10, date(2026, 11, 28), 13),
        ("下周六下午", 10, date(2026, 12, 5), 13),
        ("周日下午", 19, date(2026, 11, 29), 13),  # another weekday: as before
    ],
)
def test_a_weekday_said_on_that_weekday(words: str, hour: int, day: date, start_hour: int) -> None:
    """'改成周六' on a Saturday: today only while the time of day said is still to come (it
    was always today, a past afternoon included)."""
    span = parse_when(words, _at(hour), TZ)
    assert span is not None
    assert (span.start.date(), span.start.hour) == (day, start_hour)


@pytest.mark.parametrize(
    ("words", "either"),
    [
        ("改成周六", True),
        ("能改到周六吗", True),
        ("move it to saturday", True),
        ("改成周六下午", False),  # the time of day decides
        ("改成这周六", False),  # "this": today
        ("改成下周六", False),
        ("改成周日", False),
        ("改成今天", False),
    ],
)
def test_a_bare_weekday_said_on_that_weekday_is_asked(words: str, either: bool) -> None:
    """'改成周六' with no time of day, said on a Saturday: today or next week? Asked, never a
    time picked that may have passed."""
    assert today_or_next_week(words, _at(8), TZ) is either
