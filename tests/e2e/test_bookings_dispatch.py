"""Dispatch: decline and timeout move the job on, to the property backstop, then to staff."""

from __future__ import annotations

from datetime import timedelta

from tests.booking_steps import book, crew, last_id, offer_to, press, press_raw
from tests.harness import Harness


async def test_decline_and_timeouts_reach_backstop_then_staff(bot: Harness) -> None:
    """Declined -> next provider; no answer -> the property team and housekeeper; then staff."""
    people = await crew(bot)
    await bot.settle_staff()
    resident = bot.person(6001, "小李")
    contacting = await book(bot, resident)

    first = await offer_to(bot, people.zhao)
    accept_data = str(first.buttons[0]["callback_data"])
    await press(bot, people.zhao, first, "❌ 拒绝")
    moved = await bot.sb.wait_for_message(resident.id, contains="暂时无法接单", after=contacting)
    assert "洁家家政暂时无法接单，正在为您联系快修师傅，价格不变（¥180/台）" in moved.content
    await bot.sb.wait_for_message(people.zhao.id, contains="已拒绝")
    second = await offer_to(bot, people.sun)
    assert "¥180/台" in second.content  # the agreed price, kept on re-dispatch

    await bot.advance(timedelta(hours=2))  # range hood cleaning: 2h response window
    backstop = await bot.sb.wait_for_message(resident.id, contains="物业服务中心", after=moved)
    assert "快修师傅暂时无法接单" in backstop.content
    await bot.sb.wait_for_message(people.sun.id, contains="超过响应时间")
    keeper_offer = await offer_to(bot, people.zhang)  # covers building 3
    await offer_to(bot, people.wang)
    assert not any("✅ 接单" in m.button_texts for m in bot.sb.sent(people.chen.id))
    assert "3栋" in keeper_offer.content

    await bot.advance(timedelta(hours=2))
    await bot.sb.wait_for_message(resident.id, contains="已通知社区工作人员", after=backstop)
    alert = await bot.sb.wait_for_message(bot.staff.id, contains="没有人接单")
    assert "#1" in alert.content
    listing = await bot.ask(bot.staff, "/bookings", contains="进行中的订单")
    assert "#1 油烟机清洗 · 无人接单" in listing.content and "逾期" in listing.content

    # the offer's buttons were taken away; pressing the old data anyway changes nothing
    assert first.button_texts == []
    assert "不需要处理" in await press_raw(bot, people.zhao, first.message_id, accept_data)
    card = await bot.ask(bot.staff, "/booking 1", contains="订单 #1")
    for action in ("拒绝（洁家家政）", "响应超时（快修师傅）", "无人接单，已通知工作人员"):
        assert action in card.content
    assert "jiejia" not in card.content and "kuaixiu" not in card.content  # names, not ids


async def test_deadline_that_fell_due_while_down_is_handled_at_start(harness: Harness) -> None:
    """The response window closes while the bot is down: at start the next provider is asked."""
    async with harness.running():
        people = await crew(harness)
        resident = harness.person(6001, "小李")
        await book(harness, resident)
        await offer_to(harness, people.zhao)
        await harness.sb.wait_idle(quiet=0.05)
    harness.clock.advance(timedelta(hours=3))
    before = last_id(harness, people.sun.id)
    async with harness.running():
        offer = await offer_to(harness, people.sun, after=before)
        assert "油烟机" in offer.content
        await harness.sb.wait_for_message(resident.id, contains="正在为您联系快修师傅")


async def test_notifications_survive_send_failures_and_a_restart(harness: Harness) -> None:
    """Accepting commits the state and its messages together: failed sends are retried later,
    even after a restart, and nothing is sent twice."""
    async with harness.running():
        people = await crew(harness)
        resident = harness.person(6001, "小李")
        contacting = await book(harness, resident)
        offer = await offer_to(harness, people.zhao)
        harness.sb.faults.add(method="sendMessage", kind="500", times=10_000)
        harness.sb.faults.add(method="editMessageText", kind="500", times=10_000)
        await press(harness, people.zhao, offer, "✅ 接单")
        await harness.sb.wait_for(lambda: len(harness.sb.calls()) > 0)
        async with harness.runtime.db.read() as tx:
            status = await tx.scalar("SELECT status FROM bookings WHERE id = 1")
        assert status == "accepted"
        assert not any("已接单" in m.content for m in harness.sb.sent(resident.id))
    harness.sb.faults.clear()
    async with harness.running():
        told = await harness.sb.wait_for_message(resident.id, contains="已接单", after=contacting)
        assert "赵阿姨" in told.content
        await harness.sb.wait_for_message(people.zhao.id, contains="3-2-501")
        await harness.sb.wait_idle(quiet=0.1)
        assert len([m for m in harness.sb.sent(resident.id) if "已接单" in m.content]) == 1
