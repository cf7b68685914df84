"""Incident use cases on real SQLite: who is told (and only truly), answers through the table,
escalation rounds, closing — asserting on queued messages, repo reads and deadline rows."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from bot import deadlines
from bot.clock import FakeClock
from bot.domain.incidents.contract import DeadlineKind, Ref
from bot.domain.incidents.emergencies import Emergencies, Report
from bot.domain.incidents.model import Kind, Refusal, State
from bot.domain.incidents.repo import IncidentRepo
from bot.domain.incidents.responses import Responses
from bot.domain.incidents.service import Incidents
from bot.domain.incidents.timeline import Lookup
from bot.domain.people import Address, People, Person
from bot.i18n import T
from tests.domain_support import DomainWorld, domain_world, rendered
from tests.harness import START


@dataclass
class World:
    """Incidents over the sample community: a resident in building 3, its housekeeper, staff."""

    w: DomainWorld
    incidents: Incidents
    responses: Responses
    emergencies: Emergencies
    resident: Person
    zhang: Person  # covers buildings 1-3
    chen: Person  # on duty first
    staff: Person


async def _person(w: DomainWorld, people: People, tid: int, name: str, role: str = "") -> Person:
    async with w.tx() as tx:
        person, _ = await people.ensure(tx, tid, name)
        if role:
            await people.grant(tx, person.id, "housekeeper", role)
    return person


@pytest.fixture
async def world(store: Path | str) -> AsyncIterator[World]:
    """The services and the people, on a migrated database."""
    async with domain_world(store, FakeClock(START)) as w:
        people = People(w.community, w.clock)
        incidents = Incidents(
            IncidentRepo(), people, w.outbox, w.audit, w.signer, w.clock, w.community
        )
        resident = await _person(w, people, 6001, "小李")
        async with w.tx() as tx:
            await people.set_address(tx, resident.id, Address("3", "2", "501"))
        yield World(
            w,
            incidents,
            Responses(incidents),
            Emergencies(incidents),
            resident,
            await _person(w, people, 2001, "张管家", "hk_zhang"),
            await _person(w, people, 2002, "陈管家", "hk_chen"),
            await _person(w, people, 1001, "刘主任"),
        )


async def _report(x: World, words: str = "楼道着火了 好多烟") -> str:
    report = Report(Kind.FIRE, x.resident, -1001234567890, "业主群", 7, words)
    async with x.w.tx() as tx:
        answer = await x.emergencies.report(tx, report)
    return rendered(answer)


async def _state(x: World) -> State:
    async with x.w.db.read() as tx:
        incident = await x.incidents.repo.get(tx, 1)
    assert incident is not None
    return incident.state


async def test_an_emergency_tells_staff_and_the_covering_housekeeper(world: World) -> None:
    x = world
    answer = await _report(x)
    assert "119" in answer and "已通知物业值班人员、负责的管家" in answer
    assert await x.w.queued.chats() == {x.staff.telegram_id, x.zhang.telegram_id}
    alert = (await x.w.queued.all(x.zhang.telegram_id))[-1]
    assert "楼道着火了" in alert.text and "报告人住址：3-2-501" in alert.text
    assert "地点：未说明" in alert.text  # the writer's flat is not given as the place
    assert "https://t.me/c/1234567890/7" in alert.text
    assert len(alert.button_data) == 3
    async with x.w.db.read() as tx:
        due = await deadlines.pending(tx, "inc:1:")
    assert [d.kind for d in due] == [DeadlineKind.ACK_TIMEOUT]
    assert due[0].due_at == START + timedelta(minutes=5)


async def test_answers_go_through_the_table(world: World) -> None:
    x = world
    await _report(x)
    async with x.w.tx() as tx:
        assert await x.responses.confirm_safe(tx, 1, x.resident) == Refusal.NOT_YOURS
        assert await x.responses.acknowledge(tx, 1, x.zhang) == State.ACKNOWLEDGED
        assert await x.responses.acknowledge(tx, 1, x.zhang) is None  # said so already
    going = rendered(T("incidents.acked", who="张管家", name="#1 烟雾/火情 · 小李 报告"))
    assert going in await x.w.queued.texts(x.staff.telegram_id)
    async with x.w.db.read() as tx:
        kinds = [d.kind for d in await deadlines.pending(tx, "inc:1:")]
    assert kinds == [DeadlineKind.UNRESOLVED]  # no more "nobody responded" rounds
    async with x.w.tx() as tx:
        assert await x.responses.confirm_safe(tx, 1, x.staff) == State.CLOSED
        assert await x.responses.acknowledge(tx, 1, x.chen) == Refusal.STALE
    assert await _state(x) == State.CLOSED
    async with x.w.db.read() as tx:
        assert await deadlines.pending(tx, "inc:1:") == []


async def test_nobody_acknowledging_adds_the_next_housekeeper_each_round(world: World) -> None:
    x = world
    await _report(x)
    for round_ in range(2):
        x.w.clock.advance(timedelta(minutes=5))
        async with x.w.tx() as tx:
            due = await deadlines.pending(tx, "inc:1:")
            assert due[0].ref == Ref(1, round_).dump()
            await x.incidents.on_ack_timeout(tx, due[0])
            await deadlines.cancel(tx, due[0].name)
    staff_texts = await x.w.queued.texts(x.staff.telegram_id)
    assert sum("没有人响应" in t for t in staff_texts) == 2
    assert any("小李" in t for t in await x.w.queued.texts(x.chen.telegram_id))
    async with x.w.db.read() as tx:
        roles = {p.chat_id: p.role for p in await x.incidents.repo.on_call(tx, 1)}
    assert roles[x.chen.telegram_id] == "responder"
    # A stale round's deadline (already past) changes nothing.
    async with x.w.tx() as tx:
        stale = deadlines.Deadline(0, "old", DeadlineKind.ACK_TIMEOUT, Ref(1, 0).dump(), START)
        await x.incidents.on_ack_timeout(tx, stale)
    assert sum("没有人响应" in t for t in await x.w.queued.texts(x.staff.telegram_id)) == 2


async def test_a_second_report_in_the_same_chat_joins(world: World) -> None:
    x = world
    await _report(x)
    await _report(x, "真的着火了 烟很大")
    async with x.w.db.read() as tx:
        assert len(await x.incidents.repo.open_incidents(tx)) == 1
    assert any("真的着火了" in t for t in await x.w.queued.texts(x.staff.telegram_id))


async def test_staff_look_up_open_incidents_and_one_timeline(world: World) -> None:
    """/incident's use case: the open list, one timeline from the audit, None for no such id."""
    x = world
    lookup = Lookup(x.incidents.repo, x.w.audit, x.incidents.people, x.w.community.tz)
    async with x.w.db.read() as tx:
        assert (await lookup.open_list(tx)).key == "incidents.none_open"
    await _report(x)
    async with x.w.tx() as tx:
        await x.responses.acknowledge(tx, 1, x.zhang)
    async with x.w.db.read() as tx:
        listed = await lookup.open_list(tx)
        timeline = await lookup.timeline(tx, 1)
        missing = await lookup.timeline(tx, 99)
    assert listed.key == "incidents.open_list" and len(listed.params["lines"]) == 1
    assert timeline is not None and timeline.key == "incidents.timeline"
    assert "张管家" in rendered(timeline)  # who acknowledged, from the audit trail
    assert missing is None


