"""What staff are told in a district (session-8 console/district findings 3, 4, 6 and 7): a
community's staff are welcomed to their community by name; the district's officer is welcomed
to the district with only what ``district.toml`` gives them; the digest is labelled with the
district, not the first community; the officer is named as ``district.toml`` names him."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.clock import FakeClock
from bot.devtools.sandbox import Sandbox
from tests.district.support import OFFICE, District, district_settings, write_folder
from tests.district.test_office import EVERY_ALERT

OFFICER = OFFICE.staff[0].telegram_id
EVERY_PROMISE = "没人接的派单、关爱预警和求助警报都会私信给您"


async def test_community_staff_are_welcomed_to_their_community(district: District) -> None:
    named = (("xiangxi", "香溪美地", "银杏苑"), ("yinxing", "银杏苑", "香溪美地"))
    for name, title, other in named:
        side = district.side(name)
        welcome = await side.ask(side.staff, "/start", contains="工作人员")
        assert f"您是 {title} 的工作人员" in welcome.content, welcome.content
        assert other not in welcome.content


@pytest.mark.parametrize("every_alert", [False, True])
async def test_the_officer_is_welcomed_to_the_district_with_what_he_will_get(
    sandbox: Sandbox,
    stores: tuple[Path | str, Path | str],
    clock: FakeClock,
    tmp_path: Path,
    every_alert: bool,
) -> None:
    """alerts = "escalations" (the default) promises the digest, emergencies nobody took and a
    community's alerts while none of its own staff can be reached, never every alert; "all"
    promises every alert."""
    office_file = EVERY_ALERT if every_alert else OFFICE
    settings = district_settings(sandbox, write_folder(tmp_path / "c"), stores, office_file)
    office = District(sandbox, settings, clock)
    async with office.running():
        officer = office.person(OFFICER, "王主任")  # his Telegram name
        started = await office.sb.press_start(officer, "xiangxi")
        welcome = await office.sb.wait_for_message(officer.id, after=started.message_id)
        assert "您是 西溪街道 的街道工作人员" in welcome.content, welcome.content
        assert "每天 08:00 的街道简报" in welcome.content
        assert "香溪美地 的工作人员" not in welcome.content
        assert (EVERY_PROMISE in welcome.content) == every_alert
        if not every_alert:
            assert "超时没人响应的紧急求助" in welcome.content
            assert "不发给您" in welcome.content


async def test_the_digest_is_the_districts_and_the_officer_has_the_files_name(
    sandbox: Sandbox, stores: tuple[Path | str, Path | str], clock: FakeClock, tmp_path: Path
) -> None:
    settings = district_settings(sandbox, write_folder(tmp_path / "c"), stores, OFFICE)
    office = District(sandbox, settings, clock)
    async with office.running():
        officer = office.person(OFFICER, "王主任")  # Telegram says 王主任; the file 街道办王主任
        started = await office.sb.press_start(officer, "xiangxi")
        await office.sb.wait_for_message(officer.id, after=started.message_id)
        await office.advance(timedelta(days=1))
        digest = await office.sb.wait_for_message(officer.id, contains="每日简报")
        assert digest.content.splitlines()[0] == "【西溪街道】", digest.content
        assert "【香溪美地】" not in digest.content and "【银杏苑】" not in digest.content
        for name in ("xiangxi", "yinxing"):  # what alerts and the console read
            runtime = office.runtime_of(name)
            async with runtime.db.read() as tx:
                person = await runtime.people.get(tx, OFFICER)
            assert person is not None and person.name == "街道办王主任", name
