"""Emergencies over the sandbox: advice in the same chat, a private alert to responders in the
same update, an incident with a timeline, and never a booking or a price."""

from __future__ import annotations

import pytest

from bot.devtools.sandbox import SandboxUser
from tests.booking_steps import staff_reminded_of
from tests.harness import Harness

RESIDENT = 5001


async def _resident(bot: Harness, name: str = "小李", address: str = "3-2-501") -> SandboxUser:
    """A resident who started the bot and gave an address (building 3: 张管家 covers it)."""
    user = bot.person(RESIDENT, name)
    await bot.ask(user, "/start")
    await bot.ask(user, address, contains="住址")
    return user


async def _keeper(bot: Harness, user_id: int, name: str, key: str) -> SandboxUser:
    user = bot.person(user_id, name)
    await bot.join(user, "housekeeper", key)
    return user


def _no_booking(bot: Harness, *chats: int) -> None:
    """Nothing offered a price, a provider or a booking in these chats."""
    for chat in chats:
        for message in bot.sb.sent(chat):
            assert "¥" not in message.content, message.content
            assert "私聊继续" not in " ".join(message.button_texts), message.content


@pytest.mark.parametrize(
    ("text", "advice", "alert_kind"),
    [
        ("家里煤气味很重，怎么办", "不要开关任何电器", "燃气泄漏"),
        ("楼道里有烟味，好像着火了！", "119", "烟雾/火情"),
        ("电梯困人了！3号楼的电梯卡住了里面有人", "96333", "电梯困人"),
        ("救命，我家老人摔倒了起不来", "120", "有人摔倒"),
        # tester1: knocking unanswered and milk left at the door for days (was silence), a
        # child's finger caught in a door (was a door repair quoted at ¥60)
        ("我家隔壁老太太敲门一直没人应，她家门口的牛奶放了两天了", "110", "呼救"),
        ("宝宝把手指卡在门缝里了 在哭 怎么办", "120", "突发急病"),
        # tester3: a missing elder (was silence): 110, search nearby, staff alerted
        # (session 15: responders read it as 走失, not a bare 呼救)
        ("我们家老人找不到了 出门遛弯到现在还没回来 手机也没带", "附近找一找", "走失"),
        # tester3: water over the floor at night (was a daytime slot): shut-off advice
        ("热水器漏水了 地上全是水 有没有师傅现在能来", "总阀", "家中跑水"),
        # blind set 3: an attack or a break-in had no kind (was silence): the police first
        ("楼下有个男的拿刀追着一个女的跑 在2号楼门口 报警了吗", "110", "暴力/闯入"),
        ("有个陌生人翻进了一楼的院子 正在扒窗户", "锁好门", "暴力/闯入"),
    ],
)
async def test_group_emergency_advice_and_private_alert(
    bot: Harness, text: str, advice: str, alert_kind: str
) -> None:
    """In the group: short advice quoting the writer, no address; staff and the covering
    housekeeper are alerted privately with the words and a link to the message."""
    await bot.settle_staff()
    zhang = await _keeper(bot, 2001, "张管家", "hk_zhang")
    resident = await _resident(bot)
    chat = await bot.group(-1001234567890)
    said = await bot.say(resident, text, chat=chat)
    answer = await bot.sb.wait_for_message(chat.id, contains=advice, after=said.message_id)
    assert answer.reply_to is not None and answer.reply_to.message_id == said.message_id
    assert "3-2-501" not in answer.content and "已通知" in answer.content
    staff = await bot.sb.wait_for_message(bot.staff.id, contains=alert_kind)
    assert text in staff.content and "小李" in staff.content
    assert f"https://t.me/c/1234567890/{said.message_id}" in staff.content
    assert "3-2-501" in staff.content
    assert staff.button_texts == ["🏃 我去处理", "✅ 已确认平安", "🚑 需要支援"]
    keeper = await bot.sb.wait_for_message(zhang.id, contains=alert_kind)
    assert text in keeper.content
    await bot.sb.wait_idle()
    _no_booking(bot, chat.id, resident.id)


