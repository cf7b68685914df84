"""Every console page on a phone (360 px), in Chinese and in English, in a real headless
Chromium: the console is crawled from Today through every link staff can follow (data made by
the bot's own flows: a booking, a work order, days of care, a tool loan, a help call, an
application with a document, a notice), and on each page nothing is wider than the screen
(``document.scrollingElement.scrollWidth <= 360``), no word, name or label breaks across lines
(「王阿/姨」), and no date or time breaks at its hyphens ("2027-/12-31")."""

from __future__ import annotations

import re
from typing import Any

from tests.booking_steps import book, crew
from tests.console.browser import needs_browser
from tests.console.pages_support import base, staff_on_a_phone, two_days_of_care, work_order
from tests.console.test_phone import BROKEN_WORDS
from tests.harness import Harness
from tests.onboard.test_pages import PDF, ahead, details, signed_in, upload
from tests.tools_support import borrow, resident

pytestmark = needs_browser

# A date or a time span that must sit on one line: 2027-12-31, 12-03 10:00, 09:00-12:00.
BROKEN_DATES = r"""() => {
  const broken = [];
  const dates = /\d{4}-\d{2}-\d{2}|\d{2}-\d{2} \d{2}:\d{2}|\d{2}:\d{2}-\d{2}:\d{2}/g;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const m of node.textContent.matchAll(dates)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
      if (tops.size > 1) broken.push(m[0]);
    }
  }
  return broken;
}"""

# Links not to follow: signing out, downloads, a document's file.
SKIP = re.compile(r"^/(logout|export/|login/)|/documents/\d+$")


def shape(path: str) -> str:
    """A page's kind: its path with numbers and the query left out (two of each are seen)."""
    return re.sub(r"\d+", "N", path.split("?")[0])


async def seed(bot: Harness) -> None:
    """A booking, an urgent work order, two days of cat feeding, a ladder on loan, a help call,
    a one-off notice, and a provider's application with a document: all through the bot."""
    people = await crew(bot)
    await book(bot, bot.person(6201, "小李"))
    await work_order(bot, bot.person(6202, "小王"))
    await two_days_of_care(bot, bot.person(6203, "小赵"))
    neighbour = await resident(bot, 6204, "小周", "3-2-502")
    await borrow(bot, neighbour, people.zhang, "谁有梯子借我用一下")
    await bot.say(bot.person(6205, "小芳"), "救命，我摔倒了起不来")
    await bot.sb.wait_for(lambda: len(bot.sb.sent(bot.staff.id)) > 0)
    await bot.ask(bot.staff, "/notice 明天 18:00 | 停水通知：明早 3栋停水", contains="已安排")
    browser = await signed_in(bot, bot.staff)
    try:
        path = "/providers/applications"
        await browser.get(path + "/new")
        _, _, path = await browser.post(path, details())
        await browser.post(path + "/documents", upload("licence", PDF, ahead(bot, 365)))
    finally:
        await browser.session.close()


async def crawl(page: Any, root: str, lang: str) -> list[str]:
    """Visit every page reachable from Today (two of each kind); check each; the paths."""
    seen: dict[str, int] = {}
    queue: list[str] = ["/"]
    visited: list[str] = []
    while queue and len(visited) < 60:
        path = queue.pop(0)
        if path in visited or SKIP.search(path) or seen.get(shape(path), 0) >= 2:
            continue
        seen[shape(path)] = seen.get(shape(path), 0) + 1
        visited.append(path)
        response = await page.goto(root + path)
        assert response.status == 200, (lang, path, response.status)
        width = await page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= 360, f"{lang} {path} is {width}px wide"
        broken = await page.evaluate(BROKEN_WORDS) + await page.evaluate(BROKEN_DATES)
        assert not broken, (lang, path, broken[:10])
        links = await page.eval_on_selector_all(
            "a[href^='/']", "links => links.map(a => a.getAttribute('href'))"
        )
        queue += [link for link in links if link not in visited]
    return visited


async def test_every_page_fits_a_phone_in_both_languages(bot: Harness) -> None:
    await seed(bot)
    for lang in ("zh", "en"):
        async with staff_on_a_phone(bot, lang) as page:
            visited = await crawl(page, base(bot), lang)
        kinds = {shape(p) for p in visited}
        expected = {"/", "/bookings", "/bookings/N", "/bookings/N/cancel", "/people"}
        expected |= {"/people/N/revoke", "/providers", "/providers/applications"}
        expected |= {"/providers/applications/N", "/providers/applications/new", "/notices"}
        expected |= {"/tools", "/tools/N", "/demand", "/care", "/incidents/N"}
        expected |= {"/setup/elders/elder_wang", "/notices/N/edit"}
        assert expected <= kinds, (lang, sorted(expected - kinds))
