"""The district role: its staff see every community (a sign-in link per community: the
picker) and get a daily digest with a line per community; community staff see only theirs."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import time, timedelta
from pathlib import Path

import pytest

from bot.clock import FakeClock
from bot.devtools.sandbox import Sandbox
from tests.console.pages_support import staff_client
from tests.district.support import OFFICE, District, district_settings, write_folder
from tests.district.test_pages import booked

OFFICER = OFFICE.staff[0].telegram_id


@pytest.fixture
async def office(
    sandbox: Sandbox, stores: tuple[Path | str, Path | str], clock: FakeClock, tmp_path: Path
) -> AsyncIterator[District]:
    """The two communities with a district file."""
    folder = write_folder(tmp_path / "communities")
    settings = district_settings(sandbox, folder, stores, OFFICE)
    harness = District(sandbox, settings, clock)
    async with harness.running():
        yield harness


async def test_district_staff_pick_a_community_console_and_get_the_digest(
    office: District,
) -> None:
    officer = office.person(OFFICER, "街道办王主任")
    welcome = await office.ask(officer, "/start", contains="西溪街道 的街道工作人员")
    assert not welcome.buttons  # the district's welcome, not "which community?"
    started = await office.sb.press_start(officer, "xiangxi")
    await office.sb.wait_for_message(officer.id, contains="工作人员", after=started.message_id)

    sent = await office.say(officer, "/console")
    links = await office.sb.wait_for_messages(
        officer.id, count=2, contains="/login/", after=sent.message_id
    )
    labels = sorted(m.content.splitlines()[0] for m in links)
    assert labels == ["【银杏苑】", "【香溪美地】"]
    roots = {w.split("/login/")[0] for m in links for w in m.content.split() if "/login/" in w}
    assert len(roots) == 2  # two consoles

    xiangxi = office.side("xiangxi")
    await xiangxi.settle_staff()
    own = await xiangxi.ask(xiangxi.staff, "/console", contains="/login/")
    assert "【" not in own.content  # one community: one link, no label

    await office.advance(timedelta(days=1))
    digest = await office.sb.wait_for_message(officer.id, contains="每日简报 · 2026-11-29")
    assert "西溪街道" in digest.content
    assert "香溪美地：" in digest.content and "银杏苑：" in digest.content
    assert not [m for m in office.sb.sent(xiangxi.staff.id) if "每日简报" in m.content]
    await office.advance(timedelta(minutes=20))
    assert len([m for m in office.sb.sent(officer.id) if "2026-11-29" in m.content]) == 1


LATER = OFFICE.model_copy(
    update={"district": OFFICE.district.model_copy(update={"digest_at": time(9, 0)})}
)


async def test_a_digest_owed_at_start_never_stops_the_start_and_goes_once_all_are_open(
    sandbox: Sandbox, stores: tuple[Path | str, Path | str], clock: FakeClock, tmp_path: Path
) -> None:
    """Restarted after the digest's hour: the bot starts (the digest reads every community's
    store, so it waits until all are open) and the digest it owes goes, unasked."""
    settings = district_settings(sandbox, write_folder(tmp_path / "communities"), stores, LATER)
    office = District(sandbox, settings, clock)
    officer = office.person(OFFICER, "街道办王主任")
    async with office.running():
        started = await office.sb.press_start(officer, "yinxing")  # known in the second only
        await office.sb.wait_for_message(officer.id, after=started.message_id)
    clock.advance(timedelta(hours=2))  # down past 09:00
    async with office.running():
        digest = await office.sb.wait_for_message(officer.id, contains="每日简报")
        assert "香溪美地：" in digest.content and "银杏苑：" in digest.content


async def test_the_digest_goes_at_its_hour_with_the_scheduler_alone(
    sandbox: Sandbox, stores: tuple[Path | str, Path | str], clock: FakeClock, tmp_path: Path
) -> None:
    """Running when its hour comes: the digest goes within a tick (not at the next ten-minute
    planning round), once."""
    settings = district_settings(sandbox, write_folder(tmp_path / "communities"), stores, LATER)
    office = District(sandbox, settings, clock)
    officer = office.person(OFFICER, "街道办王主任")
    async with office.running():
        started = await office.sb.press_start(officer, "xiangxi")
        await office.sb.wait_for_message(officer.id, after=started.message_id)
        await office.sb.wait_idle(quiet=0.2)
        assert not [m for m in office.sb.sent(officer.id) if "每日简报" in m.content]
        clock.advance(timedelta(minutes=61))  # 09:01: only the clock moves
        await office.sb.wait_for_message(officer.id, contains="每日简报")
        await office.sb.wait_idle(quiet=0.3)
        assert len([m for m in office.sb.sent(officer.id) if "每日简报" in m.content]) == 1


async def test_one_communitys_staff_cannot_revoke_the_districts(office: District) -> None:
    """The district's staff are listed as such in a community's console, with no Revoke link,
    and a forged revocation is refused with the reason."""
    officer = office.person(OFFICER, "街道办王主任")
    started = await office.sb.press_start(officer, "xiangxi")
    await office.sb.wait_for_message(officer.id, after=started.message_id)
    xiangxi = office.side("xiangxi")
    async with xiangxi.runtime.db.read() as tx:
        found = await xiangxi.runtime.people.get(tx, OFFICER)
    assert found is not None
    async with staff_client(xiangxi) as web:
        _, page = await web.get("/people")
        row = next(r for r in page.split("<tr") if "街道办王主任" in r)
        assert "街道工作人员" in row and "/revoke" not in row
        _, page = await web.get(f"/people/{found.id}/revoke")
        assert "district.toml" in page and "确认撤销" not in page
        status, page = await web.post(f"/people/{found.id}/revoke", sure="on")
        assert status == 409 and "district.toml" in page
    async with xiangxi.runtime.db.read() as tx:
        assert not await xiangxi.runtime.people.is_revoked(tx, OFFICER)


async def test_staff_of_several_get_every_communitys_alerts_after_one_start(
    office: District,
) -> None:
    """The district's officer opened the chat through 香溪美地 only: a 银杏苑 emergency still
    reaches him, labelled (his chat is known to every community that names him), when none of
    银杏苑's own staff can be reached (an alert always reaches a person)."""
    officer = office.person(OFFICER, "街道办王主任")
    started = await office.sb.press_start(officer, "xiangxi")
    await office.sb.wait_for_message(officer.id, after=started.message_id)
    yinxing = office.side("yinxing")
    chat = await yinxing.group(-2001, "银杏苑业主群")  # 周主任 binds it, never writes privately
    resident = office.person(5002, "小吴")
    said = await office.say(resident, "楼道里有烟味，好像着火了！", chat)
    await office.sb.wait_for_message(chat.id, contains="119", after=said.message_id)
    alert = await office.sb.wait_for_message(officer.id, contains="烟雾/火情")
    assert alert.content.startswith("【银杏苑】")


