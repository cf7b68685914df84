"""Fixtures for the check-in service tests: a small community on a real, migrated SQLite, the
check-in use cases wired with Checkins.build, and the people of a story already joined."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot import deadlines
from bot.clock import FakeClock
from bot.deadlines import Deadline
from bot.domain.checkins import Checkins
from bot.domain.checkins.model import Checkin
from bot.domain.incidents.repo import IncidentRepo
from bot.domain.incidents.service import Incidents
from bot.domain.people import People, Person
from bot.storage import Tx
from tests.domain_support import DomainWorld, domain_world

STAFF_TG, ZHANG_TG, WANG_TG, DAUGHTER_TG = 1001, 2001, 3001, 4001

COMMUNITY = """
[community]
name_zh = "测试花园"
name_en = "Test Garden"

[checkins]
reminder_after = "30m"
grid_worker_after = "60m"
staff_after = "120m"
visit_every_high = "2d"
max_pause = "5d"

[[staff]]
telegram_id = 1001
name = "刘主任"

[[housekeepers]]
key = "hk_zhang"
name = "张管家"
buildings = ["1", "2", "3"]

[[elders]]
key = "elder_wang"
name = "王阿姨"
address = "3栋2单元501"
checkin_times = ["08:00", "08:30"]
grid_worker = "hk_zhang"
risk = "high"
family = [{ name = "王小明", relation = "女儿", daily_all_clear = true }]

[[elders]]
key = "elder_zhao"
name = "赵奶奶"
address = "2栋1单元101"
checkin_times = ["10:00"]
grid_worker = "hk_zhang"
has_telegram = false
"""


@dataclass
class Care:
    """Check-ins wired on a real database, with 王阿姨, her daughter, 张管家 and staff joined."""

    world: DomainWorld
    people: People
    incidents: Incidents
    ci: Checkins
    wang: Person
    daughter: Person
    zhang: Person
    staff: Person

    async def run(self, name: str) -> None:
        """Run one pending deadline through the handler of its kind, in its own transaction."""
        async with self.world.tx() as tx:
            deadline = await self.due(tx, name)
            await self.ci.deadline_handlers()[deadline.kind](tx, deadline)
            await deadlines.cancel(tx, name)

    async def due(self, tx: Tx, name: str) -> Deadline:
        """The pending deadline with exactly this name."""
        found = [d for d in await deadlines.pending(tx, name) if d.name == name]
        assert len(found) == 1, name
        return found[0]

    async def pending(self, prefix: str) -> list[str]:
        """Names of pending deadlines with a prefix."""
        async with self.world.tx() as tx:
            return [d.name for d in await deadlines.pending(tx, prefix)]

    async def checkin(self, slot: str, key: str = "elder_wang") -> Checkin:
        """The check-in of one slot, as stored."""
        async with self.world.tx() as tx:
            found = await self.ci.repo.by_slot(tx, key, slot)
        assert found is not None, slot
        return found


@pytest.fixture
async def care(store: Path | str, clock: FakeClock) -> AsyncIterator[Care]:
    """Saturday 08:00: the file synced, pings planned, nothing sent yet."""
    async with care_in(store, clock, COMMUNITY) as found:
        yield found


@asynccontextmanager
async def care_in(store: Path | str, clock: FakeClock, text: str) -> AsyncIterator[Care]:
    """:func:`care` over another community file (a story needing one more housekeeper)."""
    async with domain_world(store, clock, text) as world:
        community = world.community
        people = People(community, clock)
        incidents = Incidents(
            IncidentRepo(), people, world.outbox, world.audit, world.signer, clock, community
        )
        ci = Checkins.build(
            community, clock, people, world.outbox, world.audit, world.signer, incidents
        )
        async with world.tx() as tx:
            joined = []
            for tg, name, role, ref in (
                (WANG_TG, "王阿姨", "elder", "elder_wang"),
                (DAUGHTER_TG, "王小明", "family", "elder_wang"),
                (ZHANG_TG, "张管家", "housekeeper", "hk_zhang"),
                (STAFF_TG, "刘主任", "staff", ""),
            ):
                person, _ = await people.ensure(tx, tg, name)
                await people.grant(tx, person.id, role, ref)  # type: ignore[arg-type]
                joined.append(person)
            await ci.planning.sync_file(tx)
            await ci.planning.plan(tx, clock.now())
        yield Care(world, people, incidents, ci, *joined)
