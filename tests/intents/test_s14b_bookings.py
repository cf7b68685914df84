"""Session 14 tester's booking words (issue 13), read by the understanding alone: a new request
that says "come early" is no reschedule when nothing is booked."""

from __future__ import annotations

from datetime import datetime

import pytest

from intents.context import Context
from intents.pipeline import Understander


@pytest.mark.parametrize(
    ("words", "service"),
    [
        ("明天早点来修一下水龙头", "plumbing_repair"),
        ("星期天早点来打扫卫生", "home_cleaning"),
    ],
)
def test_come_early_with_a_service_and_nothing_booked_is_a_new_request(
    understander: Understander, now: datetime, words: str, service: str
) -> None:
    """'早点来' reads as "come earlier": with nothing booked the words are a new request
    (the group used to stay silent on them), with a booking a reschedule as before."""
    nothing = understander.understand(
        words, chat="group", now=now, context=Context(open_booking=False)
    )
    assert (nothing.intent, nothing.target) == ("service_request", service)
    booked = understander.understand(
        words, chat="group", now=now, context=Context(open_booking=True)
    )
    assert booked.intent == "reschedule"


def test_words_that_move_a_booking_stay_a_reschedule_with_nothing_booked(
    understander: Understander, now: datetime
) -> None:
    """'保洁能挪到周一下午三点吗' asks to move one: with nothing open it stays silent in a group
    (about something else), never a new booking."""
    nothing = understander.understand(
        "保洁能挪到周一下午三点吗", chat="group", now=now, context=Context(open_booking=False)
    )
    assert nothing.intent == "none"
