"""Session 15 retest (#7): a deaf resident wrote "我听不见 不能打电话 家里有煤气味 请帮我打119"
and was told to "call 119 from outside"; nobody was asked to call for him. When the words say
the writer cannot phone (cannot hear, asks us to call 119 or the police), the alert to staff
and the housekeeper says so, with the number to call; an ordinary report has no such line."""

from __future__ import annotations

import pytest

from bot.domain.incidents.emergencies import Report
from bot.domain.incidents.model import Kind
from intents.welfare import cannot_call
from tests.incidents.test_service import World, world  # noqa: F401  (the fixture)


@pytest.mark.parametrize(
    ("words", "cannot"),
    [
        ("我听不见 不能打电话 家里有煤气味 请帮我打119", True),
        ("家里有煤气味 请帮我打119", True),
        ("有人在砸门 帮我报警", True),
        ("我没法打电话 老伴晕倒了", True),
        ("please call 119 for me, I smell gas", True),
        ("I'm deaf, there is smoke", True),
        ("家里有煤气味", False),
        ("楼下着火了 我已经打119了", False),
        ("帮我约个保洁", False),
    ],
)
def test_cannot_call(words: str, cannot: bool) -> None:
    assert cannot_call(words) is cannot


@pytest.mark.parametrize(
    ("kind", "words", "number"),
    [
        (Kind.GAS, "我听不见 不能打电话 家里有煤气味 请帮我打119", "119"),
        (Kind.VIOLENCE, "有人在砸门 我说不了话 帮我报警", "110"),
        (Kind.MEDICAL, "我没法打电话 老伴晕倒了", "120"),
    ],
)
async def test_the_alert_asks_staff_to_call_for_the_writer(
    world: World,  # noqa: F811
    kind: Kind,
    words: str,
    number: str,
) -> None:
    x = world
    async with x.w.tx() as tx:
        await x.emergencies.report(tx, Report(kind, x.resident, 6001, "", 7, words))
    for keeper in (x.staff.telegram_id, x.zhang.telegram_id):
        alert = (await x.w.queued.all(keeper))[-1].text
        assert f"报告人无法打电话，请代为拨打 {number}" in alert, alert


async def test_an_ordinary_report_has_no_such_line(world: World) -> None:  # noqa: F811
    x = world
    async with x.w.tx() as tx:
        await x.emergencies.report(tx, Report(Kind.GAS, x.resident, 6001, "", 7, "家里有煤气味"))
    alert = (await x.w.queued.all(x.staff.telegram_id))[-1].text
    assert "无法打电话" not in alert
