"""The address question after /start and at a booking's address step (final recheck of issue
13, items 3b and 5, new problems 1-2): a fault, a request, a question or an emergency said there
is handled as such, not read as an address; "跳过" / "skip" put the question off; chatty cancel
words end a booking's draft there; "她一个人住" is no second service."""

from __future__ import annotations

import pytest

from bot.devtools.sandbox import SandboxMessage, SandboxUser
from bot.domain.people.contract import Pending
from bot.i18n import T, render
from tests.booking_steps import crew, offer_to, press
from tests.harness import Harness


async def _new_resident(bot: Harness, name: str, language: str = "zh-hans") -> SandboxUser:
    """Someone who just pressed Start and is being asked for their address."""
    resident = bot.person(6001, name, language=language)
    started = await bot.sb.press_start(resident)
    await bot.sb.wait_for_message(resident.id, contains="3-2-501", after=started.message_id)
    return resident


async def _awaited(bot: Harness, user: SandboxUser) -> str | None:
    """What the bot waits for this person to type, if anything."""
    async with bot.runtime.db.read() as tx:
        person = await bot.runtime.people.get(tx, user.id)
        assert person is not None
        pending = await bot.runtime.people.expecting(tx, person.id)
    return pending[0] if pending else None


def _never_an_address(bot: Harness, user: SandboxUser, lang: str) -> None:
    """No reply to this person took their words for an unfinished or unclear address."""
    wrong = {
        render(T(k), lang) for k in ("onboarding.address_partial", "onboarding.address_unclear")
    }
    assert not [m.content for m in bot.sb.sent(user.id) if m.content in wrong]


async def test_a_building_without_power_said_at_the_address_question_is_a_work_order(
    bot: Harness,
) -> None:
    """ "我们6号楼整栋都停电了…" right after /start: no "还差房号"; the urgent work order for
    building 6 is taken down (what and where said: straight to the note), submitted free, and
    goes to the property team. No address is saved, and none is needed."""
    people = await crew(bot)
    resident = await _new_resident(bot, "小新")
    note = await bot.ask(resident, "我们6号楼整栋都停电了，从昨晚开始", contains="告诉维修人员")
    await press(bot, resident, note, "跳过")
    confirm = await bot.sb.wait_for_message(resident.id, contains="请确认", after=note)
    assert "紧急" in confirm.content and "6栋" in confirm.content and "¥" not in confirm.content
    await press(bot, resident, confirm, "✅ 提交报修")
    order = await offer_to(bot, people.wang)
    assert "公共区域报修" in order.content and "¥" not in order.content
    _never_an_address(bot, resident, "zh")
    async with bot.runtime.db.read() as tx:
        rows = await tx.all("SELECT service, kind FROM bookings")
        saved = await tx.one("SELECT COUNT(*) AS n FROM addresses")
    assert [tuple(r) for r in rows] == [("common_area_repair", "work_order")]
    assert saved is not None and saved["n"] == 0


@pytest.mark.parametrize(
    ("words", "language", "place"),
    [
        ("我们4号楼1单元楼下的防盗门坏了", "zh-hans", "4号楼1单元"),
        ("The lift in building 1 stopped, nobody is in it", "en", "1"),
        ("no water at all in building 2 since this morning", "en", "2"),
    ],
)
async def test_a_common_area_fault_at_the_address_question_is_reported(
    bot: Harness, words: str, language: str, place: str
) -> None:
    """A door, a lift with nobody inside, a building without water: the work order asks for
    its note (where was said), in the resident's language; nothing asks for a room."""
    lang = "en" if language == "en" else "zh"
    resident = await _new_resident(bot, "Neo", language)
    note = await bot.ask(resident, words, contains=render(T("onsite.wo_ask_note"), lang)[:8])
    await press(bot, resident, note, 0)
    confirm = await bot.sb.wait_for_message(resident.id, after=note, contains=place)
    assert "¥" not in confirm.content
    _never_an_address(bot, resident, lang)


@pytest.mark.parametrize(
    ("words", "language"),
    [
        ("跳过", "zh-hans"),
        ("以后再说吧", "zh-hans"),
        ("哎 还是不弄了，算了", "zh-hans"),
        ("skip", "en"),
        ("not now, thanks", "en"),
    ],
)
async def test_skip_or_never_mind_at_the_address_question_puts_it_off(
    bot: Harness, words: str, language: str
) -> None:
    """Typed, they are the [稍后再说] button: said so, and nothing more is awaited ("确认"
    next is not an unclear address)."""
    lang = "en" if language == "en" else "zh"
    resident = await _new_resident(bot, "小跳", language)
    later = await bot.ask(resident, words)
    assert later.content == render(T("onboarding.address_later_ok"), lang)
    assert await _awaited(bot, resident) is None
    await bot.ask(resident, "确认")
    _never_an_address(bot, resident, lang)


