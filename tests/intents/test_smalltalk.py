"""Small talk: words that are only a greeting, thanks, "I'm fine" or "ok" (intents/smalltalk)."""

from __future__ import annotations

import pytest

from intents.smalltalk import SmallTalk, small_talk


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("我很好", SmallTalk.FINE),
        ("我很好，谢谢", SmallTalk.FINE),
        ("身体挺好的", SmallTalk.FINE),
        ("一切都好", SmallTalk.FINE),
        ("没事", SmallTalk.FINE),
        ("I'm fine, thanks", SmallTalk.FINE),
        ("all good", SmallTalk.FINE),
        ("谢谢", SmallTalk.THANKS),
        ("thank you so much!", SmallTalk.THANKS),
        ("你好", SmallTalk.GREETING),
        ("您好！", SmallTalk.GREETING),
        ("早上好", SmallTalk.GREETING),
        ("在吗？", SmallTalk.GREETING),
        ("hello?", SmallTalk.GREETING),
        ("Hi there", SmallTalk.GREETING),
        ("好的", SmallTalk.OK),
        ("嗯嗯", SmallTalk.OK),
        ("哈哈哈", SmallTalk.OK),
        ("ok", SmallTalk.OK),
        ("👍", SmallTalk.OK),
    ],
)
def test_small_talk(text: str, kind: SmallTalk) -> None:
    assert small_talk(text) is kind


@pytest.mark.parametrize(
    "text",
    [
        "",
        "3-2-501",
        "我家在3栋",
        "你好，我想约保洁",
        "马桶堵了",
        "还没来",
        "我不太好",
        "我身体不好",
        "物业电话多少",
        "今天天气真好",
        "明天上午",
        "I need help",
        "hello, my address is 3-2-501",
    ],
)
def test_anything_more_is_no_small_talk(text: str) -> None:
    """An address, a request, a question, feeling unwell: never answered as small talk."""
    assert small_talk(text) is None
