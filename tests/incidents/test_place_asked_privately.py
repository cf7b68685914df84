"""In a group, where a home emergency is is asked in private (a 私聊告诉我地点 button), never
invited into the group; a common place ("3栋电梯") may still be said there. An address posted
in the group anyway is never repeated there (tester 1, session 15, M1). Real SQLite."""

from __future__ import annotations

from bot.domain.incidents.contract import Input
from bot.domain.incidents.emergencies import Report
from bot.domain.incidents.model import Kind
from bot.domain.incidents.places import incident_of, start_payload
from tests.domain_support import rendered
from tests.incidents.test_service import World, world  # noqa: F401  (the fixture)

GROUP = -1001234567890


async def _report(x: World, kind: Kind, words: str, chat: int = GROUP) -> tuple[str, int | None]:
    report = Report(kind, x.resident, chat, "业主群", 7, words)
    async with x.w.tx() as tx:
        answer, ask = await x.emergencies.report_asking(tx, report)
    return rendered(answer), ask


async def test_a_home_emergency_in_a_group_asks_the_place_privately(
    world: World,  # noqa: F811
) -> None:
    x = world
    answer, ask = await _report(x, Kind.FALL, "老公在卫生间摔倒了 头流血了")
    assert ask == 1
    assert "私聊告诉我门牌，不要在群里发住址" in answer
    assert "直接回复我" not in answer  # the old prompt invited the address into the group
    assert incident_of(start_payload(1)) == 1 and incident_of("req_1") is None


async def test_a_lift_in_a_group_may_say_the_place_there(world: World) -> None:  # noqa: F811
    x = world
    answer, ask = await _report(x, Kind.LIFT, "电梯困人了 里面有人")
    assert ask is None and "3栋电梯" in answer


async def test_the_private_button_takes_the_place_to_the_responders(
    world: World,  # noqa: F811
) -> None:
    x = world
    await _report(x, Kind.FALL, "老公在卫生间摔倒了 头流血了")
    places = x.emergencies.places
    async with x.w.tx() as tx:
        prompt = rendered(await places.open_private(tx, x.resident, 1))
        assert "不会发到群里" in prompt
        pending = await x.emergencies.inc.people.expecting(tx, x.resident.id)
        assert pending == (Input.PLACE, {"incident": 1})
        assert await places.given(tx, x.resident, 1, "3栋2单元501")
        incident = await x.incidents.repo.get(tx, 1)
    assert incident is not None and incident.address == "3栋2单元501"
    assert "3栋2单元501" in (await x.w.queued.texts(x.zhang.telegram_id))[-1]
    assert all("501" not in text for text in await x.w.queued.texts(GROUP))


async def test_a_neighbour_pressing_it_after_it_is_over_is_told_so(
    world: World,  # noqa: F811
) -> None:
    x = world
    await _report(x, Kind.FALL, "老公在卫生间摔倒了 头流血了")
    async with x.w.tx() as tx:
        await x.responses.confirm_safe(tx, 1, x.zhang)
        prompt = rendered(await x.emergencies.places.open_private(tx, x.chen, 1))
    assert prompt == "这件事已经处理完了，谢谢您。"


async def test_a_flat_posted_in_the_group_anyway_is_kept_for_the_responders_only(
    world: World,  # noqa: F811
) -> None:
    x = world
    await _report(x, Kind.FALL, "老公在卫生间摔倒了 头流血了")
    answer, ask = await _report(x, Kind.HELP, "3栋2单元501 快来人")
    assert ask is None and "501" not in answer  # joined: never echoed to the group
    async with x.w.db.read() as tx:
        incident = await x.incidents.repo.get(tx, 1)
    assert incident is not None and "501" in incident.address  # reminders carry it
    assert "3栋2单元501" in (await x.w.queued.texts(x.zhang.telegram_id))[-1]
