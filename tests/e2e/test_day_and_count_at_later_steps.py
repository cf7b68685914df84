"""Session 10: the last user-visible gaps of issue 13's booking flow, told as residents meet
them: a day typed at a later step ("改成周日" after "这周末") moves the booking, and a count
typed at any step ("三台", "two ACs", "for 3 days") sets how many."""

from __future__ import annotations

import pytest

from bot.devtools.sandbox import SandboxMessage, SandboxUser
from tests.booking_steps import book, button_index, crew, last_id, press
from tests.harness import Harness


@pytest.fixture(autouse=True)
def _model_loaded(bot: Harness) -> None:
    """The request model read once before the story, so the first answer is not waited for
    while it loads (as the other booking stories do)."""
    bot.runtime.understander.understand("洗油烟机", chat="private")


async def test_a_day_typed_at_the_address_or_note_step_moves_the_weekend_booking(
    bot: Harness,
) -> None:
    """'这周末' books Saturday; "改成周日" at the address step and "周六" at the note step each
    ask the hours of the new day (both were silent: the step asked again had the first
    asking's key and was dropped), and the booking ends on the day said last."""
    await crew(bot)
    resident = bot.person(6101, "小周妈")
    first = await bot.ask(resident, "两台空调要清洗 这周末谁能来", contains="请选择服务商")
    await press(bot, resident, first, button_index(first, "洁家家政"))
    hours = await bot.sb.wait_for_message(resident.id, contains="几点方便", after=first)
    assert "11月28日 周六" in hours.content, hours.content
    await press(bot, resident, hours, button_index(hours, "下午"))
    await bot.sb.wait_for_message(resident.id, contains="上门地址", after=hours)
    sunday = await bot.ask(resident, "改成周日", contains="几点方便")
    assert "11月29日 周日" in sunday.content, sunday.content
    await press(bot, resident, sunday, button_index(sunday, "上午"))
    await bot.sb.wait_for_message(resident.id, contains="上门地址", after=sunday)
    note = await bot.ask(resident, "3-2-501", contains="要告诉师傅")
    saturday = await bot.ask(resident, "周六", contains="几点方便")
    assert "11月28日 周六" in saturday.content, saturday.content
    await press(bot, resident, saturday, button_index(saturday, "晚上"))
    again = await bot.sb.wait_for_message(resident.id, contains="要告诉师傅", after=saturday)
    assert again.message_id > note.message_id
    await press(bot, resident, again, "跳过")
    summary = await bot.sb.wait_for_message(resident.id, contains="请确认预约", after=again)
    assert "11月28日 周六 18:00-20:00" in summary.content, summary.content


async def test_a_count_typed_at_the_time_or_note_step_sets_how_many(bot: Harness) -> None:
    """'三台' at the time step and '四台' at the note step set the count and ask the step
    again (they were "没看懂这个时间" and a note); a note that gives a count keeps both."""
    await crew(bot)
    resident = bot.person(6102, "小周妈")
    first = await bot.ask(resident, "两台空调要清洗 明天", contains="请选择服务商")
    await press(bot, resident, first, button_index(first, "洁家家政"))
    await bot.sb.wait_for_message(resident.id, contains="几点方便", after=first)
    hours = await bot.ask(resident, "三台", contains="数量记为 3")
    assert "几点方便" in hours.content and "没看懂" not in hours.content, hours.content
    await press(bot, resident, hours, button_index(hours, "上午"))
    await bot.sb.wait_for_message(resident.id, contains="上门地址", after=hours)
    await bot.ask(resident, "3-2-501", contains="要告诉师傅")
    note = await bot.ask(resident, "四台", contains="数量记为 4")
    assert "要告诉师傅" in note.content, note.content
    summary = await bot.ask(resident, "5台，其中一台漏水", contains="请确认预约")
    assert "¥120/台 × 5 台 = ¥600" in summary.content, summary.content
    assert "5台，其中一台漏水" in summary.content, summary.content


