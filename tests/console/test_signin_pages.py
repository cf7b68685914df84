"""Sign-in and refusals as a browser meets them (retest of issue 15, findings 9): the spent
login address leaves the address bar, an expired session says so (not "link invalid"), and
anything not found is the console's own page, not aiohttp's bare text."""

from __future__ import annotations

from datetime import timedelta

import aiohttp

from tests.console.pages_support import base, staff_client
from tests.harness import Harness


async def test_the_login_link_leaves_for_a_clean_address(bot: Harness) -> None:
    """Opening the link sets the cookie on a redirect to /signed-in (no token in it), which
    goes on to Today; the token's address is not where the browser stays."""
    await bot.settle_staff()
    answer = await bot.ask(bot.staff, "/console", contains="/login/")
    link = next(word for word in answer.content.split() if "/login/" in word)
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        async with http.get(link, allow_redirects=False) as response:
            assert response.status == 303
            assert response.headers["Location"] == "/signed-in"
            cookie = response.headers["Set-Cookie"]
            assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        async with http.get(base(bot) + "/signed-in") as response:
            text = await response.text()
            assert response.status == 200 and 'content="0;url=/"' in text
        async with http.get(base(bot) + "/") as response:
            assert response.status == 200 and "今日" in await response.text()


async def test_an_expired_session_says_it_expired(bot: Harness) -> None:
    """After 12 hours the page says the session expired and to send /console again; without
    any session it says to sign in first; neither says a link was invalid."""
    async with staff_client(bot) as web:
        assert (await web.get("/"))[0] == 200
        bot.clock.advance(timedelta(hours=13))
        status, text = await web.get("/bookings")
        assert status == 403 and "登录已过期" in text and "/console" in text
        assert "链接无效" not in text
    async with aiohttp.ClientSession() as http, http.get(base(bot) + "/") as response:
        text = await response.text()
        assert response.status == 403 and "请先登录" in text and "链接无效" not in text


async def test_not_found_is_a_console_page(bot: Harness) -> None:
    """/bookings/abc (no such route), a booking and a tool unit that do not exist: 404 with
    the console's page and a way back to Today."""
    async with staff_client(bot) as web:
        for path in ("/bookings/abc", "/bookings/999", "/tools/999", "/nothing"):
            status, text = await web.get(path)
            assert status == 404, path
            assert "没有找到" in text and 'href="/"' in text and "<style>" in text, path
            assert "404: Not Found" not in text
