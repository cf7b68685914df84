"""Today and one booking as staff read them: a help call names who, where and what (masked)
and links to its timeline; a re-dispatched job's wait runs from the resident's ask; a
booking's page says its time, building and the agreed price in words."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from bot.privacy import redact_rooms
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


async def test_a_missing_person_reads_as_missing_on_today_as_for_responders(
    bot: Harness,
) -> None:
    """A child gone is a search, not a cry to listen for: Today says 走失 as the responders'
    alert does (the tester's lead saw 呼救 on the console while the alert said 走失)."""
    await bot.settle_staff()
    await bot.say(bot.person(5042, "小丽"), "孩子走丢了 找了半小时了 快帮忙")
    await bot.sb.wait_for(lambda: len(bot.sb.sent(bot.staff.id)) > 0)
    async with staff_client(bot) as web:
        _, page = await web.get("/")
    row = row_of(page, "/incidents/1")
    assert "走失" in row and "呼救" not in row


async def test_a_help_call_keeps_its_building_and_says_where(bot: Harness) -> None:
    """ "3栋电梯困人了" (the tester saw "***电梯困人了"): Today's row and the incident's page keep
    the building in her words and say where it is; her phone and the door code stay masked."""
    await bot.settle_staff()
    resident = bot.person(5042, "小敏")
    await bot.say(resident, "3栋电梯困人了，电话13812345678，门禁密码 8866#")
    await bot.sb.wait_for(lambda: len(bot.sb.sent(bot.staff.id)) > 0)
    async with staff_client(bot) as web:
        _, page = await web.get("/")
        row = row_of(page, "/incidents/1")
        status, page = await web.get("/incidents/1")
    assert "“3栋电梯困人了" in row and 'class="where">3栋电梯' in row
    assert status == 200 and "3栋电梯困人了" in page
    assert "3栋电梯" in page.split('id="where"')[1].split("</p>")[0]
    for shown in (row, page):
        assert "13812345678" not in shown and "8866" not in shown


@pytest.mark.parametrize(
    ("words", "shown"),
    [
        ("3栋电梯困人了", "3栋电梯困人了"),
        ("3栋2单元501的老人摔倒了", "3栋2单元***的老人摔倒了"),
        ("5 号楼 1 单元 302 室漏水", "5 号楼 1 单元 ***漏水"),
        ("2单元501室", "2单元***"),
        ("3栋电梯（3-2-501）", "3栋电梯（3-2-***）"),
        ("3栋2单元漏水", "3栋2单元漏水"),
        ("电话13812345678", "电话***"),
        ("门禁密码 8866#", "门禁密码 ***"),
    ],
)
def test_staff_read_the_building_and_unit_but_never_the_room(words: str, shown: str) -> None:
    assert redact_rooms(words) == shown


async def test_a_new_help_call_is_due_until_its_ack_window_has_passed(bot: Harness) -> None:
    """Seconds old, a help call is "due soon" with its 5-minute window (the tester saw "已超时 ·
    已等 0 分钟"); nobody answering for 6 minutes makes it a breach, counted as one."""
    await bot.settle_staff()
    await bot.say(bot.person(5042, "小梅"), "救命，我摔倒了起不来")
    await bot.sb.wait_for(lambda: len(bot.sb.sent(bot.staff.id)) > 0)
    async with staff_client(bot) as web:
        _, page = await web.get("/")
        row = row_of(page, "/incidents/1")
        assert "快到时限" in row and "已超时" not in row and "5 分钟" in row
        assert "超时 0 项" in page
        await bot.advance(timedelta(minutes=6))
        _, page = await web.get("/")
        assert "已超时" in row_of(page, "/incidents/1") and "超时 1 项" in page
