"""Demo scenes for booking and dispatch: a group request that ends as a rated job, one that is
declined and re-dispatched to the property's own team, and an urgent one sent at once."""

from __future__ import annotations

from datetime import timedelta

from bot.devtools.sandbox import SandboxChat
from bot.devtools.scenario import Scenario


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
    await s.invite(staff, zhao, "provider", "jiejia")
    await s.invite(staff, sun, "provider", "kuaixiu")
    await s.invite(staff, wang, "provider", "property_team")

    await s.scene("群里约保洁 → 私聊预约 / a cleaning request becomes a booking")
    await s.say(zhou, "明天上午想请个阿姨打扫一下卫生，有人推荐吗", group)
    await s.follow_link(zhou, group.id)
    await s.tap(zhou, "洁家家政")
    await s.tap(zhou, "✅")  # keep the time from the message
    await s.say(zhou, "2栋1单元302")
    await s.say(zhou, "家里有猫，请随手关门")
    await s.tap(zhou, "✅ 确认预约")

    await s.scene("赵阿姨接单 / the provider accepts", after=timedelta(minutes=4))
    await s.tap(zhao, "✅ 接单")

    # The slot is tomorrow 09:00-12:00: the reminder goes two hours before.
    await s.scene("上门前两小时提醒双方 / reminder before the slot", after=s.until(7, days=1))
    await s.scene("到达、完工、评价 / arrived, done, rated", after=s.until(9, 5))
    await s.tap(zhao, "📍 已到达")
    await s.advance(s.until(11, 30))
    await s.tap(zhao, "✅ 已完工")
    await s.tap(zhou, "5⭐")
    await s.say(zhou, "阿姨很细心，厨房擦得很干净")

    await s.scene("群里报修：快修拒绝 → 物业兜底 / declined, re-dispatched to the property team")
    await s.say(zhou, "马桶堵了，明天上午能来人通一下吗", group)
    await s.follow_link(zhou, group.id)
    await s.tap(zhou, "快修师傅")
    await s.tap(zhou, "✅")
    await s.tap(zhou, "跳过")
    await s.tap(zhou, "✅ 确认预约")
    await s.tap(sun, "❌ 拒绝")
    await s.tap(wang, "✅ 接单")

    await s.scene(
        "急修：尽快上门 / urgent: as soon as possible, sent at once", after=s.until(13, 27)
    )
    await s.say(zhou, "马桶又堵了，急！现在能来人吗", group)
    await s.follow_link(zhou, group.id)
    await s.tap(zhou, "快修师傅")
    await s.tap(
        zhou, "✅ 尽快"
    )  # first, before 明天上午; the address is known: straight to confirm
    await s.tap(zhou, "✅ 确认预约")
    await s.tap(sun, "✅ 接单")
    await s.tap(sun, "30分钟内")  # the arrival promise: the resident is told, a late check set
    await s.say(zhou, "师傅几点到")

    await s.scene("工作人员查看订单 / staff look at the open jobs and a timeline")
    await s.say(staff, "/bookings")
    await s.say(staff, "/booking 2")
