"""A notice with a phone number or door code is held back until staff have seen exactly what
every resident will read and ticked the box (through the console's real aiohttp app against
the running bot); then it is saved and posted as written, the number included."""

from __future__ import annotations

import re
from datetime import timedelta

from tests.console.pages_support import Client, staff_client
from tests.harness import Harness

PHONE = "13812345678"


def hidden(page: str) -> list[tuple[str, str]]:
    """The check page's hidden fields (the form as staff filled it), without the CSRF token."""
    found = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page)
    return [(k, v.replace("&amp;", "&")) for k, v in found if k != "csrf"]


async def notices(bot: Harness) -> int:
    async with bot.runtime.db.read() as tx:
        return int(await tx.scalar("SELECT COUNT(*) FROM notices") or 0)


async def confirmed(web: Client, action: str, page: str) -> tuple[int, str]:
    """Tick the box and submit the same form again."""
    return await web.post_pairs(action, [*hidden(page), ("sure", "on")])


async def test_a_one_off_with_a_mobile_shows_what_residents_see_before_it_is_saved(
    bot: Harness,
) -> None:
    """The number named, the message shown unmasked as the group gets it, nothing scheduled;
    confirmed, it is scheduled to the ticked group and posted exactly so."""
    group = await bot.group(-1001, "香溪美地业主群")
    text = f"有事找王师傅{PHONE}"
    async with staff_client(bot) as web:
        status, page = await web.post(
            "/notices/new", when="今天 10:00", text=text, chat=str(group.id)
        )
        assert status == 200 and PHONE in page.split('id="numbers"')[1].split("</p>")[0]
        preview = page.split('id="preview"')[1].split("</pre>")[0]
        assert "📢 社区通知" in preview and text in preview
        assert 'name="sure" required' in page
        assert await notices(bot) == 0
        status, page = await confirmed(web, "/notices/new", page)
        assert status == 200 and 'id="saved"' in page
    assert await notices(bot) == 1
    await bot.advance(timedelta(hours=3))
    await bot.sb.wait_for_message(group.id, contains=text)


async def test_an_edit_or_a_recurring_notice_with_a_number_is_held_back_too(
    bot: Harness,
) -> None:
    """Editing a one-off to add a number, and a recurring notice with a door code, each get
    the check page first; a notice without numbers is saved at once, as before."""
    async with staff_client(bot) as web:
        _, page = await web.post("/notices/new", when="明天 18:00", text="明晚消防演练")
        assert 'id="saved"' in page
        _, page = await web.post("/notices/1/edit", when="明天 18:00", text=f"咨询 {PHONE}")
        assert 'id="preview"' in page
        async with bot.runtime.db.read() as tx:
            assert await tx.scalar("SELECT text FROM notices WHERE id = 1") == "明晚消防演练"
        await confirmed(web, "/notices/1/edit", page)
        async with bot.runtime.db.read() as tx:
            assert await tx.scalar("SELECT text FROM notices WHERE id = 1") == f"咨询 {PHONE}"
        fields = {"id": "gate", "text_zh": "本周起门禁密码是 2580#", "post_at": "8:00"}
        _, page = await web.post_pairs(
            "/setup/notices", [*fields.items(), ("days", "mon"), ("days", "thu")]
        )
        assert "2580" in page.split('id="numbers"')[1]
        preview = page.split('id="preview"')[1].split("</pre>")[0]
        assert preview.count("本周起门禁密码是 2580#") == 1
        assert all(n.id != "gate" for n in bot.runtime.community.notices)
        await confirmed(web, "/setup/notices", page)
    [gate] = [n for n in bot.runtime.community.notices if n.id == "gate"]
    assert gate.days == ["mon", "thu"] and gate.text_zh == "本周起门禁密码是 2580#"
