"""One-off notices edited by two people, or after they went out (tester finding, session 13):
the second edit or a cancel says so plainly (409, a link back, what they typed shown) and
changes nothing, never overwriting silently nor failing with a 500; and a notice form with
problems comes back with what was typed kept and each problem next to its field."""

from __future__ import annotations

import re
from datetime import timedelta

from tests.console.pages_support import Client, staff_client
from tests.harness import Harness


def _seen(page: str) -> str:
    found = re.search(r'name="seen" value="([0-9a-f]+)"', page)
    assert found is not None, page
    return found.group(1)


async def _text(bot: Harness, notice_id: int = 1) -> tuple[str, str]:
    async with bot.runtime.db.read() as tx:
        row = await tx.one("SELECT text, status FROM notices WHERE id = ?", (notice_id,))
    assert row is not None
    return str(row["text"]), str(row["status"])


async def _edit(web: Client, seen: str, text: str, when: str = "明天 19:00") -> tuple[int, str]:
    return await web.post("/notices/1/edit", when=when, text=text, seen=seen)


async def test_an_edit_on_a_stale_form_is_refused_not_overwriting(bot: Harness) -> None:
    """Two staff open the edit form; the first saves; the second's save and a cancel from the
    list as it was are refused 409 with a link back to the form; the first edit stands."""
    async with staff_client(bot) as web:
        await web.post("/notices/new", when="明天 18:00", text="明晚消防演练")
        _, listing = await web.get("/notices")
        _, form = await web.get("/notices/1/edit")
        seen = _seen(form)
        assert _seen(listing) == seen  # the list's cancel form carries the same version
        assert (await _edit(web, seen, "明晚七点消防演练"))[0] == 200
        status, page = await _edit(web, seen, "明晚消防演练（第二个人）")
        assert status == 409 and "有人修改了这条通知" in page
        assert 'href="/notices/1/edit"' in page and "明晚消防演练（第二个人）" in page
        assert await _text(bot) == ("明晚七点消防演练", "scheduled")
        status, page = await web.post("/notices/1/cancel", sure="on", seen=seen)
        assert status == 409 and "有人修改了这条通知" in page
        assert await _text(bot) == ("明晚七点消防演练", "scheduled")
        _, form = await web.get("/notices/1/edit")  # a fresh form carries the new version
        assert (await web.post("/notices/1/cancel", sure="on", seen=_seen(form)))[0] == 200
        assert (await _text(bot))[1] == "cancelled"


async def test_a_notice_already_posted_or_cancelled_says_so(bot: Harness) -> None:
    """Posted: its edit form, an edit and a cancel each answer 409 saying it went out, with a
    link back to the notices; cancelled: they say it was cancelled (zh and en)."""
    await bot.group()
    async with staff_client(bot) as web:
        await web.post("/notices/new", when="今天 10:00", text="停水通知")
        _, form = await web.get("/notices/1/edit")
        seen = _seen(form)
        await bot.advance(timedelta(hours=3))
        await bot.sb.wait_idle(quiet=0.2)
        assert (await _text(bot))[1] == "posted"
        for status, page in (
            await web.get("/notices/1/edit"),
            await _edit(web, seen, "停水通知（改）"),
            await web.post("/notices/1/cancel", sure="on", seen=seen),
            await web.post("/notices/1/cancel", sure="on"),  # a script without a version
        ):
            assert status == 409 and "已经发布了" in page and 'href="/notices"' in page
        assert await _text(bot) == ("停水通知", "posted")
        await web.post("/notices/new", when="明天 18:00", text="明晚消防演练")
        await web.post("/notices/2/cancel", sure="on")
        await bot.ask(bot.staff, "/language en")
        status, page = await web.post("/notices/2/edit", when="明天 19:00", text="x")
        assert status == 409 and "was cancelled" in page


async def test_a_notice_form_with_problems_comes_back_kept_with_each_problem(
    bot: Harness,
) -> None:
    """A time past, an empty text, a forged group: 400, the form again with what was typed
    and each problem by its field; a too long text, an emoji, a missing field: no 500;
    nothing scheduled. An edit with a time not understood: its form again, version kept."""
    await bot.group()
    async with staff_client(bot) as web:
        status, page = await web.post("/notices/new", when="昨天 10:00", text="", chat="abc")
        assert status == 400
        assert 'value="昨天 10:00"' in page
        assert 'id="problem-when"' in page and "已经过去" in page
        assert 'id="problem-text"' in page and 'id="problem-chat"' in page
        status, page = await web.post("/notices/new", when="明天 18:00", text="🚰" * 1001)
        assert status == 400 and 'id="problem-text"' in page and "🚰" in page
        status, page = await web.post("/notices/new", when="明天 18:00", text="停水", chat="-42")
        assert status == 400 and 'id="problem-chat"' in page
        assert 'name="chat" value="-1001"' in page
        for fields in ({"text": "停水"}, {"when": "明天 18:00"}, {}):
            status, page = await web.post("/notices/new", **fields)
            assert status == 400, fields
        async with bot.runtime.db.read() as tx:
            assert await tx.scalar("SELECT COUNT(*) FROM notices") == 0
        await web.post("/notices/new", when="明天 18:00", text="明晚消防演练")
        _, form = await web.get("/notices/1/edit")
        status, page = await _edit(web, _seen(form), "明晚消防演练🔥", when="找个时间")
        assert status == 400 and 'id="problem-when"' in page and 'value="找个时间"' in page
        assert "明晚消防演练🔥" in page and _seen(page) == _seen(form)
        await bot.ask(bot.staff, "/language en")
        status, page = await web.post("/notices/new", when="yesterday 10:00", text="")
        assert status == 400 and "Please write the notice" in page
    assert await _text(bot) == ("明晚消防演练", "scheduled")
