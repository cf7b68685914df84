"""Families of wording that blind sets kept getting wrong, each covered by generic examples."""

from __future__ import annotations

from datetime import datetime

import pytest

from intents.pipeline import Understander


def _got(understander: Understander, now: datetime, text: str) -> tuple[str, str | None]:
    result = understander.understand(text, now=now)
    return result.intent, result.target


# Price wording: asked in any register, even next to a service verb.
@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("搬個家大概要幾錢", "moving"),
        ("空调清洗挂机多少前", "ac_cleaning"),
        ("送菜有配送费吗", "grocery_delivery"),
        ("送水收不收费", "water_delivery"),
        ("擦玻璃贵吗", "window_cleaning"),
        ("疏通马桶怎么算钱", "drain_unclogging"),
        ("上门磨刀要钱吗", "knife_sharpening"),
        ("开锁上门费多少", "lock_service"),
        ("洗油烟机大概要花多少", "range_hood_cleaning"),
        ("打印一张几钱", "printing"),
        ("搬家公司运费怎么算", "moving"),
        ("is there a delivery fee for groceries", "grocery_delivery"),
        ("is window cleaning expensive", "window_cleaning"),
        ("how much would it cost me to move house", "moving"),
        ("is pest control pricey here", "pest_control"),
    ],
)
def test_price_wording(understander: Understander, now: datetime, text: str, target: str) -> None:
    assert _got(understander, now, text) == ("price_query", target)
