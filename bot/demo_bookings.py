"""Demo scenes for booking and dispatch: a group request that ends as a rated job, and one that
is declined and re-dispatched to the property's own team."""

from __future__ import annotations

from datetime import timedelta

from bot.sandbox import SandboxChat, SandboxMessage, SandboxUser
from bot.scenario import Scenario


def _with_button(s: Scenario, chat_id: int, label: str) -> SandboxMessage:
    """The bot's latest message in a chat that has a button starting with label."""
    for message in reversed(s.sb.sent(chat_id)):
        if any(text.startswith(label) for text in message.button_texts):
            return message
    raise RuntimeError(f"no message with a {label!r} button in chat {chat_id}")


async def _tap(s: Scenario, user: SandboxUser, label: str) -> None:
    """Press the newest button in the user's private chat whose label starts with label."""
    message = _with_button(s, user.id, label)
    index = next(i for i, t in enumerate(message.button_texts) if t.startswith(label))
    await s.press(user, message, index)


async def _join(s: Scenario, staff: SandboxUser, user: SandboxUser, role: str, ref: str) -> None:
    await s.say(staff, f"/invite {role} {ref}")
    link = next(b["url"] for b in s.last_from_bot(staff.id).buttons if "url" in b)
    await s.say(user, f"/start {link.rsplit('start=', 1)[1]}")


async def _from_group(s: Scenario, user: SandboxUser, text: str, group: SandboxChat) -> None:
    """A resident asks in the group and continues in private through the deep link."""
    await s.say(user, text, group)
    reply = s.last_from_bot(group.id)
    link = next(b["url"] for b in reply.buttons if "url" in b)
    await s.say(user, f"/start {link.rsplit('start=', 1)[1]}")


async def play(s: Scenario, group: SandboxChat) -> None:
    """Two bookings from the group: one rated, one declined and re-dispatched."""
    sb = s.sb
    staff = sb.user(1001, "刘主任")
    zhao = sb.user(3001, "赵阿姨")
    sun = sb.user(3002, "孙师傅")
    wang = sb.user(3003, "王师傅")
    zhou = sb.user(6003, "老周")
    group.members.setdefault(zhou.id, "member")

    await s.scene("服务商成员通过邀请链接加入 / provider members join by invite")
    await _join(s, staff, zhao, "provider", "jiejia")
    await _join(s, staff, sun, "provider", "kuaixiu")
    await _join(s, staff, wang, "provider", "property_team")

    await s.scene("群里约保洁 → 私聊预约 / a cleaning request becomes a booking")
    await _from_group(s, zhou, "明天上午想请个阿姨打扫一下卫生，有人推荐吗", group)
    await _tap(s, zhou, "洁家家政")
    await _tap(s, zhou, "✅")  # keep the time from the message
    await s.say(zhou, "2栋1单元302")
    await s.say(zhou, "家里有猫，请随手关门")
    await _tap(s, zhou, "✅ 确认预约")

    await s.scene("赵阿姨接单 / the provider accepts", after=timedelta(minutes=4))
    await _tap(s, zhao, "✅ 接单")

    # The slot is tomorrow 09:00-12:00: the reminder goes two hours before.
    await s.scene("上门前两小时提醒双方 / reminder before the slot", after=s.until(7, days=1))
    await s.scene("到达、完工、评价 / arrived, done, rated", after=s.until(9, 5))
    await _tap(s, zhao, "📍 已到达")
    await s.advance(s.until(11, 30))
    await _tap(s, zhao, "✅ 已完工")
    await _tap(s, zhou, "5⭐")
    await s.say(zhou, "阿姨很细心，厨房擦得很干净")

    await s.scene("群里报修：快修拒绝 → 物业兜底 / declined, re-dispatched to the property team")
    await _from_group(s, zhou, "马桶堵了，明天上午能来人通一下吗", group)
    await _tap(s, zhou, "快修师傅")
    await _tap(s, zhou, "✅")
    await _tap(s, zhou, "跳过")
    await _tap(s, zhou, "✅ 确认预约")
    await _tap(s, sun, "❌ 拒绝")
    await _tap(s, wang, "✅ 接单")

    await s.scene("工作人员查看订单 / staff look at the open jobs and a timeline")
    await s.say(staff, "/bookings")
    await s.say(staff, "/booking 2")