async def test_private_emergency_in_english_and_the_incident_timeline(bot: Harness) -> None:
    """In private, in English: advice in English; staff read the words; /incident shows it."""
    await bot.settle_staff()
    tenant = bot.person(5002, "Anna", language="en")
    await bot.ask(tenant, "/start")
    answer = await bot.ask(tenant, "I smell gas in my kitchen, it's really strong", contains="gas")
    assert "119" in answer.content
    alert = await bot.sb.wait_for_message(bot.staff.id, contains="燃气泄漏")
    assert "I smell gas" in alert.content and "地点：未说明" in alert.content
    await bot.sb.press(bot.staff, alert, "🏃 我去处理")
    told = await bot.sb.wait_for_message(tenant.id, contains="on the way")
    assert "刘主任" in told.content
    await bot.sb.press(bot.staff, alert, "✅ 已确认平安")
    timeline = await bot.ask(bot.staff, "/incident 1", contains="事件 #1")
    for step in ("发起", "我去处理", "确认平安"):
        assert step in timeline.content
    listing = await bot.ask(bot.staff, "/incident", contains="没有未结束的事件")
    assert listing.content
    _no_booking(bot, tenant.id)


async def test_a_draughty_door_gap_is_a_door_repair_not_an_emergency(bot: Harness) -> None:
    """The near miss of the child's finger in a door gap: "门缝漏风" is the door repair it says,
    answered with its price, and nobody is alerted."""
    await bot.settle_staff()
    await bot.join(bot.person(3003, "王师傅"), "provider", "property_team")
    resident = await _resident(bot)
    chat = await bot.group()
    said = await bot.say(resident, "门缝漏风 想修一下门", chat=chat)
    answer = await bot.sb.wait_for_message(chat.id, contains="门窗维修", after=said.message_id)
    assert "¥" in answer.content and "120" not in answer.content
    await bot.sb.wait_idle(quiet=0.2)
    assert not any("紧急情况" in m.content for m in bot.sb.sent(bot.staff.id))


async def test_mentions_that_are_not_emergencies_stay_quiet_in_a_group(bot: Harness) -> None:
    """A past lift entrapment, a fire drill notice: no advice, no alert."""
    await bot.settle_staff()
    resident = await _resident(bot)
    chat = await bot.group()
    for text in ("上次电梯困人的事处理了吗", "防火演习通知：周六上午十点在小区广场", "今晚吃火锅"):
        await bot.say(resident, text, chat=chat)
    await bot.sb.wait_idle(quiet=0.2)
    assert not any("119" in m.content or "96333" in m.content for m in bot.sb.sent(chat.id))
    assert not any("紧急情况" in m.content for m in bot.sb.sent(bot.staff.id))


async def test_a_second_message_about_the_same_emergency_joins_it(bot: Harness) -> None:
    """Two neighbours write about the same fire: one incident, both messages reach staff."""
    await bot.settle_staff()
    first = await _resident(bot)
    second = bot.person(5003, "老陈")
    chat = await bot.group()
    await bot.say(first, "5楼着火了！好多烟", chat=chat)
    await bot.sb.wait_for_message(bot.staff.id, contains="烟雾/火情")
    await bot.say(second, "真的着火了，烟从窗户冒出来了", chat=chat)
    joined = await bot.sb.wait_for_message(bot.staff.id, contains="老陈")
    assert "#1" in joined.content
    async with bot.runtime.db.read() as tx:
        assert await tx.scalar("SELECT COUNT(*) FROM incidents") == 1


async def test_nobody_is_said_to_be_told_when_no_one_can_be_written_to(bot: Harness) -> None:
    """Staff bound the group but never opened a private chat, no housekeeper joined: the writer
    is told to make the call themselves, not "staff have been told"."""
    resident = bot.person(RESIDENT, "小李")
    chat = await bot.group()  # staff write only in the group
    said = await bot.say(resident, "楼道里着火了 好多烟", chat=chat)
    answer = await bot.sb.wait_for_message(chat.id, contains="119", after=said.message_id)
    assert "已通知" not in answer.content and "请务必自己拨打" in answer.content
    async with bot.runtime.db.read() as tx:
        assert await tx.scalar("SELECT COUNT(*) FROM incident_people WHERE role = 'staff'") == 0


async def test_the_writers_follow_up_reaches_the_responders(bot: Harness) -> None:
    """ "没事了，是有人烧纸" from the same writer goes to everyone on the way; the group hears
    nothing more from the bot."""
    await bot.settle_staff()
    resident = await _resident(bot)
    chat = await bot.group()
    await bot.say(resident, "楼下着火了 好大的烟", chat=chat)
    await bot.sb.wait_for_message(bot.staff.id, contains="烟雾/火情")
    await bot.sb.wait_idle()
    answers = len(bot.sb.sent(chat.id))
    await bot.say(resident, "没事了 是有人在烧纸 虚惊一场", chat=chat)
    relayed = await bot.sb.wait_for_message(bot.staff.id, contains="虚惊一场")
    assert "#1" in relayed.content
    await bot.sb.wait_idle()
    assert len(bot.sb.sent(chat.id)) == answers


