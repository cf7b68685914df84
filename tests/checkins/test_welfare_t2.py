"""Tester 2's welfare findings on a real database: an elder's fall written in a group is her
own help call (family alerted, her address on file, nothing asked in the group)."""

from __future__ import annotations

import pytest

from bot.domain.incidents.emergencies import Emergencies, Report
from bot.domain.incidents.model import Kind
from bot.i18n import T
from intents.welfare import about_relative, about_self
from tests.checkins.conftest import DAUGHTER_TG, STAFF_TG, WANG_TG, ZHANG_TG, Care
from tests.domain_support import rendered

GROUP = -1001234567890


@pytest.mark.parametrize(
    ("words", "own"),
    [
        ("俺栓倒了 在家起不来 谁来帮帮俺", True),
        ("我摔了一跤 起不来了", True),
        ("I fell and can't get up, help me", True),
        ("楼下有个老人摔倒了 起不来", False),  # someone she sees: the group's emergency
        ("3栋门口有人晕倒了", False),
    ],
)
def test_a_fall_is_her_own_only_when_she_says_so(words: str, own: bool) -> None:
    assert about_self(words) is own


async def test_an_elders_fall_in_a_group_is_her_help_call(care: Care) -> None:
    """tester 2: "俺栓倒了 在家起不来" in the group reached staff but not her son, showed
    "地点：未说明", and asked her in the group where she was (she answered with her flat and
    "门没锁"). It is her help call: family and grid worker alerted, her address on file to
    the responders, she is told privately; the group reads advice, never a question."""
    emergencies = Emergencies(care.incidents, care.ci.help.own_call)
    words = "俺栓倒了 在家起不来 谁来帮帮俺"
    async with care.world.tx() as tx:
        report = Report(Kind.FALL, care.wang, GROUP, "业主群", 7, words)
        answer = rendered(await emergencies.report(tx, report))
        call = await care.ci.help.open_call(tx, "elder_wang")
    assert call is not None and call.address == "3栋2单元501"
    assert rendered(T("incidents.place_ask")) not in answer
    assert "3栋2单元501" not in answer and "120" in answer
    assert any(words in t for t in await care.world.queued.texts(DAUGHTER_TG))
    assert any("3栋2单元501" in t for t in await care.world.queued.texts(ZHANG_TG))
    assert await care.world.queued.texts(STAFF_TG)
    assert await care.world.queued.texts(WANG_TG)  # privately: who was told


async def test_someone_elses_fall_in_a_group_stays_the_groups_emergency(care: Care) -> None:
    """A fall she saw is not her help call: nobody's family is told about her."""
    emergencies = Emergencies(care.incidents, care.ci.help.own_call)
    async with care.world.tx() as tx:
        report = Report(Kind.FALL, care.wang, GROUP, "业主群", 8, "楼下有个老人摔倒了 起不来")
        await emergencies.report(tx, report)
        assert await care.ci.help.open_call(tx, "elder_wang") is None
    assert await care.world.queued.texts(DAUGHTER_TG) == []


@pytest.mark.parametrize(
    ("words", "relative"),
    [
        ("我妈电话从下午打到现在一直没人接 能不能麻烦派人上门看一眼", True),
        ("my mum is not answering her phone", True),
        ("楼道里有人晕倒了", False),
    ],
)
def test_family_speak_of_their_parent(words: str, relative: bool) -> None:
    assert about_relative(words) is relative


async def test_a_sons_worry_is_his_mothers_help_call(care: Care) -> None:
    """tester 2: "我妈电话…一直没人接…派人上门看一眼" from her (enrolled) family opened a
    generic call, asked which building, and the all-clear said the son was safe. It is her
    help call: her address to the responders, nothing asked, the all-clear names her."""
    emergencies = Emergencies(care.incidents, care.ci.help.own_call)
    words = "我妈电话从下午打到现在一直没人接 平时都接的 能不能麻烦派人上门看一眼"
    async with care.world.tx() as tx:
        report = Report(Kind.HELP, care.daughter, DAUGHTER_TG, "", 5, words)
        answer = rendered(await emergencies.report(tx, report))
        call = await care.ci.help.open_call(tx, "elder_wang")
        assert call is not None and call.address == "3栋2单元501"
        await care.ci.help.responses.confirm_safe(tx, call.id, care.zhang)
    assert rendered(T("incidents.place_ask")) not in answer
    assert any("3栋2单元501" in t for t in await care.world.queued.texts(ZHANG_TG))
    closed = rendered(T("incidents.closed", who="张管家", name="王阿姨", note=""))
    assert closed in await care.world.queued.texts(DAUGHTER_TG)
