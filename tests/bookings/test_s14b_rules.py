"""Session 14 tester's booking words (issue 13) as pure tables: a time typed at a later step,
said as people say it."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.bookings.typed import only_a_time
from intents import parse_when

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
