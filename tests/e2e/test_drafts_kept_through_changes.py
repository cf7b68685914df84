"""Tester 3's lost or reversed drafts (try 3): a change of mind between two services keeps the
one kept; a door code typed at a step that asks something else is sealed and the step asked
again; a description typed at the address step goes to the note, the draft kept."""

from __future__ import annotations

from datetime import timedelta

from bot.devtools.sandbox import SandboxUser
from tests.booking_steps import book, button_index, crew, offer_to, press
from tests.harness import Harness


async def _drafts(bot: Harness, user: SandboxUser) -> dict[str, tuple[str, str]]:
    """The person's bookings by service: (status, step)."""
    async with bot.runtime.db.read() as tx:
        person = await bot.runtime.people.get(tx, user.id)
        assert person is not None
        rows = await tx.all(
            "SELECT service, status, step FROM bookings WHERE resident_id = ? ORDER BY id",
            (person.id,),
        )
    return {r["service"]: (r["status"], r["step"]) for r in rows}


async def test_dropping_the_windows_keeps_the_cleaning(bot: Harness) -> None:
    """ "算了 窗户先不擦了 只要打扫卫生就行" at the cleaning's time step, the windows waiting
    their turn: the windows are called off and the cleaning goes on (it used to be the
    reverse: "算了" dropped the cleaning and the windows started)."""
    await crew(bot)
    resident = bot.person(6001, "小周")
    choice = await bot.ask(
        resident, "明天下午打扫一下卫生 顺便把三个房间的窗户也擦一下", contains="家庭保洁"
    )
    second = await bot.sb.wait_for_message(resident.id, contains="接着约擦玻璃", after=choice)
    await press(bot, resident, second, 0)  # ➕ the windows wait their turn
    again = await bot.sb.wait_for_message(resident.id, contains="请选择服务商", after=second)
    await press(bot, resident, again, button_index(again, "洁家家政"))
    await bot.sb.wait_for_message(resident.id, contains="时间", after=again)
    said = await bot.ask(resident, "算了 窗户先不擦了 只要打扫卫生就行", contains="只约家庭保洁")
    await bot.sb.wait_idle()
    drafts = await _drafts(bot, resident)
    assert drafts["home_cleaning"] == ("draft", "slot"), drafts
    assert drafts["window_cleaning"][0] == "cancelled", drafts
    later = [m.content for m in bot.sb.sent(resident.id) if m.message_id >= said.message_id]
    assert not any("预约「擦玻璃」" in text for text in later), later


async def test_forget_the_windows_in_english_books_the_cleaning(bot: Harness) -> None:
    """ "actually forget the windows, just the cleaning please" with the window cleaning being
    filled in: it is called off and the home cleaning starts, never the windows again."""
    await crew(bot)
    resident = bot.person(6002, "Kate", language="en")
    first = await bot.ask(resident, "need window cleaning tomorrow afternoon", contains="Window")
    await press(bot, resident, first, button_index(first, "Jiejia"))
    await bot.sb.wait_for_message(resident.id, contains="Time", after=first)
    said = await bot.ask(
        resident, "actually forget the windows, just the cleaning please", contains="Home cleaning"
    )
    await bot.sb.wait_idle()
    drafts = await _drafts(bot, resident)
    assert drafts["window_cleaning"][0] == "cancelled", drafts
    assert drafts["home_cleaning"][0] == "draft", drafts
    later = [m.content for m in bot.sb.sent(resident.id) if m.message_id > said.message_id]
    assert not any("Booking Window cleaning" in text for text in later), later


async def test_a_door_code_while_choosing_a_provider_is_kept_with_the_draft(bot: Harness) -> None:
    """ "门禁密码是 0815#，到了直接按就行" at the provider step: sealed as at the door-code step,
    the rest noted, the providers offered again (it used to be the service menu, the draft
    lost); the code is never in the note nor in the chat's answer."""
    await crew(bot)
    resident = bot.person(6003, "小周")
    await bot.ask(resident, "明天下午想找人擦一下窗户", contains="请选择服务商")
    said = await bot.ask(resident, "门禁密码是 0815#，到了直接按就行", contains="请选择服务商")
    assert "0815" not in said.content
    async with bot.runtime.db.read() as tx:
        row = await tx.one("SELECT status, step, door_code, note FROM bookings")
    assert row is not None and (row["status"], row["step"]) == ("draft", "provider")
    assert row["door_code"] and "0815" not in row["door_code"]
    assert "直接按" in (row["note"] or "") and "0815" not in (row["note"] or "")


