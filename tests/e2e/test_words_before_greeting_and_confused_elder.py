"""Session-10 welfare stories over the sandbox: what an elder wrote shortly before the day's
greeting is its answer (tester3: "不好" at 08:11, then the 08:30 greeting and a ladder to staff
"今天未回复问候"); an elder who cannot hear or follow the bot gets a person, never the service
menu; family linked through staff ask for news of the parent, answered or not."""

from __future__ import annotations

from datetime import timedelta

from bot.config import load_community
from tests.e2e.test_checkins import COMMUNITY, WANG_ADDRESS, Cast, enrol_people
from tests.harness import Harness

MIN = timedelta(minutes=1)


async def _before_greeting(care: Cast, minute: int, words: str) -> None:
    """She writes at 08:MM (the story starts at 08:00); then her 08:30 check-in time comes."""
    await care.advance(minute * MIN)
    await care.bot.say(care.wang, words)
    await care.idle()
    await care.advance((30 - minute) * MIN)


async def test_bu_hao_before_the_greeting_is_the_days_answer(harness: Harness) -> None:
    """08:11 "不好" with no check-in waiting; at 08:30 no greeting and no ladder: the grid worker
    is asked to call (her words, the address), she is told so, and two hours on nobody has been
    told she "did not answer"."""
    harness.with_settings(community=load_community(text=COMMUNITY))
    async with harness.running():
        care = await enrol_people(harness, li_side=False)
        await _before_greeting(care, 11, "不好")  # 08:30, her check-in time
        call = await harness.sb.wait_for_message(care.zhang.id, contains="不好")
        assert WANG_ADDRESS in call.content
        await harness.sb.wait_for_message(care.wang.id, contains="张管家")
        await care.advance(150 * MIN)  # 11:00: past every step of the ladder
        assert care.count(care.wang, "今天都好吗") == 0
        assert care.count(care.zhang, "一直没有回复") == 0
        assert care.count(harness.staff, "王阿姨 今天未回复问候") == 0
        assert care.count(care.daughter, "今日平安") == 0


async def test_fine_before_the_greeting_needs_no_question(harness: Harness) -> None:
    """08:20 "今天挺好的": at 08:30 she is told it counts (with 需要帮助 at hand), her daughter
    gets the daily all-clear with her words, and no reminder or grid worker follows."""
    harness.with_settings(community=load_community(text=COMMUNITY))
    async with harness.running():
        care = await enrol_people(harness, li_side=False)
        await _before_greeting(care, 20, "今天挺好的")
        told = await harness.sb.wait_for_message(care.wang.id, contains="就算您回复过")
        assert told.button_texts == ["🆘 需要帮助"]
        await harness.sb.wait_for_message(care.daughter.id, contains="今天挺好的")
        await care.advance(150 * MIN)
        assert care.count(care.wang, "今天都好吗") == 0
        assert care.count(care.wang, "还没收到您的回复") == 0
        assert care.count(care.zhang, "一直没有回复") == 0


async def test_a_request_before_the_greeting_still_gets_the_greeting(harness: Harness) -> None:
    """A message that says nothing about how she is answers nothing: the greeting goes."""
    harness.with_settings(community=load_community(text=COMMUNITY))
    async with harness.running():
        care = await enrol_people(harness, li_side=False)
        await _before_greeting(care, 20, "刚才在买菜")
        await care.ping(care.wang)


async def _son_linked_by_staff(harness: Harness, care: Cast) -> None:
    """王阿姨's son asks with /family; she agrees and staff confirm: only then is he linked."""
    son = care.son
    await harness.ask(son, "/family 王阿姨 3-2-501", contains="核实")
    ask = await harness.sb.wait_for_message(care.wang.id, contains="「李强」")
    await harness.sb.press(care.wang, ask, "同意")
    pending = await harness.sb.wait_for_message(harness.staff.id, contains="家属关联待确认")
    await harness.sb.press(harness.staff, pending, "同意")
    await care.idle()


