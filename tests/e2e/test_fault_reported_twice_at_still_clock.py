"""A fault reported again in private, through the real bot at a clock standing still (the
sandbox's): each report is answered, and a redelivered update is still answered once."""

from __future__ import annotations

from telegram import Update

from tests.booking_steps import crew, press
from tests.harness import Harness


async def test_a_fault_reported_again_twice_is_answered_twice_and_a_redelivery_once(
    bot: Harness,
) -> None:
    """Building 5's water work order #1 is confirmed; the resident writes "5号楼停水了" twice
    (the clock standing still): two "已在处理" answers, where the second used to be dropped
    as a copy of the first. An update with the second message, delivered twice: answered once."""
    await crew(bot)
    resident = bot.person(6001, "小李")
    first = await bot.ask(resident, "我们5栋整栋楼都停水了，一滴水都没有", contains="跳过")
    await press(bot, resident, first, "跳过")
    confirm = await bot.sb.wait_for_message(resident.id, contains="请确认", after=first)
    await press(bot, resident, confirm, 0)
    await bot.sb.wait_idle()
    await bot.ask(resident, "5号楼停水了", contains="已在处理")
    again = await bot.sb.send(resident, "5号楼停水了")
    await bot.sb.wait_for_message(resident.id, contains="已在处理", after=again.message_id)
    assert bot.app is not None
    payload = {"update_id": 515151, "message": again.to_api()}
    for _ in range(2):
        await bot.app.process_update(Update.de_json(payload, bot.app.bot))
    await bot.sb.wait_idle()
    told = [m for m in bot.sb.sent(resident.id) if "已在处理" in m.content]
    # the two messages, and the update delivered under its id: answered once, not twice
    assert len(told) == 3
