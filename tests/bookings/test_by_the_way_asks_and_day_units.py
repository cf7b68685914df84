"""Session 11's pure rules, as tables: which words ask another thing of the same visit by the
way, and which services count the days asked as their units (per day, or daily per visit)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import load_community
from bot.data import __file__ as data_file
from bot.domain.bookings.aside import by_the_way
from bot.domain.catalogue import ServiceCatalogue
from intents import Catalogue

SAMPLE = (Path(data_file).parent / "sample-community.toml").read_text("utf-8")
PET_PER_DAY = (
    '{ service = "pet_sitting", price = 50, unit_zh = "天", unit_en = "day", market_price = 80 }'
)


@pytest.mark.parametrize(
    ("words", "passing"),
    [
        ("顺便帮我看看热水器", True),
        ("顺手把水龙头也看一下", True),
        ("btw could he also check the kitchen tap", True),
        ("while he's here can he look at the tap", True),
        ("另外马桶也堵了 急 现在能来人吗", False),  # another request, not in passing
        ("Also need someone to look at our leaking kitchen tap, ASAP", False),
        ("家里有狗 到了先敲门", False),
    ],
)
def test_words_in_passing(words: str, passing: bool) -> None:
    assert by_the_way(words) is passing


@pytest.mark.parametrize(
    ("offer", "service", "days_are_units"),
    [
        (PET_PER_DAY, "pet_sitting", True),  # ¥50/天
        (
            '{ service = "pet_sitting", price = 30, unit_zh = "次", unit_en = "visit" }',
            "pet_sitting",
            True,
        ),
        (
            '{ service = "pet_sitting", price = 30, unit_zh = "小时", unit_en = "hour" }',
            "pet_sitting",
            False,
        ),
        (PET_PER_DAY, "medical_escort", False),  # per visit, but no daily care
        (PET_PER_DAY, "elder_companion", False),  # a visit of a few hours, not all-day care
        (PET_PER_DAY, "home_cleaning", False),
    ],
)
def test_days_asked_are_units(offer: str, service: str, days_are_units: bool) -> None:
    community = load_community(text=SAMPLE.replace(PET_PER_DAY, offer))
    catalogue = ServiceCatalogue(community, Catalogue.default())
    assert catalogue.is_per_day(service) is days_are_units
