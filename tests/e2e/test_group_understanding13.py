"""The retest of issue 13, end to end in a group: an English neighbour's welfare worry is an
emergency (advice in English, staff and the housekeeper alerted); a lift fault with nobody
inside and a building without water told as a complaint are the property's work order, never
a rescue and never silence."""

from __future__ import annotations

from tests.e2e.test_emergencies import _keeper, _resident
from tests.harness import Harness

WELFARE = "my neighbour is an old lady and she is not answering her door, i heard a thud earlier"


async def test_an_english_welfare_worry_in_a_group_alerts_staff_and_the_housekeeper(
    bot: Harness,
) -> None:
    await bot.settle_staff()
    zhang = await _keeper(bot, 2001, "张管家", "hk_zhang")
    jack = bot.person(5005, "Jack", language="en")
    await bot.ask(jack, "/start")
    await bot.ask(jack, "3-2-501", contains="address")
    chat = await bot.group(-1001234567890)
    said = await bot.say(jack, WELFARE, chat=chat)
    answer = await bot.sb.wait_for_message(chat.id, contains="110", after=said.message_id)
    assert answer.reply_to is not None and answer.reply_to.message_id == said.message_id
    assert "call 110" in answer.content and "拨打" not in answer.content
    assert "3-2-501" not in answer.content
    staff = await bot.sb.wait_for_message(bot.staff.id, contains="呼救")
    assert WELFARE in staff.content and "Jack" in staff.content
    keeper = await bot.sb.wait_for_message(zhang.id, contains="呼救")
    assert WELFARE in keeper.content
    assert not any("¥" in m.content for m in bot.sb.sent(chat.id))


async def test_a_lift_with_nobody_inside_and_a_building_without_water_are_work_orders(
    bot: Harness,
) -> None:
    await bot.settle_staff()
    lift, water = await _resident(bot), bot.person(5006, "老何")
    chat = await bot.group()
    for writer, words in (
        (lift, "5号楼电梯坏了一早上了 没人困在里面"),
        (water, "我们2号楼从早上到现在一直没有水 啥情况啊"),
    ):
        said = await bot.say(writer, words, chat=chat)
        answer = await bot.sb.wait_for_message(chat.id, after=said.message_id)
        assert "公共设施报修" in answer.content and "¥" not in answer.content, words
        assert any("url" in b for b in answer.buttons), words
        assert "96333" not in answer.content
    await bot.sb.wait_idle()
    assert not any("96333" in m.content for m in bot.sb.sent(chat.id))
    assert not any("电梯困人" in m.content for m in bot.sb.sent(bot.staff.id))
    async with bot.runtime.db.read() as tx:
        assert await tx.scalar("SELECT COUNT(*) FROM incidents") == 0
