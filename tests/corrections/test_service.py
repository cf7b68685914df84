"""Corrections on a real database: a dismissal by the writer or staff (once), the request
behind it withdrawn, examples kept without who wrote them, /misses groups and staff's labels,
and the export of confirmed examples to a file."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.clock import FakeClock
from bot.domain.corrections import Corrections, Outcome, Role, Source, export_confirmed
from bot.domain.corrections.files import key_of
from bot.domain.misses import record_miss
from bot.domain.requests import Requests
from intents import Catalogue, Understanding
from tests.domain_support import DomainWorld, domain_world

WRITER, NEIGHBOUR, STAFF, GROUP = 6001, 6002, 1001, -1001
HOOD = "range_hood_cleaning"


@pytest.fixture
async def world(store: Path | str, clock: FakeClock) -> AsyncIterator[DomainWorld]:
    async with domain_world(store, clock) as world:
        yield world


@pytest.fixture
def corrections(world: DomainWorld) -> Corrections:
    community = world.community
    return Corrections(key_of(community), world.clock, Catalogue.default(), community.tz)


async def _reply(world: DomainWorld, c: Corrections, text: str, token: str | None = None) -> int:
    async with world.tx() as tx:
        return await c.remember(tx, GROUP, WRITER, text, "service_request", HOOD, token)


async def _dismiss(world: DomainWorld, c: Corrections, reply_id: int, who: int) -> Outcome:
    async with world.tx() as tx:
        return (await c.dismiss(tx, reply_id, who, who == STAFF)).outcome


async def _table(world: DomainWorld) -> list[dict[str, object]]:
    async with world.db.read() as tx:
        return [dict(r) for r in await tx.all("SELECT * FROM community_examples ORDER BY id")]


async def test_the_writer_dismisses_once_and_a_neighbour_changes_nothing(
    world: DomainWorld, corrections: Corrections
) -> None:
    reply = await _reply(world, corrections, "油烟机上次洗得真干净 电话13812345678")
    assert await _dismiss(world, corrections, reply, NEIGHBOUR) is Outcome.NOT_ALLOWED
    assert await _table(world) == []
    assert await _dismiss(world, corrections, reply, WRITER) is Outcome.DISMISSED
    assert await _dismiss(world, corrections, reply, WRITER) is Outcome.STALE
    assert await _dismiss(world, corrections, reply, STAFF) is Outcome.STALE
    assert await _dismiss(world, corrections, 999, WRITER) is Outcome.STALE
    [row] = await _table(world)
    assert row["text"] == "油烟机上次洗得真干净 电话***"  # the number never kept
    assert (row["guess_intent"], row["guess_target"]) == ("service_request", HOOD)
    assert (row["intent"], row["target"], row["source"]) == ("none", None, "dismissed")
    assert (row["by_role"], row["confirmed"]) == ("writer", 0)  # waits for staff
    assert str(WRITER) not in json.dumps(row, default=str)  # nobody's id


async def test_staff_dismissing_is_confirmed_at_once(
    world: DomainWorld, corrections: Corrections
) -> None:
    reply = await _reply(world, corrections, "油烟机的事我自己搞定了")
    assert await _dismiss(world, corrections, reply, STAFF) is Outcome.DISMISSED
    async with world.db.read() as tx:
        [example] = await corrections.confirmed(tx)
    assert (example.by_role, example.source, example.confirmed) == (
        Role.STAFF,
        Source.DISMISSED,
        True,
    )


async def test_the_request_behind_a_dismissed_reply_is_withdrawn(
    world: DomainWorld, corrections: Corrections
) -> None:
    requests = Requests(world.clock)
    understood = Understanding("service_request", HOOD, 90.0, None, None, True, False)
    async with world.tx() as tx:
        request = await requests.record(tx, WRITER, GROUP, understood)
    reply = await _reply(world, corrections, "想洗油烟机", request.token)
    assert await _dismiss(world, corrections, reply, WRITER) is Outcome.DISMISSED
    async with world.db.read() as tx:
        assert await requests.find(tx, request.token) is None
        assert await corrections.withdrawn(tx, request.token)


async def test_misses_of_today_and_dismissals_are_grouped_and_labelled_by_staff(
    world: DomainWorld, corrections: Corrections
) -> None:
    async with world.tx() as tx:
        await record_miss(tx, world.clock, "去年的飞碟修好了吗")  # yesterday's: not shown
    world.clock.advance(timedelta(days=1))
    async with world.tx() as tx:
        for text in ("帮忙找人修一下油烟机的灯", "帮忙找人修一下油烟机的灯！", "谁会修时光机"):
            await record_miss(tx, world.clock, text)
    for text in ("晚上一起吃饭吗", "晚上一起吃饭去吗"):
        await _dismiss(world, corrections, await _reply(world, corrections, text), WRITER)
    async with world.db.read() as tx:
        groups = await corrections.asked(tx)
    shown = sorted((g.lead.kind, g.count, len(g.items)) for g in groups)
    assert shown == [("e", 2, 2), ("m", 1, 1), ("m", 2, 2)]
    lamp = next(g for g in groups if "油烟机" in g.lead.text)
    assert corrections.choices(lamp)[0] == HOOD  # the catalogue's best match is offered
    async with world.tx() as tx:
        assert await corrections.label(tx, "m", lamp.lead.id, HOOD) == 2
        assert await corrections.label(tx, "m", lamp.lead.id, HOOD) is None  # stale
        dinner = next(g for g in groups if g.lead.kind == "e")
        assert await corrections.label(tx, "e", dinner.lead.id, "no_such_service") is None
        assert await corrections.label(tx, "e", dinner.lead.id, "none") == 2
    async with world.db.read() as tx:
        left = await corrections.asked(tx)
        confirmed = await corrections.confirmed(tx)
    assert [g.lead.text for g in left] == ["谁会修时光机"]
    labels = sorted((e.text, e.intent, e.target, e.source) for e in confirmed)
    assert labels == [
        ("帮忙找人修一下油烟机的灯", "service_request", HOOD, Source.STAFF),
        ("帮忙找人修一下油烟机的灯！", "service_request", HOOD, Source.STAFF),
        ("晚上一起吃饭去吗", "none", None, Source.DISMISSED),
        ("晚上一起吃饭吗", "none", None, Source.DISMISSED),
    ]


async def test_export_writes_the_confirmed_examples_to_a_file(
    world: DomainWorld, corrections: Corrections, tmp_path: Path
) -> None:
    await _dismiss(world, corrections, await _reply(world, corrections, "晚上一起吃饭吗"), STAFF)
    await _dismiss(world, corrections, await _reply(world, corrections, "还没人确认"), WRITER)
    out = tmp_path / "community.jsonl"
    community = key_of(world.community)
    assert await export_confirmed(world.db.path, community, out) == 1
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows == [
        {
            "text": "晚上一起吃饭吗",
            "intent": "none",
            "target": None,
            "chat": "group",
            "writer": "community",
        }
    ]
    assert await export_confirmed(world.db.path, "another community", out) == 0
