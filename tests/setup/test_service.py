"""The setup service on a real database: seeded from the file, each change validated, stored,
audited with before and after, and in place for the next update without a restart."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.clock import FakeClock
from bot.config import load_community
from bot.domain.catalogue import ServiceCatalogue
from bot.domain.people import People
from bot.domain.setup import Setup, SetupError
from bot.i18n import T
from bot.storage import Database
from intents import Catalogue
from tests.domain_support import DomainWorld, domain_world

KEEPER_TG = 2001
COMMUNITY = """
[community]
name_zh = "测试小区"
name_en = "Test Court"

[[staff]]
telegram_id = 1001
name = "刘主任"

[[housekeepers]]
key = "hk_zhang"
name = "张管家"
buildings = ["1"]
telegram_id = 2001

[[providers]]
id = "jiejia"
name_zh = "洁家家政"
name_en = "Jiejia"
members = [{ name = "赵阿姨", telegram_id = 3001 }]
offers = [{ service = "home_cleaning", price = 45, market_price = 55 }]

[[elders]]
key = "elder_wang"
name = "王阿姨"
address = "1栋1单元101"
grid_worker = "hk_zhang"
"""


@pytest.fixture
async def world(store: Path | str, clock: FakeClock) -> AsyncIterator[DomainWorld]:
    """A small community on a new database."""
    async with domain_world(store, clock, COMMUNITY) as world:
        yield world


def _setup(world: DomainWorld) -> tuple[Setup, People]:
    people = People(world.community, world.clock)
    setup = Setup(world.community, world.audit, people, world.outbox)
    setup.on_change(people.setup_changed)
    return setup, people


async def test_a_new_database_is_seeded_from_the_file(world: DomainWorld) -> None:
    """The first load stores the file's setup (one audit entry) and finds no difference."""
    setup, _ = _setup(world)
    async with world.tx() as tx:
        assert await setup.load(tx) == []
        stored = await setup.sections(tx)
        seeded = await world.audit.timeline(tx, "setup")
    assert stored["providers"][0]["offers"][0]["price"] == 45
    assert [e.action for e in seeded] == ["setup_seeded"]


async def test_a_price_change_reaches_the_catalogue_at_the_next_update(world: DomainWorld) -> None:
    """set_price is stored and audited (who, before, after); the catalogue every service reads
    shows it once the next update's transaction refreshes, without a restart."""
    setup, _ = _setup(world)
    catalogue = ServiceCatalogue(world.community, Catalogue.default())
    async with world.tx() as tx:
        await setup.load(tx)
    async with world.tx() as tx:
        await setup.set_price(tx, "person:1", "home_cleaning", "jiejia", 50)
    assert catalogue.price_range("home_cleaning").low == 45  # type: ignore[union-attr]
    async with world.tx() as tx:
        await setup.refresh(tx)
        trail = await world.audit.timeline(tx, "setup:provider:jiejia:home_cleaning")
    assert catalogue.price_range("home_cleaning").low == 50  # type: ignore[union-attr]
    assert [(e.actor, e.action) for e in trail] == [("person:1", "setup_price")]
    assert (trail[0].detail["before"]["price"], trail[0].detail["after"]["price"]) == (45, 50)


async def test_a_change_that_breaks_the_community_is_refused(world: DomainWorld) -> None:
    """A price above the market reference, or removing the grid worker of an elder, is refused
    with a reason and changes nothing."""
    setup, _ = _setup(world)
    async with world.tx() as tx:
        await setup.load(tx)
    with pytest.raises(SetupError, match="market"):
        async with world.tx() as tx:
            await setup.set_price(tx, "person:1", "home_cleaning", "jiejia", 60)
    with pytest.raises(SetupError, match="grid_worker"):
        async with world.tx() as tx:
            await setup.remove(tx, "person:1", "housekeepers", "hk_zhang")
    async with world.tx() as tx:
        await setup.refresh(tx)
        stored = await setup.sections(tx)
    assert stored["providers"][0]["offers"][0]["price"] == 45
    assert [h.key for h in world.community.housekeepers] == ["hk_zhang"]


