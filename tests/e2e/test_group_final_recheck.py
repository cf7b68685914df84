"""The final recheck's two misreadings, end to end in a group: a neighbour's welfare worry told
with three signs (unseen since the weekend, milk on the doormat, no answer to a knock) alerts
staff; a building without power since last night, asked about, is the property's work order,
not the FAQ on planned cuts, while a true question about notices still gets the FAQ."""

from __future__ import annotations

from tests.e2e.test_emergencies import _keeper, _resident
from tests.harness import Harness

WORRY = (
    "Anyone seen the old guy at 4-1-302 lately? Nobody's seen him since the weekend, his milk "
    "is still sitting on the doormat and he doesn't answer when I knock"
)


async def test_a_worry_with_three_signs_alerts_staff(bot: Harness) -> None:
    await bot.settle_staff()
    await _keeper(bot, 2001, "张管家", "hk_zhang")
    emma = bot.person(5011, "Emma", language="en")
    chat = await bot.group(-1001234567890)
    said = await bot.say(emma, WORRY, chat=chat)
    answer = await bot.sb.wait_for_message(chat.id, contains="110", after=said.message_id)
    assert "4-1-302" not in answer.content
    staff = await bot.sb.wait_for_message(bot.staff.id, contains="呼救")
    assert "4-1-302" in staff.content


async def test_power_out_since_last_night_asked_about_is_the_work_order(bot: Harness) -> None:
    await bot.settle_staff()
    writer = await _resident(bot)
    chat = await bot.group()
    said = await bot.say(writer, "我们6号楼从昨晚开始就停电了，怎么回事", chat=chat)
    answer = await bot.sb.wait_for_message(chat.id, after=said.message_id)
    assert "公共设施报修" in answer.content and "¥" not in answer.content
    assert "提前在业主群发通知" not in answer.content


async def test_a_question_about_notices_stays_the_faq(bot: Harness) -> None:
    await bot.settle_staff()
    asker = bot.person(5021, "老钱")
    chat = await bot.group()
    said = await bot.say(asker, "今天停水吗？", chat=chat)
    answer = await bot.sb.wait_for_message(chat.id, after=said.message_id)
    assert "提前在业主群发通知" in answer.content
