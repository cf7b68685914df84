"""An independent tester's booking findings on issue 13 (s13b): days of care said without a
day or at the time step, a change of count after "算了", the time after "以后" and after "改到",
a day typed at the time step, words at the note step that are no note, a price asked at the
address step, two services in one message."""

from __future__ import annotations

import pytest

from bot.devtools.sandbox import SandboxMessage, SandboxUser
from tests.booking_steps import crew, press
from tests.harness import Harness


async def _summary(bot: Harness, resident: SandboxUser, after: SandboxMessage) -> SandboxMessage:
    """From the address step on: the flat, no note, no door code; the summary."""
    note = await bot.ask(resident, "3-2-501", contains="要告诉师傅")
    await press(bot, resident, note, "跳过")
    step = await bot.sb.wait_for_message(resident.id, after=note)
    if "门锁密码" in step.content and "请确认" not in step.content:
        await press(bot, resident, step, "跳过")
        step = await bot.sb.wait_for_message(resident.id, contains="请确认预约", after=step)
    assert "请确认预约" in step.content, step.content
    return step


async def test_days_of_care_said_without_a_day_are_kept(bot: Harness) -> None:
    """'想找人上门喂猫，我要出差两天' names no day: the two days are kept (the day asked), and
    the summary shows the total (they used to be lost: one day, no total)."""
    await crew(bot)
    resident = bot.person(6201, "小李")
    choice = await bot.ask(resident, "想找人上门喂猫，我要出差两天", contains="请选择服务商")
    await press(bot, resident, choice, 0)
    slot = await bot.sb.wait_for_message(resident.id, contains="时间", after=choice)
    await press(bot, resident, slot, "明天上午")
    await bot.sb.wait_for_message(resident.id, contains="上门地址", after=slot)
    confirm = await _summary(bot, resident, slot)
    assert "¥50/天 × 2 天 = ¥100" in confirm.content, confirm.content


@pytest.mark.parametrize(("words", "days"), [("出差三天", 3), ("我要出差两天", 2)])
async def test_days_of_care_typed_at_the_time_step_are_kept(
    bot: Harness, words: str, days: int
) -> None:
    """'出差三天' typed when the time is asked: the days noted and the time asked again (it
    used to be "没看懂这个时间"), then the total on the summary."""
    await crew(bot)
    resident = bot.person(6202, "小李")
    choice = await bot.ask(resident, "想找人上门喂猫", contains="请选择服务商")
    await press(bot, resident, choice, 0)
    await bot.sb.wait_for_message(resident.id, contains="时间", after=choice)
    slot = await bot.ask(resident, words, contains=f"记为 {days} 天")
    await press(bot, resident, slot, "明天上午")
    confirm = await _summary(bot, resident, slot)
    assert f"¥50/天 × {days} 天 = ¥{50 * days}" in confirm.content, confirm.content


@pytest.mark.parametrize("at_time_step", [False, True])
async def test_a_count_after_never_mind_changes_the_count(
    bot: Harness, at_time_step: bool
) -> None:
    """'算了，还是两台' while booking an AC clean: two units, the step asked again (it used to
    call the whole draft off on "算了")."""
    await crew(bot)
    resident = bot.person(6203, "小李")
    step = await bot.ask(resident, "明天上午想洗空调", contains="请选择服务商")
    if at_time_step:
        await press(bot, resident, step, 0)
        step = await bot.sb.wait_for_message(resident.id, contains="时间", after=step)
    again = await bot.ask(resident, "算了，还是两台", contains="数量记为 2")
    assert "先不约" not in again.content
    if not at_time_step:
        await press(bot, resident, again, 0)
        again = await bot.sb.wait_for_message(resident.id, contains="时间", after=again)
    await press(bot, resident, again, 0)
    confirm = await _summary(bot, resident, again)
    assert "× 2 台" in confirm.content, confirm.content
