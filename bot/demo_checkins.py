"""Demo scenes for welfare check-ins: one elder answers the morning ping, another stays silent
and the ladder runs to the grid worker's confirmation, with family told at each step.

The sample community keeps realistic timings (reminder +30 min, grid worker +60 min, staff
+120 min); the scenes only move the FakeClock.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.sandbox import SandboxChat, SandboxUser
from bot.scenario import Scenario


def _title(title: str) -> None:
    print(f"\n── {title} " + "─" * max(0, 60 - len(title)))


async def _invite(s: Scenario, staff: SandboxUser, user: SandboxUser, role: str, ref: str) -> None:
    """Staff makes a one-time link; the person opens it."""
    await s.say(staff, f"/invite {role} {ref}")
    link = next(b["url"] for b in s.last_from_bot(staff.id).buttons if "url" in b)
    await s.say(user, f"/start {link.rsplit('start=', 1)[1]}")


async def _until(s: Scenario, hour: int, minute: int) -> None:
    """Let the clock run to a time of day today (community timezone)."""
    now = s.runtime.local_now()
    target = datetime.combine(now.date(), now.time().replace(hour=hour, minute=minute, second=0))
    target = target.replace(tzinfo=now.tzinfo)
    if target > now:
        await s.advance(target - now)


async def play(s: Scenario, group: SandboxChat) -> None:
    """Invite the households, then play one answered and one silent check-in."""
    sb = s.sb
    staff = sb.user(1001, "刘主任")
    wang = sb.user(3001, "王阿姨")
    daughter = sb.user(4001, "王小明")
    li = sb.user(3002, "李大爷")
    son = sb.user(4002, "李强")
    chen = sb.user(2002, "陈管家")

    _title("关爱：工作人员邀请老人、家属和网格员 / staff invite elders, family, grid workers")
    await _invite(s, staff, wang, "elder", "elder_wang")
    await _invite(s, staff, daughter, "family", "elder_wang")
    await _invite(s, staff, li, "elder", "elder_li")
    await _invite(s, staff, son, "family", "elder_li")
    await _invite(s, staff, chen, "housekeeper", "hk_chen")

    _title("08:30 王阿姨的早安问候，一键回复 / the morning ping, answered with one tap")
    await _until(s, 8, 30)
    await s.press(wang, s.last_from_bot(wang.id), 0)

    _title("09:00 李大爷没有回复 / no answer from 李大爷")
    await _until(s, 9, 0)
    _title("09:30 温柔提醒 / a gentle reminder")
    await s.advance(timedelta(minutes=30))
    _title("10:00 网格员上门确认，家属同步知情 / the grid worker checks, family told")
    await s.advance(timedelta(minutes=30))
    ask = s.last_from_bot(chen.id)
    await s.advance(timedelta(minutes=12))
    await s.press(chen, ask, 0)

    _title("工作人员查看今日关爱 / staff look at today's care")
    await s.say(staff, "/care")
    del group, son
