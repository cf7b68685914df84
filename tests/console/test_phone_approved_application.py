"""The approved application page fits a 360 px phone (retest 15, finding 12): its read-only
fieldset kept the width of its widest field (a fieldset's default min-width is its content's),
and the page scrolled sideways at 463 px in zh and en. Every other page already fit."""

from __future__ import annotations

from tests.console.pages_support import base, staff_on_a_phone
from tests.harness import Harness
from tests.onboard.test_pages import _approved, signed_in


async def test_an_approved_application_fits_a_phone(bot: Harness) -> None:
    browser = await signed_in(bot, bot.staff)
    try:
        path, _ = await _approved(bot, browser)
    finally:
        await browser.session.close()
    for lang in ("zh", "en"):
        async with staff_on_a_phone(bot, lang) as page:
            await page.goto(base(bot) + path)
            assert await page.query_selector("fieldset[disabled]") is not None
            width = await page.evaluate("document.scrollingElement.scrollWidth")
            assert width <= 360, f"{lang} {path} is {width}px wide"
