"""Issue 13 end to end: an urgent job at 13:27 (ASAP first, dispatched at once), days of care
("出差两天"), typed times at the time step, cancel words at the note step, and an English
request answered in English in the group."""

from __future__ import annotations

from datetime import timedelta

from bot import deadlines
from tests.booking_steps import button_index, crew, offer_to, press, staff_reminded_of
from tests.harness import START, Harness


async def test_blocked_toilet_at_1327_is_sent_at_once_and_accepted(bot: Harness) -> None:
    """'马桶堵了，急！现在能来人吗' at 13:27: 尽快 is the first choice (not 明天上午); after the
    address the job goes out at once with the 15-minute window; the resident hears who took it."""
    people = await crew(bot)
    bot.clock.set(START.replace(hour=13, minute=27))
    group = await bot.group()
    resident = bot.person(6001, "小李")
    said = await bot.say(resident, "马桶堵了，急！现在能来人吗", group)
    answer = await bot.sb.wait_for_message(group.id, after=said.message_id)
    url = next(b["url"] for b in answer.buttons if "url" in b)
    started = await bot.sb.press_start(resident, url.rsplit("start=", 1)[1])
    choice = await bot.sb.wait_for_message(resident.id, contains="请选择服务商", after=started)
    await press(bot, resident, choice, button_index(choice, "快修师傅"))
    slot = await bot.sb.wait_for_message(resident.id, contains="尽快", after=choice)
    assert slot.button_texts[0] == "✅ 尽快" and "明天上午" in slot.button_texts[1:]
    await press(bot, resident, slot, "✅ 尽快")
    await bot.sb.wait_for_message(resident.id, contains="上门地址", after=slot)
    confirm = await bot.ask(resident, "3-2-501", contains="请确认预约")  # no note step
    assert "时间：尽快" in confirm.content
    await press(bot, resident, confirm, "✅ 确认预约")
    await bot.sb.wait_for_message(resident.id, contains="正在为您联系快修师傅", after=confirm)
    offer = await offer_to(bot, people.sun)
    assert "时间：尽快" in offer.content and "501" not in offer.content
    async with bot.runtime.db.read() as tx:
        due = [d.due_at for d in await deadlines.pending(tx, "bk:1:offer:")]
    assert due == [START.replace(hour=13, minute=42)]
    bot.clock.advance(timedelta(minutes=4))
    await press(bot, people.sun, offer, "✅ 接单")
    told = await bot.sb.wait_for_message(resident.id, contains="已接单", after=confirm)
    assert "孙师傅已接单，会尽快上门" in told.content
    where = await bot.ask(resident, "师傅几点到", contains="#1")
    assert "孙师傅已接单，会尽快上门" in where.content


async def test_cat_feeding_for_two_days_is_one_booking_with_the_total_and_a_daytime_hour(
    bot: Harness,
) -> None:
    """'后天想找人上门喂猫，我要出差两天': 2 days, the hour asked (no midnight), the total."""
    people = await crew(bot)
    resident = bot.person(6001, "小李")
    choice = await bot.ask(resident, "后天想找人上门喂猫，我要出差两天", contains="请选择服务商")
    await press(bot, resident, choice, 0)
    hours = await bot.sb.wait_for_message(resident.id, contains="几点方便", after=choice)
    assert "11月30日 周一（共2天）" in hours.content and "00:00" not in hours.content
    assert hours.button_texts == ["上午 09:00-12:00", "下午 14:00-17:00", "晚上 18:00-20:00"]
    await bot.ask(resident, "上午10点", contains="上门地址")
    note = await bot.ask(resident, "3-2-501", contains="要告诉师傅")
    await press(bot, resident, note, "跳过")
    door = await bot.sb.wait_for_message(resident.id, contains="门锁密码", after=note)
    await press(bot, resident, door, "跳过")
    confirm = await bot.sb.wait_for_message(resident.id, contains="请确认预约", after=door)
    assert "¥50/天 × 2 天 = ¥100" in confirm.content
    assert "11月30日 周一 10:00-12:00 起，共2天" in confirm.content
    await press(bot, resident, confirm, "✅ 确认预约")
    offer = await offer_to(bot, people.wang)
    assert "¥50/天 × 2 天 = ¥100" in offer.content and "共2天" in offer.content
    await press(bot, people.wang, offer, "✅ 接单")
    async with bot.runtime.db.read() as tx:
        reminders = [d.due_at for d in await deadlines.pending(tx, "bk:1:remind:")]
    # 2h before 10:00, in the day: one before each of the two days
    assert reminders == [START.replace(day=30, hour=8), START.replace(month=12, day=1, hour=8)]


