"""An elder's help call nobody answers never goes quiet: the policy as a table, then on a real
database the rounds past max_rounds, the honest word to her and her daughter, and 我去处理
stopping it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot import deadlines
from bot.config import EmergencyPolicy
from bot.domain.checkins.signs import Outcome, asks_news
from bot.domain.incidents import escalation
from bot.domain.incidents.contract import DeadlineKind
from bot.domain.incidents.model import Cause
from bot.i18n import T
from intents.welfare import WelfareLevel
from tests.checkins.conftest import DAUGHTER_TG, STAFF_TG, WANG_TG, ZHANG_TG, Care
from tests.domain_support import rendered

POLICY = EmergencyPolicy(ack_window=timedelta(minutes=5), max_rounds=6)
MIN = timedelta(minutes=1)
PING = "ci:elder_wang:2026-11-28T08:00:ping"


@pytest.mark.parametrize(
    ("round_", "wait", "tell"),
    [
        (1, 5, False),
        (2, 5, True),
        (3, 5, False),
        (5, 5, False),
        (6, 15, False),
        (7, 15, False),
        (9, 15, False),
        # an hour of rounds every 15 minutes past max_rounds, then hourly (retest 15: a
        # reminder every 15 minutes for three days, "第 320 次提醒"); told each hour
        (10, 60, True),
        (11, 60, True),
        (40, 60, True),
    ],
)
def test_rounds_never_stop_and_tell_the_truth_now_and_then(
    round_: int, wait: int, tell: bool
) -> None:
    assert escalation.next_wait(POLICY, round_) == wait * MIN
    assert escalation.tells_waiting(POLICY, round_) is tell


@pytest.mark.parametrize(
    ("minutes", "zh", "en"),
    [
        (0, "0 分钟", "0 min"),
        (5, "5 分钟", "5 min"),
        (30, "30 分钟", "30 min"),
        (59, "59 分钟", "59 min"),
        (60, "1 小时", "1 h"),
        (95, "1 小时 35 分钟", "1 h 35 min"),
        (24 * 60 + 1, "24 小时 1 分钟", "24 h 1 min"),
        (-3, "0 分钟", "0 min"),  # a clock read a moment early never says "-3"
    ],
)
def test_a_reminder_says_the_real_wait_since_the_call(minutes: int, zh: str, en: str) -> None:
    """The wait is measured from the call to the moment the reminder is written."""
    since = datetime(2026, 11, 28, 8, 0, tzinfo=UTC)
    wait = escalation.waited(since, since + minutes * MIN)
    assert (rendered(wait, "zh"), rendered(wait, "en")) == (zh, en)


async def test_a_late_reminder_says_how_long_she_has_really_waited(care: Care) -> None:
    """The first reminder's deadline runs only 30 minutes after the call (the bot was busy or
    down): staff read "30 分钟", never the 5-minute window; once someone has gone, the
    reminder that nobody confirmed her safe counts from the call too."""
    async with care.world.tx() as tx:
        await care.ci.help.help_now(tx, "elder_wang", care.wang, Cause.WROTE, "快来人啊好疼", 9)
        [due] = await deadlines.pending(tx, "inc:1:")
    care.world.clock.set(due.due_at + 25 * MIN)
    async with care.world.tx() as tx:
        await care.incidents.on_ack_timeout(tx, due)
        await care.ci.help.responses.acknowledge(tx, 1, care.zhang)
        [unresolved] = await deadlines.pending(tx, "inc:1:")
    staff = await care.world.queued.texts(STAFF_TG)
    assert any("已经 30 分钟没有人响应" in t for t in staff), staff
    assert not any("已经 5 分钟" in t for t in staff)
    care.world.clock.set(unresolved.due_at)
    async with care.world.tx() as tx:
        await care.incidents.on_unresolved(tx, unresolved)
    staff = await care.world.queued.texts(STAFF_TG)
    assert any("#1 已发出 1 小时 30 分钟：有人响应了" in t for t in staff), staff


async def _timeout(care: Care) -> None:
    """Run the pending acknowledgement deadline, as the runner would when it falls due."""
    async with care.world.tx() as tx:
        [due] = [d for d in await deadlines.pending(tx, "inc:1:")]
        assert due.kind == DeadlineKind.ACK_TIMEOUT
        care.world.clock.set(max(care.world.clock.now(), due.due_at))
        await care.incidents.on_ack_timeout(tx, due)
        await deadlines.cancel(tx, due.name)


async def test_an_unanswered_help_call_keeps_escalating_until_someone_goes(care: Care) -> None:
    """快来人啊好疼, nobody presses 我去处理: staff are reminded past max_rounds, she and her
    daughter hear at +10 min that nobody has confirmed yet; 我去处理 ends the rounds."""
    async with care.world.tx() as tx:
        await care.ci.help.help_now(tx, "elder_wang", care.wang, Cause.WROTE, "快来人啊好疼", 9)
    for _ in range(9):
        await _timeout(care)
    staff = await care.world.queued.texts(STAFF_TG)
    assert sum("没有人响应" in t for t in staff) == 9
    waiting = rendered(T("incidents.waiting_subject", waited=T("incidents.waited_m", m=10)))
    assert waiting in await care.world.queued.texts(WANG_TG)
    fam = rendered(
        T("incidents.waiting_family", name="王阿姨", waited=T("incidents.waited_m", m=10))
    )
    assert fam in await care.world.queued.texts(DAUGHTER_TG)
    async with care.world.tx() as tx:
        assert [d.kind for d in await deadlines.pending(tx, "inc:1:")] == [
            DeadlineKind.ACK_TIMEOUT
        ]
        await care.ci.help.responses.acknowledge(tx, 1, care.zhang)
        kinds = [d.kind for d in await deadlines.pending(tx, "inc:1:")]
    assert kinds == [DeadlineKind.UNRESOLVED]


async def test_family_asking_for_news_get_the_calls_status(care: Care) -> None:
    """ "我妈怎么样了 有人去了吗": the open call's status, honest before anyone goes, then who
    is going and since when; nothing once it is closed."""
    async with care.world.tx() as tx:
        await care.ci.help.help_now(tx, "elder_wang", care.wang, Cause.WROTE, "快来人啊好疼", 9)
    care.world.clock.advance(3 * MIN)
    async with care.world.tx() as tx:
        [before] = await care.ci.help.status(tx, ["elder_wang"])
        await care.ci.help.responses.acknowledge(tx, 1, care.zhang)
    assert rendered(before) == rendered(T("incidents.status_nobody", name="王阿姨", minutes=3))
    care.world.clock.advance(4 * MIN)
    async with care.world.tx() as tx:
        [after] = await care.ci.help.status(tx, ["elder_wang"])
        await care.ci.help.responses.confirm_safe(tx, 1, care.zhang)
        closed = await care.ci.help.status(tx, ["elder_wang"])
    going = T("incidents.status_going", name="王阿姨", minutes=7, who="张管家", ago=4)
    assert rendered(after) == rendered(going)
    assert closed == []


async def test_an_elder_getting_worse_during_her_call_is_escalated_again(care: Care) -> None:
    """头晕 opens her call; 没事了 is passed on and closes nothing; then 救命啊 我喘不过气来:
    everyone on the call is alerted again, marked urgent, and she is told to call 120."""
    async with care.world.tx() as tx:
        await care.ci.help.help_now(tx, "elder_wang", care.wang, Cause.WROTE, "头晕 站不稳", 9)
        calm, calm_answer = await care.ci.wrote(
            tx, "elder_wang", care.wang, "没事了 好了 不用来", None, (WANG_TG, 10),
            WelfareLevel.FINE,
        )  # fmt: skip
        assert await care.ci.help.open_call(tx, "elder_wang") is not None
        worse, answer = await care.ci.wrote(
            tx, "elder_wang", care.wang, "救命啊 我喘不过气来", None, (WANG_TG, 11),
            WelfareLevel.URGENT,
        )  # fmt: skip
        call = await care.ci.help.open_call(tx, "elder_wang")
    assert (calm, worse) == (Outcome.PASSED_ON, Outcome.PASSED_ON)
    assert call is not None and call.id == 1
    urgent = rendered(T("incidents.subject_worse", name="王阿姨", words="救命啊 我喘不过气来"))
    for chat in (STAFF_TG, DAUGHTER_TG, ZHANG_TG):
        assert urgent in await care.world.queued.texts(chat)
    assert calm_answer is not None and "120" not in rendered(calm_answer)
    assert answer is not None and rendered(T("incidents.advice_medical")) in rendered(answer)
    assert urgent not in await care.world.queued.texts(WANG_TG)


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("我爸今天怎么样", True),
        ("我妈今天回了没有", True),
        ("how is my mum today", True),
        ("did mum reply today?", True),
        ("帮我妈约个保洁", False),
        ("今天天气怎么样", False),
    ],
)
def test_family_asking_for_news(text: str, asks: bool) -> None:
    assert asks_news(text) is asks


async def test_family_hear_todays_check_in_with_no_call_open(care: Care) -> None:
    """ "我妈今天怎么样" with no help call: not yet answered (and who will check), then
    answered 不好 at the time she did, then nothing open and fine."""
    await care.run(PING)
    async with care.world.tx() as tx:
        [waiting] = await care.ci.care.news(tx, ("elder_wang",))
    assert "还没有回复" in rendered(waiting) and "张管家" in rendered(waiting)
    care.world.clock.advance(7 * MIN)
    at = care.world.clock.now().astimezone(care.ci.texts.tz).strftime("%H:%M")
    async with care.world.tx() as tx:
        await care.ci.wrote(
            tx, "elder_wang", care.wang, "不好", None, (WANG_TG, 12), WelfareLevel.NONE
        )
        [unwell] = await care.ci.care.news(tx, ("elder_wang",))
    assert rendered(unwell) == rendered(
        T("checkins.news_unwell", name="王阿姨", time=at, worker="张管家")
    )


async def test_family_hear_yesterdays_unanswered_check_in_not_too_early(care: Care) -> None:
    """tester3: asked at dawn, before today's greeting, while yesterday's check-in was never
    answered nor confirmed: that open check-in, with its day, never "还没有到问候时间"."""
    await care.run(PING)
    care.world.clock.advance(timedelta(hours=21))
    async with care.world.tx() as tx:
        [news] = await care.ci.care.news(tx, ("elder_wang",))
    overdue = T("checkins.news_overdue", name="王阿姨", time="11-28 08:00", worker="张管家")
    assert rendered(news) == rendered(overdue)


async def test_family_hear_she_could_not_read_the_greeting_not_that_she_is_unwell(
    care: Care,
) -> None:
    """tester3: "啊你说啥我看不清楚字太小了" is reported as that (the grid worker calls her),
    never as "不太舒服（或在医院）"."""
    await care.run(PING)
    at = care.world.clock.now().astimezone(care.ci.texts.tz).strftime("%H:%M")
    async with care.world.tx() as tx:
        words = "啊你说啥我看不清楚字太小了"
        await care.ci.wrote(
            tx, "elder_wang", care.wang, words, None, (WANG_TG, 12), WelfareLevel.NONE
        )
        [news] = await care.ci.care.news(tx, ("elder_wang",))
    assert rendered(news) == rendered(
        T("checkins.news_confused", name="王阿姨", time=at, worker="张管家")
    )
