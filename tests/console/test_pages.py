"""The console's pages and actions through its real aiohttp app against the running bot: what
staff do there reaches the right people, in their languages, and is on the timeline."""

from __future__ import annotations

import io
from datetime import timedelta
from urllib.parse import quote

import aiohttp
import pytest

from tests.booking_steps import book, crew, offer_to, press
from tests.console.pages_support import staff_client
from tests.harness import Harness


async def test_staff_cancel_tells_resident_and_worker_and_ends_the_job_message(
    bot: Harness,
) -> None:
    """An accepted job cancelled in the console: the resident is told the property office
    cancelled it, the worker that staff (not the resident) called it off, her job message loses
    its address and buttons, nothing goes to the staff member, and the timeline names them."""
    people = await crew(bot)
    resident = bot.person(5010, "小李")
    await book(bot, resident)
    job = await offer_to(bot, people.zhao)
    await press(bot, people.zhao, job, "✅ 接单")
    await bot.sb.wait_for(lambda: any("3-2-501" in m.content for m in bot.sb.sent(people.zhao.id)))
    async with staff_client(bot) as web:
        staff_before = len(bot.sb.sent(bot.staff.id))
        _, page = await web.get("/bookings/1")
        assert 'id="cancel" href="/bookings/1/cancel"' in page  # a link to a question first
        status, sure = await web.get("/bookings/1/cancel")
        assert status == 200 and "确定要取消" in sure and 'action="/bookings/1/cancel"' in sure
        status, page = await web.post("/bookings/1/cancel", sure="on")
        assert status == 200 and "已取消" in summary(page)
        told = await bot.sb.wait_for_message(resident.id, contains="已取消")
        assert "物业" in told.content, told.content
        worker = await bot.sb.wait_for_message(people.zhao.id, contains="取消")
        assert "工作人员" in worker.content and "居民取消" not in worker.content
        await bot.sb.wait_idle(quiet=0.2)
        for message in bot.sb.sent(people.zhao.id):
            if "#1" in message.content or "油烟机" in message.content:
                assert "501" not in message.content, message.content
                assert "✅ 接单" not in message.button_texts
                assert not [b for b in message.button_texts if "到达" in b or "完成" in b]
        assert len(bot.sb.sent(bot.staff.id)) == staff_before  # nothing sent to staff
        _, page = await web.get("/bookings/1")
        assert "刘主任" in page.split('id="timeline"')[1]
        assert 'id="cancel"' not in page  # nothing left to cancel: no button
        status, again = await web.get("/bookings/1/cancel")
        assert status == 409 and "不能再取消" in again and "<form" not in again


async def test_timeline_shows_local_times_names_and_masked_notes(bot: Harness) -> None:
    """The timeline says when in the community's time, who by name (never ``person:7``), what
    in words; a staff note with a phone number and a door code is shown masked."""
    await crew(bot)
    resident = bot.person(5011, "小周")
    await book(bot, resident)
    local = bot.runtime.local_now().strftime("%m-%d %H:%M")
    async with staff_client(bot) as web:
        await web.post("/bookings/1/note", note="业主电话 13812345678，门锁密码 4321#")
        await web.post("/bookings/1/note", note="已电话联系业主 13912345678，门禁 8866#")
        _, page = await web.get("/bookings/1")
    timeline = page.split('id="timeline"')[1]
    assert local in timeline
    assert "小周" in timeline and "刘主任" in timeline
    assert "person:" not in timeline and "telegram:" not in timeline
    assert "开始预约" in timeline and "工作人员备注" in timeline
    assert "13812345678" not in timeline and "4321" not in timeline and "***" in timeline
    assert "13912345678" not in timeline and "8866" not in timeline and "门禁" in timeline


