"""The cabinet under pressure and in staff hands: the last unit, broken and repaired items."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from tests.harness import Harness
from tests.tools_support import borrow, db, keeper, resident


async def test_two_residents_pressing_for_the_last_unit_at_once(bot: Harness) -> None:
    """Both press 预约 for the only water pump at the same moment: exactly one gets it."""
    a = await resident(bot, 6001, "小李")
    b = await resident(bot, 6002, "小王", "2-1-301")
    card_a = await bot.ask(a, "想借个抽水泵", contains="空闲 1 件")
    card_b = await bot.ask(b, "想借个抽水泵", contains="空闲 1 件")
    await asyncio.gather(bot.sb.press(a, card_a, "预约"), bot.sb.press(b, card_b, "预约"))
    await bot.sb.wait_for(lambda: len(bot.sb.callback_answers()) == 2)
    await bot.sb.wait_idle()
    got = [u for u in (a, b) if any("已为您预约" in m.content for m in bot.sb.sent(u.id))]
    lost = [u for u in (a, b) if any("最后一件" in m.content for m in bot.sb.sent(u.id))]
    assert len(got) == 1 and len(lost) == 1 and got != lost
    assert await db(bot, "SELECT state FROM tool_units WHERE tool_id = 'water_pump'") == [
        ("reserved",)
    ]
    loans = await db(
        bot, "SELECT p.telegram_id FROM tool_loans l JOIN people p ON p.id = l.person_id"
    )
    assert loans == [(got[0].id,)]


async def test_staff_marks_a_unit_broken_with_a_note_and_repairs_it(bot: Harness) -> None:
    """/tools -> 管理梯子 -> #1 报损 + note: residents see one ladder; repaired, two again."""
    await bot.settle_staff()
    overview = await bot.ask(bot.staff, "/tools", contains="工具柜")
    assert "梯子：2/0/0/0" in overview.content
    await bot.sb.press(bot.staff, overview, "管理梯子")
    units = await bot.sb.wait_for_message(bot.staff.id, contains="#1 · 空闲")
    await bot.sb.press(bot.staff, units, "#1 报损")
    await bot.sb.wait_for_message(bot.staff.id, contains="请写一句")
    done = await bot.ask(bot.staff, "梯子脚松了", contains="登记为损坏")
    assert "梯子 #1" in done.content
    assert await db(
        bot, "SELECT state, note FROM tool_units WHERE seq = 1 AND tool_id = 'ladder'"
    ) == [("broken", "梯子脚松了")]
    # The old list's buttons were made for the unit's previous state.
    await bot.sb.press(bot.staff, units, "#1 退役")
    await bot.sb.wait_for(lambda: len(bot.sb.callback_answers(bot.staff)) == 3)
    assert "失效" in (bot.sb.callback_answers(bot.staff)[-1].answer_text or "")

    li = await resident(bot, 6001, "小李")
    card = await bot.ask(li, "借梯子", contains="空闲 1 件")
    assert card.button_texts == ["预约"]

    refreshed = await bot.ask(bot.staff, "/tools", contains="梯子：1/0/0/1")
    await bot.sb.press(bot.staff, refreshed, "管理梯子")
    units = await bot.sb.wait_for_message(bot.staff.id, contains="#1 · 损坏 梯子脚松了")
    await bot.sb.press(bot.staff, units, "#1 已修好")
    await bot.sb.wait_for_message(bot.staff.id, contains="请写一句", after=units.message_id)
    await bot.ask(bot.staff, "换了新脚垫", contains="重新可借")
    await bot.ask(li, "借梯子", contains="空闲 2 件")
    async with bot.runtime.db.read() as tx:
        unit_id = await tx.scalar("SELECT id FROM tool_units WHERE tool_id = 'ladder' AND seq = 1")
        actions = [e.action for e in await bot.runtime.audit.timeline(tx, f"tool:{unit_id}")]
    assert actions == ["unit_added", "broken", "repaired"]


async def test_residents_cannot_manage_the_cabinet(bot: Harness) -> None:
    """/tools is for staff; a resident gets the staff-only answer."""
    li = await resident(bot, 6001, "小李")
    answer = await bot.ask(li, "/tools")
    assert "工作人员" in answer.content and not answer.buttons


async def test_deadlines_that_fell_due_while_down_run_at_start(harness: Harness) -> None:
    """Down across a loan's due date: the overdue alert goes out once the bot is back."""
    async with harness.running() as bot:
        zhang = await keeper(bot)
        li = await resident(bot, 6001, "小李")
        await borrow(bot, li, zhang, "借个疏通器")
    harness.clock.advance(timedelta(days=2, hours=1))
    async with harness.running() as bot:
        await bot.sb.wait_for_message(
            zhang.id, contains="超期未还：小李（3-2-501） 借的 疏通器 #1"
        )
        await bot.sb.wait_for_message(li.id, contains="疏通器 #1 已于")
    async with harness.running() as bot:
        await bot.sb.wait_idle()
        alerts = [m for m in bot.sb.sent(zhang.id) if "超期未还" in m.content]
        assert len(alerts) == 1
        reminders = [m for m in bot.sb.sent(li.id) if "提醒：疏通器" in m.content]
        assert len(reminders) == 1
