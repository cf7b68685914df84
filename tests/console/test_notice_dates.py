"""One-off notices typed with a date in the console (tester finding, session 15): the date is
honoured, a past or far one is refused next to the time field in words (zh and en), and the
list shows the year when the notice is not for this year."""

from __future__ import annotations

from tests.console.pages_support import staff_client
from tests.harness import Harness


async def _post_at(bot: Harness) -> list[str]:
    async with bot.runtime.db.read() as tx:
        rows = await tx.all("SELECT post_at FROM notices ORDER BY id")
    return [str(r["post_at"]) for r in rows]


async def test_a_dated_notice_is_saved_for_that_day(bot: Harness) -> None:
    """ "2026-12-20 09:00", "12-20 09:00", "12/20 09:00" are all 20 December 09:00 local."""
    async with staff_client(bot) as web:
        for when in ("2026-12-20 09:00", "12-20 09:00", "12/20 09:00"):
            status, _ = await web.post("/notices/new", when=when, text="停水")
            assert status == 200
        _, listing = await web.get("/notices")
    assert all(at.startswith("2026-12-20T01:00") for at in await _post_at(bot))
    assert "12-20 09:00" in listing and "12-05" not in listing


async def test_a_past_or_far_date_is_refused_at_the_field(bot: Harness) -> None:
    """A past date and one more than a year ahead: 400, the reason next to the time, nothing
    saved; the reason reads in English for English staff."""
    async with staff_client(bot) as web:
        status, page = await web.post("/notices/new", when="2020-01-01 10:00", text="停水")
        assert status == 400 and 'id="problem-when"' in page and "已经过去" in page
        status, page = await web.post("/notices/new", when="2099-01-01 10:00", text="停水")
        assert status == 400 and 'id="problem-when"' in page and "一年以后" in page
        await bot.ask(bot.staff, "/language en")
        status, page = await web.post("/notices/new", when="2099-01-01 10:00", text="water")
        assert status == 400 and "more than a year ahead" in page
    assert await _post_at(bot) == []


async def test_the_list_shows_the_year_of_a_notice_for_next_year(bot: Harness) -> None:
    """A notice for next January shows its year; this year's show month and day only."""
    async with staff_client(bot) as web:
        await web.post("/notices/new", when="2027-01-05 10:00", text="新年")
        await web.post("/notices/new", when="明天 18:00", text="明天")
        _, listing = await web.get("/notices")
    assert "2027-01-05 10:00" in listing and "11-29 18:00" in listing


async def test_staff_read_their_notices_as_the_groups_get_them(bot: Harness) -> None:
    """Tester session 15: a notice was listed as "今晚***停水，电话 *** 咨询" while the groups
    got the full text; staff read back what they wrote (the mask is for logs and groups'
    other messages, not for the notice staff themselves posted)."""
    text = "今晚3栋2单元停水，电话 0571-8888 6666 咨询 2026-12-20 09:00"
    async with staff_client(bot) as web:
        status, _ = await web.post("/notices/new", when="明天 18:00", text=text, sure="on")
        assert status == 200
        _, listing = await web.get("/notices")
    assert text in listing and "***" not in listing
