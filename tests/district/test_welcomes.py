"""District words (tester2 finding 8): a worker who joins both communities is welcomed to each
by name; the district officer's welcome is the district's, with no community's label; the
consoles' log lines and the start line say which community."""

from __future__ import annotations

import logging

import aiohttp
import pytest

from bot.cli import starting_for
from tests.district.support import District
from tests.district.test_bookings import join
from tests.district.test_office import OFFICER, office

__all__ = ["office"]


async def test_a_worker_joining_both_communities_is_welcomed_to_each_by_name(
    district: District,
) -> None:
    zhao = district.person(3001, "赵阿姨")
    welcomes = []
    for name in ("xiangxi", "yinxing"):
        before = len(district.sb.sent(zhao.id))
        await join(district.side(name), zhao, "provider jiejia")
        welcomes.append(district.sb.sent(zhao.id)[before].content)
    assert "欢迎加入「洁家家政」（香溪美地）" in welcomes[0], welcomes[0]
    assert "欢迎加入「洁家家政」（银杏苑）" in welcomes[1], welcomes[1]
    assert "香溪美地" not in welcomes[1].replace("【香溪美地】", "")


@pytest.mark.parametrize("community", ["xiangxi", "yinxing"])
async def test_the_officers_welcome_carries_no_communitys_label(
    office: District, community: str
) -> None:
    officer = office.person(OFFICER, "街道办王主任")
    started = await office.sb.press_start(officer, community)
    welcome = await office.sb.wait_for_message(officer.id, after=started.message_id)
    assert "您是 西溪街道 的街道工作人员" in welcome.content, welcome.content
    assert "【香溪美地】" not in welcome.content and "【银杏苑】" not in welcome.content


async def test_the_officers_plain_start_is_the_district_welcome_not_a_picker(
    office: District,
) -> None:
    officer = office.person(OFFICER, "街道办王主任")
    started = await office.sb.press_start(officer)
    welcome = await office.sb.wait_for_message(officer.id, after=started.message_id)
    assert "您是 西溪街道 的街道工作人员" in welcome.content, welcome.content
    assert not any("请先选择您所在的社区" in m.content for m in office.sb.sent(officer.id))


async def test_console_log_lines_and_the_start_line_name_the_community(
    office: District, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot.web.server")
    for name in ("xiangxi", "yinxing"):
        console = next(s for s in office.runtime_of(name).servers if hasattr(s, "base_url"))
        async with aiohttp.ClientSession() as http, http.get(f"{console.base_url}/") as got:
            assert got.status == 403
    lines = [r.getMessage() for r in caplog.records if r.name == "bot.web.server"]
    assert "[xiangxi] GET / 403" in "\n".join(lines)
    assert "[yinxing] GET / 403" in "\n".join(lines)
    said = starting_for(office.settings)
    assert said == "the district of Xiangxi Meidi (xiangxi), Yinxing Yuan (yinxing)"


async def test_a_housekeepers_start_welcome_names_the_community(district: District) -> None:
    """吴管家 is 银杏苑's housekeeper of the same buildings as 香溪美地's: his /start welcome
    says which community he works for (tester t1: "您负责 1、2、3 栋" named none)."""
    wu = district.person(2101, "吴管家")
    await join(district.side("yinxing"), wu, "housekeeper hk_zhang")
    welcome = await district.ask(wu, "/start", contains="栋")
    assert "银杏苑 的管家" in welcome.content, welcome.content
    assert "香溪美地" not in welcome.content
