"""Table-driven tests for the general chatter patterns: each rule with chatter it silences and
requests that must still get through."""

from __future__ import annotations

from datetime import datetime

import pytest

from intents.pipeline import Understander

# Selling, giving away, lost and found: a notice about an object, not a request for it.
OFFERS = [
    "闲置梯子一把 自提",
    "转让电钻 九成新 60块",
    "出一台八成新洗衣机 200元",
    "冰箱送人 需要的联系我",
    "捡到一个打气筒 放门卫了",
    "谁丢了钥匙 在花坛边上",
    "giving away a ladder, pick up only",
    "selling my old washing machine",
]


@pytest.mark.parametrize("text", OFFERS)
def test_offers_are_chatter(understander: Understander, now: datetime, text: str) -> None:
    got = understander.understand(text, now=now)
    assert (got.intent, got.target) == ("none", None)


# Requests that look like the chatter above but still ask for something now.
STILL_REQUESTS = [
    ("钥匙丢了 进不去门 能来开锁吗", "service_request", "lock_service"),
    ("能借一下梯子吗", "borrow_tool", "ladder"),
    ("洗衣机坏了 找人修", "service_request", "appliance_repair"),
]


@pytest.mark.parametrize(("text", "intent", "target"), STILL_REQUESTS)
def test_look_alike_requests_are_caught(
    understander: Understander, now: datetime, text: str, intent: str, target: str
) -> None:
    got = understander.understand(text, now=now)
    assert (got.intent, got.target) == (intent, target)
