"""Page tests through the console's real aiohttp app: a signed-in staff HTTP client against
the running bot (the harness), without a browser."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import aiohttp

from bot.devtools.sandbox import SandboxUser
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
