"""The final recheck's booking items, end to end: "nobody came" said once, the group quote
only from providers someone joined, a private request's words kept as its note, a message
that may be for the worker or a new request asked about, a reschedule's time kept across
"which booking?"."""

from __future__ import annotations

from datetime import timedelta

from bot.devtools.sandbox import SandboxUser
from tests.booking_steps import crew, press
from tests.e2e.test_bookings_onsite import accepted
from tests.harness import Harness


async def _late(bot: Harness, resident: SandboxUser) -> int:
    """A job accepted, promised in 30 minutes and not arrived: "师傅到了吗？" is asked. The
    question's message id."""
    bot.runtime.understander.understand("洗油烟机", chat="private")  # the model, loaded once
    people = await crew(bot)
    await accepted(bot, resident, people.zhao)
    ask = await bot.sb.wait_for_message(people.zhao.id, contains="多久能到")
    await press(bot, people.zhao, ask, "30分钟内")
    promised = await bot.sb.wait_for_message(resident.id, contains="预计 08:30 前到达")
    await bot.advance(timedelta(minutes=41))
    asked = await bot.sb.wait_for_message(resident.id, contains="师傅到了吗", after=promised)
    return asked.message_id


def _said(bot: Harness, user: SandboxUser, words: str) -> list[int]:
    """The ids of the bot's messages (as they are now, after edits) that contain words."""
    return [m.message_id for m in bot.sb.sent(user.id) if words in m.content]


async def test_nobody_came_typed_is_said_once_on_the_question(bot: Harness) -> None:
    """ "还没来" typed under "师傅到了吗？": the question is edited to say it was recorded, and
    the same text is not sent again (the tester saw it twice)."""
    resident = bot.person(6001, "小李")
    question = await _late(bot, resident)
    said = await bot.say(resident, "还没来")
    await bot.sb.wait_for_message(resident.id, contains="正在为您联系", after=said.message_id)
    await bot.sb.wait_idle(quiet=0.3)
    assert _said(bot, resident, "已记录：师傅没有来") == [question]


async def test_nobody_came_pressed_is_said_once_on_the_question(bot: Harness) -> None:
    """The ❌ 还没人来 button: the same single answer, on the question."""
    resident = bot.person(6001, "小李")
    question = await _late(bot, resident)
    asked = next(m for m in bot.sb.sent(resident.id) if m.message_id == question)
    await press(bot, resident, asked, "❌ 还没人来")
    await bot.sb.wait_for_message(resident.id, contains="正在为您联系", after=question)
    await bot.sb.wait_idle(quiet=0.3)
    assert _said(bot, resident, "已记录：师傅没有来") == [question]
