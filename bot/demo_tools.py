"""Demo scenes for the tool cabinet and community notices: a ladder borrowed from the group,
handed over and returned, and the vegetable-stall notice appearing on its Saturday morning."""

from __future__ import annotations

from datetime import timedelta

from bot.sandbox import SandboxChat, SandboxMessage
from bot.scenario import Scenario


def _with_button(s: Scenario, chat_id: int, label: str) -> SandboxMessage:
    return next(m for m in reversed(s.sb.sent(chat_id)) if label in m.button_texts)


async def play(s: Scenario, group: SandboxChat) -> None:
    """Borrow, hand over and return a ladder; let the clock pass 07:30 (once) for the notice."""
    resident = s.sb.user(6001, "小李")
    keeper = s.sb.user(2001, "张管家")

    await s.scene("群里借梯子 / borrowing a ladder from the group")
    await s.say(resident, "谁有梯子借我用一下", group)
    link = next(b["url"] for b in s.last_from_bot(group.id).buttons if "url" in b)
    await s.say(resident, f"/start {link.rsplit('start=', 1)[1]}")
    await s.press(resident, _with_button(s, resident.id, "预约"), "预约")

    await s.scene("管家确认交接 / the housekeeper hands it over")
    await s.press(keeper, _with_button(s, keeper.id, "确认交接"), "确认交接")

    # The only place the demo's clock reaches 07:30, when the stall notice is posted.
    notice_time = s.runtime.local_now().replace(hour=7, minute=30)
    await s.scene(
        "菜摊通知（每周三、六）/ the vegetable stall notice, Wed and Sat",
        after=max(notice_time - s.runtime.local_now(), timedelta(0)),
    )

    await s.scene("梯子归还 / the ladder comes back")
    await s.press(keeper, _with_button(s, keeper.id, "确认归还"), "确认归还")
