"""Session 10 policies as tables: words at a booking step that are a count and nothing more
("三台", "two ACs", "for 3 days") set the draft's count; a note giving one stays a note."""

from __future__ import annotations

import pytest

from bot.domain.bookings.typed import only_a_count

AC_WORDS = ("台", "unit", "ac", "aircon", "air conditioner", "air con")


@pytest.mark.parametrize(
    ("text", "alone"),
    [
        ("三台", True),
        ("一共三台吧", True),
        ("两个", True),
        ("3 units", True),
        ("two ACs", True),
        ("3 air conditioners please", True),
        ("for 3 days", True),
        ("三天", True),
        ("三台，其中一台漏水", False),
        ("3 units, one is leaking", False),
        ("I am away for 3 days, feed twice", False),
        ("家里有狗", False),
    ],
)
def test_a_count_alone(text: str, alone: bool) -> None:
    """Only a count and nothing more is taken at the time or note step; more is a note."""
    assert only_a_count(text, AC_WORDS) is alone
