"""Session 15 retest (welfare #2, #12): the safety net under the welfare reading. An enrolled
elder's words that mention her body or a symptom the reading does not place are never only
"收到，谢谢您跟我说～": :func:`intents.welfare.mentions_body` finds them, and they read as not
well (the grid worker calls, she is offered 🆘 需要帮助). Everyday words that contain a body
word (头发, 外头, 手机, 开心, 放心) are no such mention."""

from __future__ import annotations

import pytest

from bot.domain.checkins.signs import Outcome, small_talk, welfare_level
from intents.welfare import WelfareLevel, mentions_body


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("膝盖肿了一块", True),
        ("脚背有点发紫", True),
        ("肚子胀胀的", True),
        ("耳朵嗡嗡响", True),
        ("嗓子哑了", True),
        ("浑身发冷", True),
        ("恶心想吐", True),
        ("腿抽筋", True),
        ("my knee is swollen", True),
        # near-misses: a body word in everyday speech
        ("头发剪短了", False),
        ("外头下雨了", False),
        ("手机没电了", False),
        ("开心", False),
        ("放心吧", False),
        ("身份证丢了", False),
        ("手续办好了", False),
        ("今天天气不错 孙子来看我了", False),
        ("老头子去钓鱼了", False),
        ("脚步声好吵", False),
    ],
)
def test_mentions_body(text: str, body: bool) -> None:
    assert mentions_body(text) is body


@pytest.mark.parametrize("text", ["膝盖肿了一块", "肚子胀胀的", "耳朵嗡嗡响", "浑身发冷"])
def test_body_words_are_not_well_and_never_small_talk(text: str) -> None:
    assert welfare_level(text, "none") is WelfareLevel.UNWELL
    assert not small_talk(Outcome.NOTHING, "none", text)


@pytest.mark.parametrize("text", ["今天天气不错 孙子来看我了", "头发剪短了", "外头下雨了"])
def test_chatter_stays_small_talk(text: str) -> None:
    assert welfare_level(text, "none") is WelfareLevel.NONE
    assert small_talk(Outcome.NOTHING, "none", text)
