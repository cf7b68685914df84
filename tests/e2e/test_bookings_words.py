"""The tester's findings on issue 13, end to end: a sentence is never an address (only a
building of this community is), door-code refusals skip the step and a code said at the summary
goes to that booking, "确认" typed confirms, a building named at an urgent job's address step
stays that job's address (and a flood said meanwhile is an emergency), and an accepted ASAP job
is not cancelled free with one tap."""

from __future__ import annotations

from datetime import timedelta

from bot.i18n import T, render
from tests.booking_steps import answer_of, button_index, crew, offer_to, press
from tests.harness import START, Harness


async def test_a_sentence_or_an_unknown_building_is_never_the_address(bot: Harness) -> None:
    """English resident, urgent drain job: "come quickly please" and "99-9-9999" (the sample
    has buildings 1-6) are asked again with an example; "Building 6, unit 1, room 2203" is
    the address, and the worker sees building 6."""
    people = await crew(bot)
    bot.clock.set(START.replace(hour=13, minute=27))
    resident = bot.person(6001, "Tom", language="en")
    choice = await bot.ask(resident, "my toilet is blocked, urgent", contains="Choose a provider")
    await press(bot, resident, choice, button_index(choice, "Kuaixiu"))
    slot = await bot.sb.wait_for_message(resident.id, contains="ASAP", after=choice)
    await press(bot, resident, slot, 0)
    await bot.sb.wait_for_message(resident.id, contains="Building-unit-room", after=slot)
    again = await bot.ask(resident, "come quickly please")
    assert again.content == render(T("onboarding.address_unclear"), "en")
    assert "3-2-501" in again.content
    unknown = await bot.ask(resident, "99-9-9999")
    assert "no building 99" in unknown.content and "1-6" in unknown.content
    confirm = await bot.ask(resident, "Building 6, unit 1, room 2203", contains="Address")
    assert "6-1-2203" in confirm.content and "COME" not in confirm.content
    await press(bot, resident, confirm, 0)
    offer = await offer_to(bot, people.sun)
    assert "6栋" in offer.content and "COME" not in offer.content
    async with bot.runtime.db.read() as tx:
        row = await tx.one("SELECT building, unit, room FROM addresses")
    assert row is not None and tuple(row) == ("6", "1", "2203")


async def test_no_thanks_skips_the_door_code_and_a_code_at_the_summary_is_kept(
    bot: Harness,
) -> None:
    """Plant care: "不用了" at the door-code step skips it (nothing stored); "门锁密码是 778899"
    at the summary is kept for that booking (no new lock booking); "嗯嗯好吧" is asked about
    clearly; "确认" typed confirms and the job goes out."""
    people = await crew(bot)
    resident = bot.person(6001, "刘奶奶")
    choice = await bot.ask(resident, "后天帮我浇浇花，我去女儿家住三天", contains="请选择服务商")
    await press(bot, resident, choice, 0)
    await bot.sb.wait_for_message(resident.id, contains="几点方便", after=choice)
    await bot.ask(resident, "下午", contains="上门地址")
    await bot.ask(resident, "4-2-101", contains="要告诉师傅")
    await bot.ask(resident, "每天浇一次", contains="门锁密码")
    summary = await bot.ask(resident, "不用了", contains="请确认预约")
    assert "门锁密码" not in summary.content
    async with bot.runtime.db.read() as tx:
        row = await tx.one("SELECT door_code FROM bookings WHERE id = 1")
    assert row is not None and row["door_code"] is None
    kept = await bot.ask(resident, "门锁密码是 778899", contains="请确认预约")
    assert "门锁密码已记下" in kept.content and "778899" not in kept.content
    asked = await bot.ask(resident, "嗯嗯好吧", contains="请确认预约")
    assert "还没确认" in asked.content
    done = await bot.ask(resident, "确认", contains="已确认")
    assert "正在为您联系师傅" in done.content
    offer = await offer_to(bot, people.wang)
    assert "778899" not in offer.content
    await press(bot, people.wang, offer, "✅ 接单")
    job = await bot.sb.wait_for_message(people.wang.id, contains="有门锁密码")
    await press(bot, people.wang, job, "🔑 查看门锁密码")
    assert "778899" in await answer_of(bot, people.wang)
    async with bot.runtime.db.read() as tx:
        rows = await tx.all("SELECT service, status FROM bookings ORDER BY id")
    assert [tuple(r) for r in rows] == [("plant_care", "accepted")]  # no lock booking


