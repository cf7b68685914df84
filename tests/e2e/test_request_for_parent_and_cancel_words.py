"""The second #13 retest's flow findings, end to end: a request for a parent sent while the
address question is open is a request (never the writer's address), and cancel words work at
the note step and at /address, in Chinese and English."""

from __future__ import annotations

from datetime import timedelta

from tests.booking_steps import book, button_index, crew, offer_to, press
from tests.e2e.test_bookings_onsite import accepted, last_id
from tests.harness import START, Harness


async def test_a_parents_address_sent_at_the_address_question_is_a_request(bot: Harness) -> None:
    """F9: 小林's first message after /start books for his father: not saved as his address."""
    bot.clock.set(START.replace(hour=10))
    lin = bot.person(6201, "小林")
    await bot.ask(lin, "/start")
    said = await bot.ask(lin, "我爸一个人住在二号楼一单元802 想给他请个阿姨周日上午去打扫一下卫生")
    assert "已记下您的住址" not in said.content, said.content
    assert "保洁" in said.content or "服务商" in said.content, said.content
    async with bot.runtime.db.read() as tx:
        saved = await tx.one("SELECT COUNT(*) FROM addresses")
    assert saved is not None and saved[0] == 0


async def test_cancel_words_at_the_note_step_and_at_address(bot: Harness) -> None:
    """F10/F11: "这个不约了" at the note step ends the draft (never the note); "never mind" at
    /address keeps the address."""
    bot.clock.set(START.replace(hour=10))
    await crew(bot)  # providers with someone to take the job
    mum = bot.person(6202, "小周妈妈")
    await bot.ask(mum, "/start")
    await bot.ask(mum, "3-2-501", contains="住址")
    choice = await bot.ask(mum, "明天上午想找人洗一下油烟机", contains="请选择服务商")
    await press(bot, mum, choice, button_index(choice, "洁家"))
    step = await bot.sb.wait_for_message(mum.id, contains="时间", after=choice)
    await press(bot, mum, step, 0)
    step = await bot.sb.wait_for_message(mum.id, contains="要告诉师傅", after=step)
    said = await bot.ask(mum, "哎呀我老公说他自己打扫 这个不约了")
    assert "备注" not in said.content and "请确认" not in said.content, said.content
    async with bot.runtime.db.read() as tx:
        drafts = await tx.one("SELECT COUNT(*) FROM bookings WHERE status = 'draft'")
    assert drafts is not None and drafts[0] == 0

    emma = bot.person(6203, "Emma", language="en")
    await bot.ask(emma, "/start")
    await bot.ask(emma, "6-1-303")
    await bot.ask(emma, "/address")
    kept = await bot.ask(emma, "never mind")
    assert "stays" in kept.content, kept.content


async def _summary(bot: Harness, user, text: str):  # type: ignore[no-untyped-def]
    """A range-hood cleaning walked to its summary (first time, no note)."""
    choice = await bot.ask(user, text)
    await press(bot, user, choice, button_index(choice, "洁家" if user.id != 6204 else "Jiejia"))
    step = await bot.sb.wait_for_message(user.id, after=choice)
    await press(bot, user, step, 0)
    step = await bot.sb.wait_for_message(user.id, after=step)
    await press(bot, user, step, len(step.button_texts) - 1)  # skip the note
    return await bot.sb.wait_for_message(user.id, after=step)


async def _drafts(bot: Harness) -> int:
    async with bot.runtime.db.read() as tx:
        found = await tx.one("SELECT COUNT(*) FROM bookings WHERE status = 'draft'")
    assert found is not None
    return int(found[0])


async def test_typed_confirm_after_an_address_change_confirms(bot: Harness) -> None:
    """F8: another address for this booking, then "confirm" typed, confirms (en); an address
    change typed at the summary shows the summary again, and "确认" confirms it (zh)."""
    bot.clock.set(START.replace(hour=10))
    await crew(bot)  # providers with someone to take the job
    lin = bot.person(6205, "小林")
    await bot.ask(lin, "/start")
    await bot.ask(lin, "3-2-501", contains="住址")
    summary = await _summary(bot, lin, "明天上午想找人洗一下油烟机")
    assert "请确认" in summary.content, summary.content
    again = await bot.ask(lin, "我的地址改成4栋3单元1101")
    assert "请确认" in again.content and "4-3-1101" in again.content, again.content
    await bot.ask(lin, "确认", contains="正在为您联系")
    assert await _drafts(bot) == 0

    summary = await _summary(bot, lin, "后天上午想找人洗一下油烟机")
    await press(bot, lin, summary, button_index(summary, "📍"))
    await bot.sb.wait_for_message(lin.id, after=summary)
    once = await bot.ask(lin, "6-1-303")
    assert "请确认" in once.content and "6-1-303" in once.content, once.content
    await bot.ask(lin, "confirm", contains="正在为您联系")
    assert await _drafts(bot) == 0


