"""Tester 1, session 15, S3 over the sandbox: smoke in the stairwell, written in the group by
小芳, who never opened a private chat with the bot; 老周 adds to it; 张管家 presses 我去处理;
小芳 asks "有人去看了吗？？"; 张管家 confirms it safe. The group hears each step once, by role,
without an address or a name; 小芳 is never written to privately (no "Chat not found")."""

from __future__ import annotations

from bot.devtools.sandbox import SandboxUser
from tests.harness import Harness

GROUP = -1001234567890


async def _keeper(bot: Harness) -> SandboxUser:
    zhang = bot.person(2001, "张管家")
    await bot.join(zhang, "housekeeper", "hk_zhang")
    return zhang


async def test_the_group_hears_who_is_going_and_that_it_is_over(bot: Harness) -> None:
    await bot.settle_staff()
    zhang = await _keeper(bot)
    chat = await bot.group(GROUP)
    xiaofang, laozhou = bot.person(6010, "小芳"), bot.person(6011, "老周")
    said = await bot.say(xiaofang, "2栋楼道里冒黑烟了 好像是哪家着火了", chat=chat)
    await bot.sb.wait_for_message(chat.id, contains="119", after=said.message_id)
    alert = await bot.sb.wait_for_message(zhang.id, contains="烟雾/火情")
    await bot.say(laozhou, "是2栋1单元吧 我也闻到了 烟很大", chat=chat)
    await bot.sb.wait_for_message(zhang.id, contains="我也闻到了")

    await bot.sb.press(zhang, alert, "🏃 我去处理")
    going = await bot.sb.wait_for_message(chat.id, contains="🏃 有管家正在赶过去")
    assert going.reply_to is not None and going.reply_to.message_id == said.message_id

    asked = await bot.say(xiaofang, "有人去看了吗？？", chat=chat)
    answer = await bot.sb.wait_for_message(chat.id, contains="已经出发", after=asked.message_id)
    assert answer.reply_to is not None and answer.reply_to.message_id == asked.message_id
    await bot.sb.wait_for_message(zhang.id, contains="有人去看了吗")

    await bot.sb.press(zhang, alert, "✅ 已确认平安")
    await bot.sb.wait_for_message(chat.id, contains="✅ 已处理，工作人员确认现场安全")
    await bot.sb.wait_idle()
    staff = "\n".join(m.content for m in bot.sb.sent(bot.staff.id))
    assert "确认：#1 烟雾/火情（小芳 报告）已处理" in staff and "小芳 平安" not in staff
    group = [m.content for m in bot.sb.sent(chat.id)]
    assert sum("有管家正在赶过去" in text for text in group) == 1
    assert sum("确认现场安全" in text for text in group) == 1
    for text in group:
        assert "张管家" not in text and "2-1-" not in text
    assert bot.sb.sent(xiaofang.id) == [] and bot.sb.sent(laozhou.id) == []
