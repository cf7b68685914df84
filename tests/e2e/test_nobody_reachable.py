"""Nobody reachable, over the sandbox (session 8 residents' report, problem 2): staff listed in
the file but never opened a private chat with the bot, and nobody from the property team
joined. The property team is then not quoted or offered ("通下水道多少钱" is not "¥80/次"); a
common-area report is told honestly in the group and in private, with the office's number,
and kept for the console's Today page. One housekeeper joined (another building's) is enough
for the team: quoted, and offered a work order nobody covering the building could take; and an
alert with no staff chat to go to reaches the housekeepers instead."""

from __future__ import annotations

from datetime import timedelta
from importlib import resources

import pytest

from bot.config import SAMPLE_COMMUNITY, load_community
from bot.devtools.sandbox import SandboxChat, SandboxMessage, SandboxUser
from intents import Catalogue, Understander
from tests.booking_steps import book, offer_to, press
from tests.harness import SHANGHAI, Harness


@pytest.fixture(autouse=True)
def _understanding_read() -> None:
    """The shipped model and word lists read before the story: they are read on first use,
    which on a loaded machine can outlast a wait for the first group answer."""
    Understander(Catalogue.default(), SHANGHAI).understand("马桶堵了")


OFFICE = "0571-8888 6666"  # the sample community's office number


async def _answer(h: Harness, who: SandboxUser, text: str, chat: SandboxChat) -> SandboxMessage:
    """The bot's reply in the group to this message."""
    await h.sb.wait_idle(quiet=0.05)
    said = await h.say(who, text, chat)
    return await h.sb.wait_for_message(chat.id, after=said.message_id)


async def _report_door(h: Harness, resident: SandboxUser) -> SandboxMessage:
    """'3栋单元门坏了' in private, no note, submitted; the bot's last word to the resident."""
    note = await h.ask(resident, "3栋单元门坏了，关不上", contains="告诉维修人员")
    await press(h, resident, note, "跳过")
    confirm = await h.sb.wait_for_message(resident.id, contains="请确认", after=note)
    await press(h, resident, confirm, "✅ 提交报修")
    return await h.sb.wait_for_message(resident.id, contains="报修", after=confirm)


async def _keeper(h: Harness, user_id: int, name: str, key: str) -> SandboxUser:
    """A housekeeper who joined through an invite link."""
    keeper = h.person(user_id, name)
    await h.join(keeper, "housekeeper", key)
    return keeper


async def test_a_team_nobody_joined_is_not_quoted_and_a_report_is_told_honestly(
    harness: Harness,
) -> None:
    async with harness.running() as h:
        chat = await h.group()  # staff bound it in the group, never opened a private chat
        resident = h.person(6001, "胖哥")
        drain = await _answer(h, resident, "通下水道多少钱", chat)
        assert "¥" not in drain.content and "暂时没有服务商" in drain.content
        private = await h.ask(resident, "马桶堵了，想找人通一下")
        assert (
            "物业服务中心" not in private.content and "暂时没有可预约的服务商" in private.content
        )

        neighbour = h.person(6002, "老周")
        await h.advance(timedelta(minutes=2))
        door = await _answer(h, neighbour, "3栋单元门坏了，关不上", chat)
        assert "联系不上物业工作人员" in door.content and OFFICE in door.content
        assert "立即派人" not in door.content
        told = await _report_door(h, neighbour)
        assert "联系不上任何物业工作人员" in told.content and OFFICE in told.content
        assert "已通知" not in told.content
        async with h.runtime.db.read() as tx:  # kept: an unassigned job is on the Today page
            status = await tx.scalar("SELECT status FROM bookings WHERE kind = 'work_order'")
        assert status == "unassigned"


async def test_one_housekeeper_of_another_building_is_enough_for_the_team(
    harness: Harness,
) -> None:
    async with harness.running() as h:
        chen = await _keeper(h, 2002, "陈管家", "hk_chen")  # buildings 4-6
        chat = await h.group()
        resident = h.person(6001, "胖哥")
        drain = await _answer(h, resident, "通下水道多少钱", chat)
        assert "¥80" in drain.content
        door = await _answer(h, h.person(6002, "老周"), "3栋单元门坏了，关不上", chat)
        assert "立即派人" in door.content and "联系不上" not in door.content
        await _report_door(h, h.person(6002, "老周"))
        order = await offer_to(h, chen)  # nobody covers building 3: the one who can, is asked
        assert "单元门" in order.content


async def test_an_alert_with_no_staff_chat_reaches_the_housekeeper(harness: Harness) -> None:
    """A pest-control booking offered to the property team (陈管家, building 5, named in the
    file with his Telegram id, so no invite from staff) that nobody accepts: staff cannot be
    written to, so the housekeeper hears it needs following up and the resident is told
    someone was."""
    sample = resources.files("bot.data").joinpath(SAMPLE_COMMUNITY).read_text("utf-8")
    linked = sample.replace('key = "hk_chen"', 'key = "hk_chen"\ntelegram_id = 2002')
    harness.with_settings(community=load_community(text=linked))
    async with harness.running() as h:
        chen = h.person(2002, "陈管家")
        started = await h.sb.press_start(chen)
        await h.sb.wait_for_message(chen.id, after=started.message_id)
        resident = h.person(6001, "胖哥")
        contacting = await book(
            h, resident, "明天上午想找人杀蟑螂", provider="香溪美地物业服务中心", address="5-1-101"
        )
        offer = await offer_to(h, chen)
        await h.advance(timedelta(hours=2))
        alert = await h.sb.wait_for_message(chen.id, contains="没有人接单", after=offer)
        assert "联系不上社区工作人员" in alert.content
        told = await h.sb.wait_for_message(resident.id, contains="抱歉", after=contacting)
        assert "已转告物业管家跟进" in told.content
        assert not h.sb.sent(h.staff.id)  # nothing could reach staff
