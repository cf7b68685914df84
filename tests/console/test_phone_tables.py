"""Tables on a phone (360 px), in a real headless Chromium: no cell is cut off inside its own
scroll box. The session-9 tester read "香溪美地物…" in the zh booking timeline, could not reach
修改 in People → 老人, and found the tool unit history clipped; the page itself never scrolled
sideways, so only the boxes' own widths show it."""

from __future__ import annotations

from typing import Any

from tests.booking_steps import book, crew
from tests.console.browser import needs_browser
from tests.console.pages_support import base, staff_client, staff_on_a_phone
from tests.harness import Harness
from tests.tools_support import borrow, resident

pytestmark = needs_browser

# Every cell of the table with this id whose content is wider than the cell, or whose right
# edge lies beyond its scroll box's: the text that cannot be read without scrolling sideways.
CLIPPED = r"""(id) => {
  const table = document.getElementById(id);
  const box = table.closest('.wrap').getBoundingClientRect();
  const cut = [];
  if (table.closest('.wrap').scrollWidth > table.closest('.wrap').clientWidth + 1)
    cut.push('box scrolls sideways');
  for (const td of table.querySelectorAll('td')) {
    const r = td.getBoundingClientRect();
    if (td.scrollWidth > td.clientWidth + 1 || r.right > box.right + 1)
      cut.push(td.textContent.trim().slice(0, 30));
  }
  return cut;
}"""

NOTE = "业主说下午三点以后家里才有人，请香溪美地物业的师傅上门前先在楼下按门铃等候开门再上楼"


async def seed(bot: Harness) -> str:
    """A booking with a long staff note, a ladder on loan: the path of the ladder's unit."""
    people = await crew(bot)
    await book(bot, bot.person(6301, "小李"))
    neighbour = await resident(bot, 6304, "小周", "3-2-502")
    await borrow(bot, neighbour, people.zhang, "谁有梯子借我用一下")
    async with staff_client(bot) as web:
        await web.post("/bookings/1/note", note=NOTE)
        _, tools = await web.get("/tools")
    row = tools[tools.rindex("<tr", 0, tools.index("小周")) :]  # the ladder's row
    start = row.index('href="/tools/') + len('href="')
    return row[start : row.index('"', start)]


async def clipped(page: Any, url: str, table_id: str) -> list[str]:
    """The cut-off cells of one table on one page."""
    await page.goto(url)
    assert await page.locator(f"#{table_id} td").count() > 0, (url, table_id)
    return list(await page.evaluate(CLIPPED, table_id))


async def test_no_table_cell_is_cut_off_at_360px(bot: Harness) -> None:
    unit = await seed(bot)
    pages = [("/bookings/1", "timeline"), ("/people", "people"), ("/people", "elders")]
    pages += [("/people", "housekeepers"), (unit, "history")]
    for lang in ("zh", "en"):
        async with staff_on_a_phone(bot, lang) as page:
            for path, table_id in pages:
                cut = await clipped(page, base(bot) + path, table_id)
                assert cut == [], (lang, path, table_id, cut)
            await page.goto(base(bot) + "/bookings/1")
            assert NOTE in await page.inner_text("#timeline")
            await page.goto(base(bot) + "/people")
            edit = page.locator("#elders a").first  # 修改 is on the screen, and works
            box = await edit.bounding_box()
            assert box is not None and box["x"] + box["width"] <= 360
            await edit.click()
            assert "/setup/elders/" in page.url


async def test_the_timeline_names_its_columns(bot: Harness) -> None:
    """On a wide screen the timeline's header row says what each column is."""
    await crew(bot)
    await book(bot, bot.person(6302, "小王"))
    async with staff_client(bot) as web:
        _, text = await web.get("/bookings/1")
    head = text[text.index('id="timeline"') :].split("</tr>", 1)[0]
    for word in ("时间", "谁", "做了什么", "详情"):
        assert f"<th>{word}</th>" in head


# Each offer row's height, and every star count ("2★ 0") whose parts sit on different lines.
OFFER_ROWS = r"""() => [...document.querySelectorAll('table[id^=offers-] tr')].map(
  tr => tr.getBoundingClientRect().height)"""
SPLIT_STARS = r"""() => {
  const split = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const m of node.textContent.matchAll(/\d★\s\d+/g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      if (new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1)
        split.push(m[0]);
    }
  }
  return split;
}"""


async def test_providers_offers_are_compact_on_a_phone(bot: Harness) -> None:
    """Providers at 360 px: one row of an offer table per offer (two text lines, the price
    and the market's; three for a long unit), never a card of four; no offer cut off; "2★ 0"
    never split. The session-9 page was 6,740 px tall for 38 offers, each its own card."""
    await crew(bot)
    async with staff_on_a_phone(bot) as page:
        await page.goto(base(bot) + "/providers")
        heights = await page.evaluate(OFFER_ROWS)
        assert len(heights) > 30 and max(heights) <= 80, heights  # a card was 110+ px
        assert sum(heights) / len(heights) <= 60, heights
        for table_id in ("offers-property_team", "offers-jiejia", "offers-kuaixiu"):
            assert await page.evaluate(CLIPPED, table_id) == [], table_id
        assert await page.evaluate(SPLIT_STARS) == []
        assert await page.locator("#card-jiejia").inner_text() != ""
