"""Session 14 tester's booking findings (issue 13), end to end: words written by people the
team had not written for (a night-shift nurse, a Cantonese grandmother, an expat, a teenager
booking for grandparents, a retired engineer)."""

from __future__ import annotations

import pytest

from tests.booking_steps import book, crew, offer_to, press
from tests.harness import Harness


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


async def test_an_urgent_ask_at_the_address_step_makes_it_as_soon_as_possible(
    bot: Harness,
) -> None:
    """A nurse chose 'this afternoon' for a blocked toilet, then writes '急！能快点吗' when the
    address is asked: the time becomes 尽快 and the address is asked again (it used to be
    answered with the menu, and the draft's afternoon kept)."""
    await crew(bot)
    resident = bot.person(6402, "夜班护士")
    choice = await bot.ask(resident, "马桶堵了", contains="请选择服务商")
    await press(bot, resident, choice, 0)
    slot = await bot.sb.wait_for_message(resident.id, contains="想约什么时间", after=choice)
    await press(bot, resident, slot, "今天下午")
    await bot.sb.wait_for_message(resident.id, contains="上门地址", after=slot)
    again = await bot.ask(resident, "急！能快点吗")
    assert "尽快" in again.content and "上门地址" in again.content, again.content
    step = await bot.ask(resident, "3-2-501", contains="请确认预约")  # 尽快: no note asked
    assert "时间：尽快" in step.content, step.content


@pytest.mark.parametrize(
    ("words", "when"),
    [
        ("下班后 早上9点", "11月28日 周六 09:00"),  # was 21:00-23:00
        ("tonight after 7", "11月28日 周六 19:00"),  # was 18:00-20:00
        ("今天早点来", "11月28日 周六 09:00-12:00"),  # was "which part of the day?"
        ("听日下昼三点", "11月29日 周日 15:00"),  # Cantonese: was "没看懂这个时间"
    ],
)
async def test_a_time_typed_at_the_time_step_is_booked_as_said(
    bot: Harness, words: str, when: str
) -> None:
    """Times that were booked other than said, without a word but the summary's line."""
    await crew(bot)
    resident = bot.person(6403, "住户")
    choice = await bot.ask(resident, "想洗油烟机", contains="请选择服务商")
    await press(bot, resident, choice, 0)
    await bot.sb.wait_for_message(resident.id, contains="想约什么时间", after=choice)
    await bot.ask(resident, words, contains="上门地址")
    note = await bot.ask(resident, "3-2-501", contains="要告诉师傅")
    await press(bot, resident, note, "跳过")
    step = await bot.sb.wait_for_message(resident.id, after=note)
    if "门锁密码" in step.content and "请确认" not in step.content:
        await press(bot, resident, step, "跳过")
        step = await bot.sb.wait_for_message(resident.id, contains="请确认预约", after=step)
    assert f"时间：{when}" in step.content, step.content


async def test_a_cantonese_range_of_days_keeps_every_day(bot: Harness) -> None:
    """'下個禮拜一至三幫手餵貓' asks three days of pet care: the total counts three (the last
    day written "三" alone was dropped, one day booked without a word)."""
    await crew(bot)
    resident = bot.person(6404, "陈婆婆")
    choice = await bot.ask(resident, "下個禮拜一至三幫手餵貓", contains="请选择服务商")
    await press(bot, resident, choice, 0)
    slot = await bot.sb.wait_for_message(resident.id, contains="共3天", after=choice)
    await press(bot, resident, slot, 0)
    note = await bot.ask(resident, "3-2-501", contains="要告诉师傅")
    await press(bot, resident, note, "跳过")
    step = await bot.sb.wait_for_message(resident.id, after=note)
    if "门锁密码" in step.content and "请确认" not in step.content:
        await press(bot, resident, step, "跳过")
        step = await bot.sb.wait_for_message(resident.id, contains="请确认预约", after=step)
    assert "¥50/天 × 3 天 = ¥150" in step.content, step.content


async def test_what_did_i_book_is_answered_from_the_bookings(bot: Harness) -> None:
    """'what did I book' got "I can't answer that one yet" and the service menu."""
    await crew(bot)
    resident = bot.person(6405, "Tom", language="en")
    await book(bot, resident)
    answer = await bot.ask(resident, "what did I book")
    assert "#1" in answer.content and "Range hood cleaning" in answer.content, answer.content


@pytest.mark.parametrize("words", ["我搬到5栋1单元302了", "地址写错了 是5栋1单元302"])
async def test_a_new_address_in_plain_words_changes_the_address(bot: Harness, words: str) -> None:
    """A teenager booking for her grandparents corrects the address: it changes (the first
    started a booking of movers, the second asked whether it was for the worker)."""
    await crew(bot)
    resident = bot.person(6406, "小雨")
    await book(bot, resident)
    changed = await bot.ask(resident, words)
    assert "已更新您的住址：5-1-302" in changed.content, changed.content


@pytest.mark.parametrize(
    ("words", "asked"),
    [
        ("推迟一个小时", "10:00-13:00"),
        ("能晚一个小时吗", "10:00-13:00"),
        ("提前半小时", "08:30-11:30"),
        ("push it back an hour", "10:00-13:00"),
    ],
)
async def test_a_booking_moved_by_an_hour(bot: Harness, words: str, asked: str) -> None:
    """A retired engineer moves the plumber by an hour: the worker is asked for that time (it
    was "想改到什么时候？" again, and "能晚一个小时吗" proposed the evening, 18:00-22:00)."""
    people = await crew(bot)
    resident = bot.person(6407, "老周")
    await book(bot, resident)  # Sunday 09:00-12:00
    offer = await offer_to(bot, people.zhao)
    await press(bot, people.zhao, offer, "✅ 接单")
    await bot.sb.wait_for_message(resident.id, contains="已接单")
    sent = await bot.ask(resident, words)
    said = f"已把新时间 11月29日 周日 {asked}", f"I sent the new time Sun 29 Nov {asked}"
    assert any(words in sent.content for words in said), sent.content


async def test_the_booked_day_does_not_suit_another_is_asked(bot: Harness) -> None:
    """'明天不行了，后天吧' (booked for tomorrow morning): the worker is asked for the day after,
    the same hours (it was taken for a message to the worker, or a new booking)."""
    people = await crew(bot)
    resident = bot.person(6408, "王奶奶")
    await book(bot, resident)  # Sunday 09:00-12:00
    offer = await offer_to(bot, people.zhao)
    await press(bot, people.zhao, offer, "✅ 接单")
    await bot.sb.wait_for_message(resident.id, contains="已接单")
    sent = await bot.ask(resident, "明天不行了，后天吧")
    assert "已把新时间 11月30日 周一 09:00-12:00" in sent.content, sent.content


async def test_a_new_request_after_a_day_that_does_not_suit_takes_the_day_asked(
    bot: Harness,
) -> None:
    """'我明天有事，后天来修水管吧' with nothing booked: the plumber is booked for 后天 (the
    request started on 明天, the day that does not suit)."""
    await crew(bot)
    resident = bot.person(6409, "老周")
    choice = await bot.ask(resident, "我明天有事，后天来修水管吧", contains="请选择服务商")
    await press(bot, resident, choice, 0)
    slot = await bot.sb.wait_for_message(resident.id, after=choice)
    assert "11月30日 周一" in slot.content and "11月29日" not in slot.content, slot.content
