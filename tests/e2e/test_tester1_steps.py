"""Tester 1's draft findings: another (urgent) request at the note step is no note, a change of
mind there or under the summary changes the time, and words under the summary go to the note
(a door code sealed) while "师傅到哪了" hears the booking is not sent yet."""

from __future__ import annotations

from bot.devtools.sandbox import SandboxMessage, SandboxUser
from tests.booking_steps import button_index, crew, offer_to, press
from tests.harness import Harness


async def _resident(bot: Harness, user_id: int = 6201) -> SandboxUser:
    resident = bot.person(user_id, "小美")
    await bot.ask(resident, "/start")
    await bot.ask(resident, "5栋1单元602", contains="已记下")
    return resident


_STEPS = {
    "zh": ("请选择服务商", "洁家家政", "时间", "要告诉师傅"),
    "en": ("Choose a provider", "Jiejia", "Time", "Anything the worker should know"),
}


async def _note_step(
    bot: Harness, resident: SandboxUser, text: str, lang: str = "zh"
) -> SandboxMessage:
    """Ask for a service of 洁家家政 at the time the words say; the note step's question."""
    choose, provider, time, note = _STEPS[lang]
    choice = await bot.ask(resident, text, contains=choose)
    await press(bot, resident, choice, button_index(choice, provider))
    slot = await bot.sb.wait_for_message(resident.id, contains=time, after=choice)
    await press(bot, resident, slot, 0)
    return await bot.sb.wait_for_message(resident.id, contains=note, after=slot)


async def _rows(bot: Harness) -> list[tuple[str, str, str | None, str]]:
    async with bot.runtime.db.read() as tx:
        rows = await tx.all("SELECT service, status, note, step FROM bookings ORDER BY id")
    return [(r["service"], r["status"], r["note"], r["step"]) for r in rows]


async def test_an_urgent_request_at_the_note_step_is_booked_first(bot: Harness) -> None:
    """ "另外马桶也堵了😭 急 现在能来人吗" while a cleaning waits for its note: not its note. The
    cleaning is kept as it was, the blocked toilet is booked first (尽快, its own note), and once
    it is sent the cleaning's note step is asked again."""
    await crew(bot)
    resident = await _resident(bot)
    await _note_step(bot, resident, "下周六上午想约个保洁，3个小时")
    said = await bot.say(resident, "另外马桶也堵了😭 急 现在能来人吗")
    told = await bot.sb.wait_for_message(resident.id, contains="先办急事", after=said.message_id)
    assert "家庭保洁" in told.content and "管道疏通" in told.content
    card = await bot.sb.wait_for_message(resident.id, contains="请确认预约", after=said.message_id)
    assert "管道疏通" in card.content and "尽快" in card.content
    assert "马桶也堵了" in card.content  # the urgent one's own words are its note
    await press(bot, resident, card, "✅ 确认预约")
    again = await bot.sb.wait_for_message(resident.id, contains="还没完成", after=card)
    assert "家庭保洁" in again.content and "要告诉师傅" in again.content
    rows = await _rows(bot)
    assert rows[0][:2] == ("home_cleaning", "draft") and "马桶" not in (rows[0][2] or "")
    assert rows[1][0] == "drain_unclogging" and rows[1][1] != "draft"


async def test_the_kept_draft_is_asked_again_when_the_urgent_one_is_dropped(
    bot: Harness,
) -> None:
    """The urgent booking called off at its summary: the cleaning kept for it is asked again
    where it was (it waited with nothing asked)."""
    await crew(bot)
    resident = await _resident(bot)
    await _note_step(bot, resident, "下周六上午想约个保洁，3个小时")
    said = await bot.say(resident, "另外马桶也堵了😭 急 现在能来人吗")
    card = await bot.sb.wait_for_message(resident.id, contains="请确认预约", after=said.message_id)
    await press(bot, resident, card, "取消")
    again = await bot.sb.wait_for_message(resident.id, contains="还没完成", after=card)
    assert "家庭保洁" in again.content and "要告诉师傅" in again.content


async def test_an_english_urgent_request_at_the_note_step_is_not_the_note(bot: Harness) -> None:
    """The English finding: the leaking tap, ASAP, is booked apart from the range hood."""
    await crew(bot)
    resident = await _resident(bot, 6202)
    await _note_step(bot, resident, "need my range hood cleaned next Saturday morning", "en")
    said = await bot.say(
        resident,
        "Also need someone to look at our leaking kitchen tap, ASAP please, "
        "water everywhere under the sink",
    )
    card = await bot.sb.wait_for_message(resident.id, contains="confirm", after=said.message_id)
    assert "Plumbing" in card.content or "plumb" in card.content.lower(), card.content
    rows = await _rows(bot)
    assert rows[0][0] == "range_hood_cleaning" and "tap" not in (rows[0][2] or "")


async def test_a_change_of_mind_at_the_note_step_and_the_summary_moves_the_time(
    bot: Harness,
) -> None:
    """ "诶不对 周六要带娃打疫苗，能不能改到周日下午" at the note step changes the time (it was
    left as it was, the words kept as the note); "能不能改到周一上午" under the summary too."""
    await crew(bot)
    resident = await _resident(bot)
    await _note_step(bot, resident, "下周六上午想约个保洁，3个小时")
    moved = await bot.ask(resident, "诶不对 周六要带娃打疫苗，能不能改到周日下午", contains="⏰")
    assert "周日 14:00" in moved.content and "要告诉师傅" in moved.content, moved.content
    summary = await bot.ask(resident, "没有", contains="请确认预约")
    assert "周日 14:00-17:00" in summary.content and "疫苗" not in summary.content
    again = await bot.ask(resident, "不好意思 能不能改到周一上午", contains="请确认预约")
    assert "周一 09:00-12:00" in again.content, again.content


async def test_words_under_the_summary_go_to_the_note_and_status_says_not_sent(
    bot: Harness,
) -> None:
    """Under the urgent summary: "电话13812345678 到了先打电话" is added to the note (it was
    thrown away), "师傅到哪了" hears the booking is not sent yet (it heard "no booking"), a
    gate code said with other words is sealed and hidden from the note; then it is sent."""
    people = await crew(bot)
    resident = await _resident(bot)
    choice = await bot.ask(resident, "马桶堵了 急", contains="请选择服务商")
    early = await bot.ask(resident, "师傅到哪了", contains="还没填完")  # asked at any step
    assert "没有进行中的预约" not in early.content
    await press(bot, resident, choice, button_index(choice, "快修师傅"))
    slot = await bot.sb.wait_for_message(resident.id, contains="尽快", after=choice)
    await press(bot, resident, slot, 0)
    await bot.sb.wait_for_message(resident.id, contains="请确认预约", after=slot)
    noted = await bot.ask(resident, "电话13812345678 到了先打电话", contains="请确认预约")
    assert "已加到备注" in noted.content and "到了先打电话" in noted.content
    status = await bot.ask(resident, "师傅到哪了", contains="请确认预约")
    assert "还没发出" in status.content and "没有进行中的预约" not in status.content
    coded = await bot.ask(
        resident, "the dog is friendly, code for the gate is 8899", contains="Please confirm"
    )
    assert "Door code noted" in coded.content and "8899" not in coded.content  # in English
    assert "the dog is friendly" in coded.content
    await press(bot, resident, coded, "✅ Confirm")
    offer = await offer_to(bot, people.sun)
    assert "8899" not in offer.content
    await press(bot, people.sun, offer, "✅ 接单")
    job = await bot.sb.wait_for_message(people.sun.id, contains="有门锁密码")
    assert "到了先打电话" in job.content and "the dog is friendly" in job.content
