"""Session 15, finding 3, end to end: a renter corrects her room at the summary ("房号改成1102",
"地址错了 应该是…"): the address changes, never the note nor "没有可以改时间的预约", and the door
code she gave stays with the booking; on an accepted booking "房号写错了 是3栋2单元502 不是501"
moves it and tells the worker privately."""

from __future__ import annotations

from bot.devtools.sandbox import SandboxMessage, SandboxUser
from tests.booking_steps import book, crew, offer_to, press
from tests.harness import Harness


async def _summary_with_code(bot: Harness, resident: SandboxUser) -> SandboxMessage:
    choice = await bot.ask(resident, "明天上午想洗油烟机", contains="请选择服务商")
    await press(bot, resident, choice, 0)
    slot = await bot.sb.wait_for_message(resident.id, contains="时间", after=choice)
    await press(bot, resident, slot, 0)
    await bot.sb.wait_for_message(resident.id, contains="上门地址", after=slot)
    note = await bot.ask(resident, "3-2-501", contains="要告诉师傅")
    await press(bot, resident, note, "跳过")
    step = await bot.sb.wait_for_message(resident.id, after=note)
    if "请确认" not in step.content:  # the door-code step
        return await bot.ask(resident, "门锁密码是 778899", contains="请确认预约")
    return await bot.ask(resident, "门锁密码是 778899", contains="请确认预约")


async def test_the_room_renamed_at_the_summary_changes_the_address(bot: Harness) -> None:
    await crew(bot)
    resident = bot.person(6701, "租客小周")
    summary = await _summary_with_code(bot, resident)
    assert "3-2-501" in summary.content, summary.content
    again = await bot.ask(resident, "房号改成502", contains="请确认预约")
    assert "3-2-502" in again.content and "改时间" not in again.content, again.content
    fixed = await bot.ask(resident, "地址错了 应该是3栋2单元602", contains="请确认预约")
    assert "3-2-602" in fixed.content, fixed.content
    assert "备注：" not in fixed.content or "地址错了" not in fixed.content, fixed.content
    assert "门锁密码：已加密保存" in fixed.content, fixed.content


async def test_a_room_corrected_after_acceptance_reaches_the_worker(bot: Harness) -> None:
    people = await crew(bot)
    resident = bot.person(6702, "小吴")
    await book(bot, resident)
    offer = await offer_to(bot, people.zhao)
    await press(bot, people.zhao, offer, "✅ 接单")
    said = await bot.ask(resident, "不好意思 房号写错了 是3栋2单元502 不是501")
    assert "3-2-502" in said.content and "发给" not in said.content, said.content
    told = await bot.sb.wait_for_message(people.zhao.id, contains="3-2-502")
    assert "#1" in told.content, told.content
