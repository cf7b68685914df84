"""Session 15 tester 1 (W6): "我头晕" at 22:48 from a high-risk elder living alone asked her grid
worker to "call today" (an hour left, off duty) and nothing followed in the morning. At night
(quiet hours, or from 21:00) she is asked whether she needs someone now, the grid worker is
asked to call first thing in the morning (her morning greeting asks her again), and for a
high-risk elder staff on duty hear it tonight."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from bot.config import CheckinPolicy
from bot.domain.checkins.schedule import at_night
from intents.welfare import WelfareLevel
from tests.checkins.conftest import DAUGHTER_TG, STAFF_TG, WANG_TG, ZHANG_TG, Care
from tests.harness import SHANGHAI


@pytest.mark.parametrize(
    ("hour", "minute", "night"),
    [(22, 48, True), (21, 0, True), (2, 0, True), (6, 59, True), (7, 0, False), (20, 59, False)],
)
def test_what_is_night(hour: int, minute: int, night: bool) -> None:
    moment = datetime(2026, 12, 4, hour, minute, tzinfo=SHANGHAI)
    assert at_night(moment, SHANGHAI, CheckinPolicy()) is night


def test_quiet_hours_from_the_community_file_count() -> None:
    policy = CheckinPolicy(quiet_start=time(20, 0), quiet_end=time(6, 0))
    assert at_night(datetime(2026, 12, 4, 20, 30, tzinfo=SHANGHAI), SHANGHAI, policy)


async def test_not_well_at_night_asks_her_now_and_the_grid_worker_in_the_morning(
    care: Care,
) -> None:
    now = care.world.clock.now()
    night = now.replace(hour=22, minute=48) + timedelta(days=0)
    care.world.clock.advance(night - now)
    async with care.world.tx() as tx:
        await care.ci.wrote(
            tx, "elder_wang", care.wang, "我头晕", None, (3001, 7), WelfareLevel.UNWELL
        )
    worker = [t for t in await care.world.queued.texts(ZHANG_TG) if "我头晕" in t]
    assert worker and "明早" in worker[0] and "今天打个电话" not in worker[0], worker
    family = [t for t in await care.world.queued.texts(DAUGHTER_TG) if "不太舒服" in t]
    assert family and "明早" in family[0], family
    her = await care.world.queued.texts(WANG_TG)
    assert any("现在需要人" in t for t in her), her
    staff = await care.world.queued.texts(STAFF_TG)  # high risk: on duty tonight hears it
    assert any("我头晕" in t and "今晚" in t for t in staff), staff