async def test_typed_answers_to_is_the_worker_there(bot: Harness) -> None:
    """F12: "一个人影都没有 等了一个多钟头了" typed under "师傅到了吗？" works like its ❌ button
    (re-offered, staff told); "到了" typed after the next worker is late works like ✅."""
    people = await crew(bot)
    resident = bot.person(6001, "王大爷")
    await accepted(bot, resident, people.zhao)
    ask = await bot.sb.wait_for_message(people.zhao.id, contains="多久能到")
    await press(bot, people.zhao, ask, "30分钟内")
    promised = await bot.sb.wait_for_message(resident.id, contains="预计 08:30 前到达")
    await bot.advance(timedelta(minutes=41))
    await bot.sb.wait_for_message(resident.id, contains="师傅到了吗", after=promised)
    before = last_id(bot, people.sun.id)
    await bot.say(resident, "一个人影都没有 等了一个多钟头了")
    await bot.sb.wait_for_message(resident.id, contains="师傅没有来")  # the question, edited
    offer = await offer_to(bot, people.sun, after=before)
    await bot.sb.wait_for_message(bot.staff.id, contains="没有上门")

    await press(bot, people.sun, offer, "✅ 接单")
    ask = await bot.sb.wait_for_message(people.sun.id, contains="多久能到", after=offer)
    await press(bot, people.sun, ask, "30分钟内")
    promised = await bot.sb.wait_for_message(resident.id, contains="前到达", after=offer)
    await bot.advance(timedelta(minutes=41))
    await bot.sb.wait_for_message(resident.id, contains="师傅到了吗", after=promised)
    await bot.say(resident, "来了")
    await bot.sb.wait_for_message(resident.id, contains="已记录师傅到达")  # the question, edited
    await bot.sb.wait_for_message(people.sun.id, contains="业主确认您已到达")


async def test_a_plain_reply_to_the_workers_question_reaches_the_worker(bot: Harness) -> None:
    """F13: the worker asks where the cat food is; "猫粮在阳台柜子里 猫砂在卫生间" goes to the
    worker, never a new pet-sitting booking."""
    people = await crew(bot)
    resident = bot.person(6001, "小周妈妈")
    job = await accepted(bot, resident, people.zhao)
    await press(bot, people.zhao, job, "💬 联系业主")
    await bot.sb.wait_for_message(people.zhao.id, contains="会转给业主")
    await bot.say(people.zhao, "您好 猫粮和猫砂一般放在哪 我提前准备一下")
    asked = await bot.sb.wait_for_message(resident.id, contains="💬 师傅赵阿姨")
    said = await bot.say(resident, "猫粮在阳台柜子里 猫砂在卫生间")
    got = await bot.sb.wait_for_message(people.zhao.id, contains="猫砂在卫生间")
    assert "💬 业主" in got.content
    later = [m for m in bot.sb.sent(resident.id) if m.message_id > said.message_id]
    assert not any("请选择服务商" in m.content for m in later), asked.content


async def test_a_work_order_summary_speaks_of_a_report(bot: Harness) -> None:
    """Minor: the nudge under a report's summary names ✅ 提交报修 (never 确认预约), and a typed
    "好的 提交吧" submits it with report words."""
    await crew(bot)
    resident = bot.person(6001, "小李")
    note = await bot.ask(resident, "3栋单元门坏了，关不上", contains="告诉维修人员")
    await press(bot, resident, note, 0)
    confirm = await bot.sb.wait_for_message(resident.id, contains="请确认", after=note)
    nudge = await bot.ask(resident, "嗯？")
    assert "提交报修" in nudge.content and "确认预约" not in nudge.content, nudge.content
    sent = await bot.ask(resident, "好的 提交吧")
    assert "已提交报修" in sent.content, sent.content
    assert confirm.message_id < sent.message_id
    told = await bot.sb.wait_for_message(resident.id, contains="正在通知", after=sent)
    assert told.button_texts == ["撤回报修"], told.button_texts
    assert "取消预约" not in told.button_texts and "联系师傅" not in told.content


