"""Tester2 #5: "下礼拜一我去闺女家住几天" paused Monday only; a length said as "a few days" now
pauses a few days from the day said, and the answer says the days were taken as a default."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.domain.checkins.schedule import trip_span
from intents.welfare import WelfareLevel, says_several_days
from tests.checkins.conftest import Care
from tests.domain_support import rendered

NOW = datetime(2026, 12, 4, 5, 47)
MON, TUE = NOW.replace(day=7, hour=0, minute=0), NOW.replace(day=8, hour=0, minute=0)
DAY = timedelta(days=1)


@pytest.mark.parametrize(
    ("words", "several"),
    [
        ("下礼拜一我去闺女家住几天 你们那个问好先别发了啊", True),
        ("去儿子家住些日子", True),
        ("away for a few days from Monday", True),
        ("下周一去女儿家住三天", False),
        ("明天去儿子家住一晚", False),
    ],
)
def test_a_few_days_is_told_apart_from_a_length(words: str, several: bool) -> None:
    assert says_several_days(words) is several


@pytest.mark.parametrize(
    ("span", "length", "several", "expected"),
    [
        ((MON, TUE), None, True, (MON, MON + 3 * DAY)),  # "下礼拜一…住几天": three days
        ((MON, TUE), None, False, (MON, TUE)),  # "下礼拜一" alone: that day
        ((MON, MON + 7 * DAY), None, True, (MON, MON + 7 * DAY)),  # "下周…住几天": that week
        ((MON, TUE), 2 * DAY, False, (MON, MON + 2 * DAY)),  # a length said wins
        (None, None, True, None),  # nothing said at all: no pause from words
    ],
)
def test_a_few_days_from_the_day_said(
    span: tuple[datetime, datetime] | None,
    length: timedelta | None,
    several: bool,
    expected: tuple[datetime, datetime] | None,
) -> None:
    assert trip_span(NOW, span, length, several) == expected


async def test_the_elder_hears_the_few_days_were_guessed(care: Care) -> None:
    """Saturday: "下礼拜一…住几天" pauses Monday to Thursday and says 3 days were taken."""
    async with care.world.tx() as tx:
        answers = await care.ci.pauses.pause_for(
            tx, ["elder_wang"], care.wang, "下礼拜一我去闺女家住几天 你们那个问好先别发了啊"
        )
        elder = await care.ci.repo.elder(tx, "elder_wang")
    assert answers is not None and elder is not None and elder.paused_until is not None
    tz = care.world.community.tz
    assert elder.paused_until.astimezone(tz).strftime("%m-%d %H:%M") == "12-03 00:00"
    said = "\n".join(rendered(a) for a in answers)
    assert "按 3 天算" in said and "/resume" in said


async def test_a_pause_ending_at_midnight_owes_no_late_greeting(care: Care) -> None:
    """Paused Monday (set on Saturday, beyond the planned days): at Tuesday 00:00 the pause
    ends and Monday's slots, never sent, are not planned late — no "系统刚恢复" to the grid
    worker and no staff alert at night; Tuesday's greetings are planned as usual."""
    tz = care.world.community.tz
    mon = datetime(2026, 11, 30, tzinfo=tz)
    async with care.world.tx() as tx:
        await care.ci.pauses.pause(tx, "elder_wang", care.daughter, mon, mon + DAY)
    care.world.clock.advance(mon + DAY - care.world.clock.now())
    [resume] = await care.pending("ci:elder_wang:resume")
    await care.run(resume)
    assert await care.pending("ci:elder_wang:2026-11-30") == []
    assert await care.pending("ci:elder_wang:2026-12-01") != []
    texts = await care.world.queued.texts(care.zhang.telegram_id)
    assert not any("系统刚恢复" in t for t in texts)


async def test_one_answer_settling_two_checkins_tells_each_chat_once(care: Care) -> None:
    """Two greetings waiting at the grid worker's step; one "俺好着嘞": each alerted chat
    hears "好消息" once and she is thanked once (tester2: three times each)."""
    for slot in ("2026-11-28T08:00", "2026-11-28T08:30"):
        await care.run(f"ci:elder_wang:{slot}:ping")
    for slot in ("2026-11-28T08:00", "2026-11-28T08:30"):
        for step in ("remind", "grid"):
            await care.run(f"ci:elder_wang:{slot}:{step}")
    async with care.world.tx() as tx:
        waiting = await care.ci.repo.waiting(tx, "elder_wang")
        assert len(waiting) == 2
        await care.ci.wrote(
            tx, "elder_wang", care.wang, "俺好着嘞 甭惦记", None, (3001, 9), WelfareLevel.FINE
        )
    for chat in (care.zhang.telegram_id, care.daughter.telegram_id):
        texts = await care.world.queued.texts(chat)
        assert sum("好消息" in t for t in texts) == 1
    thanks = [
        t for t in await care.world.queued.texts(care.wang.telegram_id) if "收到，谢谢王阿姨" in t
    ]
    assert len(thanks) == 1
