"""Session 15 fixes of the session 14 tester's leftovers (issue 13), end to end: short English
after Chinese, a corrected room number, a corrected address reaching the worker, shifts by an
amount, "改成周六" on a Saturday and Cantonese times typed at a later step."""

from __future__ import annotations

import pytest

from bot.devtools.sandbox import SandboxMessage, SandboxUser
from tests.booking_steps import book, button_index, crew, last_id, offer_to, press
from tests.harness import Harness


async def test_short_english_after_chinese_gets_english_when_telegram_is_english(
    bot: Harness,
) -> None:
    """An expat (Telegram in English) books in Chinese, then writes 'cancel it' and 'ok':
    English replies (they were Chinese: three English words were needed to switch); Chinese
    again as soon as they write Chinese."""
    await crew(bot)
    expat = bot.person(6501, "Tom", "en")
    await book(bot, expat)
    cancel = await bot.ask(expat, "cancel it")
    assert "Which booking" in cancel.content or "cancel" in cancel.content.lower(), cancel.content
    assert "取消" not in cancel.content, cancel.content
    mine = await bot.ask(expat, "我的预约")
    assert "您的预约" in mine.content, mine.content
    ok = await bot.ask(expat, "ok")
    assert "您需要" not in ok.content, ok.content


async def _to_summary(bot: Harness, resident: SandboxUser) -> SandboxMessage:
    """A range-hood cleaning walked to its summary, at 3-2-501."""
    choice = await bot.ask(resident, "明天上午想洗油烟机", contains="请选择服务商")
    await press(bot, resident, choice, 0)
    slot = await bot.sb.wait_for_message(resident.id, contains="时间", after=choice)
    await press(bot, resident, slot, 0)
    await bot.sb.wait_for_message(resident.id, contains="上门地址", after=slot)
    note = await bot.ask(resident, "3-2-501", contains="要告诉师傅")
    await press(bot, resident, note, "跳过")
    step = await bot.sb.wait_for_message(resident.id, after=note)
    if "门锁密码" in step.content and "请确认" not in step.content:
        await press(bot, resident, step, "跳过")
        step = await bot.sb.wait_for_message(resident.id, contains="请确认预约", after=step)
    return step


async def test_the_room_alone_corrected_under_the_summary(bot: Harness) -> None:
    """'是502不是501' under the summary: only the room changes, the new full address shown
    with the summary to confirm (it was "for the worker or a new booking?")."""
    await crew(bot)
    resident = bot.person(6502, "住户")
    summary = await _to_summary(bot, resident)
    assert "3-2-501" in summary.content, summary.content
    again = await bot.ask(resident, "是502不是501", contains="请确认预约")
    assert "3-2-502" in again.content and "3-2-501" not in again.content, again.content


async def test_the_unit_alone_corrected_at_the_note_step(bot: Harness) -> None:
    """'不对，是3单元' just after the address was given: the unit changes, the note asked
    again (it was kept as the note for the worker)."""
    await crew(bot)
    resident = bot.person(6503, "住户")
    choice = await bot.ask(resident, "明天上午想洗油烟机", contains="请选择服务商")
    await press(bot, resident, choice, 0)
    slot = await bot.sb.wait_for_message(resident.id, contains="时间", after=choice)
    await press(bot, resident, slot, 0)
    await bot.sb.wait_for_message(resident.id, contains="上门地址", after=slot)
    await bot.ask(resident, "3-2-501", contains="要告诉师傅")
    fixed = await bot.ask(resident, "不对，是3单元")
    assert "3-3-501" in fixed.content and "要告诉师傅" in fixed.content, fixed.content


async def test_the_room_alone_corrected_in_english_with_nothing_open(bot: Harness) -> None:
    """'room 1202 not 1201' from someone whose saved address is 6-1-1201 and nothing open:
    the saved address becomes 6-1-1202, shown back."""
    await crew(bot)
    resident = bot.person(6504, "Ann", "en")
    await bot.ask(resident, "my address is now 6-1-1201", contains="6-1-1201")
    fixed = await bot.ask(resident, "room 1202 not 1201")
    assert "6-1-1202" in fixed.content, fixed.content


