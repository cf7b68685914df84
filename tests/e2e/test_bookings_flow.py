"""Booking end to end: book, accept, remind, arrive, done, rate."""

from __future__ import annotations

from datetime import timedelta

from tests.booking_steps import answer_of, book, crew, last_id, offer_to, press
from tests.harness import Harness


async def test_group_request_becomes_a_rated_job(bot: Harness) -> None:
    """A request in the group ends, through the private flow and dispatch, as a rated job."""
    people = await crew(bot)
    group = await bot.group()
    resident = bot.person(6001, "小李")
    contacting = await book(bot, resident, "明天上午想找人洗一下油烟机，有人能约吗？", group=group)
    assert "洁家家政" in contacting.content

    offer = await offer_to(bot, people.zhao)
    assert "油烟机" in offer.content and "3栋" in offer.content and "501" not in offer.content
    assert offer.button_texts == ["✅ 接单", "❌ 拒绝"]
    bot.clock.advance(timedelta(minutes=5))
    await press(bot, people.zhao, offer, "✅ 接单")
    told = await bot.sb.wait_for_message(resident.id, contains="已接单", after=contacting)
    assert "赵阿姨已接单，11月29日 周日 09:00-12:00 上门" in told.content
    job = await bot.sb.wait_for_message(people.zhao.id, contains="3-2-501")
    assert job.button_texts == ["📍 已到达", "↩️ 退单", "💬 联系业主"]

    await bot.advance(timedelta(hours=23))  # Sun 07:05, 2h before the 09:00 slot has passed
    await bot.sb.wait_for_message(resident.id, contains="提醒：赵阿姨", after=told)
    reminder = await bot.sb.wait_for_message(people.zhao.id, contains="提醒", after=job)
    await press(bot, people.zhao, reminder, "📍 已到达")
    await bot.sb.wait_for_message(resident.id, contains="已到达", after=told)
    arrived = await bot.sb.wait_for_message(people.zhao.id, contains="已记录到达")
    await press(bot, people.zhao, arrived, "✅ 已完工")
    rate = await bot.sb.wait_for_message(resident.id, contains="请打分", after=told)
    assert rate.button_texts == ["1⭐", "2⭐", "3⭐", "4⭐", "5⭐"]
    await press(bot, resident, rate, "5⭐")
    await bot.sb.wait_for_message(resident.id, contains="5星评价", after=rate)
    await bot.ask(resident, "很干净，师傅很仔细", contains="谢谢")

    rt = bot.runtime
    async with rt.db.read() as tx:
        row = await tx.one("SELECT * FROM ratings")
        status = await tx.scalar("SELECT status FROM bookings")
        events = [e.action for e in await rt.audit.timeline(tx, "booking:1")]
    assert row is not None and row["stars"] == 5 and row["comment"] == "很干净，师傅很仔细"
    assert row["provider_id"] == "jiejia" and status == "rated"
    for action in ("confirmed", "offered", "accepted", "reminded", "arrived", "done", "rated"):
        assert action in events

    # staff see the timeline; the next resident sees the rating and the typical response time
    card = await bot.ask(bot.staff, "/booking 1", contains="订单 #1")
    assert "已完成" in card.content and "赵阿姨 接单（洁家家政）" in card.content
    other = bot.person(6002, "老周")
    choice = await bot.ask(other, "想洗油烟机", contains="请选择服务商")
    line = next(t for t in choice.button_texts if t.startswith("洁家家政"))
    assert "★5.0（1条评价）" in line and "通常5分钟内响应" in line
    assert "市场参考价：¥240" in choice.content


