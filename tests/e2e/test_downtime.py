"""Downtime in order: what people did while the bot was down is read before overdue steps run.

Each story stops the bot, lets someone answer (the update waits in the sandbox's queue, as it
would at Telegram), moves the clock past the step the answer should have prevented, and starts
the bot again: the answer wins, and the step whose cause was answered never fires.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.config import load_community
from tests.booking_steps import book, crew, last_id, offer_to
from tests.e2e.test_checkins import COMMUNITY, enrol_people, timeline
from tests.harness import SHANGHAI, Harness
from tests.tools_support import borrow, db, keeper, resident


async def test_an_answer_written_while_down_stops_the_ladder(harness: Harness) -> None:
    """She wrote '刚才在买菜' before her grid-worker step fell due: nobody is alarmed at start."""
    harness.with_settings(community=load_community(text=COMMUNITY))
    async with harness.running():
        cast = await enrol_people(harness, li_side=False)
        await cast.advance(timedelta(minutes=30))
        await cast.ping(cast.wang)
        await cast.advance(timedelta(minutes=30))
        await harness.sb.wait_for_message(cast.wang.id, contains="还没收到您的回复")
        await cast.idle()
    harness.clock.advance(timedelta(minutes=20))  # 09:20, the grid step is due at 09:30
    await harness.say(cast.wang, "刚才在买菜")  # queued at Telegram while the bot is down
    harness.clock.advance(timedelta(minutes=40))  # 10:00: the bot starts again
    async with harness.running():
        await harness.sb.wait_for(lambda: not harness.sb.pending_updates)
        await cast.advance(timedelta(seconds=1))
        steps = await timeline(harness, "elder_wang")
    assert "grid_worker_asked" not in steps and "staff_alerted" not in steps
    assert cast.count(cast.zhang, "一直没有回复") == 0
    assert not any("网格员" in text for text in cast.texts(cast.daughter))
    assert cast.count(harness.staff, "关爱升级：王阿姨") == 0


async def test_an_accept_pressed_while_down_beats_the_response_window(harness: Harness) -> None:
    """The provider accepted while the bot was down, then the window closed: the job is hers."""
    async with harness.running():
        people = await crew(harness)
        resident_user = harness.person(6001, "小李")
        await book(harness, resident_user)
        offer = await offer_to(harness, people.zhao)
        await harness.sb.wait_idle(quiet=0.05)
    await harness.sb.press(people.zhao, offer, "✅ 接单")
    harness.clock.advance(timedelta(hours=3))  # range hood cleaning: a 2 h response window
    before = last_id(harness, people.sun.id)
    async with harness.running():
        await harness.sb.wait_for_message(resident_user.id, contains="已接单")
        await harness.sb.wait_idle(quiet=0.1)
        async with harness.runtime.db.read() as tx:
            row = await tx.one("SELECT status, provider_id FROM bookings WHERE id = 1")
    assert row is not None and (row["status"], row["provider_id"]) == ("accepted", "jiejia")
    assert not any(m.message_id > before for m in harness.sb.sent(people.sun.id))


async def test_a_return_confirmed_while_down_is_not_reported_overdue(harness: Harness) -> None:
    """The housekeeper confirmed the return while the bot was down: no overdue warning."""
    async with harness.running():
        zhang = await keeper(harness)
        li = await resident(harness, 6001, "小李")
        lent = await borrow(harness, li, zhang, "想借个抽水泵")
        card = await harness.sb.wait_for_message(zhang.id, contains="借用了 抽水泵 #1")
        await harness.sb.wait_idle(quiet=0.05)
    await harness.sb.press(zhang, card, "确认归还")
    harness.clock.advance(timedelta(days=3))  # the pump was due back after 2 days
    async with harness.running():
        await harness.sb.wait_for_message(li.id, contains="抽水泵 #1 已归还")
        await harness.advance(timedelta(seconds=1))
        await harness.sb.wait_idle(quiet=0.1)
        loans = await db(harness, "SELECT state FROM tool_units WHERE tool_id = 'water_pump'")
    assert loans == [("free",)]
    assert not any("已于" in m.content for m in harness.sb.sent(li.id) if m.seq > lent.seq)
    assert not any("超期未还" in m.content for m in harness.sb.sent(zhang.id))


async def test_a_group_bound_while_down_gets_the_notice_due_meanwhile(harness: Harness) -> None:
    """Staff bound a second group at 07:10 while the bot was down; the 07:30 notice reaches it."""
    harness.clock.set(datetime(2026, 11, 28, 7, 0, tzinfo=SHANGHAI))
    async with harness.running() as bot:
        one = await bot.group()
    two = harness.sb.group(-1002, "香溪美地 4-6栋", admins=[harness.staff])
    await harness.sb.add_bot_to_group(harness.staff, two)
    await harness.sb.send(harness.staff, "/bind", chat=two)
    harness.clock.set(datetime(2026, 11, 28, 7, 45, tzinfo=SHANGHAI))
    async with harness.running() as bot:
        await bot.sb.wait_for_message(one.id, contains="菜摊在西门凉亭")
        await bot.sb.wait_for_message(two.id, contains="菜摊在西门凉亭")
        await bot.advance(timedelta(minutes=5))
        await bot.sb.wait_idle(quiet=0.1)
    assert sum("菜摊" in m.content for m in harness.sb.sent(two.id)) == 1
