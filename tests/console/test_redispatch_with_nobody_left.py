"""改派给下一家 when nobody but the job's own worker could take it (session 15 console
verification, finding B): the page says so before anything is sent — the job stays with its
worker and the resident hears nothing (never "已为您改派" and "暂时没有师傅接单" at once)."""

from __future__ import annotations

from tests.booking_steps import book, offer_to, press
from tests.console.pages_support import staff_client
from tests.harness import Harness


async def test_the_page_says_nobody_else_can_take_it_and_nothing_is_sent(bot: Harness) -> None:
    sun = bot.person(3002, "孙师傅")
    await bot.settle_staff()
    asked = await bot.say(bot.staff, "/invite provider kuaixiu")
    link = await bot.sb.wait_for_message(bot.staff.id, contains="邀请链接已生成", after=asked)
    url = next(b["url"] for b in link.buttons if "url" in b)
    await bot.sb.press_start(sun, url.rsplit("start=", 1)[1])
    await bot.sb.wait_for_message(sun.id, contains="欢迎")
    resident = bot.person(5050, "老周")
    await book(bot, resident, provider="快修师傅")
    await press(bot, sun, await offer_to(bot, sun), "✅ 接单")
    await bot.sb.wait_for_message(resident.id, contains="孙师傅")
    await bot.sb.wait_idle(quiet=0.2)
    told = len(bot.sb.sent(resident.id))
    async with staff_client(bot) as web:
        status, page = await web.post("/bookings/1/redispatch")
        assert status == 409, page
        assert "没有改派" in page and "孙师傅" in page and "没有通知业主" in page
        _, job = await web.get("/bookings/1")
    await bot.sb.wait_idle(quiet=0.2)
    assert len(bot.sb.sent(resident.id)) == told
    assert "已接单" in job or "孙师傅" in job