async def test_a_corrected_room_reaches_the_worker_who_took_the_job(bot: Harness) -> None:
    """'门牌号写错了，应该是502' after 赵阿姨 accepted the job at 3-2-501: she is told the new
    address privately and the resident hears so (the booking used to keep the old door, the
    resident told to cancel and book again)."""
    people = await crew(bot)
    resident = bot.person(6505, "住户")
    await book(bot, resident)
    offer = await offer_to(bot, people.zhao)
    await press(bot, people.zhao, offer, "✅ 接单")
    await bot.sb.wait_for_message(resident.id, contains="已接单")
    told = last_id(bot, people.zhao.id)
    fixed = await bot.ask(resident, "门牌号写错了，应该是502")
    assert "3-2-502" in fixed.content and "取消后重新预约" not in fixed.content, fixed.content
    worker = await bot.sb.wait_for_message(people.zhao.id, contains="3-2-502", after=told)
    assert "#1" in worker.content, worker.content


async def test_a_booking_nobody_took_yet_simply_uses_the_corrected_address(bot: Harness) -> None:
    """Corrected while the offer waits: the worker who accepts gets the new door."""
    people = await crew(bot)
    resident = bot.person(6506, "住户")
    await book(bot, resident)
    fixed = await bot.ask(resident, "是502不是501")
    assert "3-2-502" in fixed.content, fixed.content
    offer = await offer_to(bot, people.zhao)
    await press(bot, people.zhao, offer, "✅ 接单")
    job = await bot.sb.wait_for_message(people.zhao.id, contains="您已接单")
    assert "3-2-502" in job.content and "3-2-501" not in job.content, job.content


async def test_a_move_asks_before_an_open_booking_goes_to_the_new_home(bot: Harness) -> None:
    """'我搬到5栋1单元302了' with a job accepted: the saved address changes and a button
    offers to send the open booking there; pressed, the worker hears the new address."""
    people = await crew(bot)
    resident = bot.person(6507, "住户")
    await book(bot, resident)
    offer = await offer_to(bot, people.zhao)
    await press(bot, people.zhao, offer, "✅ 接单")
    await bot.sb.wait_for_message(resident.id, contains="已接单")
    told = last_id(bot, people.zhao.id)
    moved = await bot.ask(resident, "我搬到5栋1单元302了")
    assert "5-1-302" in moved.content, moved.content
    await press(bot, resident, moved, button_index(moved, "📍 #1"))
    worker = await bot.sb.wait_for_message(people.zhao.id, contains="5-1-302", after=told)
    assert "#1" in worker.content, worker.content


@pytest.mark.parametrize(
    ("words", "when"),
    [
        ("提前半小时", "11月29日 周日 14:30-16:30"),
        ("早30分钟", "11月29日 周日 14:30-16:30"),
        ("晚半小时", "11月29日 周日 15:30-17:30"),
        ("30 minutes earlier", "11月29日 周日 14:30-16:30"),
    ],
)
async def test_a_shift_at_the_time_step_moves_the_offered_time(
    bot: Harness, words: str, when: str
) -> None:
    """'提前半小时' when the time step offers 15:00-17:00: that time, half an hour sooner (it
    was "没有可以改时间的预约", or "没看懂这个时间")."""
    await crew(bot)
    resident = bot.person(6508, "住户")
    choice = await bot.ask(resident, "明天下午3点想洗油烟机", contains="请选择服务商")
    await press(bot, resident, choice, 0)
    await bot.sb.wait_for_message(resident.id, contains="15:00-17:00", after=choice)
    await bot.ask(resident, words, contains="上门地址")
    note = await bot.ask(resident, "3-2-501", contains="要告诉师傅")
    await press(bot, resident, note, "跳过")
    step = await bot.sb.wait_for_message(resident.id, after=note)
    if "门锁密码" in step.content and "请确认" not in step.content:
        await press(bot, resident, step, "跳过")
        step = await bot.sb.wait_for_message(resident.id, contains="请确认预约", after=step)
    assert f"时间：{when}" in step.content, step.content


