"""Day and part-of-day words typed in pinyin ("mingtian xiawu"), as a table: read as the
Chinese words they spell (session 14 leftover 4: the time was asked again)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from intents.times import parse_when

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 28, 8, 0, tzinfo=TZ)  # Saturday


@pytest.mark.parametrize(
    ("words", "start", "end"),
    [
        ("mingtian xiawu", "11-29 13:00", "11-29 18:00"),
        ("jintian wanshang", "11-28 18:00", "11-28 22:00"),
        ("houtian shangwu", "11-30 09:00", "11-30 12:00"),
        ("Mingtian Shangwu please", "11-29 09:00", "11-29 12:00"),
        ("mingtian", "11-29 00:00", "11-30 00:00"),
        ("can someone come mingtian xiawu", "11-29 13:00", "11-29 18:00"),
    ],
)
def test_pinyin_day_and_part_words(words: str, start: str, end: str) -> None:
    span = parse_when(words, NOW, TZ)
    assert span is not None
    assert span.start.strftime("%m-%d %H:%M") == start
    assert span.end is not None and span.end.strftime("%m-%d %H:%M") == end


@pytest.mark.parametrize("words", ["mingyue", "ming tian", "xiawuxyz", "shanghai"])
def test_words_that_only_look_like_pinyin(words: str) -> None:
    assert parse_when(words, NOW, TZ) is None
