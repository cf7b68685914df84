"""The second retest of issue 13, end to end in a group: an English neighbour's welfare worry
naming a door alerts staff (the door on the alert, never echoed in the group); two neighbours
worried about two people make two incidents; a building without water asked about, a stopped
lift someone checked and a unit's security gate are the property's work order."""

from __future__ import annotations

from tests.e2e.test_emergencies import _keeper, _resident
from tests.harness import Harness

WORRY = (
    "Has anyone seen the old lady in 3-1-602 lately her newspapers are piling up at the door "
    "and she does not answer when I knock"
)
OTHER_WORRY = (
    "can someone check on my neighbour, she lives alone and isn't answering the door, "
    "I heard a crash"
)


async def test_an_english_welfare_worry_naming_a_door_alerts_with_that_door(
    bot: Harness,
) -> None:
    await bot.settle_staff()
    zhang = await _keeper(bot, 2001, "张管家", "hk_zhang")
    emma = bot.person(5011, "Emma", language="en")
    chat = await bot.group(-1001234567890)
    said = await bot.say(emma, WORRY, chat=chat)
    answer = await bot.sb.wait_for_message(chat.id, contains="110", after=said.message_id)
    assert "3-1-602" not in answer.content and "Which building" not in answer.content
    staff = await bot.sb.wait_for_message(bot.staff.id, contains="呼救")
    assert "3-1-602" in staff.content and "未说明" not in staff.content
    await bot.sb.wait_for_message(zhang.id, contains="呼救")


async def test_two_neighbours_worried_about_two_people_make_two_incidents(bot: Harness) -> None:
    await bot.settle_staff()
    await _keeper(bot, 2001, "张管家", "hk_zhang")
    emma = bot.person(5011, "Emma", language="en")
    priya = bot.person(5012, "Priya", language="en")
    chat = await bot.group(-1001234567890)
    for writer, words in ((emma, WORRY), (priya, OTHER_WORRY)):
        said = await bot.say(writer, words, chat=chat)
        await bot.sb.wait_for_message(chat.id, contains="110", after=said.message_id)
    await bot.sb.wait_idle()
    async with bot.runtime.db.read() as tx:
        assert await tx.scalar("SELECT COUNT(*) FROM incidents") == 2
    assert not any("又有人" in m.content for m in bot.sb.sent(bot.staff.id))


async def test_water_a_checked_lift_and_a_security_gate_are_work_orders(bot: Harness) -> None:
    await bot.settle_staff()
    writers = [await _resident(bot), bot.person(5021, "老钱"), bot.person(5022, "阿婆")]
    chat = await bot.group()
    for writer, words in zip(
        writers,
        (
            "楼里停水一上午了 有人知道咋回事吗",
            "4号楼2单元电梯停在半中间不动了 我刚才看了没人在里头",
            "二单元那个防盗大门锁坏了 谁都能进来 小区安全啊",
        ),
        strict=True,
    ):
        said = await bot.say(writer, words, chat=chat)
        answer = await bot.sb.wait_for_message(chat.id, after=said.message_id)
        assert "公共设施报修" in answer.content and "¥" not in answer.content, words
