"""Homophone and typo folding: the intended word in its context, the real word elsewhere."""

from __future__ import annotations

import pytest

from intents.normalize import normalize
from intents.typos import fold_typos


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("马桶又赌了", "马桶又堵了"),
        ("下水道睹住了", "下水道堵住了"),
        ("地漏赌死了", "地漏堵死了"),
        ("厕所杜了", "厕所堵了"),
        ("水池全赌了", "水池全堵了"),
        ("洗菜池赌住了", "洗菜池堵住了"),
        ("空调清洗多少前", "空调清洗多少钱"),
        ("几块前一桶", "几块钱一桶"),
        ("上门要前吗", "上门要钱吗"),
        ("油烟鸡该洗了", "油烟机该洗了"),
        ("洗衣几不脱水", "洗衣机不脱水"),
        ("热水气不热", "热水器不热"),
        ("冰厢不制冷", "冰箱不制冷"),
        ("马筒漏水", "马桶漏水"),
        ("水笼头一直滴", "水龙头一直滴"),
        ("总闸跳匝了", "总闸跳闸了"),
        ("找人梳通一下", "找人疏通一下"),
        ("水管露水了", "水管漏水了"),
        ("空调怀了", "空调坏了"),
        ("菜刀顿了", "菜刀钝了"),
        ("沙窗破了", "纱窗破了"),
        ("插坐没电", "插座没电"),
        ("the toliet is cloged", "the toilet is clogged"),
        ("frige brocken", "fridge broken"),
        ("need a plumer", "need a plumber"),
        ("tap leeking", "tap leaking"),
    ],
)
def test_typos_fold_to_the_intended_word(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    "text",
    [
        "昨晚打牌赌了一把",  # gambling, no plumbing object
        "目睹了全过程",
        "前面那栋楼",
        "多少天前的事",
        "三年前搬来的",
        "小鸡炖蘑菇",
        "天气真好",
        "师父说得对吧",  # 师父 as a teacher's words stays
        "露水很重",
        "怀了二胎",
        "the toilet is clogged",
    ],
)
def test_real_words_are_left_alone(text: str) -> None:
    assert normalize(text) == text


@pytest.mark.parametrize("raw", ["马桶又赌了", "多少前", "油烟鸡", "the toliet", "插坐"])
def test_folding_is_idempotent(raw: str) -> None:
    once = fold_typos(raw)
    assert fold_typos(once) == once
