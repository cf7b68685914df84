"""The campaign's dev clock: scaled, the same in every process, never on by accident."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.clock import ScaledClock, dev_clock_from_env
from tests.harness import SHANGHAI

ORIGIN = datetime(2026, 11, 28, 9, 0, tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    ("wall", "speed", "expected"),
    [
        (1000.0, 60.0, ORIGIN),
        (1001.0, 60.0, ORIGIN + timedelta(minutes=1)),
        (1002.5, 60.0, ORIGIN + timedelta(minutes=2, seconds=30)),
        (1010.0, 1.0, ORIGIN + timedelta(seconds=10)),
        (990.0, 60.0, ORIGIN),  # before the epoch: never before the origin
    ],
)
def test_scaled_time(wall: float, speed: float, expected: datetime) -> None:
    assert ScaledClock(ORIGIN, 1000.0, speed, wall=lambda: wall).now() == expected


def test_two_processes_with_one_spec_tell_the_same_time() -> None:
    """A restarted bot reads the same spec: its clock goes on where the killed one was."""
    first = ScaledClock(ORIGIN, 1000.0, 60.0, wall=lambda: 1005.0)
    again = ScaledClock.parse(first.spec())
    assert ScaledClock(again.origin, again.epoch, again.speed, wall=lambda: 1005.0).now() == (
        first.now()
    )


@pytest.mark.parametrize(
    ("env", "selected"),
    [
        ({}, False),
        ({"CONCIERGE_DEV": "1"}, False),
        ({"CONCIERGE_DEV_CLOCK": "2026-11-28T09:00:00+08:00,1000,60", "CONCIERGE_DEV": "1"}, True),
    ],
)
def test_selected_only_when_asked_for_with_the_dev_flag(
    env: dict[str, str], selected: bool
) -> None:
    assert (dev_clock_from_env(env) is not None) is selected


@pytest.mark.parametrize(
    "env",
    [
        {"CONCIERGE_DEV_CLOCK": "2026-11-28T09:00:00+08:00,1000,60"},
        {"CONCIERGE_DEV_CLOCK": "2026-11-28T09:00:00+08:00,1000,60", "CONCIERGE_DEV": "yes"},
        {"CONCIERGE_DEV_CLOCK": "2026-11-28T09:00:00,1000,60", "CONCIERGE_DEV": "1"},
        {"CONCIERGE_DEV_CLOCK": "tomorrow", "CONCIERGE_DEV": "1"},
        {"CONCIERGE_DEV_CLOCK": "2026-11-28T09:00:00+08:00,1000,0", "CONCIERGE_DEV": "1"},
    ],
)
def test_refused_without_the_flag_or_when_malformed(env: dict[str, str]) -> None:
    with pytest.raises(ValueError, match="CONCIERGE_DEV"):
        dev_clock_from_env(env)
