"""Session 15, finding 12, end to end: the group's "continue privately 👉" pressed again after
that request was booked says it is booked (#1, its state) instead of starting a second draft
of it (duplicate bookings were easy to make)."""

from __future__ import annotations

from tests.booking_steps import crew, press
from tests.harness import Harness


async def test_the_group_link_pressed_after_booking_shows_the_booking(bot: Harness) -> None:
    await crew(bot)
    group = await bot.group()
    resident = bot.person(6961, "小李")
    sent = await bot.say(resident, "厨房水槽堵了，明天上午来，2号楼", group)
    answer = await bot.sb.wait_for_message(group.id, after=sent.message_id)
    token = next(b["url"] for b in answer.buttons if "url" in b).rsplit("start=", 1)[1]
    started = await bot.sb.press_start(resident, token)
    choice = await bot.sb.wait_for_message(resident.id, contains="请选择服务商", after=started)
    await press(bot, resident, choice, 1)
    slot = await bot.sb.wait_for_message(resident.id, contains="时间", after=choice)
    await press(bot, resident, slot, next(b for b in slot.button_texts if "明天上午" in b))
    note = await bot.ask(resident, "2-1-302", contains="要告诉师傅")
    await press(bot, resident, note, "跳过")
    confirm = await bot.sb.wait_for_message(resident.id, contains="请确认预约", after=note)
    await press(bot, resident, confirm, "✅ 确认预约")
    await bot.sb.wait_for_message(resident.id, contains="正在为您联系", after=confirm)
    await bot.sb.wait_idle()
    again = await bot.sb.press_start(resident, token)
    said = await bot.sb.wait_for_message(resident.id, after=again)
    assert "请选择服务商" not in said.content and "#1" in said.content, said.content
