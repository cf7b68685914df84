"""The retest of issue 13's minor findings, end to end in the sandbox: a time typed at the
provider step, "确认" at the note step, a draft called off (F11, F13, F20); "later" typed under
[稍后再说] (F12); ➕ the next service before the first is confirmed (F10); an English request
from someone whose Telegram is in Chinese answered in English in private too (F9)."""

from __future__ import annotations

from tests.booking_steps import button_index, crew, press
from tests.harness import Harness


async def test_typed_time_typed_yes_and_calling_the_draft_off(bot: Harness) -> None:
    """ "7pm" at the provider step is the time (no category menu) and comes first at the time
    step; "确认" at the note step goes on to the summary with no note; "算了，不约了" there
    says nothing was booked (not "已取消…不收取费用")."""
    await crew(bot)
    resident = bot.person(6001, "小李")
    await bot.ask(resident, "想找人洗油烟机", contains="请选择服务商")
    noted = await bot.ask(resident, "7pm", contains="请选择服务商")
    assert noted.content.startswith("⏰ 时间记下了：11月28日 周六 19:00-21:00")
    assert not any("需要什么帮助" in m.content for m in bot.sb.sent(resident.id))
    await press(bot, resident, noted, button_index(noted, "洁家家政"))
    slot = await bot.sb.wait_for_message(resident.id, contains="时间", after=noted)
    assert slot.button_texts[0] == "✅ 11月28日 周六 19:00-21:00"
    await press(bot, resident, slot, 0)
    await bot.sb.wait_for_message(resident.id, contains="上门地址", after=slot)
    await bot.ask(resident, "3-2-501", contains="要告诉师傅")
    summary = await bot.ask(resident, "确认", contains="请确认预约")
    assert "确认" not in summary.content.split("备注：")[1] and "19:00-21:00" in summary.content
    gone = await bot.ask(resident, "算了，不约了", contains="这次先不约")
    assert "油烟机清洗" in gone.content and "已取消" not in gone.content
    assert "不收取费用" not in gone.content
    async with bot.runtime.db.read() as tx:
        row = await tx.one("SELECT status, note FROM bookings WHERE id = 1")
    assert row is not None and (row["status"], row["note"]) == ("cancelled", "想找人洗油烟机")


async def test_later_typed_under_the_address_question_is_the_button(bot: Harness) -> None:
    """/start asks for the address with [稍后再说]; typing "later" (or "稍后") is that button."""
    resident = bot.person(6002, "Megan")
    await bot.ask(resident, "/start", contains="请告诉我您的住址")
    fine = await bot.ask(resident, "later")
    assert fine.content == "好的，预约时再填也可以。"
    async with bot.runtime.db.read() as tx:
        waiting = await tx.scalar("SELECT COUNT(*) FROM pending_input")
    assert waiting == 0


async def test_the_next_service_never_drops_the_open_draft(bot: Harness) -> None:
    """➕ 接着约空调清洗 pressed before the range hood is confirmed: the range hood is asked
    again and stays; once it is confirmed, the AC cleaning starts."""
    await crew(bot)
    resident = bot.person(6003, "小周")
    await bot.ask(resident, "明天上午想洗油烟机，顺便空调也洗一下", contains="请选择服务商")
    more = await bot.sb.wait_for_message(resident.id, contains="接着约空调清洗")
    await press(bot, resident, more, "➕ 接着约空调清洗")
    again = await bot.sb.wait_for_message(resident.id, contains="确认后接着帮您约空调清洗")
    assert "预约「油烟机清洗」" in again.content
    await press(bot, resident, again, button_index(again, "洁家家政"))
    slot = await bot.sb.wait_for_message(resident.id, contains="时间", after=again)
    await press(bot, resident, slot, 0)
    await bot.sb.wait_for_message(resident.id, contains="上门地址", after=slot)
    note = await bot.ask(resident, "3-2-501", contains="要告诉师傅")
    await press(bot, resident, note, "跳过")
    summary = await bot.sb.wait_for_message(resident.id, contains="请确认预约", after=note)
    assert "油烟机清洗" in summary.content
    await press(bot, resident, summary, "✅ 确认预约")
    await bot.sb.wait_for_message(resident.id, contains="接着帮您约空调清洗", after=summary)
    await bot.sb.wait_for_message(resident.id, contains="预约「空调清洗」", after=summary)
    async with bot.runtime.db.read() as tx:
        rows = await tx.all("SELECT service, status FROM bookings ORDER BY id")
    assert [(r["service"], r["status"]) for r in rows] == [
        ("range_hood_cleaning", "offered"),
        ("ac_cleaning", "draft"),
    ]


async def test_english_in_the_group_means_english_in_private(bot: Harness) -> None:
    """Megan's Telegram is in Chinese but she writes English in the group: her private chat
    is in English too; after /language zh she gets Chinese whatever she writes."""
    await crew(bot)
    group = await bot.group()
    megan = bot.person(6004, "Megan")
    said = await bot.say(megan, "need someone to clean my kitchen hood tomorrow morning", group)
    answer = await bot.sb.wait_for_message(group.id, after=said.message_id)
    url = next(b["url"] for b in answer.buttons if "url" in b)
    started = await bot.sb.press_start(megan, url.rsplit("start=", 1)[1])
    first = await bot.sb.wait_for_message(megan.id, after=started)
    assert "Choose a provider" in first.content
    await bot.ask(megan, "/language zh")
    menu = await bot.ask(megan, "please find me a cleaner for the kitchen hood")
    assert "请选择服务商" in menu.content
