"""Session 14 tester's booking findings (issue 13), end to end: words written by people the
team had not written for (a night-shift nurse, a Cantonese grandmother, an expat, a teenager
booking for grandparents, a retired engineer)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from intents.catalogue import Catalogue
from intents.pipeline import Understander
from tests.booking_steps import crew, press
from tests.harness import Harness


@pytest.fixture(autouse=True, scope="module")
def _understanding_ready() -> None:
    """Read the shipped model once before the stories (the first words answered in time)."""
    Understander(Catalogue.default(), ZoneInfo("Asia/Shanghai")).understand("马桶堵了")


async def test_come_early_with_nothing_booked_starts_the_booking(bot: Harness) -> None:
    """'星期天早点来打扫卫生' with nothing booked is a new request (it used to be answered
    "没有可以改时间的预约" and the request was lost), its day kept."""
    await crew(bot)
    resident = bot.person(6401, "陈姨")
    choice = await bot.ask(resident, "星期天早点来打扫卫生")
    assert "家庭保洁" in choice.content and "请选择服务商" in choice.content, choice.content
    await press(bot, resident, choice, 0)
    slot = await bot.sb.wait_for_message(resident.id, after=choice)
    assert "11月29日 周日" in slot.content, slot.content