async def test_a_description_at_the_address_step_is_a_note_and_the_address_asked_again(
    bot: Harness,
) -> None:
    """ "the drum makes a loud banging noise when spinning" when the address is asked: the note,
    the address asked again, the draft kept (it used to be "I can't answer that one yet" and
    the service menu)."""
    await crew(bot)
    resident = bot.person(6004, "Tom", language="en")
    first = await bot.ask(resident, "my washing machine needs repair tomorrow afternoon")
    if "Choose a provider" in first.content:
        await press(bot, resident, first, 0)
        first = await bot.sb.wait_for_message(resident.id, contains="Time", after=first)
    await press(bot, resident, first, 0)
    await bot.sb.wait_for_message(resident.id, contains="3-2-501", after=first)
    said = await bot.ask(resident, "the drum makes a loud banging noise when spinning")
    assert "3-2-501" in said.content and "pick a service" not in said.content, said.content
    async with bot.runtime.db.read() as tx:
        row = await tx.one("SELECT status, step, note FROM bookings")
    assert row is not None and (row["status"], row["step"]) == ("draft", "address")
    assert "banging" in (row["note"] or "")
    await bot.ask(resident, "3-2-501")
    async with bot.runtime.db.read() as tx:
        row = await tx.one("SELECT step, building, room FROM bookings")
    assert row is not None and row["step"] != "address" and row["room"] == "501", dict(row or {})


async def test_a_door_code_posted_alone_in_the_group_is_warned_about(bot: Harness) -> None:
    """ "门禁密码1357# 师傅来了直接上" alone in the group (no request): the advice to delete it,
    as a code said with a request gets, and the code never repeated (it used to be silence)."""
    chat = await bot.group()
    resident = bot.person(6005, "小周")
    said = await bot.say(resident, "门禁密码1357# 师傅来了直接上", chat)
    answer = await bot.sb.wait_for_message(chat.id, after=said.message_id)
    assert "撤回" in answer.content and "1357" not in answer.content, answer.content
    await bot.sb.wait_idle()
    later = [m for m in bot.sb.sent(chat.id) if m.message_id > said.message_id]
    assert len(later) == 1, [m.content for m in later]


async def test_a_worker_writing_twenty_minutes_on_the_line_is_held_to_it(bot: Harness) -> None:
    """The worker writes "阿姨您好，我这边20分钟到" on the line instead of pressing a promise:
    relayed, and kept as the promise (08:20) as the button keeps one, so when it passes the
    resident is asked whether the worker came (it used to be relayed only: nothing checked)."""
    people = await crew(bot)
    resident = bot.person(6006, "陈老师")
    contacting = await book(bot, resident, "今天上午10点想找人洗一下油烟机")
    offer = await offer_to(bot, people.zhao)
    await press(bot, people.zhao, offer, "✅ 接单")
    await bot.sb.wait_for_message(resident.id, contains="已接单", after=contacting)
    job = await bot.sb.wait_for_message(people.zhao.id, contains="3-2-501")
    await press(bot, people.zhao, job, button_index(job, "💬"))
    await bot.sb.wait_for_message(people.zhao.id, contains="会转给业主")
    await bot.say(people.zhao, "阿姨您好，我这边20分钟到")
    relayed = await bot.sb.wait_for_message(resident.id, contains="20分钟到")
    promised = await bot.sb.wait_for_message(resident.id, contains="08:20", after=relayed)
    assert "赵阿姨" in promised.content
    await bot.advance(timedelta(minutes=40))
    await bot.sb.wait_for_message(resident.id, contains="师傅到了吗", after=promised)
    await bot.sb.wait_for_message(bot.staff.id, contains="还没有到")


async def test_a_worker_writing_twenty_minutes_unasked_on_a_later_job_is_held_to_it(
    bot: Harness,
) -> None:
    """Tester 3's story: a job booked for tomorrow (no "多久能到" asked), the worker types
    "阿姨您好，我这边20分钟到" without pressing anything: relayed, and kept as the promise."""
    people = await crew(bot)
    resident = bot.person(6007, "陈老师")
    contacting = await book(bot, resident)  # 明天上午
    offer = await offer_to(bot, people.zhao)
    await press(bot, people.zhao, offer, "✅ 接单")
    await bot.sb.wait_for_message(resident.id, contains="已接单", after=contacting)
    await bot.sb.wait_idle()
    await bot.say(people.zhao, "阿姨您好，我这边20分钟到")
    relayed = await bot.sb.wait_for_message(resident.id, contains="20分钟到")
    await bot.sb.wait_for_message(resident.id, contains="08:20", after=relayed)
    await bot.advance(timedelta(minutes=40))
    await bot.sb.wait_for_message(resident.id, contains="师傅到了吗", after=relayed)
