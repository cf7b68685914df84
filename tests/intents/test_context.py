"""Context as plain inputs to understanding, and the policy after the model that reads it."""

from __future__ import annotations

import math
from datetime import datetime

import pytest

from intents.context import NO_CONTEXT, Bars, Context, bar, silenced
from intents.model import build
from intents.pipeline import Understander

BARS = Bars(group=70.0, addressed=45.0, resident=85.0, private=50.0)


@pytest.mark.parametrize(
    ("chat", "context", "expected"),
    [
        ("group", NO_CONTEXT, 70.0),
        ("group", Context(addressed=True), 45.0),  # for the bot: more likely a request
        ("group", Context(just_answered=True), 45.0),  # continuing a conversation
        ("group", Context(replies_to_resident=True), 85.0),  # to a neighbour: less likely
        ("group", Context(replies_to_resident=True, addressed=True), 45.0),  # names the bot
        ("group", Context(open_booking=True), 70.0),  # changes which, not how sure
        ("private", NO_CONTEXT, 50.0),
        ("private", Context(replies_to_resident=True), 50.0),  # in private all is for the bot
    ],
)
def test_the_bar_by_situation(chat: str, context: Context, expected: float) -> None:
    assert bar(BARS, chat, context) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("intent", "chat", "open_booking", "expected"),
    [
        ("cancel", "group", False, True),  # nothing booked: "不去了" is about something else
        ("status", "group", False, True),
        ("reschedule", "group", False, True),
        ("cancel", "group", None, False),  # unknown: the words decide
        ("cancel", "group", True, False),
        ("cancel", "private", False, False),  # in private the bot says nothing is booked
        ("service_request", "group", False, False),  # a new request needs nothing open
        ("borrow_tool", "group", False, False),
    ],
)
def test_about_ones_own_booking_with_nothing_open_is_silent_in_a_group(
    intent: str, chat: str, open_booking: bool | None, expected: bool
) -> None:
    context = Context(open_booking=open_booking)
    assert silenced(intent, chat, context) is expected  # type: ignore[arg-type]


def _sure(p: float) -> float:
    """The log-odds a single feature needs to make P(request) = p from even odds."""
    return math.log(p / (1 - p))


@pytest.fixture
def sixty(understander: Understander) -> Understander:
    """An understander whose model is 60% sure "修" asks for a repair and 95% sure "取消"
    cancels: between the addressed and the group bar, and well above every bar."""
    model = build(
        classes=["none", "service_request", "cancel"],
        bias=[0.0, 0.0, -50.0],
        weights={"g:修": [0.0, _sure(0.6), 0.0], "g:取消": [0.0, -50.0, 50.0 + _sure(0.95)]},
    )
    return understander.with_model(model)


@pytest.mark.parametrize(
    ("context", "answered"),
    [
        (NO_CONTEXT, False),
        (Context(addressed=True), True),
        (Context(just_answered=True), True),
        (Context(replies_to_resident=True), False),
    ],
)
def test_context_moves_the_bar_for_the_same_words(
    sixty: Understander, now: datetime, context: Context, answered: bool
) -> None:
    got = sixty.understand("冰箱坏了 修一下", now=now, context=context)
    assert got.score == pytest.approx(60.0, abs=0.1)
    expected = ("service_request", "appliance_repair") if answered else ("none", None)
    assert (got.intent, got.target) == expected
    assert got.respond is answered


def test_addressed_is_short_for_its_context(sixty: Understander, now: datetime) -> None:
    assert sixty.understand("冰箱坏了 修一下", now=now, addressed=True).intent == "service_request"


@pytest.mark.parametrize(
    ("chat", "open_booking", "intent"),
    [
        ("group", None, "cancel"),
        ("group", True, "cancel"),
        ("group", False, "none"),
        ("private", False, "cancel"),
    ],
)
def test_a_cancel_from_someone_with_nothing_open_is_silent_in_a_group(
    sixty: Understander, now: datetime, chat: str, open_booking: bool | None, intent: str
) -> None:
    context = Context(open_booking=open_booking)
    got = sixty.understand("取消明天的保洁", chat=chat, now=now, context=context)  # type: ignore[arg-type]
    assert got.intent == intent
    assert not got.unmatched_request
