"""Tester3's booking-flow findings, end to end in the group: an English request that copies a
Chinese door number is answered in English; a cancel naming a service the writer has not
booked is told so, not invited to cancel it in private."""

from __future__ import annotations

from datetime import timedelta

from tests.booking_steps import book, button_index, crew, press
from tests.harness import Harness

AMY = "anyone know a good plumber? my sink is leaking, 6栋1单元302, call me 13800138000"


async def test_an_english_request_with_a_chinese_door_number_is_answered_in_english(
    bot: Harness,
) -> None:
    await crew(bot)
    chat = await bot.group()
    amy = bot.person(6001, "Nurse Amy")
    said = await bot.say(amy, AMY, chat)
    answer = await bot.sb.wait_for_message(chat.id, after=said.message_id)
    assert "Got it" in answer.content and "收到" not in answer.content, answer.content
    assert "13800138000" not in answer.content and "302" not in answer.content


async def test_cancelling_a_service_never_booked_is_told_there_is_none(bot: Harness) -> None:
    await crew(bot)
    resident = bot.person(6001, "小李")
    await book(bot, resident, "今天上午10点想找人洗一下油烟机")
    chat = await bot.group()
    said = await bot.say(resident, "取消明天的保洁", chat)
    answer = await bot.sb.wait_for_message(chat.id, after=said.message_id)
    assert "没有找到您的" in answer.content and "请私聊我处理" not in answer.content, (
        answer.content
    )

    await bot.advance(timedelta(minutes=10))  # past the group's burst pacing
    said = await bot.say(resident, "取消油烟机清洗", chat)  # one they did book: to private
    answer = await bot.sb.wait_for_message(chat.id, after=said.message_id)
    assert "请私聊我处理" in answer.content, answer.content


async def test_this_weekend_takes_saturday_and_a_count_at_the_provider_step_is_kept(
    bot: Harness,
) -> None:
    """'这周末' of a one-visit service books Saturday and says how to make it Sunday (not "the
    other days of these 2 days"); '三台' while choosing a provider sets the count and asks the
    provider again (it was the category menu)."""
    await crew(bot)
    resident = bot.person(6001, "小周妈")
    first = await bot.ask(resident, "两台空调要清洗 这周末谁能来", contains="请选择服务商")
    weekend = await bot.sb.wait_for_message(resident.id, contains="周末我先约了周六", after=first)
    assert "其余几天" not in weekend.content and "周日" in weekend.content
    again = await bot.ask(resident, "三台", contains="数量记为 3")
    assert "请选择服务商" in again.content and "选一个类别" not in again.content
    await press(bot, resident, again, button_index(again, "洁家家政"))
    await bot.sb.wait_for_message(resident.id, contains="几点方便", after=again)


async def test_the_note_step_says_the_request_words_are_kept(bot: Harness) -> None:
    """After a group request the note already holds its words; the note step says so, so
    'skip' is not read as 'no note' (tester3: 备注 still showed the group message)."""
    await crew(bot)
    chat = await bot.group()
    resident = bot.person(6001, "小周妈")
    await book(bot, resident, "三台空调要清洗 明天上午谁能来", group=chat)
    shown = "\n".join(m.content for m in bot.sb.sent(resident.id))
    assert "您的原话“三台空调要清洗 明天上午谁能来”会作为备注给师傅看" in shown, shown
