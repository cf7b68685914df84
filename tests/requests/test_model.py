"""Requests' pure core as tables: how a group request is kept (what was understood, never the
words), and how often one member of a group is answered (issue 11: a flooding member is
rate-limited: the first request of a burst is answered, the next acknowledged once, the rest
are quiet until the window has passed)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.domain.requests.model import Burst, GroupRequest, Pace, Pacing
from intents import Understanding
from intents.times import TimeSpan
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


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # answered a request, then asks the office's number: answered (session 8, problem 3)
        ("RQ", [Pace.ANSWER, Pace.ANSWER]),
        # answered, acknowledged, then a question: still answered
        ("RRQ", [Pace.ANSWER, Pace.ACKNOWLEDGE, Pace.ANSWER]),
        # a request after the question: the requests' own pacing (acknowledged, then quiet)
        ("RQRR", [Pace.ANSWER, Pace.ANSWER, Pace.ACKNOWLEDGE, Pace.QUIET]),
        # questions alone: three answers in the window, then acknowledged once, then quiet
        ("QQQQQ", [Pace.ANSWER] * 3 + [Pace.ACKNOWLEDGE, Pace.QUIET]),
        ("RQQQ", [Pace.ANSWER] * 3 + [Pace.ACKNOWLEDGE]),
    ],
)
def test_a_listed_question_is_answered_right_after_another_answer(
    said: str, expected: list[Pace]
) -> None:
    """R: a request, Q: a question from the [[faq]] list, all in one window."""
    burst: Burst | None = None
    got = []
    for n, kind in enumerate(said):
        pace, burst = POLICY.decide(burst, START + n * S, question=kind == "Q")
        got.append(pace)
    assert got == expected


def test_a_hundred_questions_in_a_minute_cost_the_group_four_messages() -> None:
    burst: Burst | None = None
    said = 0
    for n in range(100):
        pace, burst = POLICY.decide(burst, START + n * 0.5 * S, question=True)
        said += pace is not Pace.QUIET
    assert said == 4


H = timedelta(hours=1)


@pytest.mark.parametrize(
    ("when", "duration", "kept"),
    [
        # no time said: none kept, one day, "has a time" (nothing to ask about)
        (None, None, (None, None, None, False, True, 1)),
        # hours on a day
        (
            TimeSpan(START + 6 * H, START + 9 * H, "下午"),
            2 * H,
            (START + 6 * H, START + 9 * H, 2 * H, False, True, 1),
        ),
        # a moment: no end; an empty duration counts as none
        (TimeSpan(START, None, "现在"), timedelta(0), (START, None, None, False, True, 1)),
        # days without an hour, three of them
        (
            TimeSpan(START, START + 72 * H, "下周三到周五", has_time=False, days=3),
            None,
            (START, START + 72 * H, None, False, False, 3),
        ),
        # as soon as possible
        (TimeSpan(START, None, "尽快", asap=True), None, (START, None, None, True, True, 1)),
    ],
)
def test_a_request_is_kept_as_understood(
    when: TimeSpan | None, duration: timedelta | None, kept: tuple[object, ...]
) -> None:
    understood = Understanding("service_request", "cleaning", 90.0, when, duration, True, False)
    request = GroupRequest.understood("req_x", 6001, -1001, understood)
    assert (request.token, request.telegram_id, request.chat_id) == ("req_x", 6001, -1001)
    assert (request.intent, request.target) == ("service_request", "cleaning")
    assert (
        request.when_start,
        request.when_end,
        request.duration,
        request.when_asap,
        request.when_has_time,
        request.when_days,
    ) == kept


@pytest.mark.parametrize(
    ("burst", "at", "lately"),
    [
        (None, START, False),  # never answered here
        (Burst(START, 1, False), START, True),
        (Burst(START, 1, True), START + 299 * S, True),  # within five minutes: continuing
        (Burst(START, 1, False), START + 300 * S, False),  # five minutes on: starting over
        (Burst(START, 1, False), START - 5 * S, False),  # a clock that went backwards
    ],
)
def test_a_member_answered_within_five_minutes_is_continuing(
    burst: Burst | None, at: datetime, lately: bool
) -> None:
    assert POLICY.answered_lately(burst, at) is lately
