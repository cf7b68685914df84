"""How often one member of a group is answered (issue 11: a flooding member is rate-limited).

Pure table over :class:`bot.domain.requests.model.Pacing`: the first request of a burst is
answered, the next one is acknowledged once, the rest are quiet until the window has passed.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.clock import FakeClock
from bot.domain.requests import Requests
from bot.domain.requests.model import Burst, Pace, Pacing
from bot.storage import Database
from tests.harness import START

POLICY = Pacing(window=timedelta(seconds=60), answers=1)
S = timedelta(seconds=1)


@pytest.mark.parametrize(
    ("burst", "at", "pace", "after"),
    [
        # nobody answered yet: answer, and the window opens now
        (None, START, Pace.ANSWER, Burst(START, 1, False)),
        # within the window, over the allowance: one acknowledgement ...
        (Burst(START, 1, False), START + 5 * S, Pace.ACKNOWLEDGE, Burst(START, 1, True)),
        # ... and silence after it
        (Burst(START, 1, True), START + 6 * S, Pace.QUIET, Burst(START, 1, True)),
        (Burst(START, 1, True), START + 59 * S, Pace.QUIET, Burst(START, 1, True)),
        # the window has passed: answered again, a new window
        (Burst(START, 1, True), START + 60 * S, Pace.ANSWER, Burst(START + 60 * S, 1, False)),
        (Burst(START, 1, False), START + 3600 * S, Pace.ANSWER, Burst(START + 3600 * S, 1, False)),
        # a clock that went backwards (a corrected system clock) opens a new window too
        (Burst(START, 1, True), START - 5 * S, Pace.ANSWER, Burst(START - 5 * S, 1, False)),
    ],
)
def test_one_answer_per_window_then_one_acknowledgement(
    burst: Burst | None, at: datetime, pace: Pace, after: Burst
) -> None:
    """Each state of a member's burst and what the next request gets."""
    assert POLICY.decide(burst, at) == (pace, after)


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (1, [Pace.ANSWER, Pace.ACKNOWLEDGE, Pace.QUIET, Pace.QUIET, Pace.QUIET]),
        (2, [Pace.ANSWER, Pace.ANSWER, Pace.ACKNOWLEDGE, Pace.QUIET, Pace.QUIET]),
        (3, [Pace.ANSWER, Pace.ANSWER, Pace.ANSWER, Pace.ACKNOWLEDGE, Pace.QUIET]),
    ],
)
def test_a_burst_at_one_instant(answers: int, expected: list[Pace]) -> None:
    """Five requests at once: the allowance, one acknowledgement, then quiet."""
    policy = Pacing(window=timedelta(seconds=60), answers=answers)
    burst: Burst | None = None
    got = []
    for _ in expected:
        pace, burst = policy.decide(burst, START)
        got.append(pace)
    assert got == expected


def test_a_hundred_requests_in_a_minute_cost_the_group_two_messages() -> None:
    """The point of the policy: one member cannot queue hundreds of replies."""
    burst: Burst | None = None
    said = 0
    for n in range(100):
        pace, burst = POLICY.decide(burst, START + n * 0.5 * S)
        said += pace is not Pace.QUIET
    assert said == 2


async def test_the_pace_is_kept_per_member_and_group(tmp_path: Path) -> None:
    """On real SQLite: the burst survives between transactions (and restarts), separately for
    each member in each group."""
    clock = FakeClock(START)
    db = Database(tmp_path / "pace.sqlite")
    await db.open()
    requests = Requests(clock)
    try:
        async with db.tx() as tx:
            first = [await requests.pace(tx, -1001, 6001) for _ in range(3)]
        async with db.tx() as tx:
            other_member = await requests.pace(tx, -1001, 6002)
            other_group = await requests.pace(tx, -1002, 6001)
            still = await requests.pace(tx, -1001, 6001)
        clock.advance(timedelta(seconds=60))
        async with db.tx() as tx:
            later = await requests.pace(tx, -1001, 6001)
    finally:
        await db.close()
    assert first == [Pace.ANSWER, Pace.ACKNOWLEDGE, Pace.QUIET]
    assert (other_member, other_group, still, later) == (
        Pace.ANSWER,
        Pace.ANSWER,
        Pace.QUIET,
        Pace.ANSWER,
    )
