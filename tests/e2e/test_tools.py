"""The tool cabinet over the sandbox: borrow, hand-over, reminder, overdue, return, waitlist."""

from __future__ import annotations

from datetime import timedelta

from tests.harness import Harness
from tests.tools_support import borrow, db, hand_over, keeper, reserve, resident


async def test_borrow_from_the_group_hand_over_reminder_and_return(bot: Harness) -> None:
    """A group request leads to a reservation, a hand-over, a reminder and a confirmed return."""
    group = await bot.group()
    zhang = await keeper(bot)
    li = await resident(bot, 6001, "小李")
    asked = await bot.say(li, "谁有梯子借我用一下", group)
    answer = await bot.sb.wait_for_message(group.id, after=asked.message_id)
    assert "梯子" in answer.content
    token = next(b["url"] for b in answer.buttons if "url" in b).rsplit("start=", 1)[1]
    started = await bot.sb.press_start(li, token)
    card = await bot.sb.wait_for_message(li.id, contains="空闲 2 件", after=started.message_id)
    await bot.sb.press(li, card, "预约")
    reserved = await bot.sb.wait_for_message(li.id, contains="已为您预约 梯子 #1")
    assert "物业服务中心工具柜" in reserved.content and "取消预约" in reserved.button_texts
    task = await bot.sb.wait_for_message(zhang.id, contains="小李（3-2-501） 预约了 梯子 #1")
    assert task.button_texts == ["确认交接"]

    lent = await hand_over(bot, li, zhang)
    assert "续借" in lent.button_texts
    edited = await bot.sb.wait_for_message(zhang.id, contains="借用了 梯子 #1")
    assert edited.button_texts == ["确认归还", "归还但有损坏"]

    await bot.advance(timedelta(days=2, minutes=1))
    await bot.sb.wait_for_message(li.id, contains="提醒：梯子 #1", after=lent.message_id)

    await bot.sb.press(zhang, edited, "确认归还")
    await bot.sb.wait_for_message(li.id, contains="梯子 #1 已归还")
    await bot.sb.wait_for_message(zhang.id, contains="已确认归还")
    units = await db(
        bot, "SELECT seq, state FROM tool_units WHERE tool_id = 'ladder' ORDER BY seq"
    )
    assert units == [(1, "free"), (2, "free")]
    async with bot.runtime.db.read() as tx:
        unit_id = await tx.scalar("SELECT id FROM tool_units WHERE tool_id = 'ladder' AND seq = 1")
        timeline = await bot.runtime.audit.timeline(tx, f"tool:{unit_id}")
    assert [e.action for e in timeline] == [
        "unit_added",
        "reserved",
        "lent",
        "reminded",
        "returned",
    ]
    assert "2580" not in "".join(m.content for m in bot.sb.sent(group.id))


async def test_overdue_escalates_to_the_housekeeper_and_blocks_new_loans(bot: Harness) -> None:
    """Past the due date the borrower and housekeeper are told; no new loan until it is back."""
    zhang = await keeper(bot)
    li = await resident(bot, 6001, "小李")
    lent = await borrow(bot, li, zhang, "想借个抽水泵")
    await bot.advance(timedelta(days=2, minutes=1))
    await bot.sb.wait_for_message(li.id, contains="抽水泵 #1 已于", after=lent.message_id)
    alert = await bot.sb.wait_for_message(zhang.id, contains="超期未还：小李（3-2-501）")
    assert alert.button_texts == ["确认归还", "归还但有损坏"]

    refused = await bot.ask(li, "can I borrow the drill")  # English: answered in English
    assert "past its due date" in refused.content and not refused.buttons
    assert await db(bot, "SELECT COUNT(*) FROM tool_loans WHERE tool_id = 'power_drill'") == [(0,)]

    await bot.sb.press(zhang, alert, "确认归还")
    await bot.sb.wait_for_message(li.id, contains="Water pump #1")
    card = await bot.ask(li, "can I borrow the drill", contains="Power drill")
    assert card.button_texts == ["Reserve"]
    async with bot.runtime.db.read() as tx:
        unit_id = await tx.scalar("SELECT id FROM tool_units WHERE tool_id = 'water_pump'")
        actions = [e.action for e in await bot.runtime.audit.timeline(tx, f"tool:{unit_id}")]
    assert actions == ["unit_added", "reserved", "lent", "reminded", "overdue", "returned"]


async def test_waitlist_hold_expiry_and_cancel_pass_the_tool_on(bot: Harness) -> None:
    """Nothing free: join the waitlist; an uncollected hold and a cancel each pass it on."""
    zhang = await keeper(bot)
    a = await resident(bot, 6001, "小李")
    b = await resident(bot, 6002, "小王", "2-1-301")
    c = await resident(bot, 6003, "Emma", "1-1-101", language="en")
    first = await reserve(bot, a, "想借个抽水泵")
    full = await bot.ask(b, "想借个抽水泵", contains="都借出去了")
    await bot.sb.press(b, full, "排队等候")
    await bot.sb.wait_for_message(b.id, contains="前面还有 0 人")
    full_en = await bot.ask(c, "can I borrow the water pump", contains="waitlist")
    await bot.sb.press(c, full_en, "Join waitlist")
    await bot.sb.wait_for_message(c.id, contains="1 ahead of you")

    await bot.advance(timedelta(days=1, minutes=1))  # a never picked it up
    await bot.sb.wait_for_message(a.id, contains="超时未领取", after=first.message_id)
    passed = await bot.sb.wait_for_message(b.id, contains="回来了，已为您预约")
    await bot.sb.wait_for_message(zhang.id, contains="小王（2-1-301） 预约了 抽水泵 #1")

    await bot.sb.press(b, passed, "取消预约")
    await bot.sb.wait_for_message(b.id, contains="已取消")
    await bot.sb.wait_for_message(c.id, contains="is back and reserved for you")
    loans = await db(bot, "SELECT person_id, status FROM tool_loans ORDER BY id")
    assert [status for _, status in loans] == ["expired", "cancelled", "reserved"]
    waiting = await db(bot, "SELECT COUNT(*) FROM tool_waitlist WHERE status = 'waiting'")
    assert waiting == [(0,)]


