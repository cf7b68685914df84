"""Pages on a phone (360 px), in a real headless Chromium: nothing wider than the screen. Care:
each elder a card with labelled figures; Today: each line a card (the retest of issue 15 found
its last column cut off); an approved application with its invite link (406 px before)."""

from __future__ import annotations

from typing import Any

from tests.booking_steps import book, crew
from tests.console.browser import browser_page, needs_browser
from tests.console.pages_support import base
from tests.harness import Harness
from tests.onboard.test_pages import JPEG, PDF, ahead, details, signed_in, upload

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


async def _overflow(page: Any) -> int:
    """How many pixels the page is wider than the screen."""
    return int(
        await page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
    )


async def test_today_and_a_booking_fit_a_phone(bot: Harness) -> None:
    """Today with open jobs (each a card with its labelled figures, the last column not cut
    off) and a booking's page fit a 360 px screen."""
    await crew(bot)
    await book(bot, bot.person(5301, "小李"))
    answer = await bot.ask(bot.staff, "/console", contains="/login/")
    link = next(word for word in answer.content.split() if "/login/" in word)
    async with browser_page(phone=True) as page:
        await page.goto(link)
        await page.wait_for_url(base(bot) + "/")
        assert await page.locator("#today tr").count() > 1
        assert await _overflow(page) <= 0, "Today is wider than the phone"
        cell = page.locator("#today tr").nth(1).locator("td").last
        box = await cell.bounding_box()
        assert box is not None and box["x"] + box["width"] <= 360
        await page.goto(base(bot) + "/bookings/1")
        assert await _overflow(page) <= 0, "a booking is wider than the phone"


async def test_an_approved_application_fits_a_phone(bot: Harness) -> None:
    """The page that shows a new provider's invite link once fits a 360 px screen."""
    await bot.settle_staff()
    browser = await signed_in(bot, bot.staff)
    try:
        path = "/providers/applications"
        await browser.get(path + "/new")
        _, _, path = await browser.post(path, details())
        await browser.get(path)
        await browser.post(path + "/documents", upload("licence", PDF, ahead(bot, 365)))
        await browser.post(path + "/documents", upload("insurance", JPEG, ahead(bot, 365)))
        await browser.post(path + "/submit", {})
        _, approved, _ = await browser.post(path + "/approve", {})
    finally:
        await browser.session.close()
    assert 'id="invite"' in approved
    async with browser_page(phone=True) as page:
        await page.set_content(approved)
        assert await _overflow(page) <= 0, "the approved application is wider than the phone"
        box = await page.locator("#invite").bounding_box()
        assert box is not None and box["x"] + box["width"] <= 360
