"""The Care page on a phone, in a real headless Chromium: nothing wider than the screen, each
elder a card with labelled figures, the 30-day compliance readable."""

from __future__ import annotations

from tests.console.browser import browser_page, needs_browser
from tests.console.pages_support import base
from tests.harness import Harness

pytestmark = needs_browser


async def test_care_page_fits_a_phone(bot: Harness) -> None:
    await bot.settle_staff()
    answer = await bot.ask(bot.staff, "/console", contains="/login/")
    link = next(word for word in answer.content.split() if "/login/" in word)
    async with browser_page(phone=True) as page:
        await page.goto(link)
        await page.wait_for_url(base(bot) + "/")
        await page.goto(base(bot) + "/care")
        assert await page.locator("#care tr").count() > 1
        overflow = await page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"the page is {overflow}px wider than the phone"
        card = page.locator("#care tr").nth(1)
        box = await card.bounding_box()
        assert box is not None and box["width"] <= 360
        cell = card.locator("td").nth(1)  # the 30-day compliance
        label = await cell.evaluate("td => getComputedStyle(td, '::before').content")
        assert "应答率（30天）" in label  # each figure carries its label on a card
        assert await cell.is_visible()
        head = page.locator("#care tr").first
        assert not await head.is_visible()  # the header row gives way to the labels