async def test_a_chat_message_skips_the_follow_up_lookup_only_when_none_can_be_open(
    world: World,
) -> None:
    """Group chatter asks memory whether its writer could have an emergency open there: not
    known yet, or one raised in that chat within the hour, means look it up; the writer's
    words then reach the responders. An hour later, or in another chat, nothing is looked up."""
    x, group, other = world, -1001234567890, -1009
    assert x.emergencies.may_follow_up(group), "unknown until read: look"
    async with x.w.tx() as tx:
        assert not await x.emergencies.follow_up(tx, group, 6001, "小李", 8, "你好")
    assert not x.emergencies.may_follow_up(group)
    await _report(x)
    assert x.emergencies.may_follow_up(group) and not x.emergencies.may_follow_up(other)
    async with x.w.tx() as tx:
        assert await x.emergencies.follow_up(tx, group, 6001, "小李", 9, "没事了 是有人烧纸")
    assert any("有人烧纸" in t for t in await x.w.queued.texts(x.staff.telegram_id))
    x.w.clock.advance(timedelta(hours=1, seconds=1))
    assert not x.emergencies.may_follow_up(group)


async def test_another_emergency_or_a_request_from_the_same_writer_is_not_folded_in(
    world: World,
) -> None:
    """F2 of the #13 retest: a lift fault, then a fall from the same writer a minute later is
    its own incident with its own alerts; a corridor light in another building (a request) is
    not passed on as news of either; a plain follow-up still is."""
    x, group = world, -1001234567890
    lift = Report(Kind.LIFT, x.resident, group, "业主群", 7, "3号楼电梯困人了")
    fall = Report(Kind.FALL, x.resident, group, "业主群", 8, "隔壁老太太摔倒了 听到咚的一声")
    async with x.w.tx() as tx:
        await x.emergencies.report(tx, lift)
    x.w.clock.advance(timedelta(minutes=1))
    async with x.w.tx() as tx:
        answer = rendered(await x.emergencies.report(tx, fall))
        incidents = await x.incidents.repo.open_incidents(tx)
    assert [i.kind for i in incidents] == [Kind.LIFT, Kind.FALL]
    assert "120" in answer  # the fall's own advice
    staff = await x.w.queued.texts(x.staff.telegram_id)
    assert any("#2" in t and "有人摔倒" in t for t in staff)
    assert not any("📣 #1" in t for t in staff)
    async with x.w.tx() as tx:
        light = await x.emergencies.follow_up(
            tx, group, 6001, "小李", 9, "5栋楼道灯一个星期都不亮了", request=True
        )
        calm = await x.emergencies.follow_up(tx, group, 6001, "小李", 10, "人已经出来了 没事了")
    assert not light and calm
    staff = await x.w.queued.texts(x.staff.telegram_id)
    assert not any("楼道灯" in t for t in staff)
    assert any("📣 #2" in t and "人已经出来了" in t for t in staff)


async def test_an_emergency_nowhere_known_reaches_every_housekeeper(world: World) -> None:
    """F19 of the #13 retest: a writer with no address and no building in the words: both
    housekeepers are told, not only the first on duty."""
    x = world
    async with x.w.tx() as tx:
        stranger, _ = await x.incidents.people.ensure(tx, 6009, "路人")
        await x.emergencies.report(tx, Report(Kind.GAS, stranger, 6009, "", 3, "有很重的煤气味"))
    told = await x.w.queued.chats()
    assert {x.zhang.telegram_id, x.chen.telegram_id, x.staff.telegram_id} <= told
