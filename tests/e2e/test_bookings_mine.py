"""Issue 13 end to end: my bookings and "师傅几点到", rescheduling agreed and refused by the
worker, and the saved address changed in plain words (never shown in a group)."""

from __future__ import annotations

from bot.devtools.sandbox import SandboxMessage
from tests.booking_steps import book, crew, offer_to, press
from tests.harness import Harness


async def test_my_bookings_and_when_the_worker_comes(bot: Harness) -> None:
    people = await crew(bot)
    resident = bot.person(6001, "小李")
    none = await bot.ask(resident, "我的预约", contains="没有预约")
    assert not none.buttons
    await book(bot, resident)
    waiting = await bot.ask(resident, "师傅几点到", contains="#1")
    assert "正在联系洁家家政，还没有师傅接单" in waiting.content
    offer = await offer_to(bot, people.zhao)
    await press(bot, people.zhao, offer, "✅ 接单")
    await bot.sb.wait_for_message(resident.id, contains="已接单")
    mine = await bot.ask(resident, "我的预约", contains="您的预约")
    assert "#1 油烟机清洗 · 已接单（赵阿姨） · 11月29日 周日 09:00-12:00" in mine.content
    assert mine.button_texts == ["🕑 改时间 #1", "取消 #1"]
    again = await bot.ask(resident, "/mybookings", contains="您的预约")
    assert again.content == mine.content
    where = await bot.ask(resident, "师傅几点到？", contains="#1")
    assert "赵阿姨已接单，11月29日 周日 09:00-12:00 上门" in where.content


async def test_a_new_time_agreed_then_one_refused(bot: Harness) -> None:
    """'能不能改到下午' goes to the assigned worker, who agrees (the job message shows the new
    time); a second change she cannot make leaves the time as it was."""
    people = await crew(bot)
    resident = bot.person(6001, "小李")
    await book(bot, resident)  # Sunday 09:00-12:00
    offer = await offer_to(bot, people.zhao)
    await press(bot, people.zhao, offer, "✅ 接单")
    await bot.sb.wait_for_message(resident.id, contains="已接单")
    sent = await bot.ask(resident, "能不能改到下午", contains="已把新时间")
    assert "赵阿姨" in sent.content
    asked = await bot.sb.wait_for_message(people.zhao.id, contains="想把时间从")
    assert "09:00-12:00" in asked.content and "13:00-18:00" in asked.content
    assert asked.button_texts == ["✅ 可以", "❌ 不行"]
    await press(bot, people.zhao, asked, "✅ 可以")
    agreed = await bot.sb.wait_for_message(resident.id, contains="同意了", after=sent)
    assert "11月29日 周日 13:00-18:00" in agreed.content

    def job() -> SandboxMessage:
        return next(m for m in bot.sb.sent(people.zhao.id) if "您已接单" in m.content)

    await bot.sb.wait_for(lambda: "13:00-18:00" in job().content)  # the job message, edited
    assert job().button_texts[0] == "📍 已到达"
    answered = next(m for m in bot.sb.sent(people.zhao.id) if "已改到" in m.content)
    assert answered.message_id == asked.message_id and not answered.button_texts

    mine = await bot.ask(resident, "我的预约", contains="您的预约")
    await press(bot, resident, mine, "🕑 改时间 #1")
    ask = await bot.sb.wait_for_message(resident.id, contains="想改到什么时候", after=mine)
    moving = await bot.ask(resident, "后天上午10点", contains="已把新时间")
    second = await bot.sb.wait_for_message(people.zhao.id, contains="10:00", after=asked)
    await press(bot, people.zhao, second, "❌ 不行")
    refused = await bot.sb.wait_for_message(resident.id, contains="不方便", after=moving)
    assert "原来的时间 11月29日 周日 13:00-18:00 不变" in refused.content
    assert refused.button_texts == ["🕑 改时间 #1", "取消 #1"]
    assert ask.button_texts  # quick choices were offered too
    async with bot.runtime.db.read() as tx:
        row = await tx.one("SELECT slot_start, proposed_start FROM bookings WHERE id = 1")
    assert row is not None and row["proposed_start"] is None
    assert row["slot_start"].startswith("2026-11-29T05:00")  # 13:00 in Shanghai


async def test_the_address_changed_in_words_is_used_and_kept_private(bot: Harness) -> None:
    await crew(bot)
    group = await bot.group()
    resident = bot.person(6001, "小李")
    await bot.say(resident, "/start")
    await bot.sb.wait_for_message(resident.id, contains="住址")
    await bot.ask(resident, "3-2-501", contains="已记下")
    changed = await bot.ask(resident, "我的地址改成5栋1单元302", contains="已更新您的住址")
    assert "5-1-302" in changed.content
    contacting = await book(bot, resident, address=None, group=group)
    confirm = [m for m in bot.sb.sent(resident.id) if "请确认预约" in m.content][-1]
    assert "5-1-302" in confirm.content and contacting is not None
    assert confirm.button_texts == [] and "✅ 已确认" in confirm.content  # buttons gone once sent
    again = await bot.ask(resident, "my address is now 6-3-1201", contains="已更新您的住址")
    assert "已提交的预约 #1 仍按原地址上门" in again.content
    for message in bot.sb.messages(group.id):
        assert "302" not in message.content and "1201" not in message.content