async def test_thirty_minutes_earlier_moves_the_booking(bot: Harness) -> None:
    """'30 minutes earlier' with a job accepted for 15:00-17:00: the new time goes to the
    worker (it was "for the worker or a new booking?")."""
    people = await crew(bot)
    resident = bot.person(6509, "住户")
    await book(bot, resident, "明天下午3点想洗油烟机")
    offer = await offer_to(bot, people.zhao)
    await press(bot, people.zhao, offer, "✅ 接单")
    await bot.sb.wait_for_message(resident.id, contains="已接单")
    moved = await bot.ask(resident, "30 minutes earlier")
    assert "14:30" in moved.content, moved.content


async def test_saturday_said_on_a_saturday_is_asked_or_today_while_it_fits(bot: Harness) -> None:
    """Saturday 08:00, a job booked for Sunday morning: '改成周六' is asked (today or next
    week? it proposed today, without a word); '改成周六下午' is this afternoon."""
    people = await crew(bot)
    resident = bot.person(6510, "住户")
    await book(bot, resident)  # 明天上午: Sunday 09:00-12:00
    offer = await offer_to(bot, people.zhao)
    await press(bot, people.zhao, offer, "✅ 接单")
    await bot.sb.wait_for_message(resident.id, contains="已接单")
    asked = await bot.ask(resident, "改成周六")
    assert "还是下个星期" in asked.content, asked.content
    moved = await bot.ask(resident, "改成周六下午")
    assert "11月28日 周六 14:00" in moved.content, moved.content


async def test_cantonese_times_typed_after_the_time_step_change_the_time(bot: Harness) -> None:
    """A Cantonese grandmother types '聽日朝早' at the note step and '後日晏昼' under the
    summary: each changes the time (they were kept as the note for the worker)."""
    await crew(bot)
    resident = bot.person(6511, "陈婆婆")
    choice = await bot.ask(resident, "想洗油烟机", contains="请选择服务商")
    await press(bot, resident, choice, 0)
    slot = await bot.sb.wait_for_message(resident.id, contains="想约什么时间", after=choice)
    await press(bot, resident, slot, "今天下午")
    await bot.sb.wait_for_message(resident.id, contains="上门地址", after=slot)
    await bot.ask(resident, "3-2-501", contains="要告诉师傅")
    noted = await bot.ask(resident, "聽日朝早")
    assert "11月29日" in noted.content and "要告诉师傅" in noted.content, noted.content
    await press(bot, resident, noted, "跳过")
    summary = await bot.sb.wait_for_message(resident.id, contains="请确认预约", after=noted)
    assert "备注：聽日" not in summary.content, summary.content
    again = await bot.ask(resident, "後日晏昼", contains="请确认预约")
    assert "时间：11月30日" in again.content and "備注" not in again.content, again.content
    assert "後日" not in again.content, again.content


async def test_a_pinyin_time_at_the_time_step(bot: Harness) -> None:
    """An expat types 'mingtian xiawu' when the time is asked: tomorrow afternoon (the time
    was asked again)."""
    await crew(bot)
    resident = bot.person(6512, "Tom", "en")
    choice = await bot.ask(resident, "I need my range hood cleaned")
    await press(bot, resident, choice, 0)
    await bot.sb.wait_for_message(resident.id, after=choice)
    address = await bot.ask(resident, "mingtian xiawu")
    assert "Building-unit-room" in address.content or "address" in address.content, address.content
    note = await bot.ask(resident, "3-2-501")
    await press(bot, resident, note, 0)
    step = await bot.sb.wait_for_message(resident.id, after=note)
    if "Confirm" not in step.content and "confirm" not in step.content:
        await press(bot, resident, step, 0)
        step = await bot.sb.wait_for_message(resident.id, after=step)
    assert "Time: Sun 29 Nov 14:00-17:00" in step.content, step.content
