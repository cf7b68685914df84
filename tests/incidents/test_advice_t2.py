"""Tester2 #14: the advice and the follow-ups say what fits the emergency — a choking child is
never laid down, a lift or flood reminder never sends people to 120 (the ambulance)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot import deadlines
from bot.domain.incidents.emergencies import Report
from bot.domain.incidents.model import Kind
from intents.welfare import is_choking
from tests.domain_support import rendered
from tests.incidents.test_service import World, world  # noqa: F401  (the fixture)


@pytest.mark.parametrize(
    ("words", "choking"),
    [
        ("孩子把硬币吞下去了 脸都憋红了", True),
        ("宝宝吃果冻噎住了 喘不上气", True),
        ("鱼刺卡在喉咙里了", True),
        ("my son is choking on a grape", True),
        ("she swallowed a battery", True),
        ("老人晕倒了 叫不醒", False),
        ("胸口疼 喘不上气", False),
        ("孩子发高烧 抽搐了", False),
    ],
)
def test_choking_is_told_apart_from_other_medical_words(words: str, choking: bool) -> None:
    assert is_choking(words) is choking


async def _private(x: World, kind: Kind, words: str) -> str:
    chat = x.resident.telegram_id
    async with x.w.tx() as tx:
        answer = await x.emergencies.report(tx, Report(kind, x.resident, chat, "", 7, words))
    return rendered(answer)


async def test_a_choking_child_gets_back_blows_not_lie_down(world: World) -> None:  # noqa: F811
    answer = await _private(world, Kind.MEDICAL, "孩子把硬币吞下去了 脸都憋红了")
    assert "拍背" in answer and "海姆立克" in answer and "120" in answer
    assert "平躺" not in answer


async def test_other_medical_advice_is_unchanged(world: World) -> None:  # noqa: F811
    assert "平躺" in await _private(world, Kind.MEDICAL, "老人晕倒了 叫不醒")


async def _waiting_text(x: World) -> str:
    """Run the ack rounds until the writer is told nobody has set off yet; that text."""
    for _ in range(3):
        x.w.clock.advance(timedelta(minutes=5))
        async with x.w.tx() as tx:
            due = await deadlines.pending(tx, "inc:1:")
            await x.incidents.on_ack_timeout(tx, due[0])
            await deadlines.cancel(tx, due[0].name)
    texts = await x.w.queued.texts(x.resident.telegram_id)
    waiting = [t for t in texts if "还没有人确认出发" in t]
    assert waiting
    return waiting[-1]


async def test_a_lift_reminder_gives_the_lift_line_not_120(world: World) -> None:  # noqa: F811
    await _private(world, Kind.LIFT, "电梯卡在七楼和八楼中间了 里面有人")
    text = await _waiting_text(world)
    assert "96333" in text and "物业" in text and "120" not in text


async def test_a_flood_reminder_says_the_valve_and_property_not_120(world: World) -> None:  # noqa: F811
    await _private(world, Kind.FLOOD, "卫生间水管爆了 水哗哗往外冒")
    text = await _waiting_text(world)
    assert "总阀" in text and "物业" in text and "120" not in text


async def test_other_reminders_still_say_120(world: World) -> None:  # noqa: F811
    await _private(world, Kind.FALL, "楼道里有人摔倒了 起不来")
    assert "120" in await _waiting_text(world)
