"""What the console renders from free text: masked for phone numbers, addresses, door codes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain.console.insight.model import Scorecard
from bot.web.views import scorecard, span_words

COMMENT = "师傅很差，打他电话13812345678没人接，我家3栋2单元501门锁密码 4321#"


def test_low_rating_comments_are_masked() -> None:
    """A low-rating comment keeps its words but not the phone, the flat or the door code."""
    card = Scorecard("jiejia", low=[(1, COMMENT)])
    shown = scorecard(card, "zh", "-")
    assert "师傅很差" in shown and "***" in shown
    for secret in ("13812345678", "501", "4321"):
        assert secret not in shown, secret


@pytest.mark.parametrize(
    ("mins", "zh", "en"),
    [
        (0, "0 分钟", "0 min"),
        (59, "59 分钟", "59 min"),
        (60, "1 小时", "1 h"),
        (796, "13 小时 16 分钟", "13 h 16 min"),
        (48 * 60, "2 天", "2 d"),
        (5116, "3 天 13 小时", "3 d 13 h"),
    ],
)
def test_a_wait_is_said_in_the_unit_a_person_reads(mins: int, zh: str, en: str) -> None:
    """Today's ages: minutes under an hour, hours under two days, then days (the retest of
    issue 15 saw "已等 5116 分钟")."""
    assert span_words(timedelta(minutes=mins), "zh") == zh
    assert span_words(timedelta(minutes=mins), "en") == en
