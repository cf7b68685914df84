"""Which group chats the bot serves, on a real database: the file's groups, staff's /bind, and
the one polite "how to bind me" an unbound group hears."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.clock import FakeClock
from bot.domain.groups import Groups
from tests.domain_support import DomainWorld, domain_world

STAFF_ID, LISTED, OTHER, THIRD = 1001, -1001, -2002, -3003
COMMUNITY = """
[community]
name_zh = "测试小区"
name_en = "Test Court"

[[staff]]
telegram_id = 1001
name = "刘主任"

[[groups]]
chat_id = -1001
name = "业主群"
"""


@pytest.fixture
async def world(store: Path | str, clock: FakeClock) -> AsyncIterator[DomainWorld]:
    """A community whose file lists one group."""
    async with domain_world(store, clock, COMMUNITY) as world:
        yield world


@pytest.fixture
def groups(world: DomainWorld) -> Groups:
    return Groups(world.community, world.clock)


async def test_a_group_the_file_lists_is_served_without_binding(
    world: DomainWorld, groups: Groups
) -> None:
    async with world.tx() as tx:
        assert await groups.is_bound(tx, LISTED)
        assert not await groups.is_bound(tx, OTHER)
        assert await groups.bound_chats(tx) == [LISTED]
        # Binding it again changes nothing and says so.
        assert not await groups.bind(tx, LISTED, "业主群", STAFF_ID)


async def test_binding_serves_a_group_once_and_lists_it_with_the_files(
    world: DomainWorld, groups: Groups
) -> None:
    async with world.tx() as tx:
        assert await groups.bind(tx, OTHER, "二期群", STAFF_ID)
    async with world.tx() as tx:
        assert await groups.is_bound(tx, OTHER)
        assert not await groups.bind(tx, OTHER, "二期群", STAFF_ID)
        assert await groups.bind(tx, THIRD, "三期群", STAFF_ID)
        assert await groups.bound_chats(tx) == [THIRD, OTHER, LISTED]


async def test_an_unbound_group_is_told_how_to_bind_exactly_once(
    world: DomainWorld, groups: Groups
) -> None:
    async with world.tx() as tx:
        assert await groups.first_unbound_contact(tx, OTHER, "二期群")
        assert not await groups.first_unbound_contact(tx, OTHER, "二期群")
        assert not await groups.is_bound(tx, OTHER)  # being told is not being served
    async with world.tx() as tx:
        assert not await groups.first_unbound_contact(tx, OTHER, "二期群")
        # Told first, bound later: the binding still takes.
        assert await groups.bind(tx, OTHER, "二期群", STAFF_ID)
        assert await groups.is_bound(tx, OTHER)


async def test_a_bound_group_is_never_told_to_bind(world: DomainWorld, groups: Groups) -> None:
    async with world.tx() as tx:
        await groups.bind(tx, OTHER, "二期群", STAFF_ID)
        assert not await groups.first_unbound_contact(tx, OTHER, "二期群")


async def test_a_rolled_back_notice_is_told_again(world: DomainWorld, groups: Groups) -> None:
    """The claim is in the update's transaction: if that fails, the notice is still owed."""
    with pytest.raises(RuntimeError):
        async with world.tx() as tx:
            assert await groups.first_unbound_contact(tx, OTHER, "二期群")
            raise RuntimeError("the update failed after the claim")
    async with world.tx() as tx:
        assert await groups.first_unbound_contact(tx, OTHER, "二期群")


class Refused(Exception):
    """Raised to roll a transaction back."""


async def test_what_is_remembered_is_what_was_committed(
    world: DomainWorld, groups: Groups
) -> None:
    """Group messages ask memory whether a chat is served (no database): a bind, a rolled-back
    bind, a told unbound group and a migration each leave memory saying what is committed."""
    assert groups.known(OTHER) is None, "nothing is known before the first read"
    assert groups.known(LISTED) == (True, False), "the file's groups need no read"
    async with world.tx() as tx:
        assert not await groups.is_bound(tx, OTHER)
    assert groups.known(OTHER) == (False, False)
    with pytest.raises(Refused):
        async with world.tx() as tx:
            assert await groups.bind(tx, OTHER, "二期群", STAFF_ID)
            assert await groups.is_bound(tx, OTHER)  # read inside: uncommitted
            raise Refused
    assert groups.known(OTHER) is None, "what was read inside a rolled-back bind is forgotten"
    async with world.tx() as tx:
        assert not await groups.is_bound(tx, OTHER)
        assert await groups.first_unbound_contact(tx, OTHER, "二期群")
    async with world.tx() as tx:
        assert not await groups.is_bound(tx, OTHER)
    assert groups.known(OTHER) == (False, True), "told once: its chatter needs nothing more"
    async with world.tx() as tx:
        assert await groups.bind(tx, OTHER, "二期群", STAFF_ID)
    assert groups.known(OTHER) is None
    async with world.tx() as tx:
        assert await groups.is_bound(tx, OTHER)
    assert groups.known(OTHER) == (True, False)
    async with world.tx() as tx:
        await groups.migrate(tx, OTHER, THIRD)
    assert groups.known(OTHER) is None and groups.known(THIRD) is None
    async with world.tx() as tx:
        assert await groups.bound_chats(tx) == [THIRD, LISTED]
        assert not await groups.is_bound(tx, OTHER)
    assert (groups.known(OTHER), groups.known(THIRD)) == ((False, True), (True, False))


async def test_a_migration_told_twice_keeps_the_binding_on_the_new_id(
    world: DomainWorld, groups: Groups
) -> None:
    """Telegram announces an upgrade in both chats (and the sender may meet ``ChatMigrated``):
    each repeat of the move leaves the new id served and the old one uncounted, even when the
    new chat was met (and told how to bind) before the first announcement."""
    async with world.tx() as tx:
        assert await groups.bind(tx, OTHER, "二期群", STAFF_ID)
        assert await groups.first_unbound_contact(tx, THIRD, "二期群")
    for _ in range(3):
        async with world.tx() as tx:
            await groups.migrate(tx, OTHER, THIRD)
    async with world.tx() as tx:
        assert await groups.bound_chats(tx) == [THIRD, LISTED]
        assert await groups.is_bound(tx, THIRD)
    assert groups.known(THIRD) == (True, False), "served, and never told to /bind again"
