"""Signing in after access changed (issue 15's testers): an unused /console link or the Mini
App of someone staff revoked says their access was removed, in their language, rather than
"link unknown, send /console again" (which can no longer work); and staff listed in the
community file who never sent /start get in through the Mini App instead of being told their
access was removed."""

from __future__ import annotations

import json
import re

import aiohttp

from bot.devtools.sandbox import SandboxUser
from bot.devtools.sandbox.ptb import SANDBOX_TOKEN
from bot.domain.console.model import sign_init_data
from tests.booking_steps import crew
from tests.console.pages_support import Client, base, staff_client
from tests.harness import Harness


def _init_data(bot: Harness, user_id: int) -> str:
    """A Mini App's signed data for this Telegram user, signed now."""
    user = json.dumps({"id": user_id, "first_name": "刘"}, ensure_ascii=False)
    now = str(int(bot.clock.now().timestamp()))
    return sign_init_data({"auth_date": now, "user": user}, SANDBOX_TOKEN)


async def _revoke(bot: Harness, name: str) -> None:
    """Staff revoke this person on the People page."""
    async with staff_client(bot) as web:
        _, listing = await web.get("/people")
        found = re.search(rf'<td[^>]*>{name}</td>.*?href="(/people/\d+/revoke)"', listing)
        assert found is not None
        assert (await web.post(found.group(1), sure="on"))[0] == 200


async def _link(bot: Harness, user: SandboxUser) -> str:
    """The one-time link /console sent this person (not opened)."""
    answer = await bot.ask(user, "/console", contains="/login/")
    return next(word for word in answer.content.split() if "/login/" in word)


async def test_an_unused_link_of_a_revoked_housekeeper_says_access_was_removed(
    bot: Harness,
) -> None:
    """陈管家 asked for a link, then staff revoked him: opening it says his access was removed
    (zh), not that the link is unknown; no session is opened."""
    people = await crew(bot)
    link = await _link(bot, people.chen)
    await _revoke(bot, "陈管家")
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        async with http.get(link) as response:
            status, page = response.status, await response.text()
        assert status == 403 and "权限已被撤销" in page, page
        assert "/console" not in page
        assert (await Client(http, base(bot)).get("/"))[0] == 403


async def test_an_english_speakers_unused_link_says_so_in_english(bot: Harness) -> None:
    """The same for 张管家, who reads English."""
    people = await crew(bot)
    await bot.ask(people.zhang, "/language en")
    link = await _link(bot, people.zhang)
    await _revoke(bot, "张管家")
    async with aiohttp.ClientSession() as http, http.get(link) as response:
        status, page = response.status, await response.text()
    assert status == 403 and "Your access to the console was removed" in page, page


async def test_a_revoked_housekeeper_opening_the_mini_app_is_told_access_was_removed(
    bot: Harness,
) -> None:
    """Revoked, 陈管家 opens the Mini App (his signature is good): access removed, not "the
    console is for staff and housekeepers only"."""
    people = await crew(bot)
    await _revoke(bot, "陈管家")
    async with aiohttp.ClientSession() as http:
        data = {"init_data": _init_data(bot, people.chen.id)}
        async with http.post(base(bot) + "/auth/webapp", data=data) as response:
            status, page = response.status, await response.text()
    assert status == 403 and "权限已被撤销" in page, page


async def test_staff_of_the_file_who_never_started_the_bot_get_in_by_the_mini_app(
    bot: Harness,
) -> None:
    """刘主任 is staff in the community file and never sent /start: the Mini App signs him in
    to Today under his name (it said his access was removed), and an action works."""
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        data = {"init_data": _init_data(bot, 1001)}
        async with http.post(base(bot) + "/auth/webapp", data=data) as response:
            assert response.status == 200
        web = Client(http, base(bot))
        status, page = await web.get("/")
        assert status == 200 and "权限已被撤销" not in page, page
        status, _ = await web.post("/providers/kuaixiu/suspend", on="1", sure="on")
        assert status == 200
    async with bot.runtime.db.read() as tx:
        assert await tx.scalar("SELECT COUNT(*) FROM people WHERE telegram_id = 1001") == 1