EVERY_ALERT = OFFICE.model_copy(
    update={"district": OFFICE.district.model_copy(update={"alerts": "all"})}
)


@pytest.mark.parametrize("every_alert", [False, True])
async def test_a_communitys_alerts_go_to_its_staff_and_escalations_to_the_district(
    sandbox: Sandbox,
    stores: tuple[Path | str, Path | str],
    clock: FakeClock,
    tmp_path: Path,
    every_alert: bool,
) -> None:
    """银杏苑's 周主任 can be reached: its emergency goes to him, not to the district's officer;
    the officer hears of it when nobody took it in time (the first reminder), or at once when
    district.toml says alerts = "all"."""
    office_file = EVERY_ALERT if every_alert else OFFICE
    settings = district_settings(sandbox, write_folder(tmp_path / "c"), stores, office_file)
    office = District(sandbox, settings, clock)
    async with office.running():
        officer = office.person(OFFICER, "街道办王主任")
        started = await office.sb.press_start(officer, "xiangxi")
        await office.sb.wait_for_message(officer.id, after=started.message_id)
        yinxing = office.side("yinxing")
        await yinxing.settle_staff()
        chat = await yinxing.group(-2001, "银杏苑业主群")
        said = await office.say(office.person(5002, "小吴"), "楼道里有烟味，好像着火了！", chat)
        await office.sb.wait_for_message(chat.id, contains="119", after=said.message_id)
        await office.sb.wait_for_message(yinxing.staff.id, contains="烟雾/火情")
        await office.sb.wait_idle(quiet=0.2)
        told = [m for m in office.sb.sent(officer.id) if "烟雾/火情" in m.content]
        assert len(told) == (1 if every_alert else 0)
        await office.advance(timedelta(minutes=6))  # nobody said "I'm going"
        reminder = await office.sb.wait_for_message(officer.id, contains="没有人响应")
        assert reminder.content.startswith("【银杏苑】")


async def test_each_line_of_the_digest_counts_only_its_community(office: District) -> None:
    """Only 香溪美地 had a request (booked and accepted): its line counts it, 银杏苑's counts
    nothing, and the digest names no resident, worker or address."""
    officer = office.person(OFFICER, "街道办王主任")
    started = await office.sb.press_start(officer, "xiangxi")
    await office.sb.wait_for_message(officer.id, contains="工作人员", after=started.message_id)
    await booked(office.side("xiangxi"))  # 小李 of 2-3-602, by 赵阿姨
    await office.advance(timedelta(days=1))
    digest = await office.sb.wait_for_message(officer.id, contains="每日简报 · 2026-11-29")
    lines = {line.split("：", 1)[0]: line for line in digest.content.splitlines() if "：" in line}
    assert "请求 1（下单 1）" in lines["香溪美地"] and "派单 1" in lines["香溪美地"]
    assert "请求 0（下单 0）" in lines["银杏苑"] and "派单 0" in lines["银杏苑"]
    assert not any(word in digest.content for word in ("小李", "赵阿姨", "2-3-602"))
