"""Help calls over the sandbox: they close only when a responder confirms the elder is safe.

Stories from the safety issue: the elder writing again after 需要支援 is passed on and never an
all-clear; an unacknowledged call re-escalates; responders see each other going; a voice note
is a sign of life; distress inside a request both alerts and continues; "not so well" asks the
grid worker to call; a ladder step with no staff chat still reaches a person; restarts lose and
repeat nothing.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from bot.callbacks import CallbackSigner
from bot.config import load_community
from bot.domain.incidents.contract import Action
from tests.e2e.test_checkins import (
    COMMUNITY,
    WANG_ADDRESS,
    Cast,
    enrol_people,
    incident_timeline,
)
from tests.harness import Harness


@pytest.fixture
async def care(harness: Harness) -> AsyncIterator[Cast]:
    """The bot running the check-in test community, both households joined."""
    harness.with_settings(community=load_community(text=COMMUNITY))
    async with harness.running():
        yield await enrol_people(harness)


async def _help_pressed(care: Cast) -> None:
    await care.advance(timedelta(minutes=30))
    ping = await care.ping(care.wang)
    await care.bot.sb.press(care.wang, ping, "🆘 需要帮助")
    await care.idle()


async def test_elder_writing_again_is_passed_on_never_an_all_clear(care: Cast) -> None:
    """Help -> 需要支援 -> "快来人啊，好疼": she is getting worse, so her words reach everyone
    again as urgent and she hears 120 again; nobody hears "平安"."""
    await _help_pressed(care)
    worker = await care.bot.sb.wait_for_message(care.zhang.id, contains="需要帮助")
    await care.bot.sb.press(care.zhang, worker, "🚑 需要支援")
    await care.bot.sb.wait_for_message(care.bot.staff.id, contains="请求支援")
    await care.bot.say(care.wang, "快来人啊，好疼")
    for user in (care.zhang, care.bot.staff, care.daughter):
        relayed = await care.bot.sb.wait_for_message(user.id, contains="快来人啊，好疼")
        assert "情况变严重" in relayed.content
    passed = await care.bot.sb.wait_for_message(care.wang.id, contains="已再次紧急通知")
    assert "平安" not in passed.content and "120" in passed.content
    # Telling the responders not to come is passed on too, not read as a booking to cancel.
    await care.bot.say(care.wang, "没事了 你们不用来了")
    await care.bot.sb.wait_for_message(care.zhang.id, contains="你们不用来了")
    await care.idle()
    assert care.count(care.wang, "取消") == 0
    # "我很好" from her is passed on as her words too, not taken as an all-clear.
    await care.bot.say(care.wang, "我很好")
    await care.bot.sb.wait_for_message(care.daughter.id, contains="「我很好」")
    await care.idle()
    for user in (care.zhang, care.bot.staff, care.daughter, care.wang):
        assert care.count(user, "好消息") == 0 and care.count(user, "确认：") == 0
    view = await care.bot.ask(care.bot.staff, "/care", contains="今日关爱")
    assert "🆘 王阿姨" in view.content.splitlines()[1]


async def test_unacknowledged_help_call_re_escalates_to_the_next_responder(care: Cast) -> None:
    """Nobody presses 我去处理 in 5 minutes: staff again, and 陈管家 is asked too."""
    await _help_pressed(care)
    assert care.count(care.chen, "王阿姨") == 0
    await care.advance(timedelta(minutes=5))
    again = await care.bot.sb.wait_for_message(care.bot.staff.id, contains="没有人响应")
    assert "第 1 次提醒" in again.content and WANG_ADDRESS in again.content
    chen = await care.bot.sb.wait_for_message(care.chen.id, contains="王阿姨")
    assert chen.button_texts == ["🏃 我去处理", "✅ 已确认平安", "🚑 需要支援"]
    await care.bot.sb.press(care.chen, chen, "🏃 我去处理")
    await care.bot.sb.wait_for_message(care.zhang.id, contains="陈管家 正在赶过去")
    await care.advance(timedelta(minutes=5))
    assert care.count(care.bot.staff, "第 2 次提醒") == 0


async def test_two_responders_see_each_others_acknowledgements(care: Cast) -> None:
    """Each "I'm going" is shown to everyone else on the call, so nobody assumes."""
    await _help_pressed(care)
    worker = await care.bot.sb.wait_for_message(care.zhang.id, contains="需要帮助")
    staff = await care.bot.sb.wait_for_message(care.bot.staff.id, contains="需要帮助")
    await care.bot.sb.press(care.zhang, worker, "🏃 我去处理")
    await care.bot.sb.wait_for_message(care.bot.staff.id, contains="张管家 正在赶过去")
    await care.bot.sb.wait_for_message(care.daughter.id, contains="张管家 正在赶过去")
    await care.bot.sb.wait_for_message(care.wang.id, contains="张管家 正在赶过去")
    await care.bot.sb.press(care.bot.staff, staff, "🏃 我去处理")
    await care.bot.sb.wait_for_message(care.zhang.id, contains="刘主任 正在赶过去")
    # Only a responder can close it; then everyone hears who confirmed.
    await care.bot.sb.press(care.zhang, worker, "✅ 已确认平安")
    await care.bot.sb.wait_for_message(care.zhang.id, contains="需要补充说明吗")
    await care.bot.ask(care.zhang, "摔了一下，没有骨折，已扶她休息", contains="说明已保存")
    note = await care.bot.sb.wait_for_message(care.daughter.id, contains="没有骨折")
    assert "张管家 补充说明" in note.content
    steps = [e.action for e in await incident_timeline(care.bot, 1)]
    assert steps.count("acknowledged") == 2 and "confirmed_safe" in steps


async def test_family_and_the_elder_cannot_close_a_call(care: Cast) -> None:
    """A forged "confirmed safe" from family or from the elder herself changes nothing."""
    await _help_pressed(care)
    signer = CallbackSigner(care.bot.settings.secret_key)
    data = signer.make(Action.CONFIRM_SAFE, 1)
    for user in (care.daughter, care.wang):
        last = care.bot.sb.sent(user.id)[-1]
        await care.bot.sb.press_raw(user, user.id, last.message_id, data)
    await care.idle()
    answers = [q.answer_text for q in care.bot.sb.callback_answers()]
    assert answers[-2:] == [answers[-1]] * 2 and "只有负责的" in str(answers[-1])
    async with care.bot.runtime.db.read() as tx:
        state = await tx.scalar("SELECT state FROM incidents WHERE id = 1")
    assert state == "open"


async def test_a_voice_note_is_a_sign_of_life_and_reaches_the_grid_worker(care: Cast) -> None:
    """Silent until the grid worker is asked; then a voice note stops the ladder, forwarded as
    is, but as the bot cannot hear it, nobody is told 平安: the grid worker confirms."""
    await care.advance(timedelta(minutes=30))
    await care.ping(care.wang)
    await care.advance(timedelta(minutes=60))
    await care.bot.sb.wait_for_message(care.zhang.id, contains="一直没有回复")
    await care.bot.sb.send_media(care.wang, "voice")
    heard = await care.bot.sb.wait_for_message(care.zhang.id, contains="没有说自己安好")
    assert "语音" in heard.content
    await care.bot.sb.wait_for_message(care.zhang.id, contains="看不出是否安好")
    await care.bot.sb.wait_for_message(care.zhang.id, contains="<voice>")
    await care.advance(timedelta(hours=2))
    assert care.count(care.bot.staff, "关爱升级：王阿姨") == 0
    assert care.count(care.daughter, "好消息") == 0


async def test_distress_inside_a_request_alerts_and_the_request_goes_on(care: Cast) -> None:
    """ "老伴腿摔了，想借个轮椅": a help call with her words, and the wheelchair is offered."""
    await care.bot.say(care.wang, "老伴腿摔了，想借个轮椅")
    alert = await care.bot.sb.wait_for_message(care.zhang.id, contains="想借个轮椅")
    assert "点了" not in alert.content
    await care.bot.sb.wait_for_message(care.wang.id, contains="马上有人联系您")
    await care.bot.sb.wait_for_message(care.wang.id, contains="轮椅")
    await care.idle()
    assert any("轮椅" in t and "联系您" not in t for t in care.texts(care.wang))


async def test_not_so_well_asks_the_grid_worker_to_call_without_an_alarm(care: Cast) -> None:
    """😐 不太舒服: answered, the grid worker calls today, family see it, staff are not paged."""
    await care.advance(timedelta(minutes=30))
    ping = await care.ping(care.wang)
    await care.bot.sb.press(care.wang, ping, "😐 不太舒服")
    call = await care.bot.sb.wait_for_message(care.zhang.id, contains="不太舒服")
    assert "不是紧急求助" in call.content and WANG_ADDRESS in call.content
    family = await care.bot.sb.wait_for_message(care.daughter.id, contains="不太舒服")
    assert WANG_ADDRESS not in family.content
    await care.bot.sb.wait_for_message(care.wang.id, contains="需要帮助")
    await care.advance(timedelta(hours=3))
    assert care.count(care.wang, "还没收到您的回复") == 0
    assert care.count(care.bot.staff, "关爱升级：王阿姨") == 0
    assert care.count(care.bot.staff, "不太舒服") == 0
    assert "点了“不太舒服”" in call.content
    assert care.count(care.daughter, "今日平安") == 0  # "not so well" is never also "all clear"
    view = await care.bot.ask(care.bot.staff, "/care", contains="今日关爱")
    assert "😐 王阿姨" in view.content


async def test_two_checkin_times_in_one_hour_both_ping(harness: Harness) -> None:
    """08:00 and 08:30 are two check-ins, not one (the slot once kept only the hour)."""
    community = COMMUNITY.replace('["06:30", "08:30"]', '["08:10", "08:40"]')
    harness.with_settings(community=load_community(text=community))
    async with harness.running():
        cast = await enrol_people(harness, li_side=False)
        await cast.advance(timedelta(minutes=10))
        first = await cast.ping(cast.wang)
        await harness.sb.press(cast.wang, first, "😊 我很好")
        # Handled before the clock moves (else the press may answer the second ping instead).
        await harness.sb.wait_for_message(cast.wang.id, contains="谢谢王阿姨")
        await cast.advance(timedelta(minutes=30))
        await cast.idle()
        assert cast.count(cast.wang, "今天都好吗") == 2
        await cast.advance(timedelta(minutes=30))
        assert cast.count(cast.wang, "还没收到您的回复") == 1


async def test_no_staff_chat_sends_the_ladder_to_housekeepers_and_says_so(
    harness: Harness,
) -> None:
    """Nobody on staff ever opened a chat: the staff step goes to the duty housekeepers and
    family hear the truth, not "staff have been told"."""
    prelinked = (
        COMMUNITY.replace('name = "张管家"', 'name = "张管家"\ntelegram_id = 2001')
        .replace('name = "陈管家"', 'name = "陈管家"\ntelegram_id = 2002')
        .replace('name = "王阿姨"', 'name = "王阿姨"\ntelegram_id = 3001')
        .replace('{ name = "王小明",', '{ name = "王小明", telegram_id = 4001,')
    )
    harness.with_settings(community=load_community(text=prelinked))
    async with harness.running():
        wang, daughter = harness.person(3001, "王阿姨"), harness.person(4001, "王小明")
        zhang, chen = harness.person(2001, "张管家"), harness.person(2002, "陈管家")
        for user in (wang, daughter, zhang, chen):
            started = await harness.sb.press_start(user)
            await harness.sb.wait_for_message(user.id, after=started.message_id)
        await harness.advance(timedelta(minutes=30))
        await harness.sb.wait_for_message(wang.id, contains="今天都好吗")
        await harness.advance(timedelta(minutes=60))
        await harness.advance(timedelta(minutes=60))
        duty = await harness.sb.wait_for_message(chen.id, contains="关爱升级：王阿姨")
        assert WANG_ADDRESS in duty.content
        told = await harness.sb.wait_for_message(daughter.id, contains="值班管家")
        assert "工作人员暂时联系不上" in told.content
        assert not any("已通知社区工作人员" in m.content for m in harness.sb.sent(daughter.id))


async def test_restart_mid_help_call_loses_and_repeats_nothing(harness: Harness) -> None:
    """Down during an open call: the escalation due meanwhile runs once; presses still work."""
    harness.with_settings(community=load_community(text=COMMUNITY))
    async with harness.running():
        cast = await enrol_people(harness)
        await _help_pressed(cast)
        worker = await harness.sb.wait_for_message(cast.zhang.id, contains="需要帮助")
    harness.clock.advance(timedelta(minutes=6))
    async with harness.running():
        await harness.sb.wait_for_message(harness.staff.id, contains="第 1 次提醒")
        await cast.idle()
        await harness.sb.press(cast.zhang, worker, "🏃 我去处理")
        await harness.sb.wait_for_message(cast.daughter.id, contains="张管家 正在赶过去")
        await cast.idle()
    async with harness.running():
        await cast.advance(timedelta(minutes=10))
        await harness.sb.press(cast.zhang, worker, "✅ 已确认平安")
        await harness.sb.wait_for_message(cast.daughter.id, contains="确认：王阿姨 平安")
        await cast.idle()
    assert cast.count(harness.staff, "第 1 次提醒") == 1
    assert cast.count(harness.staff, "第 2 次提醒") == 0
    assert cast.count(cast.daughter, "张管家 正在赶过去") == 1
    assert cast.count(cast.daughter, "确认：王阿姨 平安") == 1
    assert cast.count(cast.zhang, "🆘 王阿姨 点了“需要帮助”") == 1


async def test_a_poor_visit_reaches_staff(care: Cast) -> None:
    """A visit recorded 不太好 with a note reaches staff, not only family."""
    await care.advance(timedelta(days=1))
    due = await care.bot.sb.wait_for_message(care.zhang.id, contains="探望提醒")
    await care.bot.sb.press(care.zhang, due, "不太好")
    await care.bot.sb.wait_for_message(care.zhang.id, contains="探望记录")
    await care.bot.ask(care.zhang, "咳嗽很厉害，不肯去医院", contains="已保存")
    staff = await care.bot.sb.wait_for_message(care.bot.staff.id, contains="状态不太好")
    assert "咳嗽很厉害" in staff.content and WANG_ADDRESS in staff.content
