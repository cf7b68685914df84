"""Every console page names its community in its title and header, in the viewer's language
(in a district the consoles are otherwise alike; a single community's too)."""

from __future__ import annotations

import re

from tests.console.pages_support import staff_client
from tests.harness import Harness

PAGES = ("/", "/bookings", "/people", "/notices", "/providers", "/tools", "/demand", "/care")


def _named(page: str) -> tuple[str, str]:
    title = re.search(r"<title>([^<]*)</title>", page)
    header = re.search(r'<p class="site" id="site">([^<]*)</p>', page)
    assert title is not None and header is not None
    return title.group(1), header.group(1)


async def test_every_page_names_the_community_in_zh_and_en(bot: Harness) -> None:
    names = bot.runtime.community.community
    await bot.settle_staff()
    async with staff_client(bot) as web:
        for path in (*PAGES, "/no-such-page"):
            _, page = await web.get(path)
            title, header = _named(page)
            assert header == names.name_zh and title.endswith(f" · {names.name_zh}"), path
        await bot.ask(bot.staff, "/language en")
        _, page = await web.get("/care")
    title, header = _named(page)
    assert header == names.name_en and title.endswith(f" · {names.name_en}")
