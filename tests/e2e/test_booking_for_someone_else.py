"""The #13 retest's flow findings, end to end: a booking for someone else goes to the address
its words name (never saved as the writer's, never the writer's own silently), and a second,
different emergency from the same writer is its own incident, while a repair they report
next is a work order, not news of the emergency."""

from __future__ import annotations

from tests.booking_steps import button_index, crew, offer_to, press
from tests.harness import START, Harness


async def _to_summary(bot: Harness, user, step):  # type: ignore[no-untyped-def]
    """Keep the time the words said and skip the note and door code, to the summary."""
    while "请确认" not in step.content:
        assert "4-1-702" not in step.content and "1-3-301" not in step.content, step.content
        labels = step.button_texts
        skip = next((i for i, label in enumerate(labels) if "跳过" in label or "不用" in label), 0)
        await press(bot, user, step, skip)
        step = await bot.sb.wait_for_message(user.id, after=step)
    return step


async def _resident(bot: Harness, tid: int, name: str, address: str):  # type: ignore[no-untyped-def]
    user = bot.person(tid, name)
    await bot.ask(user, "/start")
    await bot.ask(user, address, contains="住址")
    return user


async def test_a_booking_for_someone_else_goes_to_the_address_it_names(bot: Harness) -> None:
    """F7: 周女士 (saved 4-1-702) books cleaning for her mother at 3-2-401: the summary shows
    3-2-401 as this booking's address, the worker who accepts goes there, and her saved
    address stays 4-1-702. Without an address in the words, it is asked, not assumed."""
    people = await crew(bot)
    bot.clock.set(START.replace(hour=13, minute=30))
    zhou = await _resident(bot, 6101, "周女士", "4-1-702")
    choice = await bot.ask(
        zhou, "帮我妈约个保洁 她住3栋2单元401 今天下午4点 打扫2个小时", contains="请选择服务商"
    )
    await press(bot, zhou, choice, button_index(choice, "洁家"))
    step = await _to_summary(bot, zhou, await bot.sb.wait_for_message(zhou.id, after=choice))
    assert "3-2-401" in step.content and "4-1-702" not in step.content
    assert "不改您保存的住址" in step.content
    await press(bot, zhou, step, 0)
    offer = await offer_to(bot, people.zhao)
    await press(bot, people.zhao, offer, "✅ 接单")
    job = await bot.sb.wait_for_message(people.zhao.id, contains="地址：3-2-401")
    assert "702" not in job.content
    async with bot.runtime.db.read() as tx:
        saved = await tx.one("SELECT building, unit, room FROM addresses")
    assert saved is not None and tuple(saved) == ("4", "1", "702")

    # No address said: asked for this booking, the saved one never used silently.
    choice = await bot.ask(zhou, "帮我爸约个保洁 明天上午", contains="请选择服务商")
    await press(bot, zhou, choice, button_index(choice, "洁家"))
    slot = await bot.sb.wait_for_message(zhou.id, contains="就按这个时间", after=choice)
    await press(bot, zhou, slot, 0)
    asked = await bot.sb.wait_for_message(zhou.id, contains="帮别人约", after=slot)
    assert "4-1-702" not in asked.content
    step = await _to_summary(bot, zhou, await bot.ask(zhou, "5栋1单元302"))
    assert "5-1-302" in step.content and "4-1-702" not in step.content


async def test_a_second_emergency_is_its_own_and_a_repair_after_it_is_a_work_order(
    bot: Harness,
) -> None:
    """F2: 老何 reports a lift fault with someone inside (incident #1), then a fire: incident
    #2 with its own advice in the group and its own alert; then a corridor light in building
    3: a work order answer in the group, nothing passed on to the responders of #1 or #2."""
    await bot.settle_staff()
    he = await _resident(bot, 6201, "老何", "5-1-101")
    chat = await bot.group()
    await bot.say(he, "电梯困人了！5号楼的电梯卡住了里面有人", chat=chat)
    await bot.sb.wait_for_message(bot.staff.id, contains="电梯困人")
    await bot.sb.wait_idle()
    said = await bot.say(he, "楼道里有烟味，好像着火了！", chat=chat)
    advice = await bot.sb.wait_for_message(chat.id, contains="119", after=said.message_id)
    assert advice.reply_to is not None and advice.reply_to.message_id == said.message_id
    alert = await bot.sb.wait_for_message(bot.staff.id, contains="烟雾/火情")
    assert "#2" in alert.content
    await bot.sb.wait_idle()
    said = await bot.say(he, "3栋楼道灯一个星期都不亮了", chat=chat)
    answer = await bot.sb.wait_for_message(chat.id, after=said.message_id)
    assert "119" not in answer.content and "96333" not in answer.content
    await bot.sb.wait_idle()
    staff = [m.content for m in bot.sb.sent(bot.staff.id)]
    assert not any("楼道灯" in text and "📣" in text for text in staff)
    async with bot.runtime.db.read() as tx:
        kinds = [r["kind"] for r in await tx.all("SELECT kind FROM incidents ORDER BY id")]
    assert kinds == ["lift", "fire"]


async def test_a_landlords_booking_goes_to_the_address_after_its_address_word(
    bot: Harness,
) -> None:
    """Session-15 verify F8: 房东老钱 (saved 1-3-301) books cleaning for his rental flat with
    "地址6栋2单元1501": the summary and the worker who accepts have 6-2-1501, never his own
    home, and his saved address stays 1-3-301."""
    people = await crew(bot)
    bot.clock.set(START.replace(hour=10, minute=30))
    qian = await _resident(bot, 6301, "房东老钱", "1-3-301")
    choice = await bot.ask(
        qian,
        "帮我租出去的房子约个保洁 地址6栋2单元1501 明天下午 大概4小时",
        contains="请选择服务商",
    )
    await press(bot, qian, choice, button_index(choice, "洁家"))
    step = await _to_summary(bot, qian, await bot.sb.wait_for_message(qian.id, after=choice))
    assert "6-2-1501" in step.content and "1-3-301" not in step.content
    await press(bot, qian, step, 0)
    offer = await offer_to(bot, people.zhao)
    await press(bot, people.zhao, offer, "✅ 接单")
    job = await bot.sb.wait_for_message(people.zhao.id, contains="地址：6-2-1501")
    assert "1-3-301" not in job.content
    async with bot.runtime.db.read() as tx:
        saved = await tx.one("SELECT building, unit, room FROM addresses")
    assert saved is not None and tuple(saved) == ("1", "3", "301")