async def test_revoking_a_housekeeper_takes_her_roles_and_waiting_messages(
    world: DomainWorld,
) -> None:
    """A revoked housekeeper loses her role at once, what waited for her is withdrawn, and the
    file's pre-linking does not give the role back at her next message."""
    setup, people = _setup(world)
    async with world.tx() as tx:
        await setup.load(tx)
        zhang, _ = await people.ensure(tx, KEEPER_TG, "张管家")
        offer = T("bookings.rating", average=5, count=1)
        await world.outbox.send(tx, KEEPER_TG, offer, key="job:1:offer")
    async with world.tx() as tx:
        await setup.revoke(tx, "person:1", KEEPER_TG)
    async with world.tx() as tx:
        await setup.refresh(tx)
        await people.ensure(tx, KEEPER_TG, "张管家")
        assert not await people.has_role(tx, zhang.id, "housekeeper")
        waiting = await tx.all("SELECT status FROM outbox WHERE chat_id = ?", (KEEPER_TG,))
        trail = await world.audit.timeline(tx, f"setup:telegram:{KEEPER_TG}")
    assert [r["status"] for r in waiting] == ["failed"]
    assert world.community.housekeepers[0].telegram_id is None
    assert trail[0].detail["before"] == {"roles": ["housekeeper:hk_zhang"]}


async def test_a_revoked_person_is_sent_nothing_until_a_new_invite_is_redeemed(
    world: DomainWorld,
) -> None:
    """After revocation nothing more is queued for her, whichever feature writes (a reminder
    of a job she had before); a new invite, redeemed, gives the role back and ends it."""
    setup, people = _setup(world)
    world.outbox.refuse(people.is_revoked)  # as the runtime wires it
    async with world.tx() as tx:
        await setup.load(tx)
        zhang, _ = await people.ensure(tx, KEEPER_TG, "张管家")
    async with world.tx() as tx:
        await setup.revoke(tx, "person:1", KEEPER_TG)
    reminder = T("bookings.rating", average=5, count=1)
    async with world.tx() as tx:
        assert await people.is_revoked(tx, KEEPER_TG)
        assert not await world.outbox.send(tx, KEEPER_TG, reminder, key="job:1:remind")
        invite = await people.create_invite(tx, "housekeeper", "hk_zhang", 1, timedelta(days=1))
    async with world.tx() as tx:
        assert (await people.redeem_invite(tx, invite.token, zhang))[0] == "ok"
    async with world.tx() as tx:
        assert not await people.is_revoked(tx, KEEPER_TG)
        assert await world.outbox.send(tx, KEEPER_TG, reminder, key="job:2:remind")
        queued = await tx.all("SELECT dedupe_key FROM outbox WHERE chat_id = ?", (KEEPER_TG,))
    assert [r["dedupe_key"] for r in queued] == ["job:2:remind"]


async def test_a_change_committed_by_another_process_is_noticed(
    world: DomainWorld, store: Path | str
) -> None:
    """check() (the tick) sees a change another connection committed (concierge import)."""
    setup, _ = _setup(world)
    async with world.tx() as tx:
        await setup.load(tx)
    other_db = Database(store)
    await other_db.open()
    try:
        community = load_community(text=COMMUNITY)
        other = Setup(community, world.audit, People(community, world.clock), world.outbox)
        async with other_db.tx() as tx:
            await other.load(tx)
            await other.set_checkin_times(tx, "cli", "elder_wang", ["08:30", "19:00"])
    finally:
        await other_db.close()
    async with world.db.read() as tx:
        await setup.refresh(tx)  # nothing changed in this process: no reload
        assert [t.hour for t in world.community.elders[0].checkin_times] == [9]
        await setup.check(tx)
    assert [t.strftime("%H:%M") for t in world.community.elders[0].checkin_times] == [
        "08:30",
        "19:00",
    ]


async def test_a_rolled_back_change_leaves_the_live_setup(world: DomainWorld) -> None:
    """A change in a transaction that fails is neither stored nor put in place."""
    setup, _ = _setup(world)
    async with world.tx() as tx:
        await setup.load(tx)
    with pytest.raises(RuntimeError):
        async with world.tx() as tx:
            await setup.set_buildings(tx, "person:1", "hk_zhang", ["1", "2"])
            raise RuntimeError("the update failed later")
    async with world.tx() as tx:
        await setup.refresh(tx)
    assert world.community.housekeepers[0].buildings == ["1"]
