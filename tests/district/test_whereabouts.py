"""Where someone known in several communities last came, and who last wrote to them, is kept
in each community's store: a restart routes them as before, without asking which community."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.clock import FakeClock
from bot.devtools.sandbox import Sandbox
from tests.district.support import District, district_settings, write_folder
from tests.district.test_bookings import join
from tests.district.test_routing import _to_address_step

TITLES = {"xiangxi": "香溪美地", "yinxing": "银杏苑"}
GROUPS = {"xiangxi": (-1001, "香溪美地业主群"), "yinxing": (-2001, "银杏苑业主群")}


def _district(
    sandbox: Sandbox, stores: tuple[Path | str, Path | str], clock: FakeClock, tmp_path: Path
) -> District:
    folder = write_folder(tmp_path / "communities")
    return District(sandbox, district_settings(sandbox, folder, stores), clock)


@pytest.mark.parametrize("last", ["xiangxi", "yinxing"])
async def test_the_group_someone_last_wrote_in_survives_a_restart(
    sandbox: Sandbox,
    stores: tuple[Path | str, Path | str],
    clock: FakeClock,
    tmp_path: Path,
    last: str,
) -> None:
    """小郑 lives in both; he wrote last in one community's group. After a restart his plain
    message is answered by that community (labelled with it), and he is not asked which."""
    district = _district(sandbox, stores, clock, tmp_path)
    zheng = district.person(5005, "小郑")
    first = next(name for name in GROUPS if name != last)
    async with district.running():
        groups = {name: await district.side(name).group(*GROUPS[name]) for name in GROUPS}
        for name in ("xiangxi", "yinxing"):  # started in both; the address given later
            started = await district.sb.press_start(zheng, name)
            asked = await district.sb.wait_for_message(
                zheng.id, contains="住址", after=started.message_id
            )
            await district.sb.press(zheng, asked, "稍后再说")
            await district.sb.wait_idle(quiet=0.05)
        for name in (first, last):
            clock.advance(timedelta(minutes=1))
            said = await district.say(zheng, "大家好", groups[name])
            await district.sb.wait_idle(quiet=0.05)
            assert said
    clock.advance(timedelta(minutes=1))
    async with district.running():
        reply = await district.ask(zheng, "物业电话多少")
        assert "选择您所在的社区" not in reply.content
        assert reply.content.startswith(f"【{TITLES[last]}】"), reply.content


async def test_an_awaited_answer_goes_to_the_community_that_asked_last_after_a_restart(
    sandbox: Sandbox, stores: tuple[Path | str, Path | str], clock: FakeClock, tmp_path: Path
) -> None:
    """Both communities wait for 小吴's address, 银杏苑 asked last; after a restart his address
    answers 银杏苑's question (who wrote to him last is in the stores, not only in memory)."""
    district = _district(sandbox, stores, clock, tmp_path)
    wu = district.person(5002, "小吴")
    async with district.running():
        xiangxi, yinxing = district.side("xiangxi"), district.side("yinxing")
        group_x = await xiangxi.group(*GROUPS["xiangxi"])
        group_y = await yinxing.group(*GROUPS["yinxing"])
        zhao = district.person(3001, "赵阿姨")
        await join(xiangxi, zhao, "provider jiejia")
        await join(yinxing, zhao, "provider jiejia")
        await _to_address_step(xiangxi, wu, group_x)
        clock.advance(timedelta(minutes=1))
        await _to_address_step(yinxing, wu, group_y)
        await district.sb.wait_idle(quiet=0.05)
    clock.advance(timedelta(minutes=1))
    async with district.running():
        step = await district.ask(wu, "5-1-302")
        assert step.content.startswith(f"【{TITLES['yinxing']}】"), step.content
        assert "要告诉师傅" in step.content, step.content


async def test_an_open_draft_does_not_take_a_message_after_they_wrote_in_another_group(
    district: District, clock: FakeClock
) -> None:
    """小吴 left a 香溪美地 booking at its address question, then wrote in 银杏苑's group: he is
    in 银杏苑 now, so his next private message is 银杏苑's to answer (labelled with it), and
    香溪美地's draft stays open, its question still waiting. Before he wrote there, the same
    message would have answered 香溪美地's question (the community that asked last)."""
    xiangxi, yinxing = district.side("xiangxi"), district.side("yinxing")
    group_x = await xiangxi.group(*GROUPS["xiangxi"])
    group_y = await yinxing.group(*GROUPS["yinxing"])
    await join(xiangxi, district.person(3001, "赵阿姨"), "provider jiejia")
    wu = district.person(5002, "小吴")
    started = await district.sb.press_start(wu, "yinxing")  # a resident of 银杏苑 too
    asked = await district.sb.wait_for_message(wu.id, contains="住址", after=started.message_id)
    await district.sb.press(wu, asked, "稍后再说")
    await district.sb.wait_idle(quiet=0.05)
    clock.advance(timedelta(minutes=1))
    await _to_address_step(xiangxi, wu, group_x)
    await district.sb.wait_idle(quiet=0.05)
    clock.advance(timedelta(minutes=1))
    await district.say(wu, "今天电梯好像有点响", group_y)
    await district.sb.wait_idle(quiet=0.05)
    reply = await district.ask(wu, "物业电话多少")
    assert reply.content.startswith(f"【{TITLES['yinxing']}】"), reply.content
    assert "要告诉师傅" not in reply.content
    runtime = district.runtime_of("xiangxi")
    async with runtime.db.read() as tx:
        person = await runtime.people.get(tx, wu.id)
        assert person is not None and await runtime.people.expecting(tx, person.id) is not None
