"""A booking moved in Cantonese words ("改去聽日晏晝", "改到後日朝早"), and a pinyin day glued to
Chinese ("改成mingtian xiawu"), as tables: a reschedule, to the day said."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from intents.times import is_reschedule, parse_when

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 28, 8, 0, tzinfo=TZ)  # Saturday


@pytest.mark.parametrize(
    ("words", "start"),
    [
        ("改去聽日晏晝", "11-29 13:00"),
        ("改到後日朝早", "11-30 06:00"),
        ("改去听朝", "11-29 06:00"),
        ("改成mingtian xiawu", "11-29 13:00"),
        ("改到而家", None),  # now: as soon as possible, no hour to compare
    ],
)
def test_a_cantonese_reschedule(words: str, start: str | None) -> None:
    assert is_reschedule(words)
    span = parse_when(words, NOW, TZ)
    assert span is not None
    if start is not None:
        assert span.start.strftime("%m-%d %H:%M") == start
