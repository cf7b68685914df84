"""Demo scenes for welfare check-ins: one elder answers the morning ping, another stays silent
and the ladder runs to the grid worker's confirmation, with family told at each step; later he
calls for help in his own words, and a neighbour reports someone trapped in a lift.

The sample community keeps realistic timings (reminder +30 min, grid worker +60 min, staff
+120 min); the scenes only move the FakeClock.
"""

from __future__ import annotations

from datetime import timedelta

from bot.devtools.sandbox import SandboxChat
from bot.devtools.scenario import Scenario


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

    await s.scene("李大爷用自己的话求助 / a help call in his own words", after=timedelta(hours=2))
    await s.say(li, "我在卫生间滑倒了 腿好疼 起不来")
    await s.scene("网格员出发，大家都看得到 / the grid worker is going, everyone sees it")
    await s.tap(chen, "🏃")
    await s.say(li, "门没锁 你直接进来")
    await s.scene(
        "只有网格员能确认平安 / only a responder can confirm he is safe",
        after=timedelta(minutes=15),
    )
    await s.tap(chen, "✅")
    await s.say(chen, "扭伤了脚踝，已陪他去社区医院拍片")

    resident = sb.user(6101, "小周")
    await s.scene("群里有人报告电梯困人 / someone trapped in a lift, reported in the group")
    await s.say(resident, "3号楼电梯困人了！里面有个老人在喊", chat=group)
    await s.say(staff, "/incident")
    del son
