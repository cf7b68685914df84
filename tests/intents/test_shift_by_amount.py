"""A shift of the booked time by an amount, written in private (session 15, leftover 5 of the
session 14 tester): understood as a reschedule in both languages, however it is asked."""

from __future__ import annotations

from datetime import datetime

import pytest

from intents.context import Context
from intents.pipeline import Understander
from intents.times import shift_asked


@pytest.mark.parametrize(
    "words",
    [
        "早30分钟",
        "提前半小时",
        "晚半小时",
        "能早30分钟来吗",
        "30 minutes earlier",
        "come 30 minutes earlier",
        "could they come 30 minutes earlier",
        "can the worker come half an hour earlier?",
        "30 minutes later please",
    ],
)
def test_a_shift_by_an_amount_in_private_is_a_reschedule(
    understander: Understander, now: datetime, words: str
) -> None:
    """'30 minutes earlier' was read as nothing ("could they" as a story about others), and
    the resident asked whether the words were for the worker."""
    got = understander.understand(words, chat="private", now=now, context=Context())
    assert got.intent == "reschedule"


@pytest.mark.parametrize(
    "words",
    [
        "I called them 30 minutes earlier and nobody answered",
        "he came 30 minutes earlier yesterday",
    ],
)
def test_a_story_with_an_amount_is_no_reschedule(
    understander: Understander, now: datetime, words: str
) -> None:
    """Told as something that happened, the amount moves no booking."""
    got = understander.understand(words, chat="private", now=now, context=Context())
    assert got.intent != "reschedule"


@pytest.mark.parametrize(
    ("words", "minutes"),
    [
        ("早30分钟", -30),
        ("提前半小时", -30),
        ("晚半小时", 30),
        ("晚半个小时", 30),
        ("提前30分钟", -30),
        ("推后半小时", 30),
        ("30 minutes earlier", -30),
        ("30 mins earlier", -30),
        ("half an hour later", 30),
        ("改到明天下午", None),
    ],
)
def test_the_amount_of_a_shift(words: str, minutes: int | None) -> None:
    """The amount each way of saying it moves the time (the time step uses it too: the time
    it offers, moved)."""
    shift = shift_asked(words)
    assert (None if shift is None else shift.total_seconds() / 60) == minutes
