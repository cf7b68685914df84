"""People forms refuse what the setup cannot use, at the field and in plain words (tester
finding, session 15): an elder without an address (the care escalation's whole point is
someone going to the door), a family line without its relation, a forged risk level, no grid
worker chosen, an address or a housekeeper's building the community does not have — never the
setup checker's internal English ("housekeepers[4].buildings: …")."""

from __future__ import annotations

import re

from tests.console.pages_support import staff_client
from tests.harness import Harness

ELDER = {
    "key": "elder_t",
    "name": "测试",
    "address": "3-2-501",
    "checkin_times": "08:00",
    "grid_worker": "hk_zhang",
    "risk": "normal",
    "family": "周小红 女儿",
}


def _problem(page: str, field: str) -> str:
    found = re.search(rf'id="problem-{field}">([^<]*)<', page)
    assert found is not None, page
    return found.group(1)


async def _refused(bot: Harness, field: str, **changed: str) -> str:
    async with staff_client(bot) as web:
        status, page = await web.post("/setup/elders", **{**ELDER, **changed})
    assert status == 400, page
    assert all(e.key != "elder_t" for e in bot.runtime.community.elders)
    assert "elders[" not in page and "community.buildings" not in page
    return _problem(page, field)


async def test_an_elder_without_an_address_is_refused(bot: Harness) -> None:
    assert "地址" in await _refused(bot, "address", address=" ")


async def test_an_address_in_no_building_or_not_a_door_says_so_in_words(bot: Harness) -> None:
    assert "没有 99 栋" in await _refused(bot, "address", address="99-1-101")
    assert "楼栋-单元-房号" in await _refused(bot, "address", address="3栋")


async def test_a_family_line_without_a_relation_is_refused(bot: Harness) -> None:
    assert "关系" in await _refused(bot, "family", family="周小红 女儿\nx")


async def test_an_unknown_risk_level_is_refused_not_saved_as_normal(bot: Harness) -> None:
    assert await _refused(bot, "risk", risk="extreme")


async def test_no_grid_worker_chosen_asks_to_choose_one(bot: Harness) -> None:
    assert "请选择网格员" in await _refused(bot, "grid_worker", grid_worker="")


async def test_a_housekeepers_unknown_building_is_named_in_words(bot: Harness) -> None:
    """Buildings "99 -1": which ones the community has, in Chinese, then in English."""
    async with staff_client(bot) as web:
        fields = {"key": "hk_wu", "name": "吴管家", "buildings": "99 -1"}
        status, page = await web.post("/setup/housekeepers", **fields)
        assert status == 400 and "housekeepers[" not in page
        said = _problem(page, "buildings")
        assert "没有 99 栋" in said and "1、2、3、4、5、6" in said
        await bot.ask(bot.staff, "/language en")
        status, page = await web.post("/setup/housekeepers", **fields)
        assert "no building 99" in _problem(page, "buildings")


async def test_a_good_elder_is_saved(bot: Harness) -> None:
    async with staff_client(bot) as web:
        status, _ = await web.post("/setup/elders", **ELDER)
    assert status == 200
    saved = next(e for e in bot.runtime.community.elders if e.key == "elder_t")
    assert saved.address == "3-2-501" and saved.family[0].relation == "女儿"
