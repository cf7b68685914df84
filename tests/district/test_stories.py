"""Two communities side by side through the check-in ladder, a self-service tool loan, the
weekly report and the console: each community's deadlines run on its own store, and nothing of
one shows in the other's chats, reports or pages."""

from __future__ import annotations

from datetime import timedelta

import aiohttp

from bot.devtools.sandbox import SandboxUser
from bot.web.server import ConsoleServer
from tests.booking_steps import book, offer_to, press
from tests.district.support import District, Side, texts
from tests.district.test_bookings import join
from tests.tools_support import reserve

XIANGXI, YINXING = "香溪美地", "银杏苑"


async def idle(district: District) -> None:
    """Every community's sender has delivered what it queued, and the sandbox is quiet."""
    for runtime in district.runtimes():
        assert runtime.sender is not None
        await runtime.sender.drain()
        async with runtime.db.read():
            pass
    await district.sb.wait_idle(quiet=0.05)


def count(district: District, user: int, fragment: str) -> int:
    return sum(fragment in m.content for m in district.sb.sent(user))


async def test_check_in_ladders_run_per_community(district: District) -> None:
    """香溪美地's 王阿姨 answers; 银杏苑's 王阿姨 stays silent: only 银杏苑's grid worker and
    staff are asked, once each, and 香溪美地's hear nothing of it."""
    xiangxi, yinxing = district.side("xiangxi"), district.side("yinxing")
    wang_x, wang_y = district.person(3001, "王阿姨"), district.person(3101, "王阿姨")
    zhang_x, zhang_y = district.person(2001, "张管家"), district.person(2101, "张管家")
    await join(xiangxi, wang_x, "elder elder_wang")
    await join(xiangxi, zhang_x, "housekeeper hk_zhang")
    await join(yinxing, wang_y, "elder elder_wang")
    await join(yinxing, zhang_y, "housekeeper hk_zhang")
    await idle(district)

    await district.advance(timedelta(minutes=31))  # 08:30: both pinged
    ping_x = await district.sb.wait_for_message(wang_x.id, contains="今天都好吗")
    await district.sb.wait_for_message(wang_y.id, contains="今天都好吗")
    await district.sb.press(wang_x, ping_x, "😊 我很好")
    await district.sb.wait_for_message(wang_x.id, contains="谢谢王阿姨")
    for _ in range(5):  # the whole ladder, and then some
        await district.advance(timedelta(minutes=30))
        await idle(district)

    assert count(district, wang_y.id, "还没收到您的回复") == 1
    assert count(district, zhang_y.id, "一直没有回复") == 1
    assert count(district, yinxing.staff.id, "关爱升级：王阿姨") == 1
    assert count(district, wang_x.id, "还没收到您的回复") == 0
    assert count(district, zhang_x.id, "一直没有回复") == 0
    assert count(district, xiangxi.staff.id, "关爱升级：王阿姨") == 0
    for side, steps in (
        (xiangxi, ["fine"]),
        (yinxing, ["reminded", "grid_worker_asked", "staff_alerted"]),
    ):
        async with side.runtime.db.read() as tx:
            events = await side.runtime.audit.timeline(tx, "elder:elder_wang")
        actions = [e.action for e in events]
        assert actions.count("pinged") == 1, actions
        assert all(actions.count(step) == 1 for step in steps), actions


async def resident(side: Side, user: SandboxUser, address: str) -> None:
    """Someone starts with this community (its choice link) and gives an address."""
    started = await side.sb.press_start(user, side.name)
    await side.sb.wait_for_messages(user.id, count=2, after=started.message_id)
    await side.ask(user, address, contains=address)


async def test_a_self_service_loan_gives_each_community_its_own_code(district: District) -> None:
    xiangxi, yinxing = district.side("xiangxi"), district.side("yinxing")
    li, wu = district.person(6001, "小李"), district.person(6101, "小吴")
    await resident(xiangxi, li, "2-3-602")
    await resident(yinxing, wu, "5-1-302")
    got_x = await reserve(xiangxi, li, "借打气筒")
    got_y = await reserve(yinxing, wu, "借打气筒")
    assert "2580" in got_x.content and "7391" not in got_x.content
    assert "7391" in got_y.content and "2580" not in got_y.content
    await district.sb.press(wu, got_y, "我已取走")
    await district.sb.wait_for_message(wu.id, contains="打气筒 #1 已借出")
    async with xiangxi.runtime.db.read() as tx:
        states = await tx.all("SELECT state FROM tool_units WHERE tool_id = 'air_pump'")
    assert [r["state"] for r in states] == ["reserved"]  # 银杏苑's loan is not 香溪美地's
    everything = texts(district.sb.sent(li.id)) + texts(district.sb.sent(xiangxi.staff.id))
    assert "7391" not in everything and "5-1-302" not in everything


async def test_reports_and_console_pages_show_only_their_community(district: District) -> None:
    xiangxi, yinxing = district.side("xiangxi"), district.side("yinxing")
    zhao = district.person(3001, "赵阿姨")
    await join(xiangxi, zhao, "provider jiejia")
    li = district.person(5001, "小李")
    await resident(xiangxi, li, "2-3-602")
    await book(xiangxi, li, address=None)
    await press(district, zhao, await offer_to(district, zhao), "✅ 接单")
    await district.sb.wait_for_message(li.id, contains="已接单")

    for side, name, requests in ((xiangxi, XIANGXI, 1), (yinxing, YINXING, 0)):
        await side.settle_staff()
        await district.say(side.staff, "/report")
        await district.sb.wait_for(  # the chart is drawn in a thread: slow on a busy machine
            lambda s=side: any(m.photo for m in s.sb.sent(s.staff.id)), timeout=30
        )
        [photo] = [m for m in district.sb.sent(side.staff.id) if m.photo]
        assert photo.content.startswith(f"📊 {name}周报")
        assert f"{requests} " in photo.content.split("\n")[1]

    pages_x = await console_pages(xiangxi)
    pages_y = await console_pages(yinxing)
    assert "赵阿姨" in pages_x["/people"] and "赵阿姨" not in pages_y["/people"]
    assert "共 1 条" in pages_x["/bookings"] and "共 0 条" in pages_y["/bookings"]
    exported_x = pages_x["/export/bookings.csv"].strip().splitlines()
    exported_y = pages_y["/export/bookings.csv"].strip().splitlines()
    assert len(exported_x) == 2 and len(exported_y) == 1  # a header, and 香溪美地's one booking
    for page in pages_y.values():
        assert "2-3-602" not in page and "小李" not in page and "赵阿姨" not in page


def console(side: Side) -> ConsoleServer:
    return next(s for s in side.runtime.servers if isinstance(s, ConsoleServer))


async def console_pages(side: Side) -> dict[str, str]:
    """What this community's staff see on a few console pages, signed in by /console; and a
    session of this console is worth nothing on the other community's."""
    answer = await side.ask(side.staff, "/console", contains="/login/")
    link = next(word for word in answer.content.split() if "/login/" in word)
    assert link.startswith(console(side).base_url)
    other = next(s for s in ("xiangxi", "yinxing") if s != side.name)
    pages: dict[str, str] = {}
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        async with http.get(link) as response:
            assert response.status == 200
        for path in ("/people", "/bookings", "/tools", "/export/bookings.csv"):
            async with http.get(console(side).base_url + path) as response:
                assert response.status == 200, path
                pages[path] = await response.text()
        foreign = console(side.district.side(other)).base_url + "/people"
        async with http.get(foreign, allow_redirects=False) as response:
            assert response.status != 200  # not signed in there
    return pages
