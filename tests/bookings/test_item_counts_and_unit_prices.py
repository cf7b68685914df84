"""Session 9 policies as tables: which offers count items ("两台" are their units) and the
price a console page shows for several units."""

from __future__ import annotations

import pytest

from bot.config import Offer
from bot.domain.catalogue import counts_items
from bot.web.booking_facts import price_words


@pytest.mark.parametrize(
    ("zh", "en", "counted"),
    [
        ("台", "unit", True),
        ("把", "knife", True),
        ("桶", "bottle", True),
        ("次", "visit", False),
        ("次上门费", "call-out", False),
        ("小时", "hour", False),
        ("天", "day", False),
        ("户", "home", False),
        ("单", "order", False),
    ],
)
def test_offers_priced_per_item(zh: str, en: str, counted: bool) -> None:
    """¥120/台 counts items; a visit, an hour, a day or a home does not."""
    offer = Offer(service="x", price=10, unit_zh=zh, unit_en=en)
    assert counts_items(offer) is counted


@pytest.mark.parametrize(
    ("yuan", "unit", "lang", "units", "said"),
    [
        (120, "台", "zh", 2, "¥120/台 × 2 台 = ¥240"),
        (120, "unit", "en", 3, "¥120/unit × 3 = ¥360"),
        (180, "台", "zh", 1, "¥180/台"),
    ],
)
def test_console_price_of_several_units_says_the_total(
    yuan: float, unit: str, lang: str, units: int, said: str
) -> None:
    assert price_words(yuan, unit, lang, units) == said  # type: ignore[arg-type]
