"""Replies to a waiting check-in: the pure table (fine / not well / hospital / help / unclear),
and on a real database what the daughter, the grid worker, staff and the elder are told — never
平安 for a reply that does not say she is fine."""

from __future__ import annotations

import pytest

from bot.domain.checkins.model import CheckinState
from bot.domain.checkins.replies import Reply, read_reply, said_unasked
from bot.domain.checkins.signs import ends_there, welfare_level
from bot.domain.checkins.wrote import Outcome
from bot.i18n import T
from tests.checkins.conftest import DAUGHTER_TG, STAFF_TG, WANG_TG, ZHANG_TG, Care
from tests.domain_support import rendered

SLOT = "2026-11-28T08:00"
PING = f"ci:elder_wang:{SLOT}:ping"


@pytest.mark.parametrize(
    ("words", "media", "expected"),
    [
        ("我很好", None, Reply.FINE),
        ("挺好的 刚吃完早饭", None, Reply.FINE),
        ("没事没事你们别担心", None, Reply.FINE),
        ("女儿今天来看我了 好得很", None, Reply.FINE),
        ("I'm fine thanks", None, Reply.FINE),
        ("不好", None, Reply.NOT_WELL),
        ("不太好", None, Reply.NOT_WELL),
        ("难受", None, Reply.NOT_WELL),
        ("not good", None, Reply.NOT_WELL),
        ("bad", None, Reply.NOT_WELL),
        ("身体不行了", None, Reply.NOT_WELL),
        ("头晕 没事 就是有点晕", None, Reply.NOT_WELL),
        ("我在医院呢 住院了", None, Reply.HOSPITAL),
        ("昨天去急诊了", None, Reply.HOSPITAL),
        ("I'm in hospital", None, Reply.HOSPITAL),
        ("快来人啊好疼", None, Reply.HELP),
        ("我摔了起不来", None, Reply.HELP),
        # tester3: the heart or the breath is a help call, even told with "昨晚"
        ("昨晚上没睡好 心口有点闷 喘不上气", None, Reply.HELP),
        ("胸口有点疼", None, Reply.HELP),
        ("喘不上气", None, Reply.HELP),
        ("昨晚胸闷 现在好了", None, Reply.FINE),
        # tester3: "fine" in dialect is 平安
        ("俺今儿个挺得劲儿的 甭惦记", None, Reply.FINE),
        ("挺好的 甭担心", None, Reply.FINE),
        ("冇事 好好", None, Reply.FINE),
        ("身上不得劲", None, Reply.NOT_WELL),
        ("嗯", None, Reply.FINE),  # "yes" to "今天都好吗?"
        ("好的", None, Reply.FINE),
        ("ok!", None, Reply.FINE),
        ("嗯 刚才在买菜", None, Reply.UNCLEAR),
        ("好什么好", None, Reply.UNCLEAR),
        ("刚才在买菜", None, Reply.UNCLEAR),
        ("不好意思才看到", None, Reply.UNCLEAR),
        ("啊 你说什么 听不见", None, Reply.CONFUSED),  # tester3: a person calls, never a menu
        ("看不懂 这是什么意思", None, Reply.CONFUSED),
        ("字太小看不清", None, Reply.CONFUSED),
        ("what?", None, Reply.CONFUSED),
        ("I can't hear you", None, Reply.CONFUSED),
        ("你说什么时候来修", None, Reply.UNCLEAR),  # asks when: not confused
        # "fine" with a worry beside it: answered, but never a silent 平安
        ("还好，就是昨天摔了一跤", None, Reply.MENTIONED),
        ("没事就是两天没吃饭了", None, Reply.MENTIONED),
        ("平安，头有点晕", None, Reply.NOT_WELL),
        ("都好 就是药吃完了", None, Reply.MENTIONED),
        ("还好 没摔着", None, Reply.FINE),
        ("", "voice", Reply.UNCLEAR),
        ("", "photo", Reply.UNCLEAR),
        ("", "sticker", Reply.UNCLEAR),
        ("", "location", Reply.UNCLEAR),
    ],
)
def test_a_reply_is_fine_only_when_it_says_so(
    words: str, media: str | None, expected: Reply
) -> None:
    assert read_reply(words, welfare_level(words, None), media) is expected


async def _reply(care: Care, words: str, media: str | None = None) -> Outcome:
    async with care.world.tx() as tx:
        outcome, _ = await care.ci.wrote(
            tx, "elder_wang", care.wang, words, media, (WANG_TG, 9), welfare_level(words, None)
        )
    return outcome


async def _nobody_hears_all_clear(care: Care) -> None:
    thanks = rendered(T("checkins.thanks", name="王阿姨"))
    assert thanks not in await care.world.queued.texts(WANG_TG)
    for chat in (DAUGHTER_TG, ZHANG_TG, STAFF_TG):
        for text in await care.world.queued.texts(chat):
            assert "好消息" not in text and "今日平安" not in text, (chat, text)


