"""`concierge demo`: a scripted morning in 香溪美地, offline, printed as people would see it."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.devtools import demo_bookings, demo_checkins, demo_tools
from bot.devtools.scenario import Scenario, scenario

FIVE_MINUTES = timedelta(minutes=5)
MORNING = datetime(2026, 11, 28, 7, 0, tzinfo=ZoneInfo("Asia/Shanghai"))  # a Saturday


async def run_demo(*, fast: bool = True, report: Path | None = None) -> int:
    """Play the morning; return the exit status. With `report`, the weekly report's chart
    that staff received at the end is written there (docs/weekly-report.png is made so)."""
    print("Concierge demo · 香溪美地 · the real bot against the local Bot API sandbox (offline)")
    async with scenario(MORNING) as s:
        await _setup(s)
        await s.scene("工作人员要本周报告 / staff ask for the week's report (chart + 5 lines)")
        await s.say(s.sb.user(1001, "刘主任"), "/report")
        if report is not None:
            photo = next(m for m in reversed(s.sb.sent(1001)) if m.photo)
            assert photo.photo is not None
            await asyncio.to_thread(
                report.write_bytes, s.sb.state.files[photo.photo[0]["file_id"]]
            )
            print(f"\nThe report's chart is in {report}")
    print("\nDemo finished.")
    return 0


async def _setup(s: Scenario) -> None:
    sb = s.sb
    staff = sb.user(1001, "刘主任")
    resident = sb.user(6001, "小李")
    neighbour = sb.user(6002, "Emma", language_code="en")

    await s.scene("工作人员把机器人拉进业主群并绑定 / staff adds the bot and binds the group")
    group = sb.group(
        -1001001, "香溪美地 1-3栋业主群", admins=[staff], members=[resident, neighbour]
    )
    await sb.add_bot_to_group(staff, group)
    await s.settle()
    await s.say(staff, "/bind", group)

    await s.scene("居民第一次私聊机器人 / a resident registers", after=FIVE_MINUTES)
    await s.say(resident, "/start")
    await s.say(resident, "3栋2单元501")

    await s.scene("群里闲聊：机器人保持安静 / chatter gets silence", after=FIVE_MINUTES)
    await s.say(neighbour, "Morning all, lovely weather today!", group)
    await s.say(resident, "刚洗完油烟机，真干净，谢谢王师傅", group)

    await s.scene("群里的请求：简短回复 + 私聊链接 / a request in the group", after=FIVE_MINUTES)
    await s.say(resident, "明天上午想找人洗一下油烟机，有人能约吗？", group)
    await s.follow_link(resident, group.id)

    await s.scene("英文用户收到英文 / English speakers are answered in English")
    await s.say(neighbour, "how much is window cleaning?")

    await s.scene("管家通过邀请链接加入 / a housekeeper joins by invite", after=FIVE_MINUTES)
    await s.say(staff, "/start")
    await s.invite(staff, sb.user(2001, "张管家"), "housekeeper", "hk_zhang")

    # Order matters: the morning scenes come first; bookings then let a day pass.
    await demo_tools.play(s, group)  # tool cabinet, and the 07:30 stall notice
    await demo_checkins.play(s, group)  # 08:30 and 09:00 check-ins, one answered, one silent
    await demo_bookings.play(s, group)  # a rated job, and a declined and re-dispatched one
