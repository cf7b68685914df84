"""/invite staff over the sandbox, the whole path: the reply names the community, whoever opens
the link can use the staff commands and the console at once, People lists them, and a
revocation takes it all back (the old link does not give it again)."""

from __future__ import annotations

import re

from tests.console.pages_support import client_for, staff_client
from tests.harness import Harness

REFUSED = "只对社区工作人员开放"  # what /bookings says to a resident


async def test_an_invited_staff_member_has_staff_rights_until_revoked(bot: Harness) -> None:
    """Tom opens a /invite staff link: /bookings and /care answer him, /console signs him in,
    People lists him as staff; revoked from the console, all of that is refused again."""
    await bot.settle_staff()
    created = await bot.ask(bot.staff, "/invite staff", contains="邀请链接")
    assert "（工作人员：香溪美地" in created.content
    token = next(b["url"] for b in created.buttons if "url" in b).rsplit("start=", 1)[1]
    tom = bot.person(7001, "Tom")
    before = await bot.ask(tom, "/bookings")
    assert REFUSED in before.content
    started = await bot.sb.press_start(tom, token)
    welcome = await bot.sb.wait_for_message(tom.id, after=started.message_id)
    assert "工作人员" in welcome.content and "/bookings" in welcome.content
    assert REFUSED not in (await bot.ask(tom, "/bookings")).content
    assert REFUSED not in (await bot.ask(tom, "/care")).content
    async with client_for(bot, tom) as web:
        status, page = await web.get("/bookings")
        assert status == 200
    async with staff_client(bot) as web:
        _, page = await web.get("/people")
        listed = page.split('id="people"')[1].split("</table>")[0]
        assert re.search(r"<td[^>]*>Tom</td>", listed.replace("\n", ""))
        async with bot.runtime.db.read() as tx:
            person = await bot.runtime.people.get(tx, tom.id)
        assert person is not None
        status, _ = await web.post(f"/people/{person.id}/revoke", sure="on")
        assert status == 200
        _, page = await web.get("/people")
        assert "Tom" not in page.split('id="people"')[1].split("</table>")[0]
    await bot.ask(tom, "/console", contains="撤销")  # revoked: told so, no login link
    again = await bot.sb.press_start(tom, token)
    refused = await bot.sb.wait_for_message(tom.id, after=again.message_id)
    assert "撤销" in refused.content
    async with bot.runtime.db.read() as tx:
        assert not await bot.runtime.people.is_staff(tx, tom.id)
    await bot.ask(tom, "/console", contains="撤销")


async def test_invited_staff_are_named_as_staff_named_them_not_by_telegram(
    bot: Harness,
) -> None:
    """`/invite staff 李红`: whoever opens it (Telegram name "Lucy") is welcomed as 李红, and
    the People page and the setup's staff list name 李红, also after she writes again."""
    await bot.settle_staff()
    created = await bot.ask(bot.staff, "/invite staff 李红", contains="邀请链接")
    token = next(b["url"] for b in created.buttons if "url" in b).rsplit("start=", 1)[1]
    lucy = bot.person(7002, "Lucy")
    started = await bot.sb.press_start(lucy, token)
    welcome = await bot.sb.wait_for_message(lucy.id, after=started.message_id)
    assert "李红" in welcome.content and "Lucy" not in welcome.content
    await bot.ask(lucy, "/bookings")  # another update under her Telegram name
    async with staff_client(bot) as web:
        _, page = await web.get("/people")
    listed = page.split('id="people"')[1].split("</table>")[0].replace("\n", "")
    assert ">李红</td>" in listed and "Lucy" not in listed
    async with bot.runtime.db.read() as tx:
        staff = (await bot.runtime.setup.sections(tx))["staff"]
        person = await bot.runtime.people.get(tx, lucy.id)
    assert {"telegram_id": lucy.id, "name": "李红", "language": "zh"} in staff
    assert person is not None and person.name == "李红"
    async with bot.runtime.db.read() as tx:  # the name is no ref of the role
        assert await bot.runtime.people.roles(tx, person.id) == {("staff", "")}