async def test_bu_hao_asks_the_grid_worker_and_tells_the_daughter_honestly(care: Care) -> None:
    """ "不好": not 平安; the grid worker is asked to call, the daughter hears her words."""
    await care.run(PING)
    assert await _reply(care, "不好") == Outcome.NOT_FINE
    assert (await care.checkin(SLOT)).state == CheckinState.UNWELL
    await _nobody_hears_all_clear(care)
    said = T("checkins.unwell_words", words="不好")
    ask = T("checkins.worker_not_well", name="王阿姨", address="3栋2单元501", said=said)
    assert rendered(ask) in await care.world.queued.texts(ZHANG_TG)
    fam = T("checkins.family_not_well", name="王阿姨", worker="张管家")
    assert rendered(fam) in await care.world.queued.texts(DAUGHTER_TG)


async def test_hospital_tells_grid_worker_staff_and_family(care: Care) -> None:
    """ "我在医院呢 住院了": the grid worker, staff and the daughter hear it, with her words."""
    await care.run(PING)
    assert await _reply(care, "我在医院呢 住院了") == Outcome.NOT_FINE
    await _nobody_hears_all_clear(care)
    said = T("checkins.how_message", worker="", words="我在医院呢 住院了")
    ask = rendered(T("checkins.worker_hospital", name="王阿姨", address="3栋2单元501", said=said))
    assert ask in await care.world.queued.texts(ZHANG_TG)
    assert ask in await care.world.queued.texts(STAFF_TG)
    fam = T("checkins.family_hospital", name="王阿姨", worker="张管家", said=said)
    assert rendered(fam) in await care.world.queued.texts(DAUGHTER_TG)
    assert (await care.world.queued.texts(WANG_TG))[-1] == rendered(
        T("checkins.ack_hospital", worker="张管家")
    )


async def test_an_unclear_reply_goes_to_a_human(care: Care) -> None:
    """A voice note: forwarded to the grid worker to confirm; the daughter (daily all-clear)
    hears she answered but not that she is 平安; the ladder stops."""
    await care.run(PING)
    assert await _reply(care, "", "voice") == Outcome.UNWELL
    await _nobody_hears_all_clear(care)
    assert [m.method for m in await care.world.queued.all(ZHANG_TG)] == ["send", "copy"]
    said = T("checkins.sent_media", media=T("incidents.media_voice"))
    fam = T("checkins.family_unclear", name="王阿姨", worker="张管家", said=said)
    assert rendered(fam) in await care.world.queued.texts(DAUGHTER_TG)
    assert await care.pending(f"ci:elder_wang:{SLOT}:") == []


async def test_an_answer_after_escalation_is_not_reported_safe_unless_fine(care: Care) -> None:
    """Staff and the grid worker were alerted; "刚才去菜场了" stops the ladder but they hear it
    is not an all-clear yet."""
    await care.run(PING)
    for step in ("remind", "grid", "staff"):
        await care.run(f"ci:elder_wang:{SLOT}:{step}")
    await _reply(care, "刚才去菜场了")
    how = T("checkins.how_message", worker="", words="刚才去菜场了")
    said = rendered(T("checkins.answered_not_fine", name="王阿姨", how=how))
    assert said in await care.world.queued.texts(STAFF_TG)
    await _nobody_hears_all_clear(care)


async def test_fine_is_still_reported_safe(care: Care) -> None:
    """ "我很好": 平安 to the daughter who asked for the daily all-clear, thanks to her."""
    await care.run(PING)
    assert await _reply(care, "我很好") == Outcome.ANSWERED
    assert (await care.checkin(SLOT)).state == CheckinState.FINE
    how = T("checkins.how_message", worker="", words="我很好")
    daily = rendered(T("checkins.daily_all_clear", name="王阿姨", how=how))
    assert daily in await care.world.queued.texts(DAUGHTER_TG)


async def test_dialect_fine_before_the_greeting_is_thanked_never_a_menu(care: Care) -> None:
    """tester3: "俺今儿个挺得劲儿的 甭惦记" with no check-in waiting got the service menu. It is
    her "I'm fine": thanked (the message ends there), kept for her greeting, nobody alarmed."""
    words = "俺今儿个挺得劲儿的 甭惦记"
    async with care.world.tx() as tx:
        outcome, answer = await care.ci.wrote(
            tx, "elder_wang", care.wang, words, None, (WANG_TG, 9), welfare_level(words, None)
        )
    assert outcome == Outcome.NOTED
    assert answer is not None and rendered(answer) == rendered(T("checkins.noted_fine"))
    assert ends_there(outcome, "none") and not ends_there(outcome, "service_request")
    for chat in (ZHANG_TG, STAFF_TG, DAUGHTER_TG):
        assert await care.world.queued.texts(chat) == []