async def test_a_building_at_the_address_step_is_that_jobs_address_and_a_flood_alarms(
    bot: Harness,
) -> None:
    """ASAP drain job: "我家在三号楼二单元，门口有个鞋柜" asks for the room (no common-area work
    order); "水已经漫到客厅了" is an emergency; "三栋二单元一一零二" completes the address."""
    await crew(bot)
    bot.clock.set(START.replace(hour=13, minute=27))
    resident = bot.person(6001, "老陈")
    choice = await bot.ask(resident, "下水道堵了，急", contains="请选择服务商")
    await press(bot, resident, choice, button_index(choice, "快修师傅"))
    slot = await bot.sb.wait_for_message(resident.id, contains="尽快", after=choice)
    await press(bot, resident, slot, 0)
    await bot.sb.wait_for_message(resident.id, contains="上门地址", after=slot)
    partial = await bot.ask(resident, "我家在三号楼二单元，门口有个鞋柜")
    assert partial.content == render(T("onboarding.address_partial"), "zh")
    flood = await bot.ask(resident, "水已经漫到客厅了", contains="总阀")
    await bot.sb.wait_for_message(bot.staff.id, contains="跑水", after=flood.message_id - 50)
    confirm = await bot.ask(resident, "三栋二单元一一零二", contains="请确认预约")
    assert "地址：3-2-1102" in confirm.content and "管道疏通" in confirm.content
    async with bot.runtime.db.read() as tx:
        rows = await tx.all("SELECT service, kind FROM bookings")
    assert [tuple(r) for r in rows] == [("drain_unclogging", "service")]


async def test_cancelling_an_accepted_asap_job_asks_first_and_is_a_late_cancel(
    bot: Harness,
) -> None:
    """The worker accepted a 尽快 job and is on the way: [取消] asks for confirmation (a
    call-out fee may apply) and, confirmed, is recorded as a late cancel."""
    people = await crew(bot)
    bot.clock.set(START.replace(hour=13, minute=27))
    resident = bot.person(6001, "老陈")
    choice = await bot.ask(resident, "马桶堵了，急", contains="请选择服务商")
    await press(bot, resident, choice, button_index(choice, "快修师傅"))
    slot = await bot.sb.wait_for_message(resident.id, contains="尽快", after=choice)
    await press(bot, resident, slot, 0)
    confirm = await bot.ask(resident, "3-2-1102", contains="请确认预约")
    await press(bot, resident, confirm, "✅ 确认预约")
    offer = await offer_to(bot, people.sun)
    bot.clock.advance(timedelta(minutes=3))
    await press(bot, people.sun, offer, "✅ 接单")
    where = await bot.ask(resident, "师傅几点到", contains="#1")
    await press(bot, resident, where, button_index(where, "取消"))
    ask = await bot.sb.wait_for_message(resident.id, contains="确定取消吗", after=where)
    assert "正在赶来" in ask.content
    async with bot.runtime.db.read() as tx:
        row = await tx.one("SELECT status FROM bookings WHERE id = 1")
    assert row is not None and row["status"] == "accepted"  # nothing cancelled yet
    await press(bot, resident, ask, 0)
    gone = await bot.sb.wait_for_message(resident.id, contains="已取消", after=ask)
    assert "上门费" in gone.content and "不收取费用" not in gone.content
    async with bot.runtime.db.read() as tx:
        row = await tx.one("SELECT status, late_cancel FROM bookings WHERE id = 1")
    assert row is not None and tuple(row) == ("cancelled", 1)


async def test_a_second_service_in_the_same_message_is_offered_next(bot: Harness) -> None:
    """ "明天上午想洗下油烟机，顺便空调也洗一下": the range hood is booked first and the air
    conditioner is not dropped: the resident is told and given a button to book it next."""
    await crew(bot)
    resident = bot.person(6001, "小赵")
    said = await bot.say(resident, "明天上午想洗下油烟机，顺便空调也洗一下")
    choice = await bot.sb.wait_for_message(resident.id, contains="油烟机清洗", after=said)
    second = await bot.sb.wait_for_message(resident.id, contains="空调清洗", after=choice)
    assert "先把油烟机清洗这单约好" in second.content
    assert second.button_texts == ["➕ 接着约空调清洗"]


async def test_a_cleaning_asked_of_a_dripping_aircon_is_one_service(bot: Harness) -> None:
    """ "the aircon … is dripping water, need someone to clean it" (retest of issue 13, F10):
    air-conditioner cleaning, and "clean it" is the same ask, not home cleaning next."""
    await crew(bot)
    resident = bot.person(6002, "Megan", language="en")
    said = await bot.say(
        resident, "the aircon in my bedroom is dripping water, need someone to clean it"
    )
    await bot.sb.wait_for_message(resident.id, contains="Air-conditioner cleaning", after=said)
    await bot.sb.wait_idle()
    shown = [m for m in bot.sb.sent(resident.id) if m.message_id > said.message_id]
    assert not any("Home cleaning" in m.content or "also mentioned" in m.content for m in shown)
    assert not any("Appliance repair" in m.content for m in shown)


async def test_a_second_service_joined_by_and_is_offered_next(bot: Harness) -> None:
    """ "could someone clean our range hood and the AC units … Saturday or Sunday? we have 3 AC
    units" (tester item 10): the range hood is booked first, the air conditioners are offered
    next, not silently dropped."""
    await crew(bot)
    resident = bot.person(6003, "Emma", language="en")
    said = await bot.say(
        resident,
        "Hi all, could someone clean our range hood and the AC units sometime this Saturday"
        " or Sunday? we have 3 AC units",
    )
    first = await bot.sb.wait_for_message(resident.id, contains="Range hood cleaning", after=said)
    second = await bot.sb.wait_for_message(
        resident.id, contains="Air-conditioner cleaning", after=first
    )
    assert len(second.button_texts) == 1 and "Air-conditioner cleaning" in second.button_texts[0]
