"""The revoke page says what will happen for this person (retest 15, finding 3): 张管家's elder
can go to 陈管家 (staff gave him building 3), but 张管家 is on the emergency duty list
(`[emergency] on_duty`), so his entry stays; the page says so and why (not
"社区设置里去掉 TA"), and afterwards People does not advise "请重新指定网格员" for
someone who is nobody's grid worker."""

from __future__ import annotations

from tests.booking_steps import crew
from tests.console.pages_support import staff_client
from tests.console.test_revoke import person_id
from tests.harness import Harness


async def test_an_on_duty_housekeepers_revoke_page_says_the_entry_stays_for_the_duty_list(
    bot: Harness,
) -> None:
    people = await crew(bot)
    zhang = await person_id(bot, people.zhang.id)
    async with staff_client(bot) as web:
        status, _ = await web.post(
            "/setup/housekeepers", key="hk_chen", name="陈管家", buildings="3 4 5 6"
        )
        assert status in (200, 303)
        _, page = await web.get(f"/people/{zhang}/revoke")
        assert "社区设置里去掉 TA" not in page
        assert "紧急值班名单" in page
        assert "王阿姨 → 陈管家" in page
        await web.post(f"/people/{zhang}/revoke", sure="on")
        _, page = await web.get("/people")
    keepers = page.split("张管家")[1][:200]
    assert "请重新指定网格员" not in keepers and "紧急值班名单" in keepers