async def test_english_counts_without_a_measure_word_and_days_typed_later(bot: Harness) -> None:
    """'two ACs need cleaning tomorrow' is air-conditioner cleaning of 2 units (it was home
    cleaning, the count lost); 'for 3 days' typed at the time step of pet sitting makes it
    3 days, priced as such."""
    await crew(bot)
    amy = bot.person(6103, "Amy", "en")
    first = await bot.ask(amy, "two ACs need cleaning tomorrow", contains="Choose a provider")
    assert "Air-conditioner cleaning" in first.content, first.content
    await press(bot, amy, first, button_index(first, "Jiejia"))
    hours = await bot.sb.wait_for_message(amy.id, contains="What time", after=first)
    await press(bot, amy, hours, button_index(hours, "Morning"))
    await bot.sb.wait_for_message(amy.id, contains="Where should they come", after=hours)
    note = await bot.ask(amy, "3-2-501", contains="Anything the worker should know")
    await press(bot, amy, note, "Skip")
    summary = await bot.sb.wait_for_message(amy.id, contains="Please confirm", after=note)
    assert "× 2" in summary.content and "¥240" in summary.content, summary.content
    await press(bot, amy, summary, "Cancel")

    bob = bot.person(6104, "Bob", "en")
    first = await bot.ask(bob, "I need someone to feed my cat from tomorrow", contains="Choose")
    await press(bot, bob, first, button_index(first, "Xiangxi"))
    await bot.sb.wait_for_message(bob.id, contains="What time", after=first)
    days = await bot.ask(bob, "for 3 days", contains="Noted: 3 days")
    assert "(for 3 days)" in days.content, days.content
    await press(bot, bob, days, button_index(days, "Morning"))
    await bot.sb.wait_for_message(bob.id, contains="Where should they come", after=days)
    note = await bot.ask(bob, "3-2-501", contains="Anything the worker should know")
    await press(bot, bob, note, "Skip")
    door = await bot.sb.wait_for_message(bob.id, contains="door code", after=note)
    await press(bot, bob, door, "Skip")
    summary = await bot.sb.wait_for_message(bob.id, contains="Please confirm", after=door)
    assert "× 3" in summary.content and "¥150" in summary.content, summary.content


async def test_a_paced_group_cancel_is_answered_in_private_and_never_as_noted(
    bot: Harness,
) -> None:
    """'取消…' in the group right after another answer to the writer there (paced) got
    "收到，这条（家庭保洁）已记下" as if it were a request. Now the writer's private chat hears
    the truth (no cleaning booked; or which booking, with its cancel button) and the group
    nothing more; a member with nothing booked who cannot be written to privately is not
    answered at all."""
    await crew(bot)
    resident = bot.person(6105, "小李")
    await book(bot, resident)  # 明天上午 油烟机清洗
    chat = await bot.group()
    said = await bot.say(resident, "空调不制冷了 谁能来修", chat)
    await bot.sb.wait_for_message(chat.id, contains="家电维修", after=said.message_id)
    mark = last_id(bot, resident.id)
    said = await bot.say(resident, "取消明天的保洁", chat)
    none = await bot.sb.wait_for_message(resident.id, contains="取消明天的保洁", after=mark)
    assert "没有找到您的家庭保洁预约" in none.content, none.content
    said = await bot.say(resident, "取消油烟机清洗", chat)
    pick = await bot.sb.wait_for_message(resident.id, contains="要取消哪个预约", after=none)
    assert "取消油烟机清洗" in pick.content, pick.content
    await bot.sb.wait_idle(quiet=0.1)
    group = [m.content for m in bot.sb.messages(chat.id) if m.message_id > said.message_id]
    assert group == [], group  # nothing more in the group, and never "已记下"
    assert not any("已记下" in m.content for m in bot.sb.messages(chat.id))
    await press(bot, resident, pick, 0)
    await bot.sb.wait_for_message(resident.id, contains="已取消", after=pick)

    stranger = bot.person(6106, "老王")  # never wrote to the bot privately
    said = await bot.say(stranger, "水管漏水了 谁能来修", chat)
    await bot.sb.wait_for_message(chat.id, contains="水管维修", after=said.message_id)
    said = await bot.say(stranger, "取消明天的保洁", chat)
    await bot.sb.wait_idle(quiet=0.2)  # nothing booked, nothing to say: never "已记下"
    assert [m.content for m in bot.sb.messages(chat.id) if m.message_id > said.message_id] == []


