"""Check-ins are never lost: restarts mid-ladder, pings that fell due while the bot was down."""

from __future__ import annotations

from datetime import timedelta

from bot.config import load_community
from tests.e2e.test_checkins import COMMUNITY, enrol_people, timeline
from tests.harness import Harness


async def test_restart_mid_ladder_neither_skips_nor_repeats_a_step(harness: Harness) -> None:
    """Down after the reminder: the grid and staff steps due meanwhile run once, in order."""
    harness.with_settings(community=load_community(text=COMMUNITY))
    async with harness.running():
        cast = await enrol_people(harness, li_side=False)
        await cast.advance(timedelta(minutes=30))
        await cast.ping(cast.wang)
        await cast.advance(timedelta(minutes=30))
        await harness.sb.wait_for_message(cast.wang.id, contains="还没收到您的回复")
        await cast.idle()
    harness.clock.advance(timedelta(minutes=105))  # 10:45: the 09:30 and 10:30 steps are due
    async with harness.running():
        alert = await harness.sb.wait_for_message(harness.staff.id, contains="关爱升级：王阿姨")
        await cast.idle()
        ask = next(m for m in harness.sb.sent(cast.zhang.id) if "一直没有回复" in m.content)
        assert ask.seq < alert.seq
    async with harness.running():
        await cast.advance(timedelta(minutes=1))
    assert cast.count(cast.wang, "早上好，王阿姨") == 1
    assert cast.count(cast.wang, "还没收到您的回复") == 1
    assert cast.count(cast.zhang, "一直没有回复") == 1
    assert cast.count(harness.staff, "关爱升级：王阿姨") == 1
    async with harness.running():
        steps = await timeline(harness, "elder_wang")
    assert steps == ["enrolled", "pinged", "reminded", "grid_worker_asked", "staff_alerted"]


async def test_a_late_greeting_still_goes_and_its_ladder_runs_from_then(harness: Harness) -> None:
    """Down from 08:00 to 12:00, past the 08:30 check-in: the greeting goes at 12:00 (a late
    one beats none), no "系统刚恢复" note, and the reminder comes 30 minutes after it went,
    not at once."""
    harness.with_settings(community=load_community(text=COMMUNITY))
    async with harness.running():
        cast = await enrol_people(harness, li_side=False)
    harness.clock.advance(timedelta(hours=4))  # 12:00; the 08:30 ping is 3.5 h late
    async with harness.running():
        await cast.ping(cast.wang)
        await cast.idle()
        assert cast.count(cast.wang, "王阿姨！今天都好吗") == 1
        assert cast.count(cast.zhang, "系统刚恢复") == 0
        await cast.advance(timedelta(minutes=29))
        assert cast.count(cast.wang, "还没收到您的回复") == 0
        await cast.advance(timedelta(minutes=1))
        assert cast.count(cast.wang, "还没收到您的回复") == 1
        steps = await timeline(harness, "elder_wang")
    assert steps == ["enrolled", "pinged", "reminded"]


async def test_a_greeting_whose_day_is_over_becomes_a_note_to_the_grid_worker(
    harness: Harness,
) -> None:
    """Down until the next morning: no stale "good morning" for yesterday, the grid worker
    checks (and today's greeting goes at its time)."""
    harness.with_settings(community=load_community(text=COMMUNITY))
    async with harness.running():
        cast = await enrol_people(harness, li_side=False)
    harness.clock.advance(timedelta(hours=15))  # 23:00: quiet hours, the 08:30 day is over
    async with harness.running():
        note = await harness.sb.wait_for_message(cast.zhang.id, contains="系统刚恢复")
        assert "王阿姨" in note.content and note.button_texts == ["✅ 已确认平安", "🚑 需要支援"]
        await cast.idle()
        assert cast.count(cast.wang, "早上好，王阿姨") == 0
        await harness.sb.press(cast.zhang, note, "✅ 已确认平安")
        await harness.sb.wait_for_message(cast.daughter.id, contains="好消息")
        assert "ping_late" in await timeline(harness, "elder_wang")
