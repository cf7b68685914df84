"""Session 15: an enrolled elder's distress or "not well" written in a GROUP reaches the same
people as in private (her help call, or the grid worker asked to call), once per incident; her
follow-ups join the open call; the day's greeting is not sent as if nothing happened; group
chatter that only mentions an illness is nobody's alarm. On a real database."""

from __future__ import annotations

import pytest

from bot.domain.checkins.model import CheckinState
from bot.domain.checkins.signs import Outcome, read_in_group
from bot.i18n import T
from intents.welfare import WelfareLevel, read_welfare, worse
from tests.checkins.conftest import DAUGHTER_TG, WANG_TG, ZHANG_TG, Care
from tests.domain_support import rendered

GROUP = -1001234567890
SLOT = "2026-11-28T08:00"
PING = f"ci:elder_wang:{SLOT}:ping"
ADDRESS = "3栋2单元501"
URGENT, UNWELL, FINE, NONE = (
    WelfareLevel.URGENT,
    WelfareLevel.UNWELL,
    WelfareLevel.FINE,
    WelfareLevel.NONE,
)


@pytest.mark.parametrize(
    ("level", "worse_words", "call", "acts"),
    [
        (URGENT, False, False, True),  # "我头晕，站不起来了": her help call
        (UNWELL, False, False, True),  # "我头晕": the grid worker calls today
        (UNWELL, False, True, True),  # joins the open call
        (FINE, False, False, False),  # "挺好的" in a group never answers her greeting
        (NONE, False, False, False),  # chatter
        (NONE, True, False, False),  # "还是不行" with no call of hers: the group's talk
        (NONE, True, True, True),  # "更疼了" while (or just after) her call is open
        (FINE, False, True, False),  # "谢谢大家" while her call is open: not passed on
    ],
)
def test_which_group_words_are_for_her_checkins(
    level: WelfareLevel, worse_words: bool, call: bool, acts: bool
) -> None:
    assert read_in_group(level, worse_words, call) is acts


async def _in_group(care: Care, words: str, message_id: int) -> Outcome:
    """王阿姨 writes these words in the group (as the group handler passes them on)."""
    level = read_welfare(words).level
    async with care.world.tx() as tx:
        outcome, _ = await care.ci.wrote.in_group(tx, care.wang, words, (GROUP, message_id), level)
    return outcome


async def test_distress_in_a_group_is_her_help_call_once_and_holds_the_greeting(
    care: Care,
) -> None:
    """ "我头晕，站不起来了" in the group: her help call (grid worker with the address, her
    daughter told, she is told privately); "好疼啊" next joins it (no second call); the 08:00
    greeting is held by the call, never "今天都好吗"."""
    assert await _in_group(care, "我头晕，站不起来了", 41) is Outcome.HELP
    assert await _in_group(care, "好疼啊 快来人", 42) is Outcome.PASSED_ON
    async with care.world.tx() as tx:
        assert await tx.scalar("SELECT COUNT(*) FROM incidents") == 1
    assert any(ADDRESS in t for t in await care.world.queued.texts(ZHANG_TG))
    daughter = await care.world.queued.texts(DAUGHTER_TG)
    assert any("我头晕，站不起来了" in t for t in daughter)
    assert all(ADDRESS not in t for t in daughter)
    worse_alert = rendered(T("incidents.subject_worse", name="王阿姨", words="好疼啊 快来人"))
    assert worse_alert in await care.world.queued.texts(ZHANG_TG)
    assert await care.world.queued.texts(GROUP) == []  # the domain writes nothing there
    await care.run(PING)
    assert (await care.checkin(SLOT)).state == CheckinState.HELP
    wang = await care.world.queued.texts(WANG_TG)
    assert not any("今天都好吗" in t for t in wang)


async def test_not_well_in_a_group_asks_the_grid_worker_and_answers_the_greeting(
    care: Care,
) -> None:
    """ "我头晕" in the group: the grid worker is asked to call today (with the address), her
    daughter sees it; the 08:00 greeting is already answered "not well", nobody asked twice."""
    assert await _in_group(care, "我头晕", 43) is Outcome.UNWELL
    asked = [t for t in await care.world.queued.texts(ZHANG_TG) if "不太舒服" in t]
    assert len(asked) == 1 and ADDRESS in asked[0]
    assert any("不太舒服" in t for t in await care.world.queued.texts(DAUGHTER_TG))
    await care.run(PING)
    assert (await care.checkin(SLOT)).state == CheckinState.UNWELL
    assert not any("今天都好吗" in t for t in await care.world.queued.texts(WANG_TG))
    assert len([t for t in await care.world.queued.texts(ZHANG_TG) if "不太舒服" in t]) == 1


@pytest.mark.parametrize(
    "words",
    ["我头晕的老毛病好了，谢谢大家关心", "昨天孙子发烧了，今天好了", "头晕药哪里买便宜", "挺好的"],
)
async def test_group_chatter_that_mentions_an_illness_alarms_nobody(
    care: Care, words: str
) -> None:
    assert not worse(words)
    assert await _in_group(care, words, 44) is Outcome.NOTHING
    async with care.world.tx() as tx:
        assert await care.ci.help.open_call(tx, "elder_wang") is None
    assert await care.world.queued.texts(ZHANG_TG) == []
    assert await care.world.queued.texts(DAUGHTER_TG) == []
