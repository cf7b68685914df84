"""The cue reader: what wording says about a message, independent of the catalogue."""

from __future__ import annotations

import pytest

from intents.gate import read_signals
from intents.normalize import normalize


def signals_of(text: str) -> dict[str, bool]:
    """The signals of a raw message, as a dict for readable assertions."""
    s = read_signals(normalize(text))
    return {name: getattr(s, name) for name in s.__dataclass_fields__} | {
        "blocked": s.blocked, "narrative": s.narrative, "past_story": s.past_story,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("能帮我找个师傅吗", "request"),
        ("谁能来看看", "request"),
        ("can someone help", "request"),
        ("马桶堵了", "problem"),
        ("fridge stopped working", "problem"),
        ("热水器不出热水", "problem"),
        ("多少钱", "price"),
        ("how much is it", "price"),
        ("借一下", "borrow"),
        ("can I borrow it", "borrow"),
        ("取消明天的", "cancel"),
        ("不用来了", "cancel"),
        ("cancel my booking", "cancel"),
        ("谢谢师傅", "thanks"),
        ("通知：明天停水", "announcement"),
        ("推荐大家去试试", "advice"),
        ("建议大家关窗", "advice"),
        ("你们家空调哪年装的", "others"),
        ("太坑了，再也不找了", "complaint"),
        ("刚洗完油烟机", "completed"),
        ("昨天搬家累坏了", "past"),
        ("我不想搬", "negated"),
        ("冰箱没坏", "negated"),
    ],
)
def test_cue_is_read(text: str, flag: str) -> None:
    assert signals_of(text)[flag] is True


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("不需要", "request"),  # negated want is not a request cue
        ("不想找人", "request"),
        ("冰箱没坏", "problem"),
        ("菜价便宜了", "price"),
        ("大家早上好", "request"),
        ("谁的快递放错了", "request"),
        ("能帮我看看吗，谢谢", "past_story"),  # thanks in advance does not make it a story
        ("昨天开始漏水，现在还在漏", "narrative"),  # ongoing problem
        ("求推荐个师傅", "advice"),  # asking for a recommendation is a request, not advice
    ],
)
def test_cue_is_not_read(text: str, flag: str) -> None:
    assert signals_of(text)[flag] is False


@pytest.mark.parametrize(
    "text",
    ["通知：明天停水", "推荐大家找王师傅", "你们家都找谁修", "搬家公司太坑了"],
)
def test_blocked(text: str) -> None:
    assert signals_of(text)["blocked"] is True
