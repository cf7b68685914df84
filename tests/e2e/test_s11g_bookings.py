"""Tester 2's booking findings (session 11): a reschedule naming its day before a reason's
day, times never offered in the past, the worker's typed arrival kept, the reminder after an
agreed change, door codes in the note, a plain message on an accepted job, the elder's booking
from a price answer."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from intents.catalogue import Catalogue
from intents.pipeline import Understander
from tests.booking_steps import book, crew, offer_to, press
from tests.harness import Harness


@pytest.fixture(autouse=True, scope="module")
def _understanding_ready() -> None:
    """Read the shipped model once before the stories (the first words answered in time)."""
    Understander(Catalogue.default(), ZoneInfo("Asia/Shanghai")).understand("马桶堵了")


@pytest.mark.parametrize(
    ("words", "asked"),
    [
        ("改到周一下午吧 今天临时要加班", "11月30日 周一 14:00-17:00"),
        ("能不能改到周一上午 明天我不在家", "11月30日 周一 09:00-12:00"),
    ],
)
async def test_the_day_asked_wins_over_the_day_of_the_reason(
    bot: Harness, words: str, asked: str
) -> None:
    """#8: the worker is asked for the day named after the moving words, not the "今天" /
    "明天" of the reason that follows (it used to be today, or the very day she is away)."""
    people = await crew(bot)
    resident = bot.person(6101, "小林")
    await book(bot, resident)  # Sunday 09:00-12:00
    offer = await offer_to(bot, people.zhao)
    await press(bot, people.zhao, offer, "✅ 接单")
    await bot.sb.wait_for_message(resident.id, contains="已接单")
    await bot.ask(resident, words, contains="已把新时间")
    question = await bot.sb.wait_for_message(people.zhao.id, contains="想把时间从")
    assert asked in question.content, question.content


@pytest.mark.parametrize(
    ("words", "hour"),
    [
        ("家里暖气片一点都不热 孩子冻得直哭 今天能来人看看吗 多少钱", "13:00"),
        ("今天上午10点能来人修一下暖气吗", "10:00"),
    ],
)
async def test_the_group_never_quotes_a_time_already_past(
    bot: Harness, words: str, hour: str
) -> None:
    """#13: at 16:35 the group answer quoted "11月28日 周六 13:00" ("一点都不热" read as one
    o'clock); neither that nor a time said but already over is shown."""
    await crew(bot)
    chat = await bot.group()
    await bot.advance(timedelta(hours=8, minutes=35))  # Saturday 16:35
    resident = bot.person(6102, "小林")
    said = await bot.say(resident, words, chat)
    answer = await bot.sb.wait_for_message(chat.id, after=said.message_id)
    assert "暖气" in answer.content, answer.content
    assert hour not in answer.content, answer.content
