"""What the console renders from free text: masked for phone numbers, addresses, door codes."""

from __future__ import annotations

from bot.domain.console.insight.model import Scorecard
from bot.web.views import scorecard

COMMENT = "师傅很差，打他电话13812345678没人接，我家3栋2单元501门锁密码 4321#"


def test_low_rating_comments_are_masked() -> None:
    """A low-rating comment keeps its words but not the phone, the flat or the door code."""
    card = Scorecard("jiejia", low=[(1, COMMENT)])
    shown = scorecard(card, "zh", "-")
    assert "师傅很差" in shown and "***" in shown
    for secret in ("13812345678", "501", "4321"):
        assert secret not in shown, secret
