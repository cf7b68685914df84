"""Issue 16, acceptance 3, for every page: each community has a booking of its own (both
numbered 1), and every page its console serves, reached from the pages without an id in the
path by following their links (the booking's own page, the CSV exports, setup entries,
revoke pages…), shows that community's data and nothing of the other's (its resident,
worker, address)."""

from __future__ import annotations

import re

import aiohttp
from aiohttp import web

from tests.booking_steps import book, offer_to, press
from tests.district.support import District, Side
from tests.district.test_bookings import join
from tests.district.test_stories import console, resident

# Pages that are no view of the community's data: signing in and out, the Mini App's shell.
NOT_VIEWS = {"/login/{token}", "/signed-in", "/app", "/logout", "/healthz", "/readyz"}
# What only each community's own booking carries: its resident, its worker, its address.
MAX_PAGES = 300
OWN = {"xiangxi": ("小李", "赵阿姨", "2-3-602"), "yinxing": ("小吴", "钱阿姨", "5-1-302")}


async def booked(side: Side) -> None:
    """A resident of this community (``OWN``) books the sample's cleaning; its provider
    member accepts."""
    resident_name, worker_name, address = OWN[side.name]
    first = 0 if side.name == "xiangxi" else 100
    worker, user = side.person(3001 + first, worker_name), side.person(6001 + first, resident_name)
    await join(side, worker, "provider jiejia")
    await resident(side, user, address)
    await book(side, user, address=None)
    await press(side, worker, await offer_to(side, worker), "✅ 接单")
    await side.sb.wait_for_message(user.id, contains="已接单")


def views(side: Side) -> list[str]:
    """Every path of this console that a GET serves without an id in it."""
    app = console(side).application()
    paths = []
    for resource in app.router.resources():
        path = resource.get_info().get("path")
        methods = {route.method for route in resource}
        if path and "GET" in methods and path not in NOT_VIEWS:
            paths.append(str(path))
    return sorted(set(paths))


def links(page: str) -> set[str]:
    """The console paths a page links to (its own pages: bookings, exports, setup entries…)."""
    found = set(re.findall(r'href="(/[^"#?]*)', page))
    return {path for path in found if not any(path.startswith(n) for n in ("/login", "/logout"))}


async def pages(side: Side) -> dict[str, str]:
    """Each view, and every page they link to, as this community's staff see them (signed in
    by /console)."""
    answer = await side.ask(side.staff, "/console", contains="/login/")
    link = next(word for word in answer.content.split() if "/login/" in word)
    found: dict[str, str] = {}
    waiting = views(side)
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        async with http.get(link) as response:
            assert response.status == 200
        while waiting and len(found) < MAX_PAGES:
            path = waiting.pop(0)
            async with http.get(console(side).base_url + path) as response:
                assert response.status == web.HTTPOk.status_code, path
                found[path] = await response.text()
            waiting += sorted(links(found[path]) - set(found) - set(waiting))
    assert not waiting, waiting  # every linked page was read
    return found


async def test_every_console_page_shows_only_its_community(district: District) -> None:
    xiangxi, yinxing = district.side("xiangxi"), district.side("yinxing")
    await booked(xiangxi)
    await booked(yinxing)
    for side, other in ((xiangxi, "yinxing"), (yinxing, "xiangxi")):
        seen = await pages(side)
        assert len(seen) >= 30, sorted(seen)  # 35 today: every list, entry, export, form
        resident_name, worker, _ = OWN[side.name]  # (the console shows no address)
        assert resident_name in seen["/bookings/1"] and worker in seen["/bookings/1"]
        assert worker in seen["/people"] and "/export/bookings.csv" in seen
        for path, page in seen.items():
            for word in OWN[other]:
                assert word not in page, (side.name, path, word)
