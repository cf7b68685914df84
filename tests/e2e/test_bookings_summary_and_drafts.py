"""Session 9 fixes to the booking flow, told as residents meet them: the address changed under
the summary (a door number alone, or a building the community does not have), "not yet" while
the worker is on the way, "顺便帮我看看…" during a job, counted services, and chatter at the
address question after /start."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain.people.contract import Pending
from tests.booking_steps import button_index, crew, offer_to, press
from tests.e2e.test_address_step import _awaited, _never_an_address, _new_resident
from tests.e2e.test_bookings_onsite import accepted, last_id
from tests.e2e.test_request_for_parent_and_cancel_words import _drafts, _summary
from tests.harness import START, Harness


async def test_a_door_number_alone_or_another_communitys_under_the_summary(bot: Harness) -> None:
    """Under the summary "5栋2单元801" alone changes the address and shows the summary again;
    "我的地址改成99栋1单元101" says which buildings there are, the summary still waiting;
    "确认" then confirms with the new address."""
    bot.runtime.understander.understand("洗油烟机", chat="private")  # the model, loaded once
    bot.clock.set(START.replace(hour=10))
    await crew(bot)
    lin = bot.person(6205, "小林")
    await bot.ask(lin, "/start")
    await bot.ask(lin, "3-2-501", contains="住址")
    summary = await _summary(bot, lin, "明天上午想找人洗一下油烟机")
    assert "请确认" in summary.content, summary.content
    again = await bot.ask(lin, "5栋2单元801")
    assert "请确认" in again.content and "5-2-801" in again.content, again.content
    assert "已更新您的住址" in again.content, again.content
    other = await bot.ask(lin, "我的地址改成99栋1单元101")
    assert "本小区没有 99 栋" in other.content, other.content
    await bot.ask(lin, "确认", contains="正在为您联系")
    assert await _drafts(bot) == 0
    async with bot.runtime.db.read() as tx:
        row = await tx.one("SELECT building, unit, room FROM bookings ORDER BY id DESC LIMIT 1")
    assert row is not None and tuple(row) == ("5", "2", "801"), row


@pytest.mark.parametrize(
    ("words", "language", "answer", "later"),
    [
        ("我很好", "zh-hans", "您一切都好就好", "稍后再说"),
        ("你好", "zh-hans", "您好", "稍后再说"),
        ("谢谢", "zh-hans", "不客气", "稍后再说"),
        ("I'm fine, thanks", "en", "Glad to hear", "Later"),
    ],
)
async def test_small_talk_at_the_address_question_is_answered_as_such(
    bot: Harness, words: str, language: str, answer: str, later: str
) -> None:
    """ "我很好" after /start's address question got "没看懂这个地址": it is answered as what it
    is, the address still awaited with its "later" button; the door number next is saved."""
    bot.runtime.understander.understand("你好", chat="private")  # the model, loaded once
    resident = await _new_resident(bot, "小好", language)
    said = await bot.ask(resident, words)
    assert answer in said.content and "3-2-501" in said.content, said.content
    assert later in said.button_texts, said.button_texts
    _never_an_address(bot, resident, "en" if language == "en" else "zh")
    assert await _awaited(bot, resident) == Pending.ADDRESS
    saved = await bot.ask(resident, "3-2-501")
    assert "3-2-501" in saved.content and ("已记下" in saved.content or "Saved" in saved.content)


async def test_two_air_conditioners_cost_twice_the_unit_price(bot: Harness) -> None:
    """ "明天上午两台空调要清洗": 2 units, the summary and the worker's offer say
    ¥120/台 × 2 台 = ¥240; the time chosen keeps the count; the console page shows the total."""
    bot.runtime.understander.understand("洗空调", chat="private")  # the model, loaded once
    people = await crew(bot)
    resident = bot.person(6001, "小李")
    step = await bot.ask(resident, "明天上午两台空调要清洗")
    if "请选择服务商" in step.content:
        await press(bot, resident, step, button_index(step, "洁家"))
        step = await bot.sb.wait_for_message(resident.id, contains="时间", after=step)
    await press(bot, resident, step, 0)
    note = await bot.ask(resident, "3-2-501", contains="要告诉师傅")
    await press(bot, resident, note, "跳过")
    confirm = await bot.sb.wait_for_message(resident.id, contains="请确认预约", after=note)
    assert "¥120/台 × 2 台 = ¥240" in confirm.content, confirm.content
    await press(bot, resident, confirm, "✅ 确认预约")
    offer = await offer_to(bot, people.zhao)
    assert "¥120/台 × 2 台 = ¥240" in offer.content, offer.content


@pytest.mark.parametrize(
    ("words", "language", "asked", "to_worker", "passed"),
    [
        (
            "顺便帮我看看卫生间的水龙头，一直在滴水",
            "zh-hans",
            "这次上门一起看看",
            "💬 告诉师傅",
            "已转给师傅",
        ),
        (
            "please ask him to bring a new tap as well, the old one is leaking",
            "en",
            "on this visit",
            "💬 Tell the worker",
            "Passed on",
        ),
    ],
)
async def test_asking_the_worker_to_also_look_at_something_is_asked_about(
    bot: Harness, words: str, language: str, asked: str, to_worker: str, passed: str
) -> None:
    """During an accepted range-hood job, "顺便帮我看看卫生间的水龙头" (another service's words)
    started a plumbing booking unasked: now the resident is asked (tell the worker, same visit
    / a new booking); the first passes the words to the worker, no new booking is started."""
    bot.runtime.understander.understand("洗油烟机", chat="private")  # the model, loaded once
    people = await crew(bot)
    resident = bot.person(6001, "小李", language=language)
    await accepted(bot, resident, people.zhao)
    question = await bot.ask(resident, words, contains=asked)  # (a reminder may come first)
    assert asked in question.content and "#1" in question.content, question.content
    button = next(b for b in question.button_texts if b.startswith(to_worker))
    await press(bot, resident, question, button)
    got = await bot.sb.wait_for_message(people.zhao.id, contains=words[:8])
    assert "小李" in got.content, got.content
    await bot.sb.wait_for_message(resident.id, contains=passed)
    async with bot.runtime.db.read() as tx:
        found = await tx.one("SELECT COUNT(*) FROM bookings")
    assert found is not None and found[0] == 1  # no new booking


async def _assignee(bot: Harness) -> tuple[str, int | None]:
    async with bot.runtime.db.read() as tx:
        row = await tx.one("SELECT status, assignee_id FROM bookings WHERE id = 1")
    assert row is not None
    return str(row[0]), row[1]


async def test_not_yet_keeps_the_job_a_clear_no_show_takes_it(bot: Harness) -> None:
    """Session 8 finding 6: "not here yet" cost the worker the job. Promised 08:30: "还没来" at
    08:10 is answered with the promised time (never "发给师傅还是新的预约？"), and at 08:35 with
    "past the time, staff told"; the job stays. With "师傅到了吗？" open, "还没到呢" reminds the
    worker and offers both buttons again, the job still theirs; ❌ 没来，换个师傅 takes it."""
    bot.runtime.understander.understand("洗油烟机", chat="private")  # the model, loaded once
    people = await crew(bot)
    resident = bot.person(6001, "小李")
    await accepted(bot, resident, people.zhao)
    ask = await bot.sb.wait_for_message(people.zhao.id, contains="多久能到")
    await press(bot, people.zhao, ask, "30分钟内")
    promised = await bot.sb.wait_for_message(resident.id, contains="预计 08:30 前到达")
    await bot.advance(timedelta(minutes=10))
    early = await bot.ask(resident, "还没来", contains="预计 08:30 前到达")
    assert "新的预约" not in early.content and "师傅没有来" not in early.content
    await bot.advance(timedelta(minutes=25))  # 08:35: past the promise, inside the grace
    await bot.ask(resident, "师傅还没到", contains="已经过了约定的 08:30")
    status, worker = await _assignee(bot)
    assert status == "accepted" and worker is not None

    await bot.advance(timedelta(minutes=10))
    asked = await bot.sb.wait_for_message(resident.id, contains="师傅到了吗", after=promised)
    before = last_id(bot, people.sun.id)
    waits = await bot.ask(resident, "还没到呢", contains="仍由赵阿姨负责")
    assert waits.button_texts == ["✅ 师傅到了", "❌ 没来，换个师傅"], waits.button_texts
    await bot.sb.wait_for_message(people.zhao.id, contains="业主还在等您")
    assert await _assignee(bot) == (status, worker)
    assert last_id(bot, people.sun.id) == before  # nobody else offered it
    assert "已改派" not in "\n".join(m.content for m in bot.sb.sent(people.zhao.id))
    said = "\n".join(m.content for m in bot.sb.sent(resident.id))
    assert "新的预约" not in said and "师傅没有来" not in said  # never asked, never a no-show

    await press(bot, resident, asked, "❌ 没来，换个师傅")
    await offer_to(bot, people.sun, after=before)
    await bot.sb.wait_for_message(bot.staff.id, contains="没有上门")


async def test_not_here_yet_in_english_before_the_promise(bot: Harness) -> None:
    """ "not here yet" before the promised time: where the job stands, in English."""
    people = await crew(bot)
    resident = bot.person(6001, "Emma", language="en")
    await accepted(bot, resident, people.zhao)
    ask = await bot.sb.wait_for_message(people.zhao.id, contains="多久能到")
    await press(bot, people.zhao, ask, "30分钟内")
    await bot.sb.wait_for_message(resident.id, contains="08:30")
    said = await bot.ask(resident, "not here yet", contains="by 08:30")
    assert "new booking" not in said.content, said.content
    assert (await _assignee(bot))[0] == "accepted"
