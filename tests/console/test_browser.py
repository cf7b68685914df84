"""The console in a real headless Chromium against the running bot and the sandbox.

Signing in by a /console link and by signed Mini App data; forged, expired and reused sign-ins
refused; each page rendering data made by the bot's own flows; a price edited in the console
shown to the next resident; a revoked housekeeper getting nothing further; a cancelled notice
never posted.
"""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any

import pytest

from bot.devtools.sandbox.ptb import SANDBOX_TOKEN
from bot.domain.console.model import sign_init_data
from tests.booking_steps import book, crew, offer_to, press, press_raw
from tests.console.browser import browser_page, needs_browser
from tests.harness import Harness
from tests.tools_support import borrow, resident

pytestmark = needs_browser


def base(bot: Harness) -> str:
    server = bot.runtime.servers[0]
    return server.base_url  # type: ignore[attr-defined, no-any-return]


async def login_link(bot: Harness) -> str:
    await bot.settle_staff()
    answer = await bot.ask(bot.staff, "/console", contains="/login/")
    return next(word for word in answer.content.split() if "/login/" in word)


async def signed_in(page: Any, bot: Harness) -> None:
    await page.goto(await login_link(bot))
    await page.wait_for_url(base(bot) + "/")


def init_data(user_id: int, auth_date: int) -> str:
    user = json.dumps({"id": user_id, "first_name": "刘"}, ensure_ascii=False)
    return sign_init_data({"auth_date": str(auth_date), "user": user}, SANDBOX_TOKEN)


async def test_console_link_signs_in_once(bot: Harness) -> None:
    link = await login_link(bot)
    async with browser_page() as page:
        await page.goto(link)
        await page.wait_for_url(base(bot) + "/")
        assert "今日" in await page.title()
    async with browser_page() as page:  # the same link again, from another browser
        response = await page.goto(link)
        assert response.status == 403
        assert "/console" in await page.content()


@pytest.mark.parametrize("what", ["expired", "forged"])
async def test_an_expired_or_forged_console_link_is_refused(bot: Harness, what: str) -> None:
    """A /console link opened 11 minutes on (it lives 10), or one whose token was made up."""
    link = await login_link(bot)
    if what == "expired":
        bot.clock.advance(timedelta(minutes=11))
    else:
        link = link.rsplit("/", 1)[0] + "/" + "x" * 43
    async with browser_page() as page:
        response = await page.goto(link)
        assert response.status == 403
        assert "/console" in await page.content()
        assert (await page.goto(base(bot) + "/")).status == 403  # and no session


async def test_mini_app_signed_data_signs_in(bot: Harness) -> None:
    await bot.settle_staff()
    now = int(bot.clock.now().timestamp())
    async with browser_page() as page:
        await page.goto(f"{base(bot)}/app#tgWebAppData={_quote(init_data(1001, now))}")
        await page.wait_for_url(base(bot) + "/")
        assert "今日" in await page.title()


@pytest.mark.parametrize("what", ["forged", "expired", "not_staff"])
async def test_bad_mini_app_data_is_refused(bot: Harness, what: str) -> None:
    await bot.settle_staff()
    now = int(bot.clock.now().timestamp())
    data = {
        "forged": init_data(1001, now).replace("hash=", "hash=0"),
        "expired": init_data(1001, now - 2 * 3600),
        "not_staff": init_data(4242, now),
    }[what]
    async with browser_page() as page:
        await page.goto(f"{base(bot)}/app#tgWebAppData={_quote(data)}")
        await page.wait_for_load_state()
        assert "/auth/webapp" in page.url
        text = await page.content()
        assert "无法验证" in text or "只对社区工作人员和楼栋管家开放" in text
        no_session = await page.goto(base(bot) + "/")
        assert no_session.status == 403


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="")


async def test_pages_render_data_made_by_the_bot(bot: Harness) -> None:
    people = await crew(bot)
    resident = bot.person(5001, "小李")
    await book(bot, resident)
    await bot.ask(bot.staff, "/notice 明天 18:00 | 停水通知：明早 3栋停水", contains="已安排")
    async with browser_page() as page:
        await signed_in(page, bot)
        assert "洗油烟机" in await page.inner_text("#today") or "油烟机" in await page.content()
        await page.click("text=预约与工单")
        assert "派单中" in await page.inner_text("#bookings")
        await page.click("#bookings a")
        assert "confirmed" in await page.inner_text("#timeline") or await page.inner_text(
            "#timeline"
        )
        await page.fill("input[name=note]", "已电话联系")
        await page.click("text=添加备注")
        assert "已电话联系" in await page.inner_text("#timeline")
        await page.goto(base(bot) + "/people")
        assert people.zhang.first_name in await page.inner_text("#people")
        await page.goto(base(bot) + "/notices")
        assert "停水通知" in await page.inner_text("#notices")
        await page.goto(base(bot) + "/providers")
        assert "¥180" in await page.inner_text("#offers-jiejia")


