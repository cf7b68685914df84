"""Session 15 tester 1 (W1): a trip said in ordinary words ("我这几天去儿子家住 不在家", "暂停问候
三天", "明天出远门 去海南过冬 一个月后回来") or a hospital stay ("下礼拜一住院开刀") pauses the
elder's check-ins, with a default length when none was said; a family member's "please pause her
check-ins" does too. Pure tables for the word rules, the pause itself on a real database."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.domain.checkins.schedule import DEFAULT_PAUSE, trip_span
from bot.domain.checkins.signs import may_be_trip
from intents.welfare import asks_pause, back_in, is_hospital_stay, is_trip
from tests.checkins.conftest import DAUGHTER_TG, ZHANG_TG, Care
from tests.domain_support import rendered

DAY = timedelta(days=1)


@pytest.mark.parametrize(
    ("words", "trip"),
    [
        ("明天我去杭州闺女家住一个礼拜 这几天不用问我了", True),
        ("我这几天去儿子家住 不在家", True),
        ("明天出远门 去海南过冬 一个月后回来", True),
        ("暂停问候三天", True),
        ("我要出去旅游几天", True),
        ("我下周二去医院做个小手术 住三天院", True),
        ("后天我去上海儿子那住半个月 问候先停一停", True),
        ("下礼拜一住院开刀 大概住一周", True),
        ("要去外地看孙子 过段时间回来", True),
        ("问候先别发了 我去闺女那边住几天", True),
        (
            "Mum is flying to Guangzhou with me tomorrow for 2 weeks, please pause her check-ins",
            True,
        ),
        ("please pause mum's check-ins for a week", True),
        ("Dad is staying with us in Shenzhen for 10 days", True),
        ("明天去医院拿药", False),  # an errand, back the same day
        ("陪我去医院看病", False),
        ("我出门买菜了 一会儿回来", False),
        ("上次住院住了三天", False),
    ],
)
def test_trip_words(words: str, trip: bool) -> None:
    assert is_trip(words) is trip


@pytest.mark.parametrize(
    ("words", "asks"),
    [
        ("暂停问候三天", True),
        ("问候先停一停", True),
        ("问好先别发了", True),
        ("please pause her check-ins", True),
        ("no check-ins for dad this week please", True),
        ("问候很准时 谢谢", False),
        ("why did the check-in not come", False),
    ],
)
def test_an_explicit_ask_to_pause(words: str, asks: bool) -> None:
    assert asks_pause(words) is asks


@pytest.mark.parametrize(
    ("words", "intent", "pauses"),
    [
        (
            "Mum is flying to Guangzhou with me tomorrow for 2 weeks, please pause her check-ins",
            "cancel",
            True,
        ),  # read as "cancel" (a booking): the pause ask wins
        ("暂停问候三天", "service_request", True),
        ("明天出门，帮我约保洁", "service_request", False),
        ("我这几天去儿子家住 不在家", "none", True),
    ],
)
def test_which_words_may_pause(words: str, intent: str, pauses: bool) -> None:
    assert may_be_trip(words, intent) is pauses


@pytest.mark.parametrize(
    ("words", "length"),
    [
        ("明天出远门 去海南过冬 一个月后回来", 30 * DAY),
        ("去儿子那 两周后回来", 14 * DAY),
        ("十天以后才回家", 10 * DAY),
        ("back in 3 weeks", 21 * DAY),
        ("明天出门 回来给你带特产", None),
        ("三天后去女儿家", None),  # when she leaves, not how long
    ],
)
def test_back_in_a_while_is_a_length(words: str, length: timedelta | None) -> None:
    assert back_in(words) == length


@pytest.mark.parametrize(
    ("words", "hospital"),
    [
        ("我下周二去医院做个小手术 住三天院", True),
        ("下礼拜一住院开刀 大概住一周", True),
        ("明天住院 做个检查", True),
        ("I'm going into hospital on Monday for a few days", True),
        ("下周去女儿家住几天", False),
    ],
)
def test_a_hospital_stay(words: str, hospital: bool) -> None:
    assert is_hospital_stay(words) is hospital


def test_a_trip_of_unsaid_length_pauses_the_default_from_now() -> None:
    """ "我要出去旅游几天", "要去外地 过段时间回来": no day and no length, yet a trip: a pause
    of the default from now (the answer says so and how to change it), never "收到" alone."""
    now = datetime(2026, 12, 4, 22, 47)
    assert trip_span(now, None, None, several=True, away=True) == (now, now + DEFAULT_PAUSE)
    assert trip_span(now, None, None, away=True) == (now, now + DEFAULT_PAUSE)
    assert trip_span(now, None, None) is None  # "/pause 随便" is no trip: usage instead


async def test_a_trip_of_unsaid_length_pauses_and_says_how_to_change_it(care: Care) -> None:
    async with care.world.tx() as tx:
        answers = await care.ci.pauses.pause_for(
            tx, ["elder_wang"], care.wang, "要去外地看孙子 过段时间回来", away=True
        )
        elder = await care.ci.repo.elder(tx, "elder_wang")
    assert answers and elder is not None and elder.paused_until is not None
    said = "\n".join(rendered(a) for a in answers)
    assert "3 天" in said and "/resume" in said and "/pause" in said, said


async def test_a_hospital_stay_pauses_and_the_grid_worker_and_family_hear_why(
    care: Care,
) -> None:
    """ "下礼拜一住院开刀 大概住一周": paused a week from Monday; her grid worker and her
    daughter are told she goes into hospital, with her words (a human should know)."""
    words = "下礼拜一住院开刀 大概住一周"
    async with care.world.tx() as tx:
        answers = await care.ci.pauses.pause_for(tx, ["elder_wang"], care.wang, words, away=True)
    assert answers
    for chat in (ZHANG_TG, DAUGHTER_TG):
        texts = await care.world.queued.texts(chat)
        assert any("住院" in t and words in t for t in texts), texts


async def test_her_own_pause_is_told_as_hers(care: Care) -> None:
    """She pauses herself: "王阿姨 暂停了自己的每日问候", never "王阿姨 把 王阿姨 的…"."""
    async with care.world.tx() as tx:
        await care.ci.pauses.pause_for(tx, ["elder_wang"], care.wang, "暂停问候三天", away=True)
    texts = await care.world.queued.texts(DAUGHTER_TG)
    assert any("王阿姨 暂停了自己的每日问候" in t for t in texts), texts
    assert not any("把 王阿姨" in t for t in texts)


async def test_her_own_resume_is_told_to_her_family_and_grid_worker(care: Care) -> None:
    async with care.world.tx() as tx:
        await care.ci.pauses.pause_for(tx, ["elder_wang"], care.wang, "暂停问候三天", away=True)
        assert await care.ci.pauses.resume_all(tx, ["elder_wang"], care.wang)
    for chat in (ZHANG_TG, DAUGHTER_TG):
        texts = await care.world.queued.texts(chat)
        assert any("王阿姨 恢复了自己的每日问候" in t for t in texts), texts
