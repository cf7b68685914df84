"""Sparks or a burning smell from a socket or the fuse box ("插座冒火花", "电箱有焦味", "sparks
from the socket") is an emergency, not an electrician's booking: the advice says to cut the power
at the breaker (拉闸) if it is safe and never to use water, and staff and the housekeeper are
alerted to send an electrician now. Sparks told with an electrician asked for, nothing burning
and nothing still going on ("插座冒火花了，找电工", the contract's own example) are the repair."""

from __future__ import annotations

import pytest

from bot.domain.incidents.emergencies import Report
from bot.domain.incidents.model import Kind
from bot.i18n import T
from intents import Catalogue, Understander
from intents.emergency import EmergencyKind, detect_emergency
from tests.domain_support import rendered
from tests.harness import SHANGHAI
from tests.incidents.test_service import World, world  # noqa: F401  (the fixture)

SPARKS = [
    "插座冒火花",
    "插座冒火花了 怎么办",
    "墙上插座打火了",
    "开关一直冒火星",
    "电箱有焦味",
    "插座有焦味",
    "排插烧焦了 一股糊味",
    "sparks from the socket",
    "the outlet in the kitchen is sparking",
    "burning smell from the fuse box",
]


@pytest.mark.parametrize("words", SPARKS)
def test_sparks_and_electrical_burning_are_an_emergency_not_a_booking(words: str) -> None:
    found = detect_emergency(words)
    assert found is not None and found.kind == EmergencyKind.FIRE, words
    understood = Understander(Catalogue.default(), SHANGHAI).understand(words)
    assert understood.emergency == "fire" and understood.target is None


ASKED_FOR_AN_ELECTRICIAN = [
    "插座冒火花了，找电工",  # the contract's public dev set labels exactly this a repair
    "厨房插座冒火花了，吓死我了，已经拉闸了，谁能来修一下",
    "卧室那个插座一插就冒火星子 吓死我了 我不敢用了 找个电工给换一个",
    "客廳插座冒火花，嚇死我，現在不敢用，請派電工來看一下",
    "the socket sparked, need an electrician to fix it",
]


@pytest.mark.parametrize("words", ASKED_FOR_AN_ELECTRICIAN)
def test_sparks_with_an_electrician_asked_for_and_nothing_burning_are_a_repair(words: str) -> None:
    understood = Understander(Catalogue.default(), SHANGHAI).understand(words)
    assert (understood.intent, understood.target) == ("service_request", "electrical_repair")


@pytest.mark.parametrize(
    "words",
    ["插座冒火花 冒烟了 快找电工", "开关一直冒火星 找电工", "插座在冒火花 还有烧焦味 找电工",
     "the socket keeps sparking, get an electrician"],
)  # fmt: skip
def test_sparks_that_burn_or_go_on_stay_an_emergency_even_with_an_electrician_asked(
    words: str,
) -> None:
    understood = Understander(Catalogue.default(), SHANGHAI).understand(words)
    assert understood.emergency == "fire", words


@pytest.mark.parametrize(
    "words", ["我的车要换火花塞", "need a new spark plug for the mower", "插座松了 能来修一下吗"]
)
def test_a_spark_plug_or_a_loose_socket_is_no_emergency(words: str) -> None:
    assert detect_emergency(words) is None


@pytest.mark.parametrize("words", ["插座冒火花", "sparks from the socket", "电箱有焦味"])
@pytest.mark.parametrize("chat", [-1001234567890, 6001])
async def test_the_advice_says_cut_the_power_and_no_water(
    world: World,  # noqa: F811
    words: str,
    chat: int,
) -> None:
    x = world
    async with x.w.tx() as tx:
        answer = await x.emergencies.report(
            tx, Report(Kind.FIRE, x.resident, chat, "业主群", 7, words)
        )
    zh, en = rendered(answer), rendered(answer, "en")
    assert "拉下电闸" in zh and "不要用水" in zh and "119" in zh and "0571-8888 6666" in zh
    assert "breaker" in en and "never use water" in en and "119" in en
    assert "从楼梯撤离" not in zh  # not the house-fire advice
    hint = rendered(T("incidents.electrician_line"))
    for keeper in (x.staff.telegram_id, x.zhang.telegram_id):
        alert = (await x.w.queued.all(keeper))[-1].text
        assert words in alert and hint in alert


async def test_a_house_fire_keeps_its_advice_and_no_electrician_line(world: World) -> None:  # noqa: F811
    x = world
    async with x.w.tx() as tx:
        report = Report(Kind.FIRE, x.resident, 6001, "", 7, "楼下着火了 好多烟")
        answer = rendered(await x.emergencies.report(tx, report))
    assert "楼梯" in answer and "拉下电闸" not in answer
    alert = (await x.w.queued.all(x.staff.telegram_id))[-1].text
    assert rendered(T("incidents.electrician_line")) not in alert
