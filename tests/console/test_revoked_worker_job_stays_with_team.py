"""A job taken from a revoked worker goes to the rest of their team first (a work order's other
housekeepers and property staff), and only when nobody of the team is left to staff: revoking
one person never skips colleagues who could still come, and an alert always reaches a person."""

from __future__ import annotations

from tests.booking_steps import crew, last_id, offer_to, press
from tests.console.pages_support import staff_client
from tests.console.test_revoke import person_id
from tests.harness import Harness


async def _work_order_accepted_by_zhang(bot: Harness) -> None:
    """'3栋单元门坏了' is reported and 张管家 (building 3's housekeeper) accepts it."""
    resident = bot.person(6101, "小李")
    note = await bot.ask(resident, "3栋单元门坏了，关不上", contains="告诉维修人员")
    await press(bot, resident, note, "跳过")
    confirm = await bot.sb.wait_for_message(resident.id, contains="请确认", after=note.message_id)
    await press(bot, resident, confirm, "✅ 提交报修")


async def test_a_work_order_taken_from_a_revoked_housekeeper_goes_to_the_rest_of_the_team(
    bot: Harness,
) -> None:
    """张管家 accepted the work order and is revoked: it is offered again to the property team
    (陈管家 and 王师傅), not declared "nobody took it" to staff."""
    people = await crew(bot)
    await _work_order_accepted_by_zhang(bot)
    order = await offer_to(bot, people.zhang)
    await press(bot, people.zhang, order, "✅ 接单")
    await bot.sb.wait_for_message(people.zhang.id, contains="3栋")
    chen_before, wang_before = last_id(bot, people.chen.id), last_id(bot, people.wang.id)
    zhang = await person_id(bot, people.zhang.id)
    async with staff_client(bot) as web:
        await web.post(f"/people/{zhang}/revoke", sure="on")
    again = await offer_to(bot, people.wang, after=wang_before)
    assert "单元门" in again.content
    await offer_to(bot, people.chen, after=chen_before)
    async with bot.runtime.db.read() as tx:
        row = await tx.one("SELECT status FROM bookings WHERE id = 1")
    assert row is not None and row["status"] == "offered"
    await bot.sb.wait_idle(quiet=0.2)
    assert not any("没有人接单" in m.content for m in bot.sb.sent(bot.staff.id))


async def test_a_work_order_whose_whole_team_is_revoked_goes_to_staff(bot: Harness) -> None:
    """陈管家 and 王师傅 were revoked earlier; 张管家 accepted and is revoked now: nobody of the
    team is left, so staff are told at once (an alert always reaches a person)."""
    people = await crew(bot)
    async with staff_client(bot) as web:
        for user in (people.chen, people.wang):
            await web.post(f"/people/{await person_id(bot, user.id)}/revoke", sure="on")
    await _work_order_accepted_by_zhang(bot)
    order = await offer_to(bot, people.zhang)
    await press(bot, people.zhang, order, "✅ 接单")
    await bot.sb.wait_for_message(people.zhang.id, contains="3栋")
    zhang = await person_id(bot, people.zhang.id)
    async with staff_client(bot) as web:
        await web.post(f"/people/{zhang}/revoke", sure="on")
    alert = await bot.sb.wait_for_message(bot.staff.id, contains="没有人接单")
    assert "#1" in alert.content
    async with bot.runtime.db.read() as tx:
        row = await tx.one("SELECT status FROM bookings WHERE id = 1")
    assert row is not None and row["status"] == "unassigned"
