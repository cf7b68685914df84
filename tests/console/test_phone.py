"""Pages on a phone (360 px), in a real headless Chromium: nothing wider than the screen. Care:
each elder a card with labelled figures; Today: each line a card (the retest of issue 15 found
its last column cut off); an approved application with its invite link (406 px before)."""

from __future__ import annotations

from typing import Any

from tests.booking_steps import book, crew
from tests.console.browser import browser_page, needs_browser
from tests.console.pages_support import base, staff_client, staff_on_a_phone
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
        cell = card.locator("td").nth(2)  # the 30-day compliance (after the day cells)
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


# Every word (a run of letters or digits; a run of Chinese characters in a label) whose
# characters do not sit on one line: broken mid-word ("Stat us", "服务 商").
BROKEN_WORDS = r"""() => {
  const broken = [];
  const labels = 'th, nav a, button, label, h1, h2, a';
  for (const el of document.querySelectorAll(labels + ', td')) {
    const cjk = el.matches(labels);
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      // in a cell, a short Chinese run is a name or a label (王阿姨, 高风险, 管道疏通)
      const name = /[A-Za-z0-9]+|(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{2,6}(?![\u4e00-\u9fff])/g;
      const words = cjk ? /[A-Za-z0-9]+|[\u4e00-\u9fff]+/g : name;
      for (const m of node.textContent.matchAll(words)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (tops.size > 1) broken.push(m[0]);
      }
    }
  }
  for (const box of document.querySelectorAll('label.sure')) {  // never cut off
    const r = box.getBoundingClientRect();
    if (r.right > document.documentElement.clientWidth) broken.push('cut: ' + box.textContent);
  }
  return broken;
}"""


async def test_no_word_breaks_mid_word_on_a_phone(bot: Harness) -> None:
    """At 360 px, in Chinese and in English, headers, menu, buttons and labels never break
    inside a word (the retest saw "Stat us", "Offer ed", "Se rvi ce"); text wraps at spaces,
    and the page is never wider than the screen (a wide table scrolls in its box)."""
    people = await crew(bot)
    await book(bot, bot.person(5302, "小李"))
    async with staff_client(bot) as web:  # an application, with its moves and documents
        fields = {"provider_id": "qingjie", "name_zh": "清洁小队", "name_en": "Clean Team"}
        await web.post("/providers/applications", **fields)
    async with bot.runtime.db.read() as tx:
        zhang = await bot.runtime.people.get(tx, people.zhang.id)
    assert zhang is not None
    paths = ("/", "/bookings", "/bookings/1", "/bookings/1/cancel", "/people", "/providers")
    paths += ("/notices", "/providers/applications", "/providers/applications/1")
    paths += ("/providers/applications/new",)
    paths += (f"/people/{zhang.id}/revoke",)
    for lang in ("zh", "en"):
        async with staff_on_a_phone(bot, lang) as page:
            for path in paths:
                await page.goto(base(bot) + path)
                broken = await page.evaluate(BROKEN_WORDS)
                assert not broken, (lang, path, broken[:10])
                assert await _overflow(page) <= 0, (lang, path)
