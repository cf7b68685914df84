"""Session 14, item 2: every emergency's advice gives the property office's public number
(`[emergency] office_phone`) beside 110/119/120, in a group and in private, in Chinese and in
English; a group answer never shows the writer's phone or flat."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot import deadlines
from bot.domain.incidents.emergencies import Report
from bot.domain.incidents.model import Kind
from tests.domain_support import rendered
from tests.incidents.test_service import World, world  # noqa: F401  (the fixture)

OFFICE = "0571-8888 6666"  # the sample community's office number
GROUP = -1001234567890


@pytest.mark.parametrize("kind", [k for k in Kind if k != Kind.HELP_CALL])
@pytest.mark.parametrize("private", [False, True])
async def test_the_office_number_is_in_every_emergencys_advice(
    world: World,  # noqa: F811
    kind: Kind,
    private: bool,
) -> None:
    x = world
    chat = x.resident.telegram_id if private else GROUP
    async with x.w.tx() as tx:
        answer = await x.emergencies.report(tx, Report(kind, x.resident, chat, "业主群", 7, "…"))
    zh, en = rendered(answer), rendered(answer, "en")
    assert f"物业服务中心电话：{OFFICE}" in zh and f"Property office: {OFFICE}" in en
    assert "3-2-501" not in zh  # the writer's flat on file is for responders only


def test_the_elders_own_advice_gives_the_office_number_too(world: World) -> None:  # noqa: F811
    for kind in (Kind.FALL, Kind.MEDICAL, Kind.HELP_CALL):
        assert OFFICE in rendered(world.emergencies.advice(kind)) and OFFICE in rendered(
            world.emergencies.advice(kind), "en"
        )


@pytest.mark.parametrize("kind", [Kind.FIRE, Kind.FALL, Kind.LIFT])
async def test_nobody_set_off_yet_gives_the_writer_the_office_number(
    world: World,  # noqa: F811
    kind: Kind,
) -> None:
    """When nobody has said they are going, the writer hears it with the office's number: a
    human to call now, beside 119/120."""
    x = world
    chat = x.resident.telegram_id
    async with x.w.tx() as tx:
        await x.emergencies.report(tx, Report(kind, x.resident, chat, "", 7, "…"))
    for _ in range(3):
        x.w.clock.advance(timedelta(minutes=5))
        async with x.w.tx() as tx:
            due = await deadlines.pending(tx, "inc:1:")
            await x.incidents.on_ack_timeout(tx, due[0])
            await deadlines.cancel(tx, due[0].name)
    waiting = [m for m in await x.w.queued.all(chat) if ":waiting:" in m.key]
    assert waiting and f"物业服务中心电话：{OFFICE}" in waiting[-1].text
