"""Session 15 retest, end to end: a late change waits for the resident's own yes (the worker's
stray "好的可以" moves nothing), the fee warning answered in words, and "就按这个时间，还是换一
个？" answered "好" / "keep it" (it was "没看懂这个时间" forever)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.devtools.sandbox import SandboxUser
from tests.booking_steps import Crew, book, crew, offer_to, press
from tests.harness import Harness


async def _late_change(bot: Harness) -> tuple[Crew, SandboxUser]:
    people = await crew(bot)
    resident = bot.person(6601, "Lucy")
    await book(bot, resident)
    offer = await offer_to(bot, people.zhao)
    await press(bot, people.zhao, offer, "✅ 接单")
    await bot.advance(timedelta(hours=23))  # Sun 07:00, the slot starts at 09:00
    await bot.ask(resident, "能不能改到11点", contains="上门费")
    return people, resident


async def test_the_worker_cannot_accept_a_late_change_never_put_to_her(bot: Harness) -> None:
    people, resident = await _late_change(bot)
    await bot.say(people.zhao, "好的可以")
    await bot.sb.wait_idle()
    mine = await bot.ask(resident, "我的预约", contains="您的预约")
    assert "09:00" in mine.content and "还等您确认" in mine.content, mine.content
    told = [m.content for m in bot.sb.sent(resident.id)]
    assert not any("同意了" in t for t in told), told


@pytest.mark.parametrize("words", ["确定改时间", "好"])
async def test_the_fee_warning_answered_in_words_confirms(bot: Harness, words: str) -> None:
    people, resident = await _late_change(bot)
    await bot.ask(resident, words, contains="师傅")
    await bot.sb.wait_for_message(people.zhao.id, contains="可以吗")


@pytest.mark.parametrize("words", ["好", "可以", "ok", "keep it"])
async def test_keep_this_time_answered_in_words_keeps_it(bot: Harness, words: str) -> None:
    await crew(bot)
    resident = bot.person(6602, "老张爷爷")
    choice = await bot.ask(resident, "明天上午想洗油烟机", contains="请选择服务商")
    await press(bot, resident, choice, 0)
    await bot.sb.wait_for_message(resident.id, contains="就按这个时间", after=choice)
    nxt = await bot.ask(resident, words)
    assert "没看懂" not in nxt.content and "understand" not in nxt.content, nxt.content
    assert "地址" in nxt.content or "要告诉师傅" in nxt.content, nxt.content


async def test_an_address_typed_at_the_time_step_is_kept_and_the_time_asked_again(
    bot: Harness,
) -> None:
    """ "三栋二单元五零一" at "就按这个时间？" was "没看懂这个时间": the address is kept and the
    time asked again."""
    await crew(bot)
    resident = bot.person(6603, "老张爷爷")
    choice = await bot.ask(resident, "明天上午想洗油烟机", contains="请选择服务商")
    await press(bot, resident, choice, 0)
    await bot.sb.wait_for_message(resident.id, contains="就按这个时间", after=choice)
    said = await bot.ask(resident, "三栋二单元五零一")
    assert "3-2-501" in said.content and "没看懂" not in said.content, said.content