async def test_price_edited_in_console_is_what_the_next_resident_sees(bot: Harness) -> None:
    await bot.settle_staff()
    await bot.join(bot.person(3001, "赵阿姨"), "provider", "jiejia")  # someone to quote for
    async with browser_page() as page:
        await signed_in(page, bot)
        await page.goto(base(bot) + "/providers")
        row = "#offers-jiejia tr:has(input[value=range_hood_cleaning])"
        await page.fill(f"{row} input[name=price]", "166")
        await page.click(f"{row} button")
        await page.wait_for_url(re.compile(r".*/providers\?saved=1"))
        assert "已保存" in await page.inner_text("#saved")
        assert "¥166" in await page.inner_text("#offers-jiejia")
    answer = await bot.ask(bot.person(5002, "小王"), "洗油烟机多少钱")
    assert "166" in answer.content, answer.content


async def test_staff_redispatch_then_assign_a_named_worker(bot: Harness) -> None:
    """Re-dispatch moves the job from 洁家家政 to the next provider (赵阿姨's offer is closed);
    assigning 赵阿姨 by name gives her the job with its address and tells the resident; the
    timeline names the staff member for both."""
    people = await crew(bot)
    resident = bot.person(5005, "小孙")
    await book(bot, resident)
    first = await offer_to(bot, people.zhao)
    async with browser_page() as page:
        await signed_in(page, bot)
        await page.goto(base(bot) + "/bookings/1")
        await page.click("text=改派给下一家")
        await page.wait_for_url(base(bot) + "/bookings/1")
        assert "工作人员改派" in await page.inner_text("#timeline")
        await bot.sb.wait_for(lambda: "改派" in _now(bot, people.zhao.id, first.message_id))
        await page.select_option("#worker", label=f"{people.zhao.first_name} · 洁家家政")
        await page.click("text=指派给")
        await page.wait_for_url(base(bot) + "/bookings/1")
        timeline = await page.inner_text("#timeline")
        assert "工作人员指派" in timeline and "已接单" in await page.inner_text("main")
    await bot.sb.wait_for_message(resident.id, contains=people.zhao.first_name)
    await bot.sb.wait_for(lambda: any("3-2-501" in m.content for m in bot.sb.sent(people.zhao.id)))
    async with bot.runtime.db.read() as tx:
        row = await tx.one("SELECT status, assignee_id FROM bookings WHERE id = 1")
        zhao = await bot.runtime.people.get(tx, people.zhao.id)
        outcomes = await tx.all("SELECT outcome FROM booking_offers ORDER BY attempt")
    assert row is not None and zhao is not None
    assert (row["status"], row["assignee_id"]) == ("accepted", zhao.id)
    assert (outcomes[0]["outcome"], outcomes[-1]["outcome"]) == ("reassigned", "accepted")


async def test_revoked_housekeeper_gets_nothing_further(bot: Harness) -> None:
    """Revoked in the console (through the setup service): the job offered to him before no
    longer takes his press, and the next job in his building goes to the others, never him."""
    people = await crew(bot)
    toilet = "马桶堵了，明天上午能来通一下吗"
    await book(bot, bot.person(5003, "小赵"), toilet, provider="香溪美地物业")
    old_offer = await offer_to(bot, people.zhang)
    accept = next(b["callback_data"] for b in old_offer.buttons if "callback_data" in b)
    async with browser_page() as page:
        await signed_in(page, bot)
        await page.goto(base(bot) + "/people")
        row = page.locator("#people tr", has_text=people.zhang.first_name)
        await row.locator("a").click()
        assert "王阿姨" in await page.inner_text("#elders")  # what will happen, first
        await page.check("input[name=sure]")
        await page.click("text=确认撤销")
        await page.wait_for_url(base(bot) + "/people?revoked=1")
        assert "已撤销" in await page.inner_text("#saved")
        assert people.zhang.first_name not in await page.inner_text("#people")
    await bot.sb.wait_idle(quiet=0.2)
    # His offer on screen loses its buttons and says it was taken back (the one edit he gets)
    now = _now(bot, people.zhang.id, old_offer.message_id)
    assert "已收回" in now and "3栋" in now
    assert not next(
        m for m in bot.sb.sent(people.zhang.id) if m.message_id == old_offer.message_id
    ).button_texts
    before = len(bot.sb.sent(people.zhang.id))
    # A press from a stale screen (the button's data) still changes nothing
    assert "失效" in await press_raw(bot, people.zhang, old_offer.message_id, accept)
    async with bot.runtime.db.read() as tx:
        status = await tx.scalar("SELECT status FROM bookings ORDER BY id LIMIT 1")
        assert status == "offered"  # his press accepted nothing
    # A second property-team job in his building 3 goes to the others, never to him.
    mark = last_offer_id(bot, people.wang)
    await book(bot, bot.person(5004, "小钱"), toilet, provider="香溪美地物业")
    await offer_to(bot, people.wang, after=mark)
    await bot.sb.wait_idle(quiet=0.2)
    assert len(bot.sb.sent(people.zhang.id)) == before
    async with bot.runtime.db.read() as tx:
        zhang = await bot.runtime.people.get(tx, people.zhang.id)
        assert zhang is not None
        assert not await bot.runtime.people.has_role(tx, zhang.id, "housekeeper")


