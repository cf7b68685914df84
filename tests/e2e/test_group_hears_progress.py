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


async def test_a_home_emergency_asks_the_place_privately_and_never_echoes_it(
    bot: Harness,
) -> None:
    """Tester 1, session 15, M1: the group prompt offers 私聊告诉我地点 instead of inviting the
    flat into the group; the flat posted there anyway is never repeated there; the button's
    private chat takes the place to the responders."""
    await bot.settle_staff()
    zhang = await _keeper(bot)
    chat = await bot.group(GROUP)
    xiaowang = bot.person(6020, "小王")
    said = await bot.say(xiaowang, "老公在卫生间摔倒了 头流血了", chat=chat)
    answer = await bot.sb.wait_for_message(chat.id, contains="120", after=said.message_id)
    assert "不要在群里发住址" in answer.content
    url = next(b["url"] for b in answer.buttons if "url" in b)
    assert answer.button_texts == ["私聊告诉我地点 👉"] and url.endswith("start=place_1")
    await bot.sb.wait_for_message(zhang.id, contains="卫生间摔倒")
    await bot.say(xiaowang, "3栋2单元501 快来人", chat=chat)
    await bot.sb.wait_for_message(zhang.id, contains="3栋2单元501")
    started = await bot.sb.press_start(xiaowang, "place_1")
    await bot.sb.wait_for_message(xiaowang.id, contains="不会发到群里", after=started.message_id)
    await bot.ask(xiaowang, "3号楼2单元501 主卧卫生间", contains="已转告处理人员")
    await bot.sb.wait_for_message(zhang.id, contains="主卧卫生间")
    await bot.sb.wait_idle()
    for message in bot.sb.sent(chat.id):
        assert "501" not in message.content, message.content
