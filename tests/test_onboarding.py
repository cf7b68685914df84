"""Getting people in: registration, invites, languages, binding groups."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from bot.config import load_community
from bot.devtools.sandbox import Sandbox
from bot.i18n import T, render
from tests.booking_steps import answer_of, crew, press
from tests.harness import Harness

SAMPLE = (Path(__file__).parents[1] / "bot" / "data" / "sample-community.toml").read_text("utf-8")


async def test_resident_registers_with_address_kept_private(bot: Harness) -> None:
    """A first /start welcomes the resident, asks the address once and remembers it."""
    resident = bot.person(6001, "小李")
    await bot.say(resident, "/start")
    ask = await bot.sb.wait_for_message(resident.id, contains="楼栋-单元-房号")
    assert ask.button_texts == ["稍后再说"]
    saved = await bot.ask(resident, "3栋2单元501", contains="3-2-501")
    assert "已记下" in saved.content
    async with bot.runtime.db.read() as tx:
        person = await bot.runtime.people.get(tx, resident.id)
        assert person is not None
        address = await bot.runtime.people.address(tx, person.id)
    assert address is not None and address.label() == "3-2-501"


async def test_unclear_address_gets_a_polite_retry(bot: Harness) -> None:
    """Something that is not an address is not stored; the resident is asked again."""
    resident = bot.person(6001, "小李")
    await bot.say(resident, "/start")
    await bot.sb.wait_for_message(resident.id, contains="楼栋-单元-房号")
    again = await bot.ask(resident, "我家在那边", contains="没看懂")
    assert "3-2-501" in again.content


async def test_an_old_later_button_changes_nothing_once_the_question_is_over(
    bot: Harness,
) -> None:
    """The welcome's [稍后再说] pressed after the address was given, with a booking's note
    step now asked: the toast says the question is over, and the note step is still awaited
    (the press used to drop whatever the bot was waiting for)."""
    await crew(bot)
    resident = bot.person(6001, "小李")
    await bot.say(resident, "/start")
    ask = await bot.sb.wait_for_message(resident.id, contains="楼栋-单元-房号")
    await bot.ask(resident, "3栋2单元501", contains="3-2-501")
    choice = await bot.ask(resident, "想找人洗油烟机", contains="¥")
    await press(bot, resident, choice, 0)
    slot = await bot.sb.wait_for_message(resident.id, after=choice)
    await press(bot, resident, slot, 0)
    await bot.sb.wait_for_message(resident.id, contains="告诉师傅", after=slot)
    async with bot.runtime.db.read() as tx:
        person = await bot.runtime.people.get(tx, resident.id)
        assert person is not None
        before = await bot.runtime.people.expecting(tx, person.id)
    await press(bot, resident, ask, "稍后再说")
    assert await answer_of(bot, resident) == render(T("onboarding.address_question_over"), "zh")
    async with bot.runtime.db.read() as tx:
        after = await bot.runtime.people.expecting(tx, person.id)
        address = await bot.runtime.people.address(tx, person.id)
    assert before is not None and before[0] == "booking_note" and after == before
    assert address is not None and address.label() == "3-2-501"


async def test_invite_link_grants_the_role_once(bot: Harness) -> None:
    """Staff's invite makes the person a housekeeper; the same link cannot be used twice."""
    keeper = bot.person(2001, "张管家")
    welcome = await bot.join(keeper, "housekeeper", "hk_zhang")
    assert "欢迎加入，张管家" in welcome.content
    intruder = bot.person(6666, "路人")
    link = next(m for m in bot.sb.sent(bot.staff.id) if m.buttons)
    token = link.buttons[0]["url"].rsplit("start=", 1)[1]
    started = await bot.sb.press_start(intruder, token)
    refused = await bot.sb.wait_for_message(intruder.id, after=started.message_id)
    assert "已经被使用" in refused.content
    async with bot.runtime.db.read() as tx:
        people = await bot.runtime.people.holders(tx, "housekeeper", "hk_zhang")
    assert [p.telegram_id for p in people] == [keeper.id]


async def test_only_staff_can_invite(bot: Harness) -> None:
    """A resident trying /invite is told it is for staff and gets no link."""
    resident = bot.person(6001, "小李")
    answer = await bot.ask(resident, "/invite housekeeper hk_zhang")
    assert "工作人员" in answer.content and not answer.buttons


