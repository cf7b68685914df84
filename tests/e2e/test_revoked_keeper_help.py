"""A help call whose grid worker staff revoke while it is open (陈管家 never joined): the elder
is told only who her words really reached, and the revoked housekeeper's alerts lose the
address and the buttons, as his job messages do."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta

import pytest

from bot.config import load_community
from tests.console.pages_support import staff_client
from tests.console.test_revoke import person_id
from tests.e2e.test_checkins import COMMUNITY, WANG_ADDRESS, Cast, enrol_people
from tests.harness import Harness


@pytest.fixture
async def care(harness: Harness) -> AsyncIterator[Cast]:
    """The check-in community with only 王阿姨's household and 张管家 joined."""
    harness.with_settings(community=load_community(text=COMMUNITY))
    async with harness.running():
        yield await enrol_people(harness, li_side=False)


async def _help_then_revoke(
    care: Cast, before: Callable[[Cast], Awaitable[None]] | None = None
) -> None:
    """王阿姨 presses 需要帮助 (张管家 alerted with her address), then (after ``before``, say
    her further words) staff revoke him."""
    await care.advance(timedelta(minutes=30))
    ping = await care.bot.sb.wait_for_message(care.wang.id, contains="今天都好吗")
    await care.bot.sb.press(care.wang, ping, "🆘 需要帮助")
    alert = await care.bot.sb.wait_for_message(care.zhang.id, contains="需要帮助")
    assert WANG_ADDRESS in alert.content and alert.buttons
    told = await care.bot.sb.wait_for_message(care.wang.id, contains="已经通知了")
    assert "张管家" in told.content  # reached then, named then
    if before is not None:
        await before(care)
    zhang = await person_id(care.bot, care.zhang.id)
    async with staff_client(care.bot) as web:
        _, page = await web.get(f"/people/{zhang}/revoke")  # (no provider here: its form)
        csrf = re.search(r'name="csrf" value="([^"]+)"', page)
        assert csrf is not None
        form = {"csrf": csrf.group(1), "sure": "on"}
        async with web.http.post(f"{web.root}/people/{zhang}/revoke", data=form) as response:
            assert response.status == 200
    await care.idle()


async def test_getting_worse_after_the_keeper_was_revoked_names_only_who_was_reached(
    care: Cast,
) -> None:
    await _help_then_revoke(care)
    await care.bot.say(care.wang, "救命 我摔倒了")
    urgent = await care.bot.sb.wait_for_message(care.bot.staff.id, contains="救命 我摔倒了")
    assert "情况变严重" in urgent.content
    ack = await care.bot.sb.wait_for_message(care.wang.id, contains="已再次紧急通知")
    first = ack.content.splitlines()[0]
    assert first == "已再次紧急通知社区工作人员、您的家人。"
    assert "管家" not in ack.content and "所有人" not in ack.content
    await care.idle()
    assert care.count(care.zhang, "救命 我摔倒了") == 0  # nothing reached him
    # Her next words, and the reminder rounds, still name nobody who was not reached.
    await care.advance(timedelta(minutes=5))
    await care.bot.say(care.wang, "我在客厅")
    passed = await care.bot.sb.wait_for_message(care.wang.id, contains="已转告")
    assert "管家" not in passed.content
    assert care.count(care.zhang, "我在客厅") == 0


async def test_a_revoked_keepers_open_alert_loses_the_address_and_the_buttons(
    care: Cast,
) -> None:
    await _help_then_revoke(care)
    alerts = [m for m in care.bot.sb.sent(care.zhang.id) if "王阿姨" in m.content]
    assert alerts
    for alert in alerts:
        assert WANG_ADDRESS not in alert.content
        assert not alert.buttons
    assert any("工作身份已由物业工作人员撤销" in m.content for m in alerts)
    # The reminder rounds after the revoke send him nothing new, and the timeline says no
    # housekeeper was alerted in them (陈管家 never joined, 张管家 is revoked); staff were.
    before = len(care.bot.sb.sent(care.zhang.id))
    await care.advance(timedelta(minutes=11))
    assert len(care.bot.sb.sent(care.zhang.id)) == before
    assert await _alerted(care, "grid_worker") == 1 and await _alerted(care, "responder") == 0
    assert await _alerted(care, "staff") == 3  # the first alert, the rounds at 5 and 10 min


async def _alerted(care: Cast, role: str) -> int:
    """How many times the incident's timeline says someone of this role was alerted."""
    async with care.bot.runtime.db.read() as tx:
        rows = await tx.all("SELECT detail FROM audit WHERE action = 'alerted'")
    return sum(json.loads(r["detail"]).get("role") == role for r in rows)
