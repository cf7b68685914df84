"""Session 14 tester's booking words (issue 13) as pure tables: a time typed at a later step,
said as people say it."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.bookings.retime import asked_time, shift_asked
from bot.domain.bookings.typed import only_a_time
from intents import parse_when
from intents.times import is_reschedule

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 28, 8, 0, tzinfo=TZ)


@pytest.mark.parametrize(
    ("text", "alone"),
    [
        ("急！能快点吗", True),
        ("能不能快点来", True),
        ("hurry, can you come now", True),
        ("can someone come asap", True),
        ("明天下午能来吗", True),
        # still a note
        ("下午3点前到，家里有狗", False),
        ("急，水漫到客厅了", False),
    ],
)
def test_an_urgent_ask_typed_at_a_later_step_is_a_time(text: str, alone: bool) -> None:
    """'急！能快点吗' at the address step asks for someone now: the draft's time becomes 尽快
    (it used to be read as a question and answered with the menu, the urgent ask lost)."""
    assert only_a_time(text, parse_when(text, NOW, TZ)) is alone


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("能晚一个小时吗", 60),
        ("推迟一个小时", 60),
        ("晚两个小时来吧", 120),
        ("提前半小时", -30),
        ("早一个半小时来", -90),
        ("push it back an hour", 60),
        ("can you come an hour later", 60),
        ("could they come 30 minutes earlier", -30),
        ("bring it forward two hours", -120),
        # no shift said
        ("改到明天下午", None),
        ("能早点来吗", None),
        ("干两个小时", None),
    ],
)
def test_a_shift_of_the_booked_time(text: str, minutes: int | None) -> None:
    """'推迟一个小时', 'push it back an hour': the booked time moved by that much (they were
    asked "想改到什么时候" again, or taken for a message to the worker)."""
    shift = shift_asked(text)
    assert (shift.total_seconds() / 60 if shift is not None else None) == minutes


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("明天不行了，后天吧", 30),
        ("周日有事 周一吧", 30),
        ("明天没空，改后天", 30),
    ],
)
def test_the_day_after_the_one_that_does_not_suit(text: str, day: int) -> None:
    """'明天不行了，后天吧' names two days: the one asked is after "不行了" (it was read as
    明天, and the words taken for a message to the worker)."""
    asked = asked_time(text, NOW, TZ)
    assert asked is not None and asked[0].start.day == day and asked[1]
    assert is_reschedule(text)
