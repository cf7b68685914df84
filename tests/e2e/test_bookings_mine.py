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
    assert "09:00-12:00" in asked.content and "14:00-17:00" in asked.content
    assert asked.button_texts == ["✅ 可以", "❌ 不行"]
    await press(bot, people.zhao, asked, "✅ 可以")
    agreed = await bot.sb.wait_for_message(resident.id, contains="同意了", after=sent)
    assert "11月29日 周日 14:00-17:00" in agreed.content

    def job() -> SandboxMessage:
        return next(m for m in bot.sb.sent(people.zhao.id) if "您已接单" in m.content)

    await bot.sb.wait_for(lambda: "14:00-17:00" in job().content)  # the job message, edited
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
    assert "原来的时间 11月29日 周日 14:00-17:00 不变" in refused.content
    assert refused.button_texts == ["🕑 改时间 #1", "取消 #1"]
    assert ask.button_texts  # quick choices were offered too
    async with bot.runtime.db.read() as tx:
        row = await tx.one("SELECT slot_start, proposed_start FROM bookings WHERE id = 1")
    assert row is not None and row["proposed_start"] is None
    assert row["slot_start"].startswith("2026-11-29T06:00")  # 14:00 in Shanghai


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
    # written in English: answered in English (retest F9)
    again = await bot.ask(resident, "my address is now 6-3-1201", contains="Your address is now")
    assert "Open bookings (#1) still go to the old address" in again.content
    for message in bot.sb.messages(group.id):
        assert "302" not in message.content and "1201" not in message.content


async def test_a_new_address_and_skip_words_at_the_note_and_door_steps(bot: Harness) -> None:
    """Issue 13 retest: "我的地址改成3栋2单元501" typed at the note step changes the draft's
    address (it is not the note; the worker goes to the new door), and "skip" / "none" typed at
    the note and door-code steps skip them (no note "skip", no door code "none")."""
    people = await crew(bot)
    resident = bot.person(6001, "小李")
    choice = await bot.ask(resident, "后天想找人上门喂猫", contains="请选择服务商")
    await press(bot, resident, choice, 0)
    hours = await bot.sb.wait_for_message(resident.id, contains="几点方便", after=choice)
    await bot.ask(resident, "上午10点", contains="上门地址")
    note = await bot.ask(resident, "5-1-302", contains="要告诉师傅")
    again = await bot.ask(resident, "我的地址改成3栋2单元501", contains="要告诉师傅")
    assert "3-2-501" in again.content and hours is not None
    door = await bot.ask(resident, "skip", contains="门锁密码")
    confirm = await bot.ask(resident, "none", contains="请确认预约")
    assert "skip" not in confirm.content and "已加密保存" not in confirm.content
    assert "3-2-501" in confirm.content and "302" not in confirm.content and note and door
    async with bot.runtime.db.read() as tx:
        row = await tx.one("SELECT note, door_code, room FROM bookings WHERE id = 1")
    said = ("后天想找人上门喂猫", None, "501")  # the request's own words are its note
    assert row is not None and (row["note"], row["door_code"], row["room"]) == said
    await press(bot, resident, confirm, "✅ 确认预约")
    offer = await offer_to(bot, people.wang)
    assert "skip" not in offer.content


async def test_addresses_said_in_words_at_every_prompt(bot: Harness) -> None:
    """Issue 13 retest: "my address is 2-1-803" at the first-time prompt, "地址换了 2-2-202" at
    the /address prompt, "1栋1单元101 我妈家" and "我搬家了，新地址是…" (no removal booking)."""
    await crew(bot)
    resident = bot.person(6001, "小李")
    await bot.say(resident, "/start")
    await bot.sb.wait_for_message(resident.id, contains="住址")
    first = await bot.ask(resident, "my address is 2-1-803", contains="Saved your address")
    assert "2-1-803" in first.content
    await bot.ask(resident, "/address", contains="new address")  # English since (retest F9)
    changed = await bot.ask(resident, "地址换了 2-2-202", contains="已更新您的住址")  # Chinese
    assert "2-2-202" in changed.content
    await bot.ask(resident, "/address", contains="新的住址")
    mums = await bot.ask(resident, "1栋1单元101 我妈家", contains="已更新您的住址")
    assert "1-1-101" in mums.content
    moved = await bot.ask(resident, "我搬家了，新地址是3栋2单元501", contains="已更新您的住址")
    assert "3-2-501" in moved.content and "搬家" not in moved.content


async def test_the_workers_number_is_not_shared_the_private_line_is_offered(bot: Harness) -> None:
    """'师傅电话多少' got the category menu: numbers stay private, the line to the worker of the
    open booking is offered instead (and nothing when no worker has accepted yet)."""
    people = await crew(bot)
    resident = bot.person(6001, "小李")
    none = await bot.ask(resident, "师傅电话多少", contains="不公开")
    assert "还没有师傅接单" in none.content and not none.buttons
    await book(bot, resident)
    offer = await offer_to(bot, people.zhao)
    await press(bot, people.zhao, offer, "✅ 接单")
    await bot.sb.wait_for_message(resident.id, contains="已接单")
    line = await bot.ask(resident, "阿姨电话给我一下", contains="不公开")
    assert line.button_texts == ["💬 联系师傅 #1"]
    assert "1380" not in line.content
    await press(bot, resident, line, 0)
    await bot.sb.wait_for_message(resident.id, contains="赵阿姨", after=line)
    await press(
        bot,
        resident,
        await bot.sb.wait_for_message(resident.id, contains="赵阿姨", after=line),
        "结束对话",
    )
    english = await bot.ask(resident, "what's the cleaner's phone number?", contains="not shared")
    assert english.button_texts == ["💬 Message the worker #1"]  # English now (retest F9)
    group = await bot.group()
    said = await bot.say(resident, "师傅电话多少", group)
    answer = await bot.sb.wait_for_message(group.id, after=said.message_id)
    assert "不公开" in answer.content
