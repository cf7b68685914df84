"""An independent tester's booking findings on issue 13 (s13b), as tables: days away and a
count after "算了，还是" are counts; "算了，还是…" changes the draft, never calls it off."""

from __future__ import annotations

import pytest

from bot.domain.bookings.stepwords import calls_off_words
from bot.domain.bookings.typed import only_a_count

AC_WORDS = ("台", "unit", "ac", "aircon", "air conditioner", "air con")


@pytest.mark.parametrize(
    ("text", "alone"),
    [
        ("出差三天", True),
        ("我要出差两天", True),
        ("回老家三天", True),
        ("I'm away for 3 days", True),
        ("算了，还是两台", True),
        ("出差三天，猫粮在柜子里", False),
    ],
)
def test_days_away_and_a_changed_count_are_a_count(text: str, alone: bool) -> None:
    """'出差三天' at the time step is the days of care (it was "没看懂这个时间")."""
    assert only_a_count(text, AC_WORDS) is alone


@pytest.mark.parametrize(
    ("text", "off"),
    [
        ("算了，还是两台", False),
        ("算了 还是明天吧", False),
        ("算了，改成下午", False),
        ("算了，不约了", True),
        ("算了还是不约了", True),
        ("算了 还是取消吧", True),
        ("算了", True),
    ],
)
def test_never_mind_before_what_is_wanted_instead_is_no_call_off(text: str, off: bool) -> None:
    """'算了，还是两台' changes the draft; '算了' alone or with cancel words calls it off."""
    assert calls_off_words(text) is off
