"""The weekly digest names every elder whose check-ins went unanswered (retest 15, finding 2):
with two help calls open, a late one, an overdue tool and a service nobody offers, the five
lines had room for one elder line and named 李大爷 while leaving out 王阿姨 (high risk, 0/3
answered, staff alerted each day). Elders share one line, most unanswered first, high risk
first among equals (as Care orders them)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.misses import Unserved
from bot.domain.reports.model import (
    ElderCare,
    Figures,
    FindingKind,
    HelpCall,
    ToolUse,
    Week,
    digest_lines,
)

TZ = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 11, 30, tzinfo=TZ)
WEEK = Week(START, START + timedelta(days=7))


def _busy_week(care: tuple[ElderCare, ...]) -> Figures:
    calls = (
        HelpCall(1, "老周", "open", START + timedelta(days=1), 3),
        HelpCall(2, "小赵", "open", START + timedelta(days=2), 2),
    )
    return Figures(
        WEEK,
        help_calls=calls,
        care=care,
        tools=(ToolUse("ladder", 1, 1),),
        unserved=(Unserved("piano_tuning", 2, 2, START),),
    )


def test_every_elder_not_heard_from_is_named_in_a_busy_week() -> None:
    care = (
        ElderCare("elder_li", "李大爷", 3, 0, 3),
        ElderCare("elder_wang", "王阿姨", 3, 0, 3, risk="high"),
        ElderCare("elder_zhou", "周奶奶", 3, 2, 1),
    )
    lines = digest_lines(_busy_week(care))
    [missed] = [f for f in lines if f.kind is FindingKind.MISSED]
    assert missed.elders == ("elder_wang", "elder_li", "elder_zhou")
    assert len(lines) == 5


def test_most_unanswered_first_whatever_the_risk() -> None:
    care = (
        ElderCare("elder_a", "A", 3, 2, 1, risk="high"),
        ElderCare("elder_b", "B", 3, 0, 3),
    )
    [missed] = [f for f in digest_lines(_busy_week(care)) if f.kind is FindingKind.MISSED]
    assert missed.elders == ("elder_b", "elder_a")
