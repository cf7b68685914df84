"""Session 15 tester 1 (M5): 王阿姨 wrote "今天挺好的 谢谢关心哈" in the community group after her
greeting; the ladder went on and her grid worker was sent to check at 09:30. An enrolled elder's
"I'm fine" in a group while her check-in waits is her answer (as her distress there already
reaches her people); with no check-in waiting it is the group's talk, as before."""

from __future__ import annotations

import pytest

from bot.domain.checkins.model import CheckinState
from bot.domain.checkins.signs import Outcome, about_welfare, read_in_group
from intents.welfare import WelfareLevel, read_welfare
from tests.checkins.conftest import DAUGHTER_TG, ZHANG_TG, Care

GROUP = -1001234567890
SLOT = "2026-11-28T08:00"
FINE, NONE = WelfareLevel.FINE, WelfareLevel.NONE


@pytest.mark.parametrize(
    ("level", "waiting", "acts"),
    [
        (FINE, True, True),  # "今天挺好的 谢谢关心哈" after her greeting: her answer
        (FINE, False, False),  # "挺好的" with nothing waiting: the group's talk
        (NONE, True, False),  # "谢谢大家" while her greeting waits: answers nothing
    ],
)
def test_fine_in_a_group_answers_only_a_waiting_greeting(
    level: WelfareLevel, waiting: bool, acts: bool
) -> None:
    assert read_in_group(level, False, False, waiting=waiting) is acts


def test_fine_in_a_group_is_looked_at() -> None:
    """The group path asks whether the writer is an enrolled elder for "fine" words too."""
    assert about_welfare("今天挺好的 谢谢关心哈", "none")
    assert not about_welfare("周六有人一起去爬山吗", "none")


async def test_fine_in_the_group_after_her_greeting_answers_it(care: Care) -> None:
    await care.run(f"ci:elder_wang:{SLOT}:ping")
    words = "今天挺好的 谢谢关心哈"
    level = read_welfare(words).level
    async with care.world.tx() as tx:
        outcome, _ = await care.ci.wrote.in_group(tx, care.wang, words, (GROUP, 51), level)
    assert outcome is Outcome.ANSWERED
    assert (await care.checkin(SLOT)).state == CheckinState.FINE
    assert await care.pending(f"ci:elder_wang:{SLOT}:grid") == []
    assert await care.world.queued.texts(ZHANG_TG) == []
    assert await care.world.queued.texts(GROUP) == []
    assert not any("不太舒服" in t for t in await care.world.queued.texts(DAUGHTER_TG))