async def test_a_service_asked_at_the_address_question_asks_the_address_when_booking(
    bot: Harness,
) -> None:
    """ "明天上午想洗油烟机" right after /start is booked as usual; the address is asked at
    the booking's own step, and then kept."""
    await crew(bot)
    resident = await _new_resident(bot, "小油")
    choice = await bot.ask(resident, "明天上午想洗油烟机", contains="请选择服务商")
    await press(bot, resident, choice, 0)
    slot = await bot.sb.wait_for_message(resident.id, contains="就按这个时间", after=choice)
    await press(bot, resident, slot, 0)
    await bot.sb.wait_for_message(resident.id, contains="上门地址", after=slot)
    await bot.ask(resident, "3-2-501", contains="要告诉师傅")
    async with bot.runtime.db.read() as tx:
        row = await tx.one("SELECT building, unit, room FROM addresses")
    assert row is not None and tuple(row) == ("3", "2", "501")


async def test_a_question_at_the_address_question_is_answered_and_the_address_still_awaited(
    bot: Harness,
) -> None:
    """ "物业电话多少" gets the desk's answer; the address question is still open: the door
    number sent next is saved."""
    resident = await _new_resident(bot, "小问")
    answer = await bot.ask(resident, "物业电话多少", contains="0571")
    assert "没看懂" not in answer.content
    assert await _awaited(bot, resident) == Pending.ADDRESS
    await bot.ask(resident, "3-2-501", contains="已记下")


@pytest.mark.parametrize(
    ("words", "language", "advice", "alert", "where"),
    [
        ("我妈摔倒了起不来", "zh-hans", "120", "有人摔倒", "3栋2单元501 客厅"),
        ("厨房着火了", "zh-hans", "119", "烟雾/火情", "5号楼1单元1202"),
        ("gas smell in the kitchen", "en", "gas valve", "燃气泄漏", "building 2, flat 1-302"),
    ],
)
async def test_an_emergency_at_the_address_question_is_raised_and_asks_where(
    bot: Harness, words: str, language: str, advice: str, alert: str, where: str
) -> None:
    """An emergency said instead of the address: advice at once, staff alerted, and (the
    writer has no address yet) one question for the place, whose answer goes to staff."""
    await bot.settle_staff()
    lang = "en" if language == "en" else "zh"
    resident = await _new_resident(bot, "小急", language)
    answer = await bot.ask(resident, words, contains=advice)
    assert render(T("incidents.place_ask"), lang) in answer.content
    await bot.sb.wait_for_message(bot.staff.id, contains=alert)
    thanks = await bot.ask(resident, where)
    assert thanks.content == render(T("incidents.place_thanks"), lang)
    passed = await bot.sb.wait_for_message(bot.staff.id, contains=where)
    assert "#1" in passed.content
    _never_an_address(bot, resident, lang)


async def _at_the_booking_address_step(
    bot: Harness, name: str, language: str, ask: str
) -> SandboxUser:
    """A resident with no saved address asks for a service, picks the first provider and
    slot, and is asked where to come."""
    await crew(bot)
    resident = bot.person(6001, name, language=language)
    choice = await bot.ask(resident, ask, contains="¥")
    await press(bot, resident, choice, 0)
    slot = await bot.sb.wait_for_message(resident.id, after=choice)
    await press(bot, resident, slot, 0)
    await bot.sb.wait_for_message(resident.id, contains="3-2-501", after=slot)
    return resident


@pytest.mark.parametrize(
    ("ask", "language", "words", "answer", "state"),
    [
        ("想找人洗油烟机", "zh-hans", "哎 还是不弄了，算了", "这次先不约", "cancelled"),
        (
            "I'd like my range hood cleaned",
            "en",
            "ugh, let's call the whole thing off",
            "OK, no",
            "cancelled",
        ),
        ("想找人洗油烟机", "zh-hans", "跳过", "这一单需要上门地址", "draft"),
        ("I'd like my range hood cleaned", "en", "skip this", "needs an address", "draft"),
    ],
)
async def test_words_at_the_booking_address_step_are_never_an_address(
    bot: Harness, ask: str, language: str, words: str, answer: str, state: str
) -> None:
    """At a booking's address step, chatty cancel words end the draft as "算了，不约了" does;
    "跳过" (answered "没看懂这个地址" before) is told a home visit needs an address, or to say
    取消, and the draft still waits for it."""
    resident = await _at_the_booking_address_step(bot, "小李", language, ask)
    await bot.ask(resident, words, contains=answer)
    _never_an_address(bot, resident, "en" if language == "en" else "zh")
    async with bot.runtime.db.read() as tx:
        row = await tx.one("SELECT status FROM bookings WHERE id = 1")
    assert row is not None and row["status"] == state