async def test_a_typed_time_and_cancel_words_keep_the_booking_going_or_end_it(
    bot: Harness,
) -> None:
    """'今天下午4点' at the time step books 16:00 (no category menu); '算了，不约了' at the note
    step cancels the draft instead of becoming its note."""
    await crew(bot)
    resident = bot.person(6001, "小李")
    choice = await bot.ask(resident, "想找人洗油烟机", contains="请选择服务商")
    await press(bot, resident, choice, 0)
    await bot.sb.wait_for_message(resident.id, contains="想约什么时间", after=choice)
    await bot.ask(resident, "今天下午4点", contains="上门地址")
    await bot.ask(resident, "3-2-501", contains="要告诉师傅")
    gone = await bot.ask(resident, "算了，不约了", contains="这次先不约")
    assert "油烟机清洗" in gone.content
    assert not any("请确认预约" in m.content for m in bot.sb.sent(resident.id))
    async with bot.runtime.db.read() as tx:
        row = await tx.one("SELECT status, note, slot_start FROM bookings WHERE id = 1")
    # the request's own words are its note, never the cancel words
    assert row is not None and (row["status"], row["note"]) == ("cancelled", "想找人洗油烟机")
    assert row["slot_start"].startswith("2026-11-28T08:00")  # 16:00 in Shanghai, kept in UTC


async def test_an_english_request_in_the_group_is_answered_in_english(bot: Harness) -> None:
    await crew(bot)
    group = await bot.group()
    resident = bot.person(6001, "Tom", language="zh-hans")
    said = await bot.say(resident, "my toilet is blocked, can someone come asap?", group)
    answer = await bot.sb.wait_for_message(group.id, after=said.message_id)
    assert answer.button_texts == ["Continue privately 👉", "✖ Not a request"]
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in answer.content), answer.content
    other = await bot.say(bot.person(6002, "老周"), "马桶堵了，谁能来通一下", group)
    chinese = await bot.sb.wait_for_message(group.id, after=other.message_id)
    assert "管道疏通" in chinese.content


async def test_burst_pipe_at_1327_is_an_emergency_then_a_plumber_sent_at_once(
    bot: Harness,
) -> None:
    """Issue 13's own words, '水管爆了，急！现在能来人吗', at 13:27 in private: an emergency first
    (shut-off advice, staff alerted), then the offer of a plumber; pressing it books 尽快 and
    the job goes out at once to the plumber, who accepts."""
    people = await crew(bot)
    bot.clock.set(START.replace(hour=13, minute=27))
    resident = bot.person(6001, "小李")
    await bot.ask(resident, "/start")
    await bot.ask(resident, "3-2-501", contains="住址")
    advice = await bot.ask(resident, "水管爆了，急！现在能来人吗", contains="总阀")
    alert = await bot.sb.wait_for_message(bot.staff.id, contains="家中跑水")
    assert "水管爆了" in alert.content
    offer_plumber = await bot.sb.wait_for_message(
        resident.id, contains="维修师傅", after=advice.message_id - 1
    )
    assert offer_plumber.button_texts == ["⚡ 尽快派水管师傅"]
    await press(bot, resident, offer_plumber, "⚡ 尽快派水管师傅")
    # 尽快 for real: no provider or time to choose, the known address, then confirm
    confirm = await bot.sb.wait_for_message(
        resident.id, contains="请确认预约", after=offer_plumber
    )
    assert "水管维修" in confirm.content and "时间：尽快" in confirm.content
    await press(bot, resident, confirm, "✅ 确认预约")
    offer = await offer_to(bot, people.wang)  # the best-ranked plumber: the property's team
    assert "时间：尽快" in offer.content
    await press(bot, people.wang, offer, "✅ 接单")
    await bot.sb.wait_for_message(resident.id, contains="已接单", after=confirm)