async def test_booking_pages_show_who_has_the_job_now_and_search_by_name(bot: Harness) -> None:
    """After a re-dispatch the list and the booking show the provider asked now (not the one
    first chosen); after an assignment, the worker's name. The search box finds bookings by
    service name in zh or en, or by number; states are words; no match says so."""
    people = await crew(bot)
    await book(bot, bot.person(5012, "小吴"))
    await offer_to(bot, people.zhao)
    async with staff_client(bot) as web:
        _, page = await web.get("/bookings/1")
        assert "洁家家政" in summary(page) and "派单中" in summary(page)
        await web.post("/bookings/1/redispatch")
        _, page = await web.get("/bookings/1")
        assert "快修师傅" in summary(page) and "洁家家政" not in summary(page)
        _, listing = await web.get("/bookings")
        assert "快修师傅" in rows_of(listing, "bookings")
        async with bot.runtime.db.read() as tx:
            zhao = await bot.runtime.people.get(tx, people.zhao.id)
        assert zhao is not None
        await web.post("/bookings/1/assign", worker=f"jiejia:{zhao.id}")
        _, page = await web.get("/bookings/1")
        assert "洁家家政 · 赵阿姨" in summary(page) and "已接单" in summary(page)
        for typed in ("油烟机", "range hood", "#1"):
            _, found = await web.get(f"/bookings?q={quote(typed)}")
            assert 'href="/bookings/1"' in found, typed
        _, found = await web.get(f"/bookings?q={quote('管道')}")
        assert 'href="/bookings/1"' not in found and "没有符合条件的预约" in found
        _, found = await web.get("/bookings?status=accepted&service=range_hood_cleaning")
        assert 'href="/bookings/1"' in found and '<option value="accepted" selected>' in found


def summary(page: str) -> str:
    """The booking page's line: service · state · who has it."""
    return page.split('id="summary">')[1].split("</p>")[0]


def rows_of(page: str, table_id: str) -> str:
    """A table's HTML."""
    return page.split(f'id="{table_id}"')[1].split("</table>")[0]


async def test_demand_groups_unmet_requests_by_wording_over_the_weeks(bot: Harness) -> None:
    """Unmet requests asked in different words and on different days are one row with their
    count (rapidfuzz, as /misses groups them), not one row per message or only today's."""
    await bot.settle_staff()
    chat = await bot.group()
    asker = bot.person(5013, "小郑")
    await bot.say(asker, "帮忙找个人弄飞碟", chat)
    await bot.say(bot.person(5014, "小冯"), "有没有人会弄飞碟？", chat)
    await bot.sb.wait_idle(quiet=0.2)
    await bot.advance(timedelta(days=2))
    await bot.say(bot.person(5015, "小陈"), "谁会弄飞碟吗", chat)
    await bot.sb.wait_idle(quiet=0.2)
    async with staff_client(bot) as web:
        _, page = await web.get("/demand")
    unmet = rows_of(page, "unmet")
    assert unmet.count("飞碟") == 1, unmet
    assert "<td>3</td>" in unmet, unmet


async def test_demand_shows_a_service_nobody_offers_by_service(bot: Harness) -> None:
    """Issue 15 (testers): a service asked for while its only provider was suspended was listed
    as a text nothing understood. The Demand page lists it by service ("无人提供 ×3": 小李 on
    two days, 老周 once; each once a day), and not among the texts not understood."""
    await crew(bot)
    await bot.ask(bot.staff, "/suspend kuaixiu", contains="已暂停")
    li, zhou = bot.person(5013, "小李"), bot.person(5014, "老周")
    for who in (li, zhou):
        await bot.ask(who, "想修自行车", contains="没有")
    await bot.say(li, "想修自行车")  # again the same day (the clock stands still: told once)
    await bot.sb.wait_idle(quiet=0.2)
    await bot.advance(timedelta(days=1))
    await bot.ask(li, "想修自行车", contains="没有")
    async with staff_client(bot) as web:
        _, page = await web.get("/demand")
    unserved = rows_of(page, "unserved")
    assert "修自行车/电动车" in unserved and "无人提供 ×3" in unserved, unserved
    assert "<td>2</td>" in unserved, unserved  # two residents
    assert "自行车" not in rows_of(page, "unmet")


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("-20", "不能是负数"),
        ("1e9", "请输入数字"),
        ("1800000", "不能超过 50000"),
        ("18.005", "精确到分"),
        ("241", "市场价"),  # the market reference is 240
    ],
)
async def test_a_bad_price_is_refused_politely_and_changes_nothing(
    bot: Harness, typed: str, said: str
) -> None:
    """A refused price: a page saying why (400) next to the price typed, kept in its form;
    the offer and the audit trail unchanged."""
    async with staff_client(bot) as web:
        status, page = await web.post(
            "/providers/jiejia/price", service="range_hood_cleaning", price=typed
        )
        assert status == 400 and said in page.split('id="problem-price"')[1]
        assert f'name="price" value="{typed}"' in page
        _, providers = await web.get("/providers")
    assert "¥180" in rows_of(providers, "offers-jiejia")
    async with bot.runtime.db.read() as tx:
        assert await tx.scalar("SELECT COUNT(*) FROM audit WHERE action = 'setup_price'") == 0


