"""When a greeting goes and when its ladder's steps fall due, as pure tables: a greeting late
because the bot was down still goes while its day lasts, its ladder runs from when it actually
went, and of two check-in times both missed only the later one greets."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.config import CheckinPolicy
from bot.domain.checkins.model import Step, ladder
from bot.domain.checkins.schedule import day_over, ladder_start, superseded

TZ = ZoneInfo("Asia/Shanghai")
POLICY = CheckinPolicy()


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in December 2026, Shanghai time."""
    return datetime(2026, 12, day, hour, minute, tzinfo=TZ)


@pytest.mark.parametrize(
    ("due", "now", "over"),
    [
        (at(1, 8, 30), at(1, 8, 30), False),  # on time
        (at(1, 8, 30), at(1, 12, 0), False),  # 3.5 h late, same afternoon: still greet
        (at(1, 8, 30), at(1, 21, 59), False),  # the last minute before quiet hours
        (at(1, 8, 30), at(1, 22, 0), True),  # quiet hours: the day is over
        (at(1, 18, 0), at(2, 8, 0), True),  # yesterday's evening check-in
        (at(1, 18, 0), at(2, 0, 30), True),  # after midnight
    ],
)
def test_a_late_greeting_goes_while_its_day_lasts(
    due: datetime, now: datetime, over: bool
) -> None:
    assert day_over(due, now, TZ, POLICY) is over


@pytest.mark.parametrize(
    ("due", "now", "covered"),
    [
        (at(1, 6, 30), at(1, 6, 30), False),  # on time: the 08:30 one is hours away
        (at(1, 6, 30), at(1, 8, 29), False),
        (at(1, 6, 30), at(1, 8, 30), True),  # both due now: greet once, at 08:30's slot
        (at(1, 6, 30), at(1, 12, 0), True),
        (at(1, 8, 30), at(1, 12, 0), False),  # the latest of the day is never covered
        (at(1, 8, 30), at(2, 7, 0), False),  # tomorrow's 06:30 is another day's
    ],
)
def test_of_two_missed_times_only_the_later_greets(
    due: datetime, now: datetime, covered: bool
) -> None:
    assert superseded((time(6, 30), time(8, 30)), due, now, TZ) is covered


@pytest.mark.parametrize(
    ("due", "sent", "remind", "grid", "staff"),
    [
        # the tester's run: greeting 08:30, reminder 09:00, grid worker 09:30, staff 10:30
        (at(1, 8, 30), at(1, 8, 30), "09:00", "09:30", "10:30"),
        (at(1, 8, 0), at(1, 8, 0), "08:30", "09:00", "10:00"),
        # sent at 12:00 after downtime: the ladder starts at 12:00, not all at once
        (at(1, 8, 30), at(1, 12, 0), "12:30", "13:00", "14:00"),
    ],
)
def test_the_ladder_runs_from_the_greeting_actually_sent(
    due: datetime, sent: datetime, remind: str, grid: str, staff: str
) -> None:
    start = ladder_start(due, sent)
    times = {step: f"{start + after:%H:%M}" for step, after in ladder(POLICY)}
    assert times == {Step.REMIND: remind, Step.GRID: grid, Step.STAFF: staff}
    assert ladder_start(due, due - timedelta(seconds=1)) == due  # never before its time
