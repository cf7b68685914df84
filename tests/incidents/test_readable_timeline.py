"""An incident's timeline can be read (retest 15, finding 6): after 12 hours, 109 lines of
"系统 · 已通知" said nobody's name. Each "told" line says who was told (name and role), and
identical repeated steps fold into one line with how many and the last time."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.incidents.timeline import Lookup
from bot.i18n import render
from tests.incidents.test_service import World, _report, world  # noqa: F401  (the fixture)


async def _timeline(x: World) -> list[str]:
    lookup = Lookup(x.incidents.repo, x.w.audit, x.incidents.people, x.w.community.tz)
    async with x.w.db.read() as tx:
        told = await lookup.timeline(tx, 1)
    assert told is not None
    return render(told, "zh").splitlines()


async def test_a_told_line_names_who_was_told(world: World) -> None:  # noqa: F811
    await _report(world)
    lines = await _timeline(world)
    told = [line for line in lines if "已通知" in line]
    assert any("刘主任" in line and "工作人员" in line for line in told), told
    assert any("张管家" in line for line in told), told


async def test_repeated_steps_fold_into_one_line(world: World) -> None:  # noqa: F811
    x = world
    await _report(x)
    async with x.w.db.read() as tx:
        incident = await x.incidents.repo.get(tx, 1)
    assert incident is not None
    async with x.w.tx() as tx:
        for round_ in range(1, 41):
            x.w.clock.advance(timedelta(minutes=15))
            await x.w.audit.record(tx, "deadline", "escalated", incident.subject, round=round_)
    last = x.w.clock.now().astimezone(x.w.community.tz).strftime("%m-%d %H:%M")
    lines = await _timeline(x)
    escalated = [line for line in lines if "无人响应" in line]
    assert len(escalated) == 1
    assert "×40" in escalated[0] and last in escalated[0]
