"""What an elder's message means and who may press a check-in's button: the pure rules that were
in the check-in handlers (sign_of_life and the press guards), as tables."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.domain.checkins.model import Checkin, CheckinState
from bot.domain.checkins.signs import (
    Outcome,
    PressRefusal,
    elder_refusal,
    ends_there,
    may_be_trip,
    small_talk,
    welfare_level,
    worker_refusal,
)
from intents.welfare import WelfareLevel

OUT, S, R = Outcome, CheckinState, PressRefusal


@pytest.mark.parametrize(
    ("outcome", "intent", "ends"),
    [
        # check-ins did nothing with it: everyone else reads it
        (OUT.NOTHING, None, False),
        (OUT.NOTHING, "none", False),
        (OUT.NOTHING, "service_request", False),
        # chatter (or media) that answered, relayed, or raised: that was all it was
        (OUT.ANSWERED, "none", True),
        (OUT.ANSWERED, None, True),
        (OUT.RELAYED, None, True),
        (OUT.UNWELL, "none", True),
        (OUT.HELP, "emergency", True),
        # a real ask that also answered the check-in goes on to its feature
        (OUT.ANSWERED, "service_request", False),
        (OUT.UNWELL, "price_query", False),
        # an answer to a check-in that is not 平安 is never a sale: "在医院 住院了" is not 陪诊
        (OUT.NOT_FINE, "service_request", True),
        (OUT.NOT_FINE, "none", True),
        # an alarm ends there unless it is also a real ask ("想借个轮椅" goes on)
        (OUT.PASSED_ON, "cancel", True),  # "没事了 你们不用来了" is for the responders
        (OUT.HELP, "cancel", True),
        (OUT.PASSED_ON, "borrow_tool", False),
        (OUT.HELP, "service_request", False),
    ],
)
def test_ends_there(outcome: Outcome, intent: str | None, ends: bool) -> None:
    assert ends_there(outcome, intent) is ends


@pytest.mark.parametrize(
    ("text", "intent", "trip"),
    [
        ("下周去女儿家住几天", "none", True),
        ("下周去女儿家住几天", None, True),  # no intent read (it is chatter)
        ("明天出门，帮我约保洁", "service_request", False),  # a request, not a trip
        ("今天天气很好", "none", False),
        ("", None, False),  # media
    ],
)
def test_may_be_trip(text: str, intent: str | None, trip: bool) -> None:
    assert may_be_trip(text, intent) is trip


@pytest.mark.parametrize(
    ("text", "intent", "level"),
    [
        ("我很好", "none", WelfareLevel.FINE),
        ("有点头晕", "none", WelfareLevel.UNWELL),
        ("随便说说", "emergency", WelfareLevel.URGENT),  # an emergency is urgent, any words
        ("", None, WelfareLevel.NONE),  # media says nothing of how she is
    ],
)
def test_welfare_level(text: str, intent: str | None, level: WelfareLevel) -> None:
    assert welfare_level(text, intent) is level


def _checkin(state: CheckinState) -> Checkin:
    at = datetime(2026, 11, 28, 0, 0, tzinfo=UTC)
    return Checkin(1, "elder_wang", "2026-11-28T08:00", at, state, False, None)


@pytest.mark.parametrize(
    ("checkin", "hers", "answering", "refusal"),
    [
        (None, False, False, R.STALE),
        (_checkin(S.PINGED), False, False, R.STALE),  # someone else's check-in
        (_checkin(S.PINGED), True, True, None),
        (_checkin(S.ESCALATED), True, True, None),
        (_checkin(S.HELP), True, True, R.DONE),  # her help call carries it
        (_checkin(S.FINE), True, True, R.DONE),
        (_checkin(S.FINE), True, False, None),  # 需要帮助 works on any of hers
        (_checkin(S.HELP), True, False, None),
    ],
)
def test_elder_refusal(
    checkin: Checkin | None, hers: bool, answering: bool, refusal: PressRefusal | None
) -> None:
    assert elder_refusal(checkin, hers, answering=answering) == refusal


@pytest.mark.parametrize(
    ("checkin", "may_confirm", "refusal"),
    [
        (None, None, R.STALE),
        (_checkin(S.GRID), None, R.NOT_YOURS),  # the elder is no longer enrolled
        (_checkin(S.GRID), False, R.NOT_YOURS),
        (_checkin(S.GRID), True, None),
        (_checkin(S.HELP), True, None),  # open: a help call is still open
        (_checkin(S.FINE), True, R.DONE),
        (_checkin(S.SKIPPED), True, R.DONE),
        (_checkin(S.FINE), False, R.NOT_YOURS),  # who first, then state
    ],
)
def test_worker_refusal(
    checkin: Checkin | None, may_confirm: bool | None, refusal: PressRefusal | None
) -> None:
    assert worker_refusal(checkin, may_confirm) == refusal


@pytest.mark.parametrize(
    ("outcome", "intent", "text", "chat"),
    [
        (OUT.NOTHING, "none", "今天天气不错 孙子来看我了", True),
        (OUT.NOTHING, "none", "刚才在买菜", True),
        (OUT.NOTHING, "none", "社区医院几点开门？", False),  # a question: answered on
        (OUT.NOTHING, "service_request", "帮我叫个人修水管", False),  # a request: booked on
        (OUT.NOTHING, None, "", False),  # media: relayed or asked for words elsewhere
        (OUT.NOTED, "none", "挺好的", False),  # already thanked
        (OUT.UNWELL, "none", "今天头有点晕", False),
    ],
)
def test_small_talk_gets_a_friendly_word(
    outcome: Outcome, intent: str | None, text: str, chat: bool
) -> None:
    assert small_talk(outcome, intent, text) is chat
