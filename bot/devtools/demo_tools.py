"""Demo scenes for the tool cabinet and community notices: a ladder borrowed from the group,
handed over and returned, and the vegetable-stall notice appearing on its Saturday morning."""

from __future__ import annotations

from datetime import timedelta

from bot.devtools.sandbox import SandboxChat
from bot.devtools.scenario import Scenario


async def play(s: Scenario, group: SandboxChat) -> None:
    """Borrow, hand over and return a ladder; let the clock pass 07:30 (once) for the notice."""
    resident = s.sb.user(6001, "小李")
    keeper = s.sb.user(2001, "张管家")

    await s.scene("群里借梯子 / borrowing a ladder from the group")
    await s.say(resident, "谁有梯子借我用一下", group)
    await s.follow_link(resident, group.id)
    await s.tap(resident, "预约")

    await s.scene("管家确认交接 / the housekeeper hands it over")
    await s.tap(keeper, "确认交接")

    # The only place the demo's clock reaches 07:30, when the stall notice is posted.
    notice_time = s.runtime.local_now().replace(hour=7, minute=30)
    await s.scene(
        "菜摊通知（每周三、六）/ the vegetable stall notice, Wed and Sat",
        after=max(notice_time - s.runtime.local_now(), timedelta(0)),
    )

    await s.scene("梯子归还 / the ladder comes back")
    await s.tap(keeper, "确认归还")