async def test_self_service_code_only_in_private(bot: Harness) -> None:
    """A self-service tool's locker code goes to the borrower alone; they confirm taking it."""
    group = await bot.group()
    zhang = await keeper(bot)
    li = await resident(bot, 6001, "小李")
    asked = await bot.say(li, "谁有打气筒借我用一下", group)
    await bot.sb.wait_for_message(group.id, after=asked.message_id)
    reserved = await reserve(bot, li, "借打气筒")
    assert "2580" in reserved.content and "我已取走" in reserved.button_texts
    await bot.sb.press(li, reserved, "我已取走")
    await bot.sb.wait_for_message(li.id, contains="打气筒 #1 已借出")
    alert = await bot.sb.wait_for_message(zhang.id, contains="借用了 打气筒 #1")
    assert "2580" not in alert.content
    assert all("2580" not in m.content for m in bot.sb.sent(group.id))
    async with bot.runtime.db.read() as tx:
        details = await tx.all("SELECT detail FROM audit")
    assert all("2580" not in r["detail"] for r in details)


async def test_stale_and_forged_presses_change_nothing(bot: Harness) -> None:
    """A resident pressing the housekeeper's button, or an old button, gets a polite answer."""
    zhang = await keeper(bot)
    li = await resident(bot, 6001, "小李")
    reserved = await reserve(bot, li, "借梯子")
    task = await bot.sb.wait_for_message(zhang.id, contains="确认交接")
    data = task.buttons[0]["callback_data"]
    await bot.sb.press_raw(li, li.id, reserved.message_id, data)  # not a housekeeper
    await bot.sb.wait_for(lambda: len(bot.sb.callback_answers(li)) == 2)
    assert "失效" in (bot.sb.callback_answers(li)[-1].answer_text or "")
    assert await db(bot, "SELECT status FROM tool_loans") == [("reserved",)]

    await hand_over(bot, li, zhang)
    await bot.sb.press(li, reserved, "取消预约")  # too late: it was handed over
    await bot.sb.wait_for(lambda: len(bot.sb.callback_answers(li)) == 3)
    assert "失效" in (bot.sb.callback_answers(li)[-1].answer_text or "")
    await bot.sb.press_raw(zhang, zhang.id, task.message_id, data)  # handed over twice
    await bot.sb.wait_for(lambda: len(bot.sb.callback_answers(zhang)) == 2)
    assert "失效" in (bot.sb.callback_answers(zhang)[-1].answer_text or "")
    assert await db(bot, "SELECT status FROM tool_loans") == [("lent",)]
    units = await db(bot, "SELECT state FROM tool_units WHERE tool_id = 'ladder' ORDER BY seq")
    assert units == [("lent",), ("free",)]


async def test_borrow_command_lists_the_cabinet_and_a_return_serves_the_waitlist(
    bot: Harness,
) -> None:
    """/borrow shows each tool with its free count; the borrower extends once; a returned tool
    goes to whoever waits."""
    zhang = await keeper(bot)
    li = await resident(bot, 6001, "小李")
    menu = await bot.ask(li, "/borrow", contains="工具柜")
    assert "扳手工具箱（空闲 1 件）" in menu.button_texts
    await bot.sb.press(li, menu, "扳手工具箱（空闲 1 件）")
    card = await bot.sb.wait_for_message(li.id, contains="空闲 1 件", after=menu.message_id)
    await bot.sb.press(li, card, "预约")
    await bot.sb.wait_for_message(li.id, contains="已为您预约 扳手工具箱 #1")
    lent = await hand_over(bot, li, zhang)
    await bot.sb.press(li, lent, "续借")
    await bot.sb.wait_for_message(li.id, contains="已续借 扳手工具箱 #1", after=lent.message_id)
    mine = await bot.ask(li, "/borrow", contains="您正在借用")
    assert "扳手工具箱 #1（借用中）" in mine.content

    wang = await resident(bot, 6002, "小王")
    full = await bot.ask(wang, "借扳手", contains="都借出去了")
    await bot.sb.press(wang, full, "排队等候")
    await bot.sb.wait_for_message(wang.id, contains="前面还有 0 人")
    task = await bot.sb.wait_for_message(zhang.id, contains="借用了 扳手工具箱 #1")
    await bot.sb.press(zhang, task, "确认归还")
    await bot.sb.wait_for_message(wang.id, contains="回来了，已为您预约")
    await bot.sb.wait_for_message(zhang.id, contains="小王（3-2-501） 预约了 扳手工具箱 #1")
