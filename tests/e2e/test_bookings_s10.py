"""Session 10: the last user-visible gaps of issue 13's booking flow, told as residents meet
them: a day typed at a later step ("改成周日" after "这周末") moves the booking, and a count
typed at any step ("三台", "two ACs", "for 3 days") sets how many."""

from __future__ import annotations

from tests.booking_steps import button_index, crew, press
from tests.harness import Harness


async def test_a_day_typed_at_the_address_or_note_step_moves_the_weekend_booking(
    bot: Harness,
) -> None:
    """'这周末' books Saturday; "改成周日" at the address step and "周六" at the note step each
    ask the hours of the new day (both were silent: the step asked again had the first
    asking's key and was dropped), and the booking ends on the day said last."""
    await crew(bot)
    resident = bot.person(6101, "小周妈")
    first = await bot.ask(resident, "两台空调要清洗 这周末谁能来", contains="请选择服务商")
    await press(bot, resident, first, button_index(first, "洁家家政"))
    hours = await bot.sb.wait_for_message(resident.id, contains="几点方便", after=first)
    assert "11月28日 周六" in hours.content, hours.content
    await press(bot, resident, hours, button_index(hours, "下午"))
    await bot.sb.wait_for_message(resident.id, contains="上门地址", after=hours)
    sunday = await bot.ask(resident, "改成周日", contains="几点方便")
    assert "11月29日 周日" in sunday.content, sunday.content
    await press(bot, resident, sunday, button_index(sunday, "上午"))
    await bot.sb.wait_for_message(resident.id, contains="上门地址", after=sunday)
    note = await bot.ask(resident, "3-2-501", contains="要告诉师傅")
    saturday = await bot.ask(resident, "周六", contains="几点方便")
    assert "11月28日 周六" in saturday.content, saturday.content
    await press(bot, resident, saturday, button_index(saturday, "晚上"))
    again = await bot.sb.wait_for_message(resident.id, contains="要告诉师傅", after=saturday)
    assert again.message_id > note.message_id
    await press(bot, resident, again, "跳过")
    summary = await bot.sb.wait_for_message(resident.id, contains="请确认预约", after=again)
    assert "11月28日 周六 18:00-20:00" in summary.content, summary.content


async def test_a_count_typed_at_the_time_or_note_step_sets_how_many(bot: Harness) -> None:
    """'三台' at the time step and '四台' at the note step set the count and ask the step
    again (they were "没看懂这个时间" and a note); a note that gives a count keeps both."""
    await crew(bot)
    resident = bot.person(6102, "小周妈")
    first = await bot.ask(resident, "两台空调要清洗 明天", contains="请选择服务商")
    await press(bot, resident, first, button_index(first, "洁家家政"))
    await bot.sb.wait_for_message(resident.id, contains="几点方便", after=first)
    hours = await bot.ask(resident, "三台", contains="数量记为 3")
    assert "几点方便" in hours.content and "没看懂" not in hours.content, hours.content
    await press(bot, resident, hours, button_index(hours, "上午"))
    await bot.sb.wait_for_message(resident.id, contains="上门地址", after=hours)
    await bot.ask(resident, "3-2-501", contains="要告诉师傅")
    note = await bot.ask(resident, "四台", contains="数量记为 4")
    assert "要告诉师傅" in note.content, note.content
    summary = await bot.ask(resident, "5台，其中一台漏水", contains="请确认预约")
    assert "¥120/台 × 5 台 = ¥600" in summary.content, summary.content
    assert "5台，其中一台漏水" in summary.content, summary.content


async def test_english_counts_without_a_measure_word_and_days_typed_later(bot: Harness) -> None:
    """'two ACs need cleaning tomorrow' is air-conditioner cleaning of 2 units (it was home
    cleaning, the count lost); 'for 3 days' typed at the time step of pet sitting makes it
    3 days, priced as such."""
    await crew(bot)
    amy = bot.person(6103, "Amy", "en")
    first = await bot.ask(amy, "two ACs need cleaning tomorrow", contains="Choose a provider")
    assert "Air-conditioner cleaning" in first.content, first.content
    await press(bot, amy, first, button_index(first, "Jiejia"))
    hours = await bot.sb.wait_for_message(amy.id, contains="What time", after=first)
    await press(bot, amy, hours, button_index(hours, "Morning"))
    await bot.sb.wait_for_message(amy.id, contains="Where should they come", after=hours)
    note = await bot.ask(amy, "3-2-501", contains="Anything the worker should know")
    await press(bot, amy, note, "Skip")
    summary = await bot.sb.wait_for_message(amy.id, contains="Please confirm", after=note)
    assert "× 2" in summary.content and "¥240" in summary.content, summary.content
    await press(bot, amy, summary, "Cancel")

    bob = bot.person(6104, "Bob", "en")
    first = await bot.ask(bob, "I need someone to feed my cat from tomorrow", contains="Choose")
    await press(bot, bob, first, button_index(first, "Xiangxi"))
    await bot.sb.wait_for_message(bob.id, contains="What time", after=first)
    days = await bot.ask(bob, "for 3 days", contains="Noted: 3 days")
    assert "(for 3 days)" in days.content, days.content
    await press(bot, bob, days, button_index(days, "Morning"))
    await bot.sb.wait_for_message(bob.id, contains="Where should they come", after=days)
    note = await bot.ask(bob, "3-2-501", contains="Anything the worker should know")
    await press(bot, bob, note, "Skip")
    door = await bot.sb.wait_for_message(bob.id, contains="door code", after=note)
    await press(bot, bob, door, "Skip")
    summary = await bot.sb.wait_for_message(bob.id, contains="Please confirm", after=door)
    assert "× 3" in summary.content and "¥150" in summary.content, summary.content
