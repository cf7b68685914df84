"""An emergency at an enrolled elder's flat is linked to her (tester 1, session 15, M2):
"3栋2单元501煤气味特别重 快来人" in the group named only "地点：3-2-501" to responders, and her
grid worker and family never heard. Now responders read that it is 王阿姨's home (her risk),
her grid worker is alerted, and her family are told without the address or the words."""

from __future__ import annotations

from datetime import timedelta

from bot import deadlines
from bot.domain.incidents.contract import Ref
from bot.domain.incidents.emergencies import Emergencies, Report
from bot.domain.incidents.model import Kind
from bot.domain.people import People
from tests.checkins.conftest import DAUGHTER_TG, STAFF_TG, ZHANG_TG, Care
from tests.domain_support import rendered

GROUP = -1001234567890


async def test_an_emergency_at_her_flat_reaches_her_circle(care: Care) -> None:
    emergencies = Emergencies(care.incidents, care.ci.help.own_call, care.ci.help.elder_at)
    people = People(care.world.community, care.world.clock)
    async with care.world.tx() as tx:
        neighbour, _ = await people.ensure(tx, 6100, "小李", private=False)
        words = "3栋2单元501煤气味特别重 快来人"
        report = Report(Kind.GAS, neighbour, GROUP, "业主群", 7, words)
        answer = rendered(await emergencies.report(tx, report))
    assert "501" not in answer
    staff = (await care.world.queued.texts(STAFF_TG))[-1]
    assert "王阿姨" in staff and "风险：高" in staff and "3-2-501" in staff
    assert any("王阿姨" in t for t in await care.world.queued.texts(ZHANG_TG))
    family = await care.world.queued.texts(DAUGHTER_TG)
    assert family == [
        "🆘 有人报告 王阿姨 家可能有紧急情况（燃气泄漏）。已通知：网格员 张管家、社区工作人员。"
        "有进展马上告诉您。如果方便，请也尽快联系老人。"
    ]


async def test_an_emergency_at_another_door_is_nobodys(care: Care) -> None:
    emergencies = Emergencies(care.incidents, care.ci.help.own_call, care.ci.help.elder_at)
    people = People(care.world.community, care.world.clock)
    async with care.world.tx() as tx:
        neighbour, _ = await people.ensure(tx, 6100, "小李", private=False)
        report = Report(Kind.GAS, neighbour, GROUP, "业主群", 7, "3栋2单元502煤气味特别重")
        await emergencies.report(tx, report)
    assert await care.world.queued.texts(DAUGHTER_TG) == []
    assert "王阿姨" not in (await care.world.queued.texts(STAFF_TG))[-1]


async def test_her_family_read_no_address_later_and_the_wait_is_about_her_home(
    care: Care,
) -> None:
    """Later words (which may carry the flat) reach the responders, not her family; when
    nobody has set off, the family hear about the report at her home (not "小李 的求助"), and
    the reporter who wrote only in the group is not written to privately at all."""
    emergencies = Emergencies(care.incidents, care.ci.help.own_call, care.ci.help.elder_at)
    people = People(care.world.community, care.world.clock)
    async with care.world.tx() as tx:
        neighbour, _ = await people.ensure(tx, 6100, "小李", private=False)
        other, _ = await people.ensure(tx, 6101, "老周", private=False)
        words = "3栋2单元501煤气味特别重 快来人"
        await emergencies.report(tx, Report(Kind.GAS, neighbour, GROUP, "业主群", 7, words))
        again = "3栋2单元501 门口都是煤气味"
        await emergencies.report(tx, Report(Kind.GAS, other, GROUP, "业主群", 8, again))
    assert any(again in t for t in await care.world.queued.texts(ZHANG_TG))
    for round_ in range(2):
        care.world.clock.advance(timedelta(minutes=5))
        async with care.world.tx() as tx:
            due = await deadlines.pending(tx, "inc:1:")
            assert due[0].ref == Ref(1, round_).dump()
            await care.incidents.on_ack_timeout(tx, due[0])
            await deadlines.cancel(tx, due[0].name)
    family = await care.world.queued.texts(DAUGHTER_TG)
    assert all("501" not in t and "小李" not in t for t in family)
    assert family[-1].startswith("⏳ 老人家里的燃气泄漏报告已经 10 分钟")
    assert await care.world.queued.texts(6100) == []
