"""Session 14, item 1 over the sandbox: "楼下着火了", "烟好大", "快来人" from one resident in a
group are one incident; staff read the later two as the reporter writing again under #1, and
the group gets the fire's advice once, then one short line (session 15, tester 1 M6), never a
second alert."""

from __future__ import annotations

from bot.i18n import T, render
from tests.e2e.test_emergencies import _resident
from tests.harness import Harness


async def test_a_residents_three_messages_about_one_fire_are_one_incident(bot: Harness) -> None:
    await bot.settle_staff()
    resident = await _resident(bot)
    chat = await bot.group(-1001234567890)
    said = await bot.say(resident, "楼下着火了", chat=chat)
    answer = await bot.sb.wait_for_message(chat.id, contains="119", after=said.message_id)
    assert "0571-8888 6666" in answer.content and "3-2-501" not in answer.content
    short = render(T("incidents.joined_short"), "zh")
    for words in ("烟好大", "快来人"):
        said = await bot.say(resident, words, chat=chat)
        await bot.sb.wait_for_message(chat.id, contains=short, after=said.message_id)
    for words in ("烟好大", "快来人"):
        line = render(T("incidents.wrote_again", id=1, who="小李", words=words), "zh")
        await bot.sb.wait_for_message(bot.staff.id, contains=line)
    await bot.sb.wait_idle()
    async with bot.runtime.db.read() as tx:
        assert await tx.scalar("SELECT COUNT(*) FROM incidents") == 1
    assert not any("#2" in m.content for m in bot.sb.sent(bot.staff.id))
    assert sum("119" in m.content for m in bot.sb.sent(chat.id)) == 1  # the advice once
