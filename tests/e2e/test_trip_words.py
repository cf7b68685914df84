"""Session 15 tester 1 (W1) over the sandbox: an elder's trip in ordinary words was answered
"收到，谢谢您跟我说～" and nothing paused (the ladder then reached staff every day); a son's
"please pause her check-ins" got "I found no booking to cancel". Now both pause, with dates,
and her family and grid worker are told; her own /resume is told to them too."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.config import load_community
from tests.e2e.test_checkins import COMMUNITY, Cast, enrol_people, timeline
from tests.harness import Harness


@pytest.fixture
async def care(harness: Harness) -> AsyncIterator[Cast]:
    harness.with_settings(community=load_community(text=COMMUNITY))
    async with harness.running():
        yield await enrol_people(harness)


@pytest.mark.parametrize(
    "words",
    [
        "明天我去杭州闺女家住一个礼拜 这几天不用问我了",
        "我这几天去儿子家住 不在家",
        "暂停问候三天",
        "我要出去旅游几天",
    ],
)
async def test_an_elders_trip_in_her_words_pauses_and_says_so(care: Cast, words: str) -> None:
    said = await care.bot.say(care.wang, words)
    answer = await care.bot.sb.wait_for_message(care.wang.id, after=said.message_id)
    await care.idle()
    mine = [m.content for m in care.bot.sb.sent(care.wang.id) if m.message_id > said.message_id]
    assert any("暂停" in t and "月" in t for t in mine), mine
    assert not any("谢谢您跟我说" in t for t in mine), answer.content
    assert care.count(care.daughter, "王阿姨 暂停了自己的每日问候") == 1
    assert care.count(care.zhang, "王阿姨 暂停了自己的每日问候") == 1
    assert "paused" in await timeline(care.bot, "elder_wang")


async def test_a_son_asking_in_english_pauses_his_mothers_check_ins(care: Cast) -> None:
    words = "Dad is flying to Guangzhou with me tomorrow for 2 weeks, please pause his check-ins"
    said = await care.bot.say(care.son, words)
    await care.bot.sb.wait_for_message(care.son.id, after=said.message_id)
    await care.idle()
    his = [m.content for m in care.bot.sb.sent(care.son.id) if m.message_id > said.message_id]
    assert any("paused" in t.lower() for t in his), his
    assert not any("booking" in t.lower() for t in his), his
    assert care.count(care.chen, "李大爷") >= 1
    assert "paused" in await timeline(care.bot, "elder_li")


async def test_a_hospital_stay_pauses_and_her_people_hear_why(care: Cast) -> None:
    words = "我下周二去医院做个小手术 住三天院"
    await care.bot.ask(care.li, words, contains="暂停")
    await care.idle()
    assert care.count(care.chen, "住院") >= 1 and care.count(care.son, "住院") >= 1


async def test_her_own_resume_is_told_to_her_family_and_grid_worker(care: Cast) -> None:
    await care.bot.ask(care.wang, "/pause 3天", contains="暂停")
    await care.bot.ask(care.wang, "/resume", contains="恢复")
    await care.idle()
    assert care.count(care.daughter, "王阿姨 恢复了自己的每日问候") == 1
    assert care.count(care.zhang, "王阿姨 恢复了自己的每日问候") == 1


async def test_a_stay_next_week_pauses_from_that_day_and_is_no_news_of_today(care: Cast) -> None:
    """Retest R1: "下礼拜一住院开刀" paused nothing and told staff, the grid worker and family
    that he "回复今天的问候时说在医院". It pauses from that Monday; nobody is told he is in
    hospital now."""
    answer = await care.bot.ask(care.li, "下礼拜一住院开刀", contains="暂停")
    await care.idle()
    assert "周一" in answer.content or "星期一" in answer.content or "月" in answer.content
    for who in (care.chen, care.son, care.bot.staff):
        assert care.count(who, "说在医院") == 0
    assert "paused" in await timeline(care.bot, "elder_li")
