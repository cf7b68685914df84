"""What the revoke page says and what then is, agree (tester finding, session 15): a lone grid
worker whose elders nobody else can take stays in the setup marked revoked until staff name
another, and the page says so rather than "removed from the setup"; afterwards they cannot be
picked as an elder's grid worker; a booking whose offer was taken back from the revoked
person records it in its timeline."""

from __future__ import annotations

from tests.booking_steps import book, crew, offer_to
from tests.console.pages_support import staff_client
from tests.console.test_revoke import person_id
from tests.harness import Harness


async def test_a_lone_grid_workers_revoke_page_says_the_entry_stays_then_is_not_selectable(
    bot: Harness,
) -> None:
    people = await crew(bot)
    zhang = await person_id(bot, people.zhang.id)
    async with staff_client(bot) as web:
        _, page = await web.get(f"/people/{zhang}/revoke")
        assert "社区设置里去掉 TA" not in page
        assert "仍标为已撤销" in page.split("id='elders'")[0]
        await web.post(f"/people/{zhang}/revoke", sure="on")
        _, page = await web.get("/people")
        form = page.split('id="form-elders"')[1]
        assert '<option value="hk_zhang" disabled>' in form
        assert '<option value="hk_chen">' in form


async def test_an_offer_taken_back_by_a_revocation_is_in_the_timeline(bot: Harness) -> None:
    people = await crew(bot)
    await book(bot, bot.person(5031, "小陈"))
    await offer_to(bot, people.zhao)
    zhao = await person_id(bot, people.zhao.id)
    async with staff_client(bot) as web:
        await web.post(f"/people/{zhao}/revoke", sure="on")
        _, page = await web.get("/bookings/1")
    assert "派单已收回" in page and "赵阿姨" in page.split("派单已收回")[1][:200]
