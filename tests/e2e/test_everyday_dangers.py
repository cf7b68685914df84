"""Session 15, tester 1 (S1, S2, M6) over the sandbox: dangers told in everyday words.

Someone trapped in a lift said casually gets the lift advice (96333) in a group and in private,
never a repair form first; a lost child at the gate reads 走失 for staff, and the writer is
told to stay with the child; a follow-up in the group to an open fire, from its writer or a
neighbour, gets one short line, not the whole advice again, and still reaches staff.
"""

from __future__ import annotations

from bot.i18n import T, render
from tests.e2e.test_emergencies import _resident
from tests.harness import Harness


async def test_a_person_trapped_in_a_lift_in_everyday_words_in_the_group(bot: Harness) -> None:
    await bot.settle_staff()
    resident = await _resident(bot)
    chat = await bot.group(-1001234567890)
    said = await bot.say(resident, "1号楼电梯里困了个外卖小哥", chat=chat)
    await bot.sb.wait_for_message(chat.id, contains="96333", after=said.message_id)
    await bot.sb.wait_for_message(bot.staff.id, contains="电梯困人")


async def test_a_person_trapped_in_a_lift_in_private_is_no_repair_form(bot: Harness) -> None:
    await bot.settle_staff()
    resident = await _resident(bot)
    said = await bot.say(resident, "1号楼电梯里困了个外卖小哥")
    await bot.sb.wait_for_message(resident.id, contains="96333", after=said.message_id)
    await bot.sb.wait_for_message(bot.staff.id, contains="电梯困人")
    await bot.sb.wait_idle()
    later = [m.content for m in bot.sb.sent(resident.id) if m.message_id > said.message_id]
    assert not any("报修" in text or "维修人员" in text for text in later), later


async def test_a_lost_child_at_the_gate_reads_missing_for_staff(bot: Harness) -> None:
    await bot.settle_staff()
    guard = await _resident(bot, "门岗老王")
    chat = await bot.group(-1001234567890)
    said = await bot.say(guard, "西门口有个小孩一个人在哭 说找不到妈妈了", chat=chat)
    await bot.sb.wait_for_message(chat.id, contains="陪着孩子", after=said.message_id)
    alert = await bot.sb.wait_for_message(bot.staff.id, contains="走失")
    assert "呼救" not in alert.content


async def test_follow_ups_in_the_group_get_one_short_line(bot: Harness) -> None:
    await bot.settle_staff()
    first = await _resident(bot)
    second = bot.person(5003, "老周")
    chat = await bot.group(-1001234567890)
    said = await bot.say(first, "2栋楼道里冒黑烟了 好像是哪家着火了", chat=chat)
    await bot.sb.wait_for_message(chat.id, contains="119", after=said.message_id)
    short = render(T("incidents.joined_short"), "zh")
    for person, words in (
        (second, "是2栋1单元吧 我也闻到了 烟很大"),
        (first, "烟越来越大了 我们已经下楼了"),
    ):
        said = await bot.say(person, words, chat=chat)
        await bot.sb.wait_for_message(chat.id, contains=short, after=said.message_id)
        await bot.sb.wait_for_message(bot.staff.id, contains=words)
    await bot.sb.wait_idle()
    assert sum("119" in m.content for m in bot.sb.sent(chat.id)) == 1