@pytest.mark.parametrize(
    ("words", "news"),
    [
        ("俺在医院呢 昨儿个晚上住进来的 血压高", Reply.HOSPITAL),  # tester 2: news, at once
        ("刚出院回家", Reply.HOSPITAL),
        ("I'm in hospital", Reply.HOSPITAL),
        ("今儿个不太得劲 头有点晕乎乎的", Reply.NOT_WELL),
        ("明天上午想找个人陪我去医院拿药", None),  # a request, not news
        ("我很好", None),
        ("刚才在买菜", None),
        ("我摔了起不来", None),  # a help call, not "not well"
        ("挺好的 就是药吃完了", Reply.MENTIONED),  # a human hears it today
    ],
)
def test_what_she_writes_unasked_is_news_only_when_it_says_so(
    words: str, news: Reply | None
) -> None:
    assert said_unasked(words, welfare_level(words, None), None) is news


async def test_hospital_after_unwell_unasked_reaches_staff_and_ends_there(care: Care) -> None:
    """tester 2: "头有点晕" then "俺在医院呢" (no check-in waiting, the same second): the
    second was filed as another "不太舒服" or lost. Staff, the grid worker and the daughter
    hear she is in hospital; the message is news, never a 陪诊 request."""
    await _reply(care, "今儿个不太得劲 头有点晕乎乎的")
    async with care.world.tx() as tx:
        words = "俺在医院呢 昨儿个晚上住进来的 血压高"
        outcome, _ = await care.ci.wrote(
            tx, "elder_wang", care.wang, words, None, (WANG_TG, 10), welfare_level(words, None)
        )
    assert outcome == Outcome.NOT_FINE and ends_there(outcome, "service_request")
    said = T("checkins.how_message", worker="", words=words)
    ask = rendered(T("checkins.worker_hospital", name="王阿姨", address="3栋2单元501", said=said))
    assert ask in await care.world.queued.texts(ZHANG_TG)
    assert ask in await care.world.queued.texts(STAFF_TG)
    fam = T("checkins.family_hospital", name="王阿姨", worker="张管家", said=said)
    assert rendered(fam) in await care.world.queued.texts(DAUGHTER_TG)
    await care.run(PING)  # her words were the day's answer: nobody asked twice, no ladder
    assert (await care.checkin(SLOT)).state == CheckinState.UNWELL
    assert await care.pending(f"ci:elder_wang:{SLOT}:") == []


async def test_her_words_during_an_open_call_answer_the_check_in(care: Care) -> None:
    """tester 2: with her fall's call still open she wrote "今天头晕 不太舒服"; it was only
    passed on and the ladder ran as if she were silent (the son: "今天的问候还没有回复").
    Her words answer the check-in: the call carries it, no ladder step remains."""
    await _reply(care, "我摔了起不来")
    await care.run(PING)
    assert await _reply(care, "今天头晕 不太舒服") == Outcome.NOT_FINE
    assert (await care.checkin(SLOT)).state == CheckinState.HELP
    assert await care.pending(f"ci:elder_wang:{SLOT}:") == []
    assert ends_there(Outcome.NOT_FINE, "service_request")


async def test_fine_with_a_fall_beside_it_is_answered_and_the_grid_worker_hears_it(
    care: Care,
) -> None:
    """ "还好，就是昨天摔了一跤": the check-in is answered (no ladder), but nobody hears 平安;
    the grid worker is asked to call with her words, the daughter is told honestly."""
    await care.run(PING)
    words = "还好，就是昨天摔了一跤"
    assert await _reply(care, words) == Outcome.UNWELL
    assert await care.pending(f"ci:elder_wang:{SLOT}:") == []
    await _nobody_hears_all_clear(care)
    said = T("checkins.how_message", worker="", words=words)
    ask = T("checkins.worker_mentioned", name="王阿姨", address="3栋2单元501", said=said)
    assert rendered(ask) in await care.world.queued.texts(ZHANG_TG)
    fam = T("checkins.family_mentioned", name="王阿姨", worker="张管家", said=said)
    assert rendered(fam) in await care.world.queued.texts(DAUGHTER_TG)
    ack = rendered(T("checkins.ack_mentioned", worker="张管家"))
    assert (await care.world.queued.texts(WANG_TG))[-1] == ack
    assert (await care.checkin(SLOT)).state == CheckinState.UNWELL


async def test_fine_with_no_food_unasked_reaches_the_grid_worker(care: Care) -> None:
    """ "没事就是两天没吃饭了" before any greeting: the grid worker hears it now."""
    words = "没事就是两天没吃饭了"
    assert await _reply(care, words) == Outcome.UNWELL
    said = T("checkins.how_message", worker="", words=words)
    ask = T("checkins.worker_mentioned", name="王阿姨", address="3栋2单元501", said=said)
    assert rendered(ask) in await care.world.queued.texts(ZHANG_TG)