@pytest.mark.parametrize(
    ("ask", "language", "words", "saved"),
    [
        ("想找人洗油烟机", "zh-hans", "我的地址改成3栋1单元403", "3-1-403"),
        ("I'd like my range hood cleaned", "en", "my address is now 6-1-1202", "6-1-1202"),
    ],
)
async def test_a_new_address_said_at_the_time_step_is_saved_and_the_time_asked_again(
    bot: Harness, ask: str, language: str, words: str, saved: str
) -> None:
    """The final recheck: at the time step, "我的地址改成3栋1单元403" got "没看懂这个时间" and
    "my address is now 6-1-1202" was noted as the time "as soon as possible". The address is
    saved, the draft takes it, and the time is asked again."""
    await crew(bot)
    resident = bot.person(6001, "小搬", language=language)
    choice = await bot.ask(resident, ask, contains="¥")
    await press(bot, resident, choice, 0)
    await bot.sb.wait_for_message(resident.id, after=choice)
    moved = await bot.ask(resident, words, contains=saved)
    assert moved.button_texts  # the time choices again
    async with bot.runtime.db.read() as tx:
        person = await bot.runtime.people.get(tx, resident.id)
        assert person is not None
        address = await bot.runtime.people.address(tx, person.id)
        row = await tx.one("SELECT step, slot_start, asap FROM bookings WHERE id = 1")
    assert address is not None and address.label() == saved
    assert row is not None and (row["step"], row["slot_start"], row["asap"]) == ("slot", None, 0)


def _after(bot: Harness, user: SandboxUser, said: SandboxMessage) -> list[SandboxMessage]:
    return [m for m in bot.sb.sent(user.id) if m.message_id > said.message_id]


@pytest.mark.parametrize(
    ("words", "language", "service"),
    [
        ("帮我妈约个保洁，周六上午，她住在2号楼1单元301，她一个人住", "zh-hans", "家庭保洁"),
        (
            "Book a cleaner for my mum on Saturday morning, she lives at 2-1-301, she lives alone",
            "en",
            "Home cleaning",
        ),
    ],
)
async def test_someone_living_alone_is_no_second_service(
    bot: Harness, words: str, language: str, service: str
) -> None:
    """ "她一个人住" / "she lives alone" describes the mother: cleaning is booked, and no ➕
    陪伴探望 / companion is offered next."""
    await crew(bot)
    resident = bot.person(6001, "小保", language=language)
    said = await bot.say(resident, words)
    await bot.sb.wait_for_message(resident.id, contains=service, after=said)
    await bot.sb.wait_idle()
    shown = _after(bot, resident, said)
    assert not any(b.startswith("➕") for m in shown for b in m.button_texts)
    assert not any("陪伴探望" in m.content or "companion" in m.content for m in shown)


@pytest.mark.parametrize(
    ("words", "language", "service"),
    [
        ("马桶堵了，水漫出来了", "zh-hans", "管道疏通"),
        ("My toilet is blocked, water everywhere on the floor", "en", "Drain unclogging"),
    ],
)
async def test_the_same_trouble_described_further_is_no_second_service(
    bot: Harness, words: str, language: str, service: str
) -> None:
    """ "马桶堵了，水漫出来了" (final recheck): the overflow describes the blocked toilet, so no
    ➕ 接着约水管维修 is offered next."""
    await crew(bot)
    resident = bot.person(6001, "小漫", language=language)
    said = await bot.say(resident, words)
    await bot.sb.wait_for_message(resident.id, contains=service, after=said)
    await bot.sb.wait_idle()
    shown = _after(bot, resident, said)
    assert not any(b.startswith("➕") for m in shown for b in m.button_texts)


async def test_two_services_in_one_message_still_offer_the_second(bot: Harness) -> None:
    """ "约个保洁，顺便修下马桶": cleaning first, ➕ 接着约水管维修 next."""
    await crew(bot)
    resident = bot.person(6001, "小双")
    said = await bot.say(resident, "周六上午约个保洁，顺便修下马桶")
    choice = await bot.sb.wait_for_message(resident.id, contains="家庭保洁", after=said)
    second = await bot.sb.wait_for_message(resident.id, contains="您还提到了", after=choice)
    assert second.button_texts == ["➕ 接着约水管维修"]