async def test_a_good_price_is_saved_with_its_audit_entry(bot: Harness) -> None:
    """¥199.5 is stored as 199.5 yuan, with who changed it and the price before and after."""
    async with staff_client(bot) as web:
        status, page = await web.post(
            "/providers/jiejia/price", service="range_hood_cleaning", price="¥199.5"
        )
        assert status == 200 and "¥199.5" in rows_of(page, "offers-jiejia")
    async with bot.runtime.db.read() as tx:
        row = await tx.one("SELECT actor, detail FROM audit WHERE action = 'setup_price'")
    assert row is not None and row["actor"].startswith("person:")
    assert "180" in row["detail"] and "199.5" in row["detail"]


async def test_pages_carry_security_headers_and_a_too_large_upload_is_a_polite_page(
    bot: Harness,
) -> None:
    """Every page and CSV: framed only by Telegram (the Mini App) and the console, never
    cached; a body over the upload limit gets the console's own page saying the limit."""
    async with staff_client(bot) as web:
        for path in ("/", "/bookings", "/export/bookings.csv"):
            async with web.http.get(web.root + path) as response:
                headers = response.headers
            assert headers["Cache-Control"] == "no-store", path
            assert "frame-ancestors" in headers["Content-Security-Policy"], path
            assert "web.telegram.org" in headers["Content-Security-Policy"], path
            assert headers["X-Content-Type-Options"] == "nosniff"
        _, page = await web.get("/providers")  # suspending (final) asks for a tick first
        assert '<input type="checkbox" name="sure" required>' in page
        big = aiohttp.FormData({"csrf": await web.csrf()})
        big.add_field("text", io.BytesIO(b"x" * (5 * 1024 * 1024)), filename="big.txt")
        async with web.http.post(web.root + "/notices/new", data=big) as response:
            status, page = response.status, await response.text()
        assert status == 413 and "文件太大了" in page and "4 MB" in page


async def test_sign_out_asks_first_then_ends_the_session_on_post(bot: Harness) -> None:
    """Following the menu's link (a GET) only asks; the POST signs out and says how to come
    back; the session no longer opens pages."""
    async with staff_client(bot) as web:
        status, page = await web.get("/logout")
        assert status == 200 and "要退出管理台吗" in page and 'action="/logout"' in page
        assert (await web.get("/people"))[0] == 200  # still signed in
        status, page = await web.post("/logout")
        assert status == 200 and "已退出登录" in page and "/console" in page
        status, page = await web.get("/people")
        assert status == 403


async def test_a_free_offer_is_saved_and_an_unchanged_free_row_saves(bot: Harness) -> None:
    """Tester session 15: 暖气维修 shows 免费 and holds 0; saving it (unchanged) and making a
    paid offer free both work; the offer reads 免费."""
    async with staff_client(bot) as web:
        status, page = await web.post(
            "/providers/property_team/price", service="heating_repair", price="0"
        )
        assert status == 200 and "免费" in rows_of(page, "offers-property_team"), page
        status, page = await web.post(
            "/providers/jiejia/price", service="range_hood_cleaning", price="0"
        )
        assert status == 200 and "免费" in rows_of(page, "offers-jiejia"), page
