"""A refused recurring notice keeps everything typed (session 15 console verification, side
finding A): the page said "已填写的内容都保留着", but of 5,000 characters only the first 2,000
came back in the box, the rest lost without a word."""

from __future__ import annotations

from html import unescape

from tests.console.pages_support import staff_client
from tests.harness import Harness


async def test_a_too_long_recurring_notice_comes_back_whole(bot: Harness) -> None:
    text = "".join("本周六停水检修，请提前储水。"[i % 14] for i in range(4999)) + "终"
    async with staff_client(bot) as web:
        status, page = await web.post_pairs(
            "/setup/notices",
            [("id", "water"), ("text_zh", text), ("days", "mon"), ("post_at", "08:00")],
        )
    assert status == 400 and "不会替你截断" in page
    assert text in unescape(page)
