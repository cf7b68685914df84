"""The overall limit counted as requests leave (``RateLimiter.leave_wait``): a district's
senders share one limiter but their requests leave after different delays, so the limit is
kept where it counts, at the moment a request goes (bench/district_bench.py: 904 answers 429
in 10,000 pings before)."""

from __future__ import annotations

import pytest

from bot.config import RateLimits
from bot.lanes import RateLimiter


@pytest.mark.parametrize(
    ("leaves", "then", "wait"),
    [
        ([], 0.0, 0.0),  # nothing left yet: go
        ([0.0, 0.1], 0.2, 0.0),  # two of three in the last second: go
        ([0.0, 0.1, 0.2], 0.5, 0.5),  # three in the last second: until the first is a second old
        ([0.0, 0.1, 0.2], 1.0, 0.0),  # the first is a second old: go
        ([0.0, 0.1, 0.2], 1.05, 0.0),
    ],
)
def test_at_most_the_overall_limit_leaves_in_any_second(
    leaves: list[float], then: float, wait: float
) -> None:
    limiter = RateLimiter(RateLimits(global_per_second=3), shared=True)
    for at in leaves:
        assert limiter.leave_wait(at) == 0.0
    assert limiter.leave_wait(then) == pytest.approx(wait)


def test_a_request_told_to_wait_is_not_counted() -> None:
    """Asking again after the wait goes at once: the refused ask took no place."""
    limiter = RateLimiter(RateLimits(global_per_second=1), shared=True)
    assert limiter.leave_wait(0.0) == 0.0
    assert limiter.leave_wait(0.4) == pytest.approx(0.6)
    assert limiter.leave_wait(0.7) == pytest.approx(0.3)
    assert limiter.leave_wait(1.0) == 0.0
    assert limiter.leave_wait(1.5) == pytest.approx(0.5)


def test_one_senders_limiter_counts_only_when_lanes_are_picked() -> None:
    """Not shared (one community): no second count, so no claimed row ever waits here."""
    limiter = RateLimiter(RateLimits(global_per_second=1))
    assert [limiter.leave_wait(0.0), limiter.leave_wait(0.1)] == [0.0, 0.0]
