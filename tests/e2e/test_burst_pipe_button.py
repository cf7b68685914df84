"""Session 15, finding 10, end to end: after "救命 水管爆了 厨房全是水" and the flat given to the
emergency's "在哪栋楼？", the ⚡ 尽快派水管师傅 button does not ask the address again, and the
plumber's booking carries what happened as its note."""

from __future__ import annotations

from tests.booking_steps import crew, press
from tests.harness import Harness


async def test_the_plumber_button_uses_the_flat_and_the_words_of_the_emergency(
    bot: Harness,
) -> None:
    await crew(bot)
    mum = bot.person(6951, "宝妈阿琳")
    said = await bot.say(mum, "救命 水管爆了 厨房全是水 宝宝还在家")
    offer = await bot.sb.wait_for_message(mum.id, contains="马上派单", after=said.message_id)
    await bot.ask(mum, "2号楼1单元602", contains="收到")
    await press(bot, mum, offer, 0)
    summary = await bot.sb.wait_for_message(mum.id, contains="请确认", after=offer)
    assert "2-1-602" in summary.content, summary.content
    assert "水管爆了" in summary.content, summary.content
