"""While an elder's help call is open, an emergency she writes in a group ("快来人啊，好疼",
no "我") joins that call: her words go urgently to everyone on it, with the group message's own
id; no second, generic incident is opened."""

from __future__ import annotations

from bot.domain.incidents.emergencies import Emergencies, Report
from bot.domain.incidents.model import Cause, Kind
from bot.i18n import T
from tests.checkins.conftest import DAUGHTER_TG, STAFF_TG, ZHANG_TG, Care
from tests.domain_support import rendered

GROUP = -100500


async def test_her_emergency_in_a_group_joins_her_open_call(care: Care) -> None:
    emergencies = Emergencies(care.incidents, care.ci.help.own_call)
    async with care.world.tx() as tx:
        await care.ci.help.help_now(tx, "elder_wang", care.wang, Cause.PRESSED, "", None)
        report = Report(Kind.HELP, care.wang, GROUP, "测试群", 7, "快来人啊，好疼")
        await emergencies.report(tx, report)
        second = await care.incidents.repo.get(tx, 2)
    assert second is None
    urgent = rendered(T("incidents.subject_worse", name="王阿姨", words="快来人啊，好疼"))
    for chat in (STAFF_TG, DAUGHTER_TG, ZHANG_TG):
        assert urgent in await care.world.queued.texts(chat), chat
    async with care.world.tx() as tx:  # the same group message again is passed on once
        await emergencies.report(tx, report)
    assert (await care.world.queued.texts(ZHANG_TG)).count(urgent) == 1


async def test_her_own_fall_in_a_group_during_her_call_is_passed_on_too(care: Care) -> None:
    """With "我" (about herself) the call is joined as well, and her words reach it."""
    emergencies = Emergencies(care.incidents, care.ci.help.own_call)
    async with care.world.tx() as tx:
        await care.ci.help.help_now(tx, "elder_wang", care.wang, Cause.PRESSED, "", None)
        words = "我摔倒了 起不来"
        await emergencies.report(tx, Report(Kind.FALL, care.wang, GROUP, "测试群", 8, words))
        assert await care.incidents.repo.get(tx, 2) is None
    urgent = rendered(T("incidents.subject_worse", name="王阿姨", words="我摔倒了 起不来"))
    assert urgent in await care.world.queued.texts(ZHANG_TG)
