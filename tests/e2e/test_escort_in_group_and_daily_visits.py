"""Leftovers of #13 (session 11): a group asked who can escort a mother to hospital is
answered; days of a daily care priced per visit are that many visits, priced as many."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from bot.config import load_community
from bot.data import __file__ as data_file
from tests.booking_steps import book, button_index, crew, offer_to, press
from tests.harness import Harness

SAMPLE = (Path(data_file).parent / "sample-community.toml").read_text("utf-8")
PER_DAY = (
    '{ service = "pet_sitting", price = 50, unit_zh = "天", unit_en = "day", market_price = 80 }'
)
PER_VISIT = (
    '{ service = "pet_sitting", price = 30, unit_zh = "次", unit_en = "visit", market_price = 50 }'
)


async def test_who_can_escort_my_mum_to_hospital_is_answered_in_the_group(bot: Harness) -> None:
    """ "can anyone escort my mum to the hospital on Friday" and "谁有空陪我妈去医院看病" in the
    group: the medical escort, answered in the writer's language (they met silence: "can
    anyone" and "谁有空" did not read as asking someone to do it, as "can someone" did)."""
    await crew(bot)
    chat = await bot.group()
    amy = bot.person(7001, "Amy", language="en")
    said = await bot.say(amy, "can anyone escort my mum to the hospital on Friday", chat)
    answer = await bot.sb.wait_for_message(chat.id, after=said.message_id)
    assert "Medical escort" in answer.content, answer.content
    li = bot.person(7002, "小李")
    for text in ("周五谁能陪我妈去医院看病", "谁有空陪我妈去医院看病"):
        said = await bot.say(li, text, chat)
        answer = await bot.sb.wait_for_message(chat.id, after=said.message_id)
        assert "挂号陪诊" in answer.content, (text, answer.content)
        await bot.sb.wait_idle(quiet=0.05)
        bot.clock.advance(timedelta(minutes=10))  # two requests, not one burst


async def test_days_away_of_a_daily_care_priced_per_visit_are_that_many_visits(
    harness: Harness,
) -> None:
    """Pet sitting priced ¥30/次: "后天开始喂猫，出差三天" is three daily visits, "¥30/次 × 3 次 =
    ¥90" to the resident and to the worker (it was one visit, told as "not all-day care")."""
    text = SAMPLE.replace(PER_DAY, PER_VISIT)
    assert text != SAMPLE
    harness.with_settings(community=load_community(text=text))
    async with harness.running():
        bot = harness
        people = await crew(bot)
        resident = bot.person(7003, "小王")
        await book(bot, resident, "后天开始喂猫，出差三天", provider="香溪美地物业服务中心")
        sent = [m.content for m in bot.sb.sent(resident.id)]
        summary = next(t for t in sent if "请确认预约" in t)
        assert "¥30/次 × 3 次 = ¥90" in summary and "共3天" in summary, summary
        assert not any("不是全天" in t for t in sent), sent
        offer = await offer_to(bot, people.wang)
        assert "¥90" in offer.content and "3" in offer.content, offer.content


async def _rows(bot: Harness) -> list[tuple[str, str, str | None, str]]:
    async with bot.runtime.db.read() as tx:
        rows = await tx.all("SELECT service, status, note, step FROM bookings ORDER BY id")
    return [(r["service"], r["status"], r["note"], r["step"]) for r in rows]


async def test_a_by_the_way_at_the_note_step_is_the_note_and_asked_once(bot: Harness) -> None:
    """ "顺便帮我看看热水器" typed where the range hood's note is asked: kept as its note (the
    worker reads it), the next step asked (here the summary), and one question with a ➕
    button to book the water heater apart; no second booking unasked (it was queued
    silently)."""
    await crew(bot)
    resident = bot.person(7004, "小美")
    await bot.ask(resident, "/start")
    await bot.ask(resident, "5栋1单元602", contains="已记下")
    choice = await bot.ask(resident, "明天上午想找人洗一下油烟机", contains="请选择服务商")
    await press(bot, resident, choice, button_index(choice, "洁家家政"))
    slot = await bot.sb.wait_for_message(resident.id, contains="时间", after=choice)
    await press(bot, resident, slot, 0)
    await bot.sb.wait_for_message(resident.id, contains="要告诉师傅", after=slot)
    said = await bot.say(resident, "顺便帮我看看热水器")
    card = await bot.sb.wait_for_message(resident.id, contains="请确认", after=said.message_id)
    await bot.sb.wait_idle()
    later = [m for m in bot.sb.sent(resident.id) if m.message_id > said.message_id]
    asked = [m for m in later if any("热水器" in b or "家电维修" in b for b in m.button_texts)]
    assert len(asked) == 1 and "备注" in asked[0].content, [m.content for m in later]
    assert not any("确认后接着帮您约" in m.content for m in later), [m.content for m in later]
    rows = await _rows(bot)
    assert len(rows) == 1 and "热水器" in (rows[0][2] or ""), rows
    assert "顺便帮我看看热水器" in card.content and "油烟机清洗" in card.content, card.content


