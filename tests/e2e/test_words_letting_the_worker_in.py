"""Session-15 verify F6, end to end: on an accepted job, the resident's "门没锁 直接推门进来"
(how the worker gets in) reaches the worker on the job, never a new lock booking."""

from __future__ import annotations

from tests.booking_steps import crew
from tests.e2e.test_bookings_onsite import accepted
from tests.harness import Harness


async def test_door_unlocked_words_reach_the_worker_not_a_lock_booking(bot: Harness) -> None:
    bot.runtime.understander.understand("洗油烟机", chat="private")  # the model, loaded once
    people = await crew(bot)
    resident = bot.person(6001, "小李")
    await accepted(bot, resident, people.zhao)
    said = await bot.say(resident, "门没锁 直接推门进来")
    got = await bot.sb.wait_for_message(people.zhao.id, contains="门没锁 直接推门进来")
    assert "💬 业主小李" in got.content
    await bot.sb.wait_idle()
    answers = [m.content for m in bot.sb.sent(resident.id) if m.message_id > said.message_id]
    assert not any("开锁" in a or "请选择服务商" in a for a in answers), answers