async def test_a_cantonese_lock_out_is_the_lock_service_in_the_group_and_in_private(
    bot: Harness,
) -> None:
    """'我唔記得帶鎖匙，鎖咗喺門外，點算' got silence in the group ('不记得' read as the advice
    word '记得', the door's '门' in '门外' a second service): it is the lock service, like the
    Mandarin '钥匙锁屋里了 进不去'; in private it starts the lock booking."""
    await crew(bot)
    chat = await bot.group()
    resident = bot.person(6107, "阿芬姐")
    said = await bot.say(resident, "我唔記得帶鎖匙，鎖咗喺門外，點算", chat)
    answer = await bot.sb.wait_for_message(chat.id, after=said.message_id)
    assert "开锁换锁" in answer.content, answer.content
    neighbour = bot.person(6113, "阿珍")
    said = await bot.say(neighbour, "我唔记得带锁匙，锁咗喺门外", chat)
    answer = await bot.sb.wait_for_message(chat.id, after=said.message_id)
    assert "开锁换锁" in answer.content, answer.content
    other = bot.person(6108, "阿强")
    first = await bot.ask(other, "我唔记得带锁匙，锁咗喺门外")
    assert "开锁换锁" in first.content, first.content


async def test_a_window_safety_net_is_installation_and_multi_day_care_is_said_honestly(
    bot: Harness,
) -> None:
    """'宝宝房间想装个窗户防护网' is installation, not window cleaning; 'look after my dad for
    three days from tomorrow, he can't be alone' is the elder companion service (it was the
    category menu), told plainly that a visit is not all-day care, which the catalogue lacks,
    and that the first day is booked; '跳闸推不上去' (only this home) is an electrical repair,
    in the group too."""
    await crew(bot)
    chat = await bot.group()
    mum = bot.person(6109, "小周妈")
    said = await bot.say(mum, "宝宝房间想装个窗户防护网 什么时候能装", chat)
    answer = await bot.sb.wait_for_message(chat.id, after=said.message_id)
    assert "安装服务" in answer.content and "擦玻璃" not in answer.content, answer.content

    son = bot.person(6110, "Tom", "en")
    first = await bot.ask(
        son,
        "I need someone to look after my dad for three days from tomorrow, he can't be alone",
        contains="Elder companion",
    )
    assert "Choose a provider" in first.content, first.content
    told = await bot.sb.wait_for_message(son.id, contains="not all-day", after=first)
    assert "Sun 29 Nov" in told.content and "the 3" in told.content, told.content

    lin = bot.person(6111, "小林")
    said = await bot.say(lin, "家里停电了 就我家 跳闸推不上去", chat)
    answer = await bot.sb.wait_for_message(chat.id, after=said.message_id)
    assert "电路维修" in answer.content, answer.content
    first = await bot.ask(lin, "家里停电了 就我家 跳闸推不上去", contains="电路维修")
    assert "预约「电路维修」" in first.content, first.content


async def _from_group(bot: Harness, user: SandboxUser, text: str) -> SandboxMessage:
    """A request said in the group, continued in private through its link: the first step."""
    chat = await bot.group()
    said = await bot.say(user, text, chat)
    answer = await bot.sb.wait_for_message(chat.id, after=said.message_id)
    url = next(b["url"] for b in answer.buttons if "url" in b)
    await bot.sb.wait_idle(quiet=0.05)
    started = await bot.sb.press_start(user, url.rsplit("start=", 1)[1])
    return await bot.sb.wait_for_message(user.id, contains="Choose a provider", after=started)


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("I need someone to take my mum to the hospital on Friday", "What time on Fri 4 Dec?"),
        ("need someone to feed my cat next Wed to Fri", "What time on Wed 2 Dec (for 3 days)?"),
    ],
)
async def test_english_days_from_the_group_ask_the_hour_and_count_the_days(
    bot: Harness, text: str, asked: str
) -> None:
    """'on Friday' for a hospital escort asks the hour (never 00:00-24:00); 'next Wed to Fri'
    of pet sitting is 3 days; both said in the group and continued in private."""
    await crew(bot)
    amy = bot.person(6112, "Amy", "en")
    first = await _from_group(bot, amy, text)
    await press(bot, amy, first, button_index(first, "Xiangxi"))
    hours = await bot.sb.wait_for_message(amy.id, contains="What time", after=first)
    assert asked in hours.content and "00:00" not in hours.content, hours.content