async def test_family_linked_by_staff_hear_todays_check_in(harness: Harness) -> None:
    """A son linked through staff asks "我妈今天怎么样": before her answer, that she has not
    answered and who will check; after her 我很好, when she answered and that she is well. The
    daughter asking in English hears the same; never the service menu."""
    harness.with_settings(community=load_community(text=COMMUNITY))
    async with harness.running():
        care = await enrol_people(harness, li_side=False)
        await _son_linked_by_staff(harness, care)
        await care.advance(30 * MIN)
        ping = await care.ping(care.wang)
        waiting = await harness.ask(care.son, "我妈今天怎么样", contains="王阿姨")
        assert "还没有回复" in waiting.content and "张管家" in waiting.content
        await harness.sb.press(care.wang, ping, "😊 我很好")
        await care.idle()
        fine = await harness.ask(care.son, "我妈今天回了没有", contains="王阿姨")
        assert "08:30" in fine.content and "平安" in fine.content
        care.daughter.language_code = "en"
        english = await harness.ask(care.daughter, "how is mum today", contains="王阿姨")
        assert "服务" not in english.content and "category" not in english.content.lower()


async def test_family_hear_honestly_when_she_has_not_answered(harness: Harness) -> None:
    """No answer by 09:30: the son asking "我妈今天怎么样" hears the grid worker is checking."""
    harness.with_settings(community=load_community(text=COMMUNITY))
    async with harness.running():
        care = await enrol_people(harness, li_side=False)
        await _son_linked_by_staff(harness, care)
        await care.advance(90 * MIN)  # 09:30: the grid worker step
        news = await harness.ask(care.son, "我妈今天怎么样", contains="王阿姨")
        assert "还没有回复" in news.content and "张管家" in news.content
        assert "确认" in news.content


MENU = ("类别", "答不上来", "选下面的服务")


async def test_an_elder_who_cannot_hear_gets_a_person_never_the_menu(harness: Harness) -> None:
    """She writes "啊 你说什么 听不见" with nothing waiting, and again as the answer to her
    greeting: each time the grid worker is asked to call her (with the address) and she is
    told so; no service menu, no 平安. "腰疼的下不了床" alone opens a help call."""
    harness.with_settings(community=load_community(text=COMMUNITY))
    async with harness.running():
        care = await enrol_people(harness, li_side=False)
        await harness.say(care.wang, "啊 你说什么 听不见")
        call = await harness.sb.wait_for_message(care.zhang.id, contains="听不清或看不懂")
        assert WANG_ADDRESS in call.content and "你说什么" in call.content
        await harness.sb.wait_for_message(care.wang.id, contains="当面跟您说")
        await care.advance(30 * MIN)
        await care.ping(care.wang)
        await harness.say(care.wang, "听不清 你说啥")
        await care.idle()
        assert care.count(care.zhang, "听不清或看不懂") == 2
        assert care.count(care.wang, "当面跟您说") == 2
        for fragment in MENU:
            assert care.count(care.wang, fragment) == 0
        assert care.count(care.daughter, "平安") == 0
        await care.advance(90 * MIN)  # her answer stopped the ladder
        assert care.count(care.zhang, "一直没有回复") == 0
        await harness.say(care.wang, "腰疼的下不了床")
        await harness.sb.wait_for_message(care.zhang.id, contains="腰疼的下不了床")
        await harness.sb.wait_for_message(harness.staff.id, contains="腰疼的下不了床")


async def test_a_door_number_in_english_is_the_place_in_the_alert(bot: Harness) -> None:
    """Amy (2-1-301) writes "my neighbour in 7-1-402 …" (tester3: 地点：未说明): staff see
    地点：7-1-402 and her own flat only as 报告人住址; she is not asked where it is, and the door
    is never echoed back to her."""
    await bot.settle_staff()
    amy = bot.person(5201, "Amy", "en")
    await bot.ask(amy, "/start")
    await bot.ask(amy, "2-1-301", contains="ddress")
    said = await bot.say(amy, "my neighbour in 7-1-402 fell and can't get up")
    answer = await bot.sb.wait_for_message(amy.id, contains="120", after=said.message_id)
    assert "7-1-402" not in answer.content and "which building" not in answer.content.lower()
    alert = await bot.sb.wait_for_message(bot.staff.id, contains="7-1-402 fell and")
    assert "地点：7-1-402" in alert.content and "报告人住址：2-1-301" in alert.content
