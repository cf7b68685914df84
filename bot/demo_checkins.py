"""Demo scenes for welfare check-ins: one elder answers the morning ping, another stays silent
and the ladder runs to the grid worker's confirmation, with family told at each step.

The sample community keeps realistic timings (reminder +30 min, grid worker +60 min, staff
+120 min); the scenes only move the FakeClock.
"""

from __future__ import annotations

from datetime import timedelta

from bot.sandbox import SandboxChat
from bot.scenario import Scenario


async def play(s: Scenario, group: SandboxChat) -> None:
    """Invite the households, then play one answered and one silent check-in."""
    sb = s.sb
    staff = sb.user(1001, "刘主任")
    wang = sb.user(4101, "王阿姨")
    daughter = sb.user(5101, "王小明")
    li = sb.user(4102, "李大爷")
    son = sb.user(5102, "李强")
    chen = sb.user(2002, "陈管家")

    await s.scene(
        "关爱：工作人员邀请老人、家属和网格员 / staff invite elders, family, grid workers"
    )
    await s.invite(staff, wang, "elder", "elder_wang")
    await s.invite(staff, daughter, "family", "elder_wang")
    await s.invite(staff, li, "elder", "elder_li")
    await s.invite(staff, son, "family", "elder_li")
    await s.invite(staff, chen, "housekeeper", "hk_chen")

    await s.scene("王阿姨的早安问候，一键回复 / the morning ping, answered", after=s.until(8, 30))
    await s.press(wang, s.last_from_bot(wang.id), 0)

    await s.scene("李大爷的问候没有回复 / no answer from 李大爷", after=s.until(9))
    await s.scene("温柔提醒 / a gentle reminder", after=timedelta(minutes=30))
    await s.scene(
        "网格员上门确认，家属同步知情 / grid worker asked, family told",
        after=timedelta(minutes=30),
    )
    ask = s.last_from_bot(chen.id)
    await s.advance(timedelta(minutes=12))
    await s.press(chen, ask, 0)

    await s.scene("工作人员查看今日关爱 / staff look at today's care")
    await s.say(staff, "/care")
    del group, son