async def test_cancel_words_at_a_reports_where_step(bot: Harness) -> None:
    """F11: a report started by mistake; "forget it" at "which building?" drops it (en)."""
    await crew(bot)
    tom = bot.person(6206, "Tom", language="en")
    where = await bot.ask(tom, "the lift is broken, nobody inside")
    assert "building" in where.content.lower(), where.content
    said = await bot.ask(tom, "forget it")
    assert "could not tell which building" not in said.content, said.content
    async with bot.runtime.db.read() as tx:
        drafts = await tx.one("SELECT COUNT(*) FROM bookings WHERE status = 'draft'")
    assert drafts is not None and drafts[0] == 0


async def test_another_neighbours_group_link_is_not_filed_as_yours(bot: Harness) -> None:
    """Minor: Tom presses 老钱's 私聊继续 link: told it is another neighbour's request (en),
    nothing is started with 老钱's words; 老钱's own press still continues his request."""
    group = await bot.group()
    qian = bot.person(6207, "老钱")
    tom = bot.person(6208, "Tom", language="en")
    said = await bot.say(qian, "明天上午想找人洗一下油烟机", group)
    answer = await bot.sb.wait_for_message(group.id, after=said.message_id)
    url = next(b["url"] for b in answer.buttons if "url" in b)
    await bot.sb.wait_idle(quiet=0.05)
    started = await bot.sb.press_start(tom, url.rsplit("start=", 1)[1])
    told = await bot.sb.wait_for_message(tom.id, after=started.message_id)
    assert "another neighbour" in told.content, told.content
    await bot.sb.wait_idle(quiet=0.05)
    assert not any("油烟机" in m.content for m in bot.sb.sent(tom.id))
    mine = await bot.sb.press_start(qian, url.rsplit("start=", 1)[1])
    await bot.sb.wait_for_message(qian.id, contains="油烟机", after=mine.message_id)


async def test_a_worker_called_master_is_not_called_master_twice(bot: Harness) -> None:
    """Minor: 孙师傅's relayed words read "💬 孙师傅（订单 #1）", never "💬 师傅孙师傅"."""
    people = await crew(bot)
    resident = bot.person(6001, "小李")
    contacting = await book(bot, resident, "今天上午想找人洗一下油烟机", provider="快修师傅")
    offer = await offer_to(bot, people.sun)
    await press(bot, people.sun, offer, "✅ 接单")
    await bot.sb.wait_for_message(resident.id, contains="已接单", after=contacting)
    job = await bot.sb.wait_for_message(people.sun.id, contains="3-2-501")
    await press(bot, people.sun, job, "💬 联系业主")
    await bot.sb.wait_for_message(people.sun.id, contains="会转给业主")
    await bot.say(people.sun, "您好 我十点到")
    got = await bot.sb.wait_for_message(resident.id, contains="我十点到")
    assert got.content.startswith("💬 孙师傅（订单 #1）"), got.content


async def test_a_reply_to_the_worker_at_a_reports_where_step_is_relayed(bot: Harness) -> None:
    """F11: a report's "which building?" is open when the worker writes; "ok coming down in 1
    min" (no building) reaches the worker instead of being asked about again."""
    people = await crew(bot)
    resident = bot.person(6001, "Tom", language="en")
    job = await accepted(bot, resident, people.zhao)
    where = await bot.ask(resident, "the lift is broken, nobody inside")
    assert "building" in where.content.lower(), where.content
    await press(bot, people.zhao, job, "💬 联系业主")
    await bot.sb.wait_for_message(people.zhao.id, contains="会转给业主")
    await bot.say(people.zhao, "我到楼下了")
    await bot.sb.wait_for_message(resident.id, contains="我到楼下了")
    said = await bot.say(resident, "ok coming down in 1 min")
    await bot.sb.wait_for_message(people.zhao.id, contains="coming down in 1 min")
    later = [m for m in bot.sb.sent(resident.id) if m.message_id > said.message_id]
    assert not any("could not tell which building" in m.content for m in later)