async def test_a_new_danger_from_the_writer_of_an_open_incident_is_its_own(bot: Harness) -> None:
    """Tester3: after her gas report, the same writer's "有人在楼顶要跳下来" was only a note
    under the gas incident. Another kind of danger is its own incident: the group gets its
    advice (110) and staff a new alert, not a "📣 #1" note."""
    await bot.settle_staff()
    resident = await _resident(bot)
    chat = await bot.group()
    await bot.say(resident, "家里煤气味很重，怎么办", chat=chat)
    await bot.sb.wait_for_message(bot.staff.id, contains="燃气泄漏")
    await bot.sb.wait_idle()
    said = await bot.say(resident, "有人在楼顶要跳下来", chat=chat)
    answer = await bot.sb.wait_for_message(chat.id, contains="110", after=said.message_id)
    assert "煤气" not in answer.content
    alert = await bot.sb.wait_for_message(bot.staff.id, contains="呼救")
    assert "#2" in alert.content and "楼顶要跳下来" in alert.content
    await bot.sb.wait_idle()
    assert not any("📣 #1" in m.content for m in bot.sb.sent(bot.staff.id))


async def test_an_english_writer_in_a_group_gets_english_advice(bot: Harness) -> None:
    """The group's language is Chinese, but advice to someone who wrote in English is English."""
    await bot.settle_staff()
    tenant = bot.person(5004, "Tom", language="en")
    chat = await bot.group()
    said = await bot.say(
        tenant, "HELP my grandma fell down the stairs and can't get up", chat=chat
    )
    answer = await bot.sb.wait_for_message(chat.id, contains="120", after=said.message_id)
    assert "call 120" in answer.content and "拨打" not in answer.content


async def test_an_attack_told_in_english_in_private_gets_the_police_advice(bot: Harness) -> None:
    """Blind set 3: "someone tried to force open my door" was silence; now 110 in English,
    with the property office's line, and staff alerted with the kind in words."""
    await bot.settle_staff()
    tenant = bot.person(5005, "Maya", language="en")
    await bot.ask(tenant, "/start")
    answer = await bot.ask(
        tenant,
        "Someone just tried to force open my door, he's still in the corridor shouting",
        contains="110",
    )
    assert "lock the door" in answer.content and "拨打" not in answer.content
    alert = await bot.sb.wait_for_message(bot.staff.id, contains="暴力/闯入")
    assert "force open my door" in alert.content
    _no_booking(bot, tenant.id)


async def test_the_place_in_the_words_is_used_and_a_missing_one_is_asked_once(
    bot: Harness,
) -> None:
    """'3栋电梯困人': the housekeeper of building 3 is alerted with the place (no 'no address');
    '有人摔倒了' from someone with no address: one question for the place, whose answer goes to
    the responders (and is not read as a new request)."""
    await bot.settle_staff()
    zhang = await _keeper(bot, 2001, "张管家", "hk_zhang")
    chen = await _keeper(bot, 2002, "陈管家", "hk_chen")
    writer = bot.person(5003, "小周")
    answer = await bot.ask(writer, "3栋电梯困人", contains="96333")
    assert "3栋电梯" in answer.content and "在哪栋楼" not in answer.content
    keeper = await bot.sb.wait_for_message(zhang.id, contains="电梯困人")
    assert "地点：3栋电梯" in keeper.content and "未说明" not in keeper.content
    assert not any("电梯困人" in m.content for m in bot.sb.sent(chen.id))

    other = bot.person(5004, "小吴")
    asked = await bot.ask(other, "有人摔倒了", contains="120")
    assert asked.content.count("在哪栋楼") == 1
    thanks = await bot.ask(other, "2号楼1单元门口", contains="已转告")
    assert thanks.button_texts == []
    passed = await bot.sb.wait_for_message(bot.staff.id, contains="2号楼1单元门口")
    assert "#2" in passed.content
    # tester3: the place said later is the incident's place: reminders carry it, not "未说明"
    await staff_reminded_of(bot, "2号楼1单元门口", contains="第 1 次提醒：小吴")