async def test_english_speakers_get_english_and_can_switch(bot: Harness) -> None:
    """Telegram's language_code picks English; /language switches to Chinese with a button."""
    emma = bot.person(6002, "Emma", language="en")
    welcome = await bot.ask(emma, "/start", contains="Hello Emma")
    assert "front desk" in welcome.content
    choose = await bot.ask(emma, "/language")
    await bot.sb.press(emma, choose, "中文")
    await bot.sb.wait_for_message(emma.id, contains="中文")
    help_text = await bot.ask(emma, "/help")
    assert "居民" in help_text.content


async def test_unbound_group_hears_one_message_and_nothing_else(
    sandbox: Sandbox, bot: Harness
) -> None:
    """An unbound group is told how to bind once; requests there get no answer."""
    resident = bot.person(6001, "小李")
    chat = sandbox.group(-1002, "别的群", admins=[bot.staff], members=[resident])
    await sandbox.add_bot_to_group(bot.staff, chat)
    await sandbox.wait_for_message(chat.id, contains="/bind")
    await bot.say(resident, "马桶堵了，谁能来通一下？", chat)
    await bot.say(resident, "有人吗？马桶堵了", chat)
    await sandbox.wait_idle()
    assert len(sandbox.sent(chat.id)) == 1


async def test_only_staff_can_bind(sandbox: Sandbox, bot: Harness) -> None:
    """A resident's /bind is refused; staff's binds and the group is served."""
    resident = bot.person(6001, "小李")
    chat = sandbox.group(-1003, "新群", admins=[bot.staff], members=[resident])
    await sandbox.add_bot_to_group(bot.staff, chat)
    await sandbox.wait_for_message(chat.id, contains="/bind")
    refused = await bot.say(resident, "/bind", chat)
    await sandbox.wait_for_message(chat.id, contains="工作人员", after=refused.message_id)
    done = await bot.say(bot.staff, "/bind", chat)
    await sandbox.wait_for_message(chat.id, contains="已绑定", after=done.message_id)
    request = await bot.say(resident, "马桶堵了，能找人来通一下吗", chat)
    answer = await sandbox.wait_for_message(chat.id, after=request.message_id)
    assert "管道疏通" in answer.content


async def test_expired_invite_is_refused(bot: Harness) -> None:
    """An invite link older than the community's invite_ttl grants nothing."""
    await bot.settle_staff()
    link = await bot.ask(bot.staff, "/invite provider jiejia")
    token = link.buttons[0]["url"].rsplit("start=", 1)[1]
    await bot.advance(bot.runtime.community.policy.invite_ttl + timedelta(minutes=1))
    member = bot.person(3101, "赵阿姨")
    started = await bot.sb.press_start(member, token)
    refused = await bot.sb.wait_for_message(member.id, after=started.message_id)
    assert "已过期" in refused.content
    async with bot.runtime.db.read() as tx:
        assert await bot.runtime.people.holders(tx, "provider", "jiejia") == []


async def test_community_file_can_prelink_people_by_telegram_id(harness: Harness) -> None:
    """A housekeeper listed with a telegram_id holds the role from first contact, no invite."""
    text = SAMPLE.replace(
        'key = "hk_chen"\nname = "陈管家"',
        'key = "hk_chen"\nname = "陈管家"\ntelegram_id = 2002',
        1,
    )
    harness.with_settings(community=load_community(text=text))
    async with harness.running() as h:
        keeper = h.person(2002, "陈管家")
        await h.ask(keeper, "/start")
        async with h.runtime.db.read() as tx:
            holders = await h.runtime.people.holders(tx, "housekeeper", "hk_chen")
            roles = await h.runtime.people.roles(tx, holders[0].id)
        assert [p.telegram_id for p in holders] == [2002]
        assert ("housekeeper", "hk_chen") in roles


async def test_staff_named_in_the_file_get_their_own_welcome(bot: Harness) -> None:
    """刘主任 (staff in the community file) opening the bot hears what staff do and their
    commands, not the resident's welcome, and is not asked for a home address."""
    started = await bot.sb.press_start(bot.staff)
    welcome = await bot.sb.wait_for_message(bot.staff.id, after=started.message_id)
    assert "工作人员" in welcome.content and "/invite" in welcome.content
    assert "/bookings" in welcome.content
    assert "家里有事" not in welcome.content
    await bot.sb.wait_idle(quiet=0.1)
    assert not any("楼栋-单元-房号" in m.content for m in bot.sb.sent(bot.staff.id))
