"""/bookings with 500 open jobs over the sandbox: a page at a time, each under Telegram's 4,096
characters, ◀ ▶ through all of them; a resident pressing a forged page button changes nothing."""

from __future__ import annotations

import re
from datetime import timedelta

from bot.clock import to_db
from tests.harness import START, Harness
from tests.tools_support import db, resident

OPEN_JOBS = 500


async def _open_jobs(bot: Harness, resident_id: int, count: int) -> None:
    """Many offered jobs at once (the flow that makes one is covered elsewhere; 500 of them
    through it would only slow the suite)."""
    at = to_db(START)
    async with bot.runtime.db.tx() as tx:
        await tx.executemany(
            "INSERT INTO bookings (resident_id, service, status, provider_id, building,"
            " slot_start, slot_end, created_at, updated_at)"
            " VALUES (?, 'home_cleaning', 'offered', 'jiejia', '3', ?, ?, ?, ?)",
            [(resident_id, at, at, at, at)] * count,
        )


def _ids(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"^#(\d+) ", text, re.M)]


async def test_five_hundred_open_jobs_page_by_page(bot: Harness) -> None:
    """Every job is on exactly one page, in order; no page is too long for Telegram."""
    li = await resident(bot, 6001, "小李")
    (person_id,) = (await db(bot, "SELECT id FROM people WHERE telegram_id = 6001"))[0]
    await _open_jobs(bot, person_id, OPEN_JOBS)
    await bot.settle_staff()
    listing = await bot.ask(bot.staff, "/bookings")
    assert "第 1/25 页" in listing.content and listing.button_texts == ["下一页 ▶"]
    seen = _ids(listing.content)
    for page in range(2, 26):
        await bot.sb.press(bot.staff, listing, listing.button_texts[-1])
        await bot.sb.wait_for(lambda page=page: f"第 {page}/25 页" in listing.content)
        assert len(listing.content) < 4096
        seen += _ids(listing.content)
    assert seen == list(range(1, OPEN_JOBS + 1))
    assert listing.button_texts == ["◀ 上一页"]
    await bot.sb.press(bot.staff, listing, "◀ 上一页")
    await bot.sb.wait_for(lambda: "第 24/25 页" in listing.content)
    assert listing.button_texts == ["◀ 上一页", "下一页 ▶"]
    before = listing.content
    await bot.sb.press_raw(li, li.id, listing.message_id, listing.buttons[0]["callback_data"])
    await bot.sb.wait_idle(quiet=0.05)
    assert listing.content == before


async def test_the_console_today_shows_a_phones_worth_and_counts_the_rest(bot: Harness) -> None:
    """The console's Today with 500 open jobs (and the morning's unanswered check-ins): the
    100 most urgent lines, every breach counted, and a line saying how many more, linking to
    the bookings list."""
    from tests.console.pages_support import staff_client

    await resident(bot, 6002, "小王")
    (person_id,) = (await db(bot, "SELECT id FROM people WHERE telegram_id = 6002"))[0]
    await _open_jobs(bot, person_id, OPEN_JOBS)
    await bot.advance(timedelta(hours=2))  # every one past its window
    async with staff_client(bot) as web:
        status, page = await web.get("/")
    assert status == 200
    today = page.split('id="today"')[1].split("</table>")[0]
    assert today.count("<tr>") == 1 + 100  # the header and the 100 most urgent lines
    assert today.count('<span class="breach">') == 100  # all of them past their window
    found = re.search(r"超时 (\d+) 项", page)
    assert found is not None and int(found.group(1)) >= OPEN_JOBS  # every breach counted
    more = re.search(r'<a href="/bookings">还有 (\d+) 项不那么紧急', page.split('id="more"')[1])
    assert more is not None and int(more.group(1)) >= OPEN_JOBS - 100
