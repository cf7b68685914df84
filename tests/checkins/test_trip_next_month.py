"""Session 15 retest (#15): "下个月初回老家梅州过年 正月十五以后才回来" on 5 December paused her
check-ins at once, for 3 days, while she is at home for another month. A trip told for next
month pauses from the first of next month, never today."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.domain.checkins.schedule import next_month
from tests.checkins.conftest import Care
from tests.harness import SHANGHAI

NOW = datetime(2026, 12, 5, 0, 35, tzinfo=SHANGHAI)
FIRST = datetime(2027, 1, 1, tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    ("words", "start"),
    [
        ("下个月初回老家梅州过年 正月十五以后才回来", FIRST),
        ("下月初去女儿家住", FIRST),
        ("下个月去海南过冬", FIRST),
        ("I'm going to my son's place early next month", FIRST),
        ("下周一去女儿家住几天", None),  # a day said: the time parser has it
        ("上个月回老家了", None),
        ("我在女儿家 下个月回来", None),  # away now, back next month
        ("I'm at my daughter's, back next month", None),
    ],
)
def test_next_month(words: str, start: datetime | None) -> None:
    found = next_month(words, NOW, SHANGHAI)
    assert (found[0] if found else None) == start


async def test_a_trip_next_month_pauses_from_the_first(care: Care) -> None:
    now = care.world.clock.now().astimezone(SHANGHAI)
    year, month = (now.year + 1, 1) if now.month == 12 else (now.year, now.month + 1)
    first = datetime(year, month, 1, tzinfo=SHANGHAI)
    async with care.world.tx() as tx:
        await care.ci.pauses.pause_for(
            tx, ["elder_wang"], care.wang, "下个月初回老家梅州过年 正月十五以后才回来", away=True
        )
        elder = await care.ci.repo.elder(tx, "elder_wang")
    assert elder is not None and elder.paused_from is not None
    assert elder.paused_from >= first
