"""Review findings of issue 13, end to end: a bot request typed on the open private line is
answered by the bot, not relayed to the worker."""

from __future__ import annotations

from tests.booking_steps import crew, last_id, press
from tests.e2e.test_bookings_onsite import accepted
from tests.harness import Harness


async def test_my_bookings_on_the_open_line_is_answered_not_relayed(bot: Harness) -> None:
    """Line open to 赵阿姨: "我的预约" lists the bookings and never reaches her; a plain
    message afterwards still does (the line stays open)."""
    people = await crew(bot)
    resident = bot.person(6001, "小李")
    await accepted(bot, resident, people.zhao)
    told = next(m for m in bot.sb.sent(resident.id) if "已接单" in m.content)
    await press(bot, resident, told, "💬 联系师傅")
    await bot.sb.wait_for_message(resident.id, contains="会转给赵阿姨")
    before = last_id(bot, people.zhao.id)
    await bot.ask(resident, "我的预约", contains="您的预约")
    await bot.say(resident, "师傅麻烦带上梯子")
    got = await bot.sb.wait_for_message(people.zhao.id, contains="💬 业主小李", after=before)
    assert "带上梯子" in got.content
    relayed = [m.content for m in bot.sb.sent(people.zhao.id) if m.message_id > before]
    assert not any("我的预约" in text for text in relayed)
