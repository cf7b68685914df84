"""The whole pipeline: each intent, tools vs services, negation, chatter, chat context."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from intents.pipeline import Understander


def test_tool_and_service_in_one_message_prefers_service_without_borrowing(
    understander: Understander, now: datetime
) -> None:
    assert (
        understander.understand("用电钻打孔，找人装个架子", now=now).target == "home_installation"
    )
    assert understander.understand("借电钻装个架子", now=now).target == "power_drill"


def test_private_chat_always_responds(understander: Understander, now: datetime) -> None:
    got = understander.understand("你好", chat="private", now=now)
    assert (got.intent, got.respond) == ("none", True)


def test_group_threshold_is_configurable(understander: Understander, now: datetime) -> None:
    strict = Understander(understander.catalogue, understander.tz, group_threshold=100.1)
    assert understander.understand("冰箱坏了", now=now).intent == "service_request"
    assert strict.understand("冰箱坏了", now=now).intent == "none"


@pytest.mark.parametrize(
    ("text", "unmatched"),
    [
        ("有人能帮我修一下手表吗", True),
        ("need someone to tune my piano", True),
        ("谢谢大家", False),
        ("昨天帮我修了自行车，谢谢", False),
        ("马桶堵了找人通", False),
    ],
)
def test_unmatched_request(
    understander: Understander, now: datetime, text: str, unmatched: bool
) -> None:
    got = understander.understand(text, now=now)
    assert got.unmatched_request is unmatched
    if unmatched:
        assert (got.intent, got.target) == ("none", None)


def test_times_and_duration_are_attached(understander: Understander, now: datetime) -> None:
    got = understander.understand("明天下午3点来洗空调", now=now)
    assert got.when is not None
    assert got.when.start == now.replace(day=26, hour=15)
    care = understander.understand("出差两个星期，谁能上门喂猫", now=now)
    assert care.duration == timedelta(weeks=2)


def test_score_is_bounded(understander: Understander, now: datetime) -> None:
    for text in ("借个梯子", "保洁", "谢谢", "马桶堵了马桶堵了下水道堵了急急急"):
        assert 0 <= understander.understand(text, now=now).score <= 100


def test_default_now_is_used(understander: Understander) -> None:
    assert understander.understand("明天帮我洗空调").when is not None


@pytest.mark.parametrize("text", ["今天天气不错" * 700, "need help " * 400, "\x00\x01", "？？？"])
def test_odd_and_long_messages_are_handled(
    understander: Understander, now: datetime, text: str
) -> None:
    got = understander.understand(text, now=now)
    assert got.intent == "none"
    assert 0 <= got.score <= 100


def test_only_the_start_of_a_long_message_is_read(
    understander: Understander, now: datetime
) -> None:
    padding = "今天天气不错。" * 200
    assert understander.understand("马桶堵了，找人通" + padding, now=now).intent != "none"
    assert understander.understand(padding + "马桶堵了，找人通", now=now).intent == "none"


# Round 2 of the label contract: a burst pipe or a home flooding now is an emergency (close the
# main valve, alert staff), no longer a plumbing booking; a leak or a clog stays a repair.
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("水管爆了 急", "flood"),
        ("洗手池下面的软管爆了，水喷一地，急！！", "flood"),
        ("厨房水管爆了 急", "flood"),
        ("the pipe under the sink burst, water spraying everywhere, urgent", "flood"),
        ("pipe burst in the kitchen, water everywhere", "flood"),
        ("水管爆了 一地水", "flood"),
        ("暖气管爆了！！水喷得到处都是", "flood"),
        ("水管裂了 地上全是水 快来人", "flood"),
        # an emergency is never booked or priced, whatever else the message asks
        ("电梯困人了 快派人来修电梯", "lift"),
        ("老人在家晕倒了 需要人陪去医院", "medical"),
        ("my mum fell and can't get up, can a nurse come", "fall"),
        ("家里煤气味好重 修燃气灶多少钱", "gas"),
        ("救命", "help"),
    ],
)
def test_emergencies_override_every_other_intent(
    understander: Understander, now: datetime, text: str, kind: str
) -> None:
    for chat in ("group", "private"):
        got = understander.understand(text, chat=chat, now=now)
        assert (got.intent, got.target, got.emergency, got.respond) == (
            "emergency",
            None,
            kind,
            True,
        )