async def test_private_booking_asks_address_once_and_offers_quick_slots(bot: Harness) -> None:
    """Without a stored address it is asked once and remembered; quick slot choices work."""
    await crew(bot)
    resident = bot.person(6001, "小李")
    choice = await bot.ask(resident, "想找人洗油烟机", contains="请选择服务商")
    await press(bot, resident, choice, 0)
    slot = await bot.sb.wait_for_message(resident.id, contains="想约什么时间", after=choice)
    assert "明天上午" in slot.button_texts and "后天下午" in slot.button_texts
    await press(bot, resident, slot, "明天下午")
    await press(bot, resident, choice, 1)  # an earlier step's button: the draft moved on
    assert "已经失效" in await answer_of(bot, resident)
    await bot.sb.wait_for_message(resident.id, contains="上门地址", after=slot)
    await bot.ask(resident, "就在那边", contains="没看懂")
    await bot.ask(resident, "3栋2单元501", contains="要告诉师傅")
    confirm = await bot.ask(resident, "油烟机很久没洗了", contains="请确认预约")
    assert "14:00-17:00" in confirm.content and "3-2-501" in confirm.content
    assert "油烟机很久没洗了" in confirm.content
    await press(bot, resident, confirm, "✅ 确认预约")
    await bot.sb.wait_for_message(resident.id, contains="正在为您联系", after=confirm)
    # second booking: the address is remembered, not asked again
    start = last_id(bot, resident.id)
    contacting = await book(bot, resident, "后天想请人打扫卫生", provider="洁家家政", address=None)
    assert contacting.message_id > start
    assert not any(
        "上门地址" in m.content for m in bot.sb.sent(resident.id) if m.message_id > start
    )


async def test_a_draft_survives_a_restart(harness: Harness) -> None:
    """The draft is a row: after a restart the resident carries on where they were."""
    async with harness.running():
        await crew(harness)
        resident = harness.person(6001, "小李")
        choice = await harness.ask(resident, "明天上午想洗油烟机", contains="请选择服务商")
        await press(harness, resident, choice, 0)
        slot = await harness.sb.wait_for_message(resident.id, contains="时间", after=choice)
        await harness.sb.wait_idle(quiet=0.05)
    async with harness.running():
        await press(harness, resident, slot, 0)
        await harness.sb.wait_for_message(resident.id, contains="上门地址", after=slot)
        note = await harness.ask(resident, "3-2-501", contains="要告诉师傅")
        await press(harness, resident, note, "跳过")
        confirm = await harness.sb.wait_for_message(resident.id, contains="请确认", after=note)
        assert "洁家家政" in confirm.content and "09:00-12:00" in confirm.content


async def test_the_group_writers_words_reach_the_worker_who_accepts(bot: Harness) -> None:
    """'厨房水槽堵了，明天上午来，2号楼' in the group: the booking keeps those words as its
    note (the group never sees more than the service), and the worker who accepts reads them
    rather than only '管道疏通'."""
    people = await crew(bot)
    group = await bot.group()
    resident = bot.person(6001, "小李")
    said = "厨房水槽堵了，明天上午来，2号楼"
    sent = await bot.say(resident, said, group)
    answer = await bot.sb.wait_for_message(group.id, after=sent.message_id)
    url = next(b["url"] for b in answer.buttons if "url" in b)
    started = await bot.sb.press_start(resident, url.rsplit("start=", 1)[1])
    choice = await bot.sb.wait_for_message(resident.id, contains="请选择服务商", after=started)
    await press(bot, resident, choice, 1)  # 快修师傅
    slot = await bot.sb.wait_for_message(resident.id, contains="时间", after=choice)
    await press(bot, resident, slot, next(b for b in slot.button_texts if "明天上午" in b))
    note = await bot.ask(resident, "2-1-302", contains="要告诉师傅")
    await press(bot, resident, note, "跳过")
    confirm = await bot.sb.wait_for_message(resident.id, contains="请确认预约", after=note)
    assert f"备注：{said}" in confirm.content
    await press(bot, resident, confirm, "✅ 确认预约")
    offer = await offer_to(bot, people.sun)
    await press(bot, people.sun, offer, "✅ 接单")
    job = await bot.sb.wait_for_message(people.sun.id, contains="您已接单")
    assert said in job.content and "2-1-302" in job.content
    assert not any("2-1-302" in m.content for m in bot.sb.sent(group.id))
