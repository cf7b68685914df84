"""Tester2 #6: `/incident N` after a day of escalation rounds was "Message is too long" and
staff read nothing. The chat timeline keeps the newest steps that fit and says how many older
ones were left out; the web page (no limit) still has them all."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.incidents.timeline import CHAT_FIT, Lookup
from bot.i18n import LANGUAGES, render
from tests.incidents.test_service import World, _report, world  # noqa: F401  (the fixture)


async def test_a_long_timeline_keeps_the_newest_steps_and_counts_the_rest(
    world: World,  # noqa: F811
) -> None:
    x = world
    await _report(x)
    async with x.w.db.read() as tx:
        incident = await x.incidents.repo.get(tx, 1)
    assert incident is not None
    async with x.w.tx() as tx:
        # 21 hours of steps that differ (identical ones fold into one line: the readable
        # timeline test), one a few minutes apart
        for i in range(300):
            x.w.clock.advance(timedelta(minutes=4))
            await x.w.audit.record(tx, f"person:{1000 + i}", "note", incident.subject)
        await x.w.audit.record(tx, "person:4", "acknowledged", incident.subject)
    lookup = Lookup(x.incidents.repo, x.w.audit, x.incidents.people, x.w.community.tz)
    async with x.w.db.read() as tx:
        full = await lookup.timeline(tx, 1)
        fitted = await lookup.timeline(tx, 1, fit=CHAT_FIT)
    assert full is not None and fitted is not None
    assert len(render(full, "zh")) > 4096  # the whole story does not fit one message
    for lang in LANGUAGES:
        text = render(fitted, lang)
        assert len(text.encode("utf-16-le")) // 2 <= 4096
        lines = text.splitlines()
        assert lines[-1] == render(full, lang).splitlines()[-1]  # the newest step is there
    zh = render(fitted, "zh").splitlines()
    steps = len(render(full, "zh").splitlines()) - 2  # under the heading and the name
    shown = len(zh) - 3  # under the heading, the name and the "older ones" line
    assert 50 < shown < steps
    assert zh[2] == f"……更早的 {steps - shown} 条记录没有列出（消息太长）"
    assert "older entries left out" in render(fitted, "en")


async def test_a_short_timeline_is_shown_whole(world: World) -> None:  # noqa: F811
    x = world
    await _report(x)
    lookup = Lookup(x.incidents.repo, x.w.audit, x.incidents.people, x.w.community.tz)
    async with x.w.db.read() as tx:
        full = await lookup.timeline(tx, 1)
        fitted = await lookup.timeline(tx, 1, fit=CHAT_FIT)
    assert full is not None and fitted is not None
    assert render(full, "zh") == render(fitted, "zh")
