"""Who is going, as family hear it during a help call (tester s15 W4): only those who pressed
我去处理 are "已确认前往" (a grid worker's 需要支援 is not going), a call the ladder raised counts
from the greeting she has been silent since, and only her own grid worker is "网格员"."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot import deadlines
from bot.clock import FakeClock
from bot.domain.incidents.contract import DeadlineKind
from bot.domain.incidents.told import Told
from bot.domain.people import Person
from bot.i18n import T
from tests.checkins.conftest import COMMUNITY, DAUGHTER_TG, STAFF_TG, Care, care_in
from tests.domain_support import rendered

CHEN_TG = 2002
PING = "ci:elder_wang:2026-11-28T08:00:ping"
MIN = timedelta(minutes=1)

WITH_CHEN = COMMUNITY.replace(
    "[[elders]]",
    '[[housekeepers]]\nkey = "hk_chen"\nname = "陈管家"\nbuildings = ["4"]\n\n[[elders]]',
    1,
)


@pytest.fixture
async def two(store: Path | str, clock: FakeClock) -> AsyncIterator[tuple[Care, Person]]:
    """The usual story plus 陈管家, a housekeeper who is not 王阿姨's grid worker."""
    async with care_in(store, clock, WITH_CHEN) as care:
        async with care.world.tx() as tx:
            chen, _ = await care.people.ensure(tx, CHEN_TG, "陈管家")
            await care.people.grant(tx, chen.id, "housekeeper", "hk_chen")
        yield care, chen


async def _support_at_ten(care: Care) -> None:
    """Her 08:00 greeting goes unanswered; at 10:00 张管家 presses 需要支援 on the ladder."""
    await care.run(PING)
    checkin = await care.checkin("2026-11-28T08:00")
    care.world.clock.set(checkin.due_at + 120 * MIN)
    async with care.world.tx() as tx:
        await care.ci.help.support(tx, checkin, care.zhang)


async def test_support_is_not_going_and_the_wait_counts_from_her_greeting(
    two: tuple[Care, Person],
) -> None:
    """需要支援 from 张管家, then 陈管家 presses 我去处理: family asking hear 陈管家 alone is
    going, and that the call is 123 minutes old (silent since 08:00), never "0 分钟"."""
    care, chen = two
    await _support_at_ten(care)
    async with care.world.tx() as tx:
        [before] = await care.ci.help.status(tx, ["elder_wang"])
    nobody = T("incidents.status_support", name="王阿姨", minutes=120)
    assert rendered(before) == rendered(nobody)
    care.world.clock.advance(MIN)
    async with care.world.tx() as tx:
        await care.ci.help.responses.acknowledge(tx, 1, chen)
    care.world.clock.advance(2 * MIN)
    async with care.world.tx() as tx:
        [after] = await care.ci.help.status(tx, ["elder_wang"])
    going = T("incidents.status_going", name="王阿姨", minutes=123, who="陈管家", ago=2)
    assert rendered(after) == rendered(going)


async def test_grid_worker_who_asked_support_can_still_say_she_is_going(
    two: tuple[Care, Person],
) -> None:
    """需要支援 is not 我去处理: when 张管家 later presses 我去处理, everyone hears it."""
    care, _ = two
    await _support_at_ten(care)
    async with care.world.tx() as tx:
        outcome = await care.ci.help.responses.acknowledge(tx, 1, care.zhang)
        [status] = await care.ci.help.status(tx, ["elder_wang"])
    assert outcome is not None
    acked = rendered(T("incidents.acked", who="张管家", name="王阿姨"))
    assert acked in await care.world.queued.texts(DAUGHTER_TG)
    assert "张管家" in rendered(status)


async def test_family_hear_another_housekeeper_as_housekeeper_not_grid_worker(
    two: tuple[Care, Person],
) -> None:
    """The call raised by 需要支援 reaches 陈管家: family read "管家 陈管家", since only
    张管家 is 王阿姨's 网格员."""
    care, _ = two
    await _support_at_ten(care)
    texts = await care.world.queued.texts(DAUGHTER_TG)
    help_ = [t for t in texts if t.startswith("🆘")]
    assert help_, texts
    assert "管家 陈管家" in help_[-1]
    assert "网格员 陈管家" not in help_[-1]


def test_told_names_the_grid_worker_and_other_housekeepers_apart() -> None:
    """The told phrase: her grid worker is 网格员, anyone else reached is 管家."""
    told = Told(keepers=["张管家"], responders=["陈管家"], staff=1)
    zh = [rendered(p) for p in told.parts()]
    en = [rendered(p, "en") for p in told.parts()]
    assert zh == ["网格员 张管家", "管家 陈管家", "社区工作人员"]
    assert en == ["grid worker 张管家", "housekeeper 陈管家", "community staff"]
    assert Told(responders=["陈管家"]).anyone


async def test_support_with_nobody_going_keeps_the_rounds_until_someone_goes(
    two: tuple[Care, Person],
) -> None:
    """张管家 presses 需要支援 on the ladder and nobody presses 我去处理: asking for support is
    not going, so the "nobody responded" rounds go on (staff again, the next housekeeper)
    instead of stopping until the 30-minute unresolved check; 陈管家's 我去处理 ends them."""
    care, chen = two
    await _support_at_ten(care)
    async with care.world.tx() as tx:
        [due] = await deadlines.pending(tx, "inc:1:")
    assert due.kind == DeadlineKind.ACK_TIMEOUT
    care.world.clock.set(max(care.world.clock.now(), due.due_at))
    async with care.world.tx() as tx:
        await care.incidents.on_ack_timeout(tx, due)
        await deadlines.cancel(tx, due.name)
    assert any("没有人响应" in t for t in await care.world.queued.texts(STAFF_TG))
    assert await care.world.queued.texts(CHEN_TG)  # the next housekeeper is added
    async with care.world.tx() as tx:
        [again] = await deadlines.pending(tx, "inc:1:")
        assert again.kind == DeadlineKind.ACK_TIMEOUT
        await care.ci.help.responses.acknowledge(tx, 1, chen)
        kinds = [d.kind for d in await deadlines.pending(tx, "inc:1:")]
    assert kinds == [DeadlineKind.UNRESOLVED]
