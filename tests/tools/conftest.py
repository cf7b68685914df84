"""Fixtures for the cabinet's service tests: the sample community on a real, migrated SQLite."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot import deadlines
from bot.clock import FakeClock
from bot.deadlines import Deadline
from bot.domain.catalogue import ServiceCatalogue
from bot.domain.people import People, Person, parse_address
from bot.domain.tools import Tools
from bot.storage import Tx
from intents import Catalogue
from tests.domain_support import DomainWorld, domain_world

KEEPER_TG, LI_TG, WANG_TG, STAFF_TG = 2001, 6001, 6002, 1001


@dataclass
class Cabinet:
    """The cabinet's use cases wired on a real database, with the people of a story."""

    world: DomainWorld
    people: People
    tools: Tools

    async def person(self, tx: Tx, telegram_id: int, name: str, address: str = "") -> Person:
        """Someone who talked to the bot (with an address, if given)."""
        person, _ = await self.people.ensure(tx, telegram_id, name)
        if address:
            found = parse_address(address)
            assert found is not None
            await self.people.set_address(tx, person.id, found)
        return person

    async def keeper(self, tx: Tx) -> Person:
        """张管家, housekeeper of buildings 1-3."""
        zhang = await self.person(tx, KEEPER_TG, "张管家")
        await self.people.grant(tx, zhang.id, "housekeeper", "hk_zhang")
        return zhang

    async def due(self, tx: Tx, name: str) -> Deadline:
        """The pending deadline with exactly this name."""
        found = [d for d in await deadlines.pending(tx, name) if d.name == name]
        assert len(found) == 1, name
        return found[0]

    async def pending(self, tx: Tx, prefix: str) -> list[str]:
        """Names of pending deadlines with a prefix."""
        return [d.name for d in await deadlines.pending(tx, prefix)]


@pytest.fixture
async def cabinet(store: Path | str, clock: FakeClock) -> AsyncIterator[Cabinet]:
    """The sample community's cabinet, units synced, nobody borrowing yet."""
    async with domain_world(store, clock) as world:
        community = world.community
        people = People(community, clock)
        catalogue = ServiceCatalogue(community, Catalogue.default())
        tools = Tools.build(
            community, catalogue, people, world.outbox, world.audit, clock, world.signer
        )
        async with world.tx() as tx:
            await tools.stock.sync(tx, clock.now())
        yield Cabinet(world, people, tools)
