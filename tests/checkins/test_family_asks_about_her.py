"""A linked family member asking about their elder (tester s15 W5): "我妈住院了？哪个医院" is a
question about her, answered from her check-ins, never a booking offer."""

from __future__ import annotations

import pytest

from bot.domain.checkins.signs import asks_news


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("我妈住院了？哪个医院", True),
        ("我妈住院了吗", True),
        ("我爸在哪个医院", True),
        ("我妈今天怎么样", True),
        ("how is mum today", True),
        ("我爸最近还好吗", True),
        ("is mum in hospital?", True),
        ("which hospital is my mother in", True),
        ("帮我妈约个陪诊 去医院", False),
        ("帮我妈挂个号", False),
        ("我妈住院了", False),  # news they bring, not a question
        ("mum is in hospital since yesterday", False),
        ("医院几点开门", False),
    ],
)
def test_family_asking_about_her_hospital_stay(text: str, asks: bool) -> None:
    assert asks_news(text) is asks
