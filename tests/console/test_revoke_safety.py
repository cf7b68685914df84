"""Revoking takes a working role's powers away, never a person's safety nor resident services
(tester t1): a revoked housekeeper whose kitchen is on fire gets the same advice as any
resident and can say where it is; the console revokes only people who hold a role in this
community (a plain resident: not found, and no name shown)."""

from __future__ import annotations

from tests.booking_steps import crew
from tests.console.pages_support import staff_client
from tests.console.test_revoke import person_id
from tests.harness import Harness


async def test_a_revoked_housekeeper_reporting_a_fire_in_private_gets_the_advice(
    bot: Harness,
) -> None:
    """张管家, revoked, writes "救命，我家厨房着火了" privately: he is told to leave and call 119
    and that staff were told (as 老陈 would be), staff get the alert, and his answer to "where
    is it?" reaches them and is thanked; anything else he writes still gets the polite note."""
    people = await crew(bot)
    zhang = await person_id(bot, people.zhang.id)
    async with staff_client(bot) as web:
        status, _ = await web.post(f"/people/{zhang}/revoke", sure="on")
        assert status == 200
    advice = await bot.ask(people.zhang, "救命，我家厨房着火了", contains="119")
    assert "已通知" in advice.content
    await bot.sb.wait_for_message(bot.staff.id, contains="#1")
    thanks = await bot.ask(people.zhang, "3栋2单元厨房", contains="转告")
    assert "撤销" not in thanks.content
    await bot.sb.wait_for_message(bot.staff.id, contains="3栋2单元厨房")
    polite = await bot.ask(people.zhang, "明天想找人通下水道")
    assert "撤销" in polite.content


async def test_the_console_revokes_only_people_holding_a_role_here(bot: Harness) -> None:
    """小王 is a plain resident: his revoke page and a forged POST are "not found" (his name
    not shown), and afterwards he is still served: a request is answered as usual."""
    await crew(bot)
    resident = bot.person(5040, "小王")
    await bot.ask(resident, "洗油烟机多少钱", contains="¥")
    wang = await person_id(bot, resident.id)
    async with staff_client(bot) as web:
        status, page = await web.get(f"/people/{wang}/revoke")
        assert status == 404 and "小王" not in page
        status, page = await web.post(f"/people/{wang}/revoke", sure="on")
        assert status == 404 and "小王" not in page
        status, _ = await web.get("/people/99999/revoke")
        assert status == 404
    async with bot.runtime.db.read() as tx:
        assert not await bot.runtime.people.is_revoked(tx, resident.id)
    again = await bot.ask(resident, "洗油烟机多少钱", contains="¥")
    assert "撤销" not in again.content
