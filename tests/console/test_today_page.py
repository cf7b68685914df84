"""Today and one booking as staff read them: a help call names who, where and what (masked)
and links to its timeline; a re-dispatched job's wait runs from the resident's ask; a
booking's page says its time, building and the agreed price in words."""

from __future__ import annotations

import re
from datetime import timedelta

from tests.booking_steps import book, crew, offer_to
from tests.console.pages_support import staff_client
from tests.harness import Harness


def row_of(page: str, href: str) -> str:
    """The Today row whose number links to ``href``."""
    rows = page.split('id="today"')[1].split("<tr>")
    return next(r for r in rows if f'href="{href}"' in r)


async def test_a_redispatched_jobs_wait_counts_from_the_ask(bot: Harness) -> None:
    """16 minutes after the ask staff re-dispatch the job: Today still says the resident has
    waited 16 minutes (the retest saw "waited 0 min"), and the booking's page says when, where
    and for how much, in words."""
    people = await crew(bot)
    await book(bot, bot.person(5040, "小王"))
    await offer_to(bot, people.zhao)
    await bot.advance(timedelta(minutes=16))
    async with staff_client(bot) as web:
        status, _ = await web.post("/bookings/1/redispatch")
        assert status == 200
        _, page = await web.get("/")
        assert "16 分钟" in row_of(page, "/bookings/1")
        _, page = await web.get("/bookings/1")
    facts = page.split('id="facts"')[1].split("</table>")[0]
    tomorrow = bot.runtime.local_now() + timedelta(days=1)
    assert f"{tomorrow.month}月{tomorrow.day}日" in facts and re.search(r"\d\d:\d\d-", facts)
    assert "3 栋" in facts and "¥180/台" in facts
    assert "501" not in facts  # the address stays out


async def test_a_help_call_on_today_says_who_where_and_links_its_timeline(bot: Harness) -> None:
    """A resident's emergency in a private chat: Today names her, says where it was raised and
    what she wrote (a phone masked), and links to the incident's page with its timeline."""
    await bot.settle_staff()
    resident = bot.person(5041, "小芳")
    await bot.say(resident, "救命，我摔倒了起不来，电话13812345678")
    await bot.sb.wait_for(lambda: len(bot.sb.sent(bot.staff.id)) > 0)
    async with staff_client(bot) as web:
        _, page = await web.get("/")
        row = row_of(page, "/incidents/1")
        assert "小芳" in row and "私聊" in row and "摔倒" in row
        assert "13812345678" not in row
        status, page = await web.get("/incidents/1")
    assert status == 200 and "小芳" in page and 'id="timeline"' in page
    assert "13812345678" not in page