def _now(bot: Harness, chat_id: int, message_id: int) -> str:
    """A bot message's text as it is now (after edits)."""
    return next(m.content for m in bot.sb.sent(chat_id) if m.message_id == message_id)


def last_offer_id(bot: Harness, user: Any) -> int:
    offers = [m.message_id for m in bot.sb.sent(user.id) if "✅ 接单" in m.button_texts]
    return offers[-1] if offers else 0


async def test_cancelled_notice_is_never_posted(bot: Harness) -> None:
    group = await bot.group()
    await bot.ask(bot.staff, "/notice 今天 10:00 | 明天停电检修", contains="已安排")
    async with browser_page() as page:
        await signed_in(page, bot)
        await page.goto(base(bot) + "/notices")
        await page.check("#notices .sure input")  # a final action: ticked first
        await page.click("#notices button")
        await page.wait_for_url(base(bot) + "/notices")
        assert "已取消" in await page.inner_text("#notices")
    await bot.advance(timedelta(hours=3))
    await bot.sb.wait_idle(quiet=0.1)
    assert not [m for m in bot.sb.sent(group.id) if "停电检修" in m.content]


async def test_decision_pages_render_what_the_bot_recorded(bot: Harness) -> None:
    """Tool cabinet (who has what, due, the unit's history), Demand (requests by service and
    building, unmet requests grouped), Care (every elder), the scorecard, suspend and lift,
    and a CSV download — each from data the bot's own flows made."""
    people = await crew(bot)
    li = await resident(bot, 5006, "小周", "3-2-501")
    await borrow(bot, li, people.zhang, "谁有梯子借我用一下")
    await book(bot, bot.person(5007, "小吴"))
    await press(bot, people.zhao, await offer_to(bot, people.zhao), "✅ 接单")
    chat = await bot.group()
    for _ in range(2):
        await bot.say(bot.person(5008, "小郑"), "帮忙找个人弄一下飞碟", chat)
    await bot.sb.wait_idle()
    async with browser_page() as page:
        await signed_in(page, bot)
        await page.goto(base(bot) + "/tools")
        units = await page.inner_text("#units")
        assert "借出中" in units and "小周" in units
        await page.locator("#units tr", has_text="小周").locator("a").click()
        assert "小周" in await page.inner_text("#history")
        await page.goto(base(bot) + "/demand")
        assert "油烟机" in await page.inner_text("#by-service")
        assert "3" in await page.inner_text("#by-building")
        unmet = await page.locator("#unmet tr", has_text="飞碟").inner_text()
        assert "2" in unmet  # asked twice, one group
        await page.goto(base(bot) + "/care")
        assert await page.locator("#care tr").count() > 1
        await page.goto(base(bot) + "/providers")
        card = await page.inner_text("#card-jiejia")
        assert "100%" in card  # one offer, accepted
        await page.click("#card-jiejia button")  # not ticked: the browser does not send it
        async with bot.runtime.db.read() as tx:
            assert await tx.scalar("SELECT COUNT(*) FROM provider_suspensions") == 0
        await page.check("#card-jiejia .sure input")
        await page.click("#card-jiejia button")
        await page.wait_for_url(base(bot) + "/providers")
        assert "暂停" in await page.inner_text("#card-jiejia")
        async with bot.runtime.db.read() as tx:
            assert await tx.scalar("SELECT provider_id FROM provider_suspensions") == "jiejia"
        await page.click("#card-jiejia button")
        await page.wait_for_url(base(bot) + "/providers")
        async with bot.runtime.db.read() as tx:
            assert await tx.scalar("SELECT COUNT(*) FROM provider_suspensions") == 0
        csv = await page.request.get(base(bot) + "/export/bookings.csv")
        assert csv.ok and "range_hood_cleaning" in await csv.text()
        assert (await page.request.get(base(bot) + "/export/people.csv")).status == 404
