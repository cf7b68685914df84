"""The revoke page names a grid worker of the building who has not sent /start yet (session 15
console verification, side finding C): 许管家 (building 3) was in the setup but had not
joined, and the page said "同楼栋没有其他网格员" — there is one; he cannot be handed elders
until he joins, so staff are still told, and the page says why."""

from __future__ import annotations

from tests.booking_steps import crew
from tests.console.pages_support import staff_client
from tests.console.test_revoke import person_id
from tests.harness import Harness


async def test_the_revoke_page_says_the_other_grid_worker_has_not_joined(bot: Harness) -> None:
    people = await crew(bot)
    async with bot.runtime.db.tx() as tx:
        await bot.runtime.setup.put(
            tx, "test", "housekeepers", {"key": "hk_xu", "name": "许管家", "buildings": ["3"]}
        )
    zhang = await person_id(bot, people.zhang.id)
    async with staff_client(bot) as web:
        status, page = await web.get(f"/people/{zhang}/revoke")
    elders = page.split("id='elders'")[1].split("</ul>")[0]
    assert status == 200 and "王阿姨" in elders
    assert "许管家" in elders and "/start" in elders and "没有其他网格员" not in elders
