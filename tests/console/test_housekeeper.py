"""A housekeeper's console (retest of issue 15, finding 1): `/console` gives them a one-time
link too; signed in, they see Today and the bookings of their own buildings only, read-only:
no other page, no form, and every POST of the console refused even with their own CSRF token."""

from __future__ import annotations

import re

from bot.web.routes import COOKIE, routes
from bot.web.server import ConsoleServer
from tests.booking_steps import book, crew
from tests.console.pages_support import base, client_for, staff_client
from tests.harness import Harness


async def test_a_housekeeper_sees_only_their_buildings_read_only(bot: Harness) -> None:
    """陈管家 (buildings 4-6) signs in by /console: the bookings of building 5, not 3, on
    Today and the list and by number; the staff pages refused; no form anywhere."""
    people = await crew(bot)
    await book(bot, bot.person(5101, "小李"), address="3-2-501")
    await book(bot, bot.person(5102, "小王"), address="5-1-302")
    answer = await bot.ask(people.chen, "/console", contains="/login/")
    assert "只读" in answer.content
    async with client_for(bot, people.chen) as web:
        status, today = await web.get("/")
        assert status == 200 and "只读" in today
        assert 'href="/bookings/2"' in today and 'href="/bookings/1"' not in today
        assert 'href="/people"' not in today and 'href="/providers"' not in today
        _, listing = await web.get("/bookings")
        assert 'href="/bookings/2"' in listing and 'href="/bookings/1"' not in listing
        assert "共 1 条" in listing  # the count holds nothing of another building
        assert (await web.get("/bookings/2"))[0] == 200
        assert (await web.get("/bookings/1"))[0] == 404
        for page in ("/", "/bookings", "/bookings/2"):
            assert '<form method="post"' not in (await web.get(page))[1]
        for staff_page in ("/people", "/providers", "/notices", "/tools", "/care", "/demand"):
            assert (await web.get(staff_page))[0] == 403, staff_page
        assert (await web.get("/export/bookings.csv"))[0] == 403


async def test_a_housekeeper_sees_jobs_still_offered_and_whom_to_chase(bot: Harness) -> None:
    """A job of building 5 offered to 洁家家政 and not yet accepted (tester finding, session
    13): 陈管家 sees it on Today with the provider holding the offer, in the list filtered
    to offers, and on its page; building 3's offered job nowhere."""
    people = await crew(bot)
    await book(bot, bot.person(5101, "小李"), address="3-2-501")
    await book(bot, bot.person(5102, "小王"), address="5-1-302")
    async with client_for(bot, people.chen) as web:
        _, today = await web.get("/")
        line = today.split('href="/bookings/2"', 1)[1].split("</tr>", 1)[0]
        assert "派单中" in line and '<span class="provider">洁家家政</span>' in line
        assert 'href="/bookings/1"' not in today
        _, offered = await web.get("/bookings?status=offered")
        assert 'href="/bookings/2"' in offered and 'href="/bookings/1"' not in offered
        _, booking = await web.get("/bookings/2")
        assert "派单中 · 洁家家政" in booking


async def test_every_post_of_the_console_is_refused_for_a_housekeeper(bot: Harness) -> None:
    """Each POST route, filled in, with the housekeeper's own valid CSRF token: 403, and the
    booking of their building is not cancelled."""
    people = await crew(bot)
    await book(bot, bot.person(5103, "小赵"), address="5-1-302")
    async with client_for(bot, people.chen) as web:
        cookie = next(c.value for c in web.http.cookie_jar if c.key == COOKIE)
        server = bot.runtime.servers[0]  # type: ignore[attr-defined]
        async with bot.runtime.db.read() as tx:
            viewer = await server.console.viewer(tx, cookie)
        assert viewer is not None and not viewer.staff
        posts = [
            r.path
            for r in routes(server)
            if getattr(r, "method", "") == "POST" and r.path != "/logout"  # anyone may leave
        ]
        assert len(posts) > 15
        for path in posts:
            filled = re.sub(r"\{[^/]+\}(?=/|$)", _fill, path)
            data = {"csrf": viewer.csrf, "note": "x", "worker": "jiejia:1", "price": "1"}
            async with web.http.post(base(bot) + filled, data=data) as response:
                assert response.status == 403, filled
    async with bot.runtime.db.read() as tx:
        status = await tx.scalar("SELECT status FROM bookings WHERE id = 1")
    assert status == "offered"


def _fill(found: re.Match[str]) -> str:
    """A value for a route's placeholder: a number, the first of its choices, or a provider."""
    pattern = found.group(0)[1:-1].partition(":")[2]
    if "\\d" in pattern:
        return "1"
    if "|" in pattern:
        return pattern.strip("()").split("|")[0]
    return "jiejia"


async def test_someone_without_a_role_is_refused_a_link(bot: Harness) -> None:
    """A resident asking /console gets a polite no, naming who may use it."""
    answer = await bot.ask(bot.person(5104, "小钱"), "/console")
    assert "/login/" not in answer.content and "管家" in answer.content


async def test_a_revoked_housekeepers_open_session_says_access_was_removed(bot: Harness) -> None:
    """陈管家 is signed in when staff revoke him: his next page says his access was removed
    (not "session expired, send /console", which can no longer work), and the session is
    ended, so the page after that no longer knows him."""
    people = await crew(bot)
    async with client_for(bot, people.chen) as chen:
        assert (await chen.get("/"))[0] == 200
        async with staff_client(bot) as web:
            _, listing = await web.get("/people")
            found = re.search(r'<td[^>]*>陈管家</td>.*?href="(/people/\d+/revoke)"', listing)
            assert found is not None
            assert (await web.post(found.group(1), sure="on"))[0] == 200
        status, page = await chen.get("/")
        assert status == 403 and "权限已被撤销" in page and "登录已结束" in page
        assert "/console" not in page
        assert COOKIE not in {c.key for c in chen.http.cookie_jar}  # the cookie is gone too
        status, page = await chen.get("/bookings")
        assert status == 403 and "权限已被撤销" not in page  # the session itself is over


async def test_every_post_of_the_console_needs_the_csrf_token(bot: Harness) -> None:
    """Issue 15: CSRF protection on every form. Staff's own session, each POST route filled
    in (ticked 'I am sure' too) but with no token or a forged one: 403, nothing changed."""
    await crew(bot)
    await book(bot, bot.person(5104, "小钱"), address="3-2-501")
    async with staff_client(bot) as web:
        server = bot.runtime.servers[0]
        assert isinstance(server, ConsoleServer)
        posts = [r.path for r in routes(server) if getattr(r, "method", "") == "POST"]
        posts = [p for p in posts if p not in ("/logout", "/auth/webapp")]  # no session yet
        assert len(posts) > 15
        for path in posts:
            filled = re.sub(r"\{[^/]+\}(?=/|$)", _fill, path)
            for token in ({}, {"csrf": "forged"}):
                data = {**token, "note": "x", "worker": "jiejia:1", "price": "1", "sure": "on"}
                async with web.http.post(base(bot) + filled, data=data) as response:
                    assert response.status == 403, (filled, token)
                    assert "表单已过期" in await response.text()
    async with bot.runtime.db.read() as tx:
        assert await tx.scalar("SELECT status FROM bookings WHERE id = 1") == "offered"
        assert await tx.scalar("SELECT COUNT(*) FROM provider_suspensions") == 0
