"""A one-off notice's time written with a date (tester finding, session 15): "2026-12-20 09:00",
"12-20 09:00", "12/20 09:00" mean that day, never the hour alone tomorrow; a date that has
passed is refused; a date more than a year ahead is refused as far (a typo like 2099 would
otherwise post to every group decades later or, before this fix, tomorrow)."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.domain.notices.model import TimeProblem, post_time
from tests.harness import SHANGHAI

SAT_0800 = datetime(2026, 11, 28, 8, 0, tzinfo=SHANGHAI)
DEC_20_0900 = datetime(2026, 12, 20, 9, 0, tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("2026-12-20 09:00", DEC_20_0900),
        ("12-20 09:00", DEC_20_0900),
        ("12/20 09:00", DEC_20_0900),
        ("2026/12/20 9:00", DEC_20_0900),
        ("2026.12.20 09:00", DEC_20_0900),
        ("2026年12月20日 9点", DEC_20_0900),
        ("12月20日 09:00", DEC_20_0900),
        ("2026-12-20 上午9点", DEC_20_0900),
        ("2026-12-20 下午3点", datetime(2026, 12, 20, 15, 0, tzinfo=SHANGHAI)),
        ("2027-01-05 10:00", datetime(2027, 1, 5, 10, 0, tzinfo=SHANGHAI)),
        ("01-05 10:00", datetime(2027, 1, 5, 10, 0, tzinfo=SHANGHAI)),  # January: next year
        ("2026-11-28 18:00", datetime(2026, 11, 28, 18, 0, tzinfo=SHANGHAI)),  # today, later
        ("2020-01-01 10:00", TimeProblem.PAST),
        ("2026-11-27 10:00", TimeProblem.PAST),
        ("11-20 10:00", TimeProblem.PAST),  # a week ago, not next November
        ("2026-11-28 07:00", TimeProblem.PAST),
        ("2099-01-01 10:00", TimeProblem.FAR),
        ("2027-12-20 09:00", TimeProblem.FAR),
        ("2026-12-20", TimeProblem.UNCLEAR),  # a day without an hour
        ("2026-02-30 09:00", TimeProblem.UNCLEAR),  # no such day
        ("2026-13-01 09:00", TimeProblem.UNCLEAR),
        ("2026-12-20 明天 09:00", TimeProblem.UNCLEAR),  # two days named
    ],
)
def test_a_dated_time_is_that_day_or_refused(words: str, expected: datetime | TimeProblem) -> None:
    """The date typed is honoured, or the time is refused; never a different day."""
    assert post_time(words, SAT_0800, SHANGHAI) == expected


@pytest.mark.parametrize("words", ["明天 18:00", "9:00-10:00", "周三 7:30", "18:00"])
def test_times_without_a_date_read_as_before(words: str) -> None:
    """Times with no numeric date are read by the project's time reader as before."""
    got = post_time(words, SAT_0800, SHANGHAI)
    assert isinstance(got, datetime) and got > SAT_0800
