"""Today shows a no-show as a breach (retest 15, finding 1): a work order accepted with a promise
to arrive in 30 minutes, nobody arrived 12 hours later, staff were alerted and Telegram's
/bookings marks it ⚠️逾期 — Today must not call it "进行中" and list it last. Both views use
the bookings' one ``overdue`` rule."""

from __future__ import annotations

import re
from datetime import timedelta

from tests.booking_steps import crew, offer_to, press
from tests.console.pages_support import staff_client, work_order
from tests.harness import Harness


async def test_an_accepted_job_whose_worker_never_came_is_a_breach_on_today(bot: Harness) -> None:
    people = await crew(bot)
    reporter = bot.person(6101, "小李")
    await work_order(bot, reporter)
    order = await offer_to(bot, people.zhang)
    await press(bot, people.zhang, order, "✅ 接单")
    ask = await bot.sb.wait_for_message(people.zhang.id, contains="预计多久")
    await press(bot, people.zhang, ask, "30分钟内")
    await bot.sb.wait_for_message(reporter.id, contains="已有人处理")
    await bot.advance(timedelta(hours=12))
    await bot.sb.wait_idle(quiet=0.2)
    listed = await bot.ask(bot.staff, "/bookings", contains="#1")
    assert "逾期" in listed.content  # the Telegram view, for comparison
    async with staff_client(bot) as web:
        status, html = await web.get("/")
    assert status == 200
    row = next(r for r in re.findall(r"<tr.*?</tr>", html, re.S) if "/bookings/1" in r)
    assert "已超时" in row and "进行中" not in row