async def test_dropping_the_queued_windows_is_said_once(bot: Harness) -> None:
    """ "算了 窗户先不擦了 只要打扫卫生就行" with the windows waiting their turn: one message says
    the windows are not booked and asks the cleaning's step again (there were two: "这次先不约
    擦玻璃了…需要时随时告诉我" and then "只约家庭保洁，擦玻璃这次不约了")."""
    await crew(bot)
    resident = bot.person(7005, "小周")
    choice = await bot.ask(
        resident, "明天下午打扫一下卫生 顺便把三个房间的窗户也擦一下", contains="家庭保洁"
    )
    second = await bot.sb.wait_for_message(resident.id, contains="接着约擦玻璃", after=choice)
    await press(bot, resident, second, 0)  # ➕ the windows wait their turn
    again = await bot.sb.wait_for_message(resident.id, contains="请选择服务商", after=second)
    await press(bot, resident, again, button_index(again, "洁家家政"))
    await bot.sb.wait_for_message(resident.id, contains="时间", after=again)
    said = await bot.say(resident, "算了 窗户先不擦了 只要打扫卫生就行")
    await bot.sb.wait_for_message(resident.id, contains="只约家庭保洁", after=said.message_id)
    await bot.sb.wait_idle()
    later = [m.content for m in bot.sb.sent(resident.id) if m.message_id > said.message_id]
    assert len(later) == 1, later
    rows = await _rows(bot)
    assert [r[:2] for r in rows] == [("home_cleaning", "draft"), ("window_cleaning", "cancelled")]


async def test_an_elders_chat_outside_her_check_in_gets_a_friendly_word_not_the_menu(
    bot: Harness,
) -> None:
    """王阿姨 (enrolled, her check-in at 08:30) writes "今天天气不错 孙子来看我了" at 08:00: a
    short friendly reply, never the service category menu (she got the menu); a question of
    hers still goes on to be answered as before."""
    await bot.settle_staff()
    wang = bot.person(7006, "王阿姨")
    await bot.join(wang, "elder", "elder_wang")
    await bot.sb.wait_idle(quiet=0.05)
    said = await bot.say(wang, "今天天气不错 孙子来看我了")
    answer = await bot.sb.wait_for_message(wang.id, after=said.message_id)
    assert "谢谢您跟我说" in answer.content, answer.content
    await bot.sb.wait_idle()
    later = [m for m in bot.sb.sent(wang.id) if m.message_id > said.message_id]
    assert len(later) == 1 and not answer.buttons, [m.content for m in later]


async def test_a_by_the_way_under_the_summary_is_added_to_the_note(bot: Harness) -> None:
    """The same words under the summary: added to the note, the summary shown again, asked
    once with the ➕ button; still one booking."""
    await crew(bot)
    resident = bot.person(7007, "小美")
    await bot.ask(resident, "/start")
    await bot.ask(resident, "5栋1单元602", contains="已记下")
    choice = await bot.ask(resident, "明天上午想找人洗一下油烟机", contains="请选择服务商")
    await press(bot, resident, choice, button_index(choice, "洁家家政"))
    slot = await bot.sb.wait_for_message(resident.id, contains="时间", after=choice)
    await press(bot, resident, slot, 0)
    note = await bot.sb.wait_for_message(resident.id, contains="要告诉师傅", after=slot)
    await press(bot, resident, note, "跳过")
    await bot.sb.wait_for_message(resident.id, contains="请确认", after=note)
    said = await bot.say(resident, "顺便帮我看看热水器")
    card = await bot.sb.wait_for_message(resident.id, contains="请确认", after=said.message_id)
    assert "顺便帮我看看热水器" in card.content, card.content
    await bot.sb.wait_idle()
    later = [m for m in bot.sb.sent(resident.id) if m.message_id > said.message_id]
    asked = [m for m in later if any("单独约" in b for b in m.button_texts)]
    assert len(asked) == 1, [m.content for m in later]
    rows = await _rows(bot)
    assert len(rows) == 1 and rows[0][3] == "confirm", rows
