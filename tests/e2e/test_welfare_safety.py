"""Safety stories from the tester's report, over the sandbox: a check-in reply that is not
"fine" is never 平安; an unanswered help call never goes quiet (across a restart) and family
asking for news get its status; a stranger's family request needs staff; an emergency alert
names the place in the words, not the writer's flat."""

from __future__ import annotations

from datetime import timedelta

from bot.config import load_community
from bot.devtools.sandbox import SandboxUser
from tests.e2e.test_checkins import COMMUNITY, WANG_ADDRESS, Cast, enrol_people
from tests.harness import Harness

MIN = timedelta(minutes=1)


async def test_bu_hao_reaches_the_grid_worker_and_is_never_safe(harness: Harness) -> None:
    """王阿姨 answers "不好": the grid worker is asked to call (with the address), the daughter
    hears her words, nobody hears 平安 and she is not wished a good day."""
    harness.with_settings(community=load_community(text=COMMUNITY))
    async with harness.running():
        care = await enrol_people(harness, li_side=False)
        await care.advance(30 * MIN)
        await care.ping(care.wang)
        await harness.say(care.wang, "不好")
        call = await harness.sb.wait_for_message(care.zhang.id, contains="原话：不好")
        assert WANG_ADDRESS in call.content
        await harness.sb.wait_for_message(care.daughter.id, contains="不太舒服")
        await harness.sb.wait_for_message(care.wang.id, contains="需要帮助")
        await care.idle()
        assert care.count(care.daughter, "今日平安") == 0
        assert care.count(care.wang, "顺顺利利") == 0
        await harness.say(care.wang, "我在医院呢 住院了")  # nothing waits now: not a reply
        await care.idle()
        assert care.count(care.daughter, "好消息") == 0


async def test_an_unanswered_help_call_never_goes_quiet(harness: Harness) -> None:
    """快来人啊好疼 and nobody presses 我去处理: reminders go on past max_rounds and across a
    restart; at +10 min she and her daughter hear honestly that nobody has answered yet; the
    daughter asking "我妈怎么样了 有人去了吗" gets the call's status, not a booking's."""
    harness.with_settings(community=load_community(text=COMMUNITY))
    async with harness.running():
        care = await enrol_people(harness, li_side=False)
        await harness.say(care.wang, "快来人啊好疼")
        alert = await harness.sb.wait_for_message(care.zhang.id, contains="快来人啊好疼")
        for _ in range(2):
            await care.advance(5 * MIN)
        await harness.sb.wait_for_message(care.wang.id, contains="还没有人确认出发")
        await harness.sb.wait_for_message(care.daughter.id, contains="还没有人确认出发")
        news = await harness.ask(care.daughter, "我妈怎么样了 有人去了吗", contains="求助")
        assert "还没有人确认出发" in news.content and "预约" not in news.content
        await care.idle()
    harness.clock.advance(25 * MIN)  # down for 25 minutes: the due round runs at start
    async with harness.running():
        await harness.sb.wait_for_message(harness.staff.id, contains="第 3 次提醒")
        for _ in range(6):
            await care.advance(15 * MIN)
        await harness.sb.wait_for_message(harness.staff.id, contains="第 9 次提醒")
        await harness.sb.press(care.zhang, alert, "🏃 我去处理")
        await harness.sb.wait_for_message(care.daughter.id, contains="张管家 正在赶过去")
        news = await harness.ask(care.daughter, "有人去了吗", contains="求助")
        assert "张管家 已确认前往" in news.content
        await care.idle()
        reminders = care.count(harness.staff, "没有人响应")
        await care.advance(30 * MIN)
        assert care.count(harness.staff, "没有人响应") == reminders


async def test_a_strangers_family_request_needs_staff(harness: Harness) -> None:
    """陌生人 knows her name and door: she is warned who asks; her 同意 alone links nobody, so
    her help call does not reach the stranger."""
    harness.with_settings(community=load_community(text=COMMUNITY))
    async with harness.running():
        care: Cast = await enrol_people(harness, li_side=False)
        stranger = harness.person(6009, "陌生人")
        await harness.ask(stranger, "/family 王阿姨 3-2-501", contains="核实")
        ask = await harness.sb.wait_for_message(care.wang.id, contains="「陌生人」")
        assert "不认识" in ask.content and "核实" in ask.content
        await harness.sb.press(care.wang, ask, "同意")
        await harness.sb.wait_for_message(harness.staff.id, contains="家属关联待确认")
        await harness.say(care.wang, "哎呀 我在阳台摔倒了 腿好疼")
        await harness.sb.wait_for_message(care.daughter.id, contains="阳台摔倒")
        await care.idle()
        assert care.count(stranger, "阳台") == 0 and care.count(stranger, "您已关联") == 0


async def _resident(bot: Harness, user_id: int, name: str, address: str) -> SandboxUser:
    user = bot.person(user_id, name)
    await bot.ask(user, "/start")
    await bot.ask(user, address, contains="住址")
    return user


async def test_an_emergency_alert_names_the_place_said_not_the_writers_flat(bot: Harness) -> None:
    """Tom (5-1-1202): "someone collapsed near the west gate" -> 地点：west gate, his flat
    labelled 报告人住址 (private alert only). 赵姐 (3-2-601) worried about "501那个老太太" ->
    地点：501, and she is asked which building."""
    await bot.settle_staff()
    tom = await _resident(bot, 5101, "Tom", "5-1-1202")
    zhao = await _resident(bot, 5102, "赵姐", "3-2-601")
    chat = await bot.group(-1001234567890)
    said = await bot.say(tom, "someone collapsed near the west gate, he's not moving", chat=chat)
    answer = await bot.sb.wait_for_message(chat.id, contains="120", after=said.message_id)
    assert "1202" not in answer.content
    alert = await bot.sb.wait_for_message(bot.staff.id, contains="west gate, he")
    assert "地点：west gate" in alert.content and "报告人住址：5-1-1202" in alert.content
    said = await bot.say(
        zhao, "501那个老太太好几天没见着了 门口的牛奶都没拿 敲门也没人应", chat=chat
    )
    answer = await bot.sb.wait_for_message(chat.id, contains="110", after=said.message_id)
    # asked where, a home only privately (tester 1, session 15, M1)
    assert "3-2-601" not in answer.content and "私聊告诉我门牌" in answer.content
    alert = await bot.sb.wait_for_message(bot.staff.id, contains="501那个老太太")
    assert "地点：501" in alert.content and "报告人住址：3-2-601" in alert.content


async def test_in_hospital_is_news_for_people_never_a_escort_sale(harness: Harness) -> None:
    """王阿姨 answers the check-in "在医院 住院了 儿子陪着": the grid worker hears her words,
    and she is offered no booking (no 陪诊 provider menu, no price)."""
    harness.with_settings(community=load_community(text=COMMUNITY))
    async with harness.running():
        care = await enrol_people(harness, li_side=False)
        await care.advance(30 * MIN)
        await care.ping(care.wang)
        await harness.say(care.wang, "在医院 住院了 儿子陪着")
        await harness.sb.wait_for_message(care.zhang.id, contains="在医院 住院了")
        await care.idle()
        for word in ("预约", "服务商", "¥", "陪诊"):
            assert care.count(care.wang, word) == 0, word
