"""Session 15, finding 5, end to end: "30 minutes earlier" / "早半小时" before the booking is
sent moves the draft's own time (it was "There is no booking whose time can be changed"), at
the time step and under the summary."""

from __future__ import annotations

import pytest

from bot.devtools.sandbox import SandboxMessage, SandboxUser
from tests.booking_steps import crew, press
from tests.harness import Harness


async def _time_step(bot: Harness, resident: SandboxUser) -> SandboxMessage:
    choice = await bot.ask(resident, "明天上午想洗油烟机", contains="请选择服务商")
    await press(bot, resident, choice, 0)
    return await bot.sb.wait_for_message(resident.id, contains="就按这个时间", after=choice)


@pytest.mark.parametrize("words", ["能早半小时吗", "30 minutes earlier please"])
async def test_earlier_at_the_time_step_shifts_the_offered_time(bot: Harness, words: str) -> None:
    await crew(bot)
    resident = bot.person(6801, "Mark")
    await _time_step(bot, resident)
    said = await bot.ask(resident, words)
    assert "没有可以改时间" not in said.content and "no booking" not in said.content, said.content
    note = await bot.ask(resident, "3-2-501")
    await press(bot, resident, note, 0)  # skip the note
    summary = await bot.sb.wait_for_message(resident.id, contains="3-2-501", after=note)
    assert "08:30-11:30" in summary.content, summary.content


@pytest.mark.parametrize("words", ["can you make it half an hour earlier?", "早半小时吧"])
async def test_earlier_under_the_summary_shifts_the_draft(bot: Harness, words: str) -> None:
    await crew(bot)
    resident = bot.person(6802, "Mark")
    slot = await _time_step(bot, resident)
    await press(bot, resident, slot, 0)
    await bot.sb.wait_for_message(resident.id, contains="上门地址", after=slot)
    note = await bot.ask(resident, "3-2-501", contains="要告诉师傅")
    await press(bot, resident, note, "跳过")
    await bot.sb.wait_for_message(resident.id, contains="请确认预约", after=note)
    said = await bot.ask(resident, words)
    assert "08:30-11:30" in said.content, said.content
