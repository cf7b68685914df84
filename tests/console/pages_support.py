"""Page tests through the console's real aiohttp app: a signed-in staff HTTP client against
the running bot (the harness), without a browser."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import aiohttp

from bot.devtools.sandbox import SandboxUser
from tests.booking_steps import press
from tests.harness import Harness


def base(bot: Harness) -> str:
    """Where the running bot's console listens."""
    console = next(s for s in bot.runtime.servers if hasattr(s, "base_url"))  # (a district
    return str(console.base_url)  # puts its other communities' runners first)


@dataclass
class Client:
    """A signed-in browser stand-in: GET pages, POST forms with the session's CSRF token."""

    http: aiohttp.ClientSession
    root: str

    async def get(self, path: str) -> tuple[int, str]:
        """A page's status and HTML."""
        async with self.http.get(self.root + path) as response:
            return response.status, await response.text()

    async def csrf(self) -> str:
        """The session's CSRF token, as every form carries it."""
        _, text = await self.get("/providers")  # a page that always has forms
        found = re.search(r'name="csrf" value="([^"]+)"', text)
        assert found is not None
        return found.group(1)

    async def post(self, path: str, **fields: str) -> tuple[int, str]:
        """Submit a form (redirects followed): the resulting page's status and HTML."""
        data = {"csrf": await self.csrf(), **fields}
        async with self.http.post(self.root + path, data=data) as response:
            return response.status, await response.text()

    async def post_pairs(self, path: str, pairs: list[tuple[str, str]]) -> tuple[int, str]:
        """Submit a form whose fields may repeat (ticked boxes of one name)."""
        data = [("csrf", await self.csrf()), *pairs]
        async with self.http.post(self.root + path, data=data) as response:
            return response.status, await response.text()


@asynccontextmanager
async def staff_client(bot: Harness) -> AsyncIterator[Client]:
    """Staff signed in through a /console link."""
    await bot.settle_staff()
    async with client_for(bot, bot.staff) as client:
        yield client


@asynccontextmanager
async def client_for(bot: Harness, user: SandboxUser) -> AsyncIterator[Client]:
    """Whoever this is, signed in through the /console link the bot sent them."""
    answer = await bot.ask(user, "/console", contains="/login/")
    link = next(word for word in answer.content.split() if "/login/" in word)
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        async with http.get(link) as response:
            assert response.status == 200
        yield Client(http, base(bot))


@asynccontextmanager
async def staff_on_a_phone(bot: Harness, lang: str = "zh") -> AsyncIterator[Any]:
    """Staff reading in ``lang``, signed in through a /console link in a fresh headless
    Chromium 360 px wide, on Today."""
    from tests.console.browser import browser_page

    await bot.ask(bot.staff, f"/language {lang}")
    answer = await bot.ask(bot.staff, "/console", contains="/login/")
    link = next(word for word in answer.content.split() if "/login/" in word)
    async with browser_page(phone=True) as page:
        await page.goto(link)
        await page.wait_for_url(base(bot) + "/")
        yield page


async def work_order(bot: Harness, reporter: SandboxUser) -> None:
    """'3栋单元门坏了，关不上' reported (urgent; no note) and submitted."""
    note = await bot.ask(reporter, "3栋单元门坏了，关不上", contains="告诉维修人员")
    await press(bot, reporter, note, "跳过")
    confirm = await bot.sb.wait_for_message(reporter.id, contains="请确认", after=note)
    await press(bot, reporter, confirm, "✅ 提交报修")
    await bot.sb.wait_for_message(reporter.id, after=confirm)


async def two_days_of_care(bot: Harness, resident: SandboxUser) -> None:
    """'后天想找人上门喂猫，我要出差两天' booked from 10:00 with the first provider."""
    choice = await bot.ask(resident, "后天想找人上门喂猫，我要出差两天", contains="请选择服务商")
    await press(bot, resident, choice, 0)
    await bot.sb.wait_for_message(resident.id, contains="几点方便", after=choice)
    await bot.ask(resident, "上午10点", contains="上门地址")
    note = await bot.ask(resident, "3-2-501", contains="要告诉师傅")
    await press(bot, resident, note, "跳过")
    door = await bot.sb.wait_for_message(resident.id, contains="门锁密码", after=note)
    await press(bot, resident, door, "跳过")
    confirm = await bot.sb.wait_for_message(resident.id, contains="请确认预约", after=door)
    await press(bot, resident, confirm, "✅ 确认预约")
    await bot.sb.wait_for_message(resident.id, contains="正在为您联系", after=confirm)
