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