async def test_the_flood_button_books_a_plumber_asap_and_the_draft_it_interrupted_goes_on(
    bot: Harness,
) -> None:
    """At the address step of a cleaning booking, '家里水管爆了': the advice and ⚡; the button
    books the plumber for 尽快 (no provider or time to choose), dispatched at once with the
    15-minute window; then the cleaning draft is asked again, where it was left."""
    people = await crew(bot)
    bot.clock.set(START.replace(hour=13, minute=27))
    resident = bot.person(6001, "小李")
    choice = await bot.ask(resident, "明天上午想找人洗一下油烟机", contains="请选择服务商")
    await press(bot, resident, choice, 0)
    slot = await bot.sb.wait_for_message(resident.id, contains="时间", after=choice)
    await press(bot, resident, slot, 0)
    await bot.sb.wait_for_message(resident.id, contains="上门地址", after=slot)
    advice = await bot.ask(resident, "家里水管爆了", contains="总阀")
    button = await bot.sb.wait_for_message(resident.id, contains="派单", after=advice)
    await press(bot, resident, button, "⚡ 尽快派水管师傅")
    where = await bot.sb.wait_for_message(resident.id, contains="上门地址", after=button)
    assert "请选择服务商" not in where.content
    confirm = await bot.ask(resident, "3-2-501", contains="请确认预约")
    assert "水管维修" in confirm.content and "时间：尽快" in confirm.content
    await press(bot, resident, confirm, "✅ 确认预约")
    await bot.sb.wait_for_message(resident.id, contains="正在为您联系", after=confirm)
    again = await bot.sb.wait_for_message(resident.id, contains="还没完成", after=confirm)
    assert "油烟机清洗" in again.content
    note = await bot.sb.wait_for_message(resident.id, contains="要告诉师傅", after=again)
    offer = await offer_to(bot, people.wang)  # the property's team is cheapest for plumbing
    assert "时间：尽快" in offer.content
    async with bot.runtime.db.read() as tx:
        due = [d.due_at for d in await deadlines.pending(tx, "bk:2:offer:")]
    assert due == [START.replace(hour=13, minute=42)]
    await press(bot, resident, note, "跳过")
    summary = await bot.sb.wait_for_message(resident.id, contains="请确认预约", after=note)
    assert "油烟机清洗" in summary.content and "3-2-501" in summary.content


async def test_the_address_given_for_the_flood_plumber_is_the_emergencys_place(
    bot: Harness,
) -> None:
    """tester3: '厨房水管爆了' in private from someone with no address, the ⚡ plumber booked
    with '3-2-501': the staff's reminders carry that flat, never '地址：未说明'."""
    await crew(bot)
    bot.clock.set(START.replace(hour=13, minute=27))
    resident = bot.person(6002, "小周")
    advice = await bot.ask(resident, "厨房水管爆了 水一直往外喷 关不住", contains="总阀")
    alert = await bot.sb.wait_for_message(bot.staff.id, contains="家中跑水")
    assert "未说明" in alert.content
    button = await bot.sb.wait_for_message(resident.id, contains="派单", after=advice)
    await press(bot, resident, button, "⚡ 尽快派水管师傅")
    await bot.sb.wait_for_message(resident.id, contains="上门地址", after=button)
    confirm = await bot.ask(resident, "3-2-501", contains="请确认预约")
    await press(bot, resident, confirm, "✅ 确认预约")
    told = await bot.sb.wait_for_message(bot.staff.id, contains="3-2-501")
    assert "小周" in told.content
    await staff_reminded_of(bot, "3-2-501")
