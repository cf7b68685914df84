"""People's use cases on a real database: first contact, roles, pending input and invites."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.clock import FakeClock
from bot.domain.people import People
from tests.domain_support import DomainWorld, domain_world

STAFF_TG, KEEPER_TG, LI_TG, WANG_TG = 1001, 2001, 6001, 6002
PRELINKED = """
[community]
name_zh = "测试小区"
name_en = "Test Court"
timezone = "Asia/Shanghai"

[[staff]]
telegram_id = 1001
name = "刘主任"

[[housekeepers]]
key = "hk_zhang"
name = "张管家"
buildings = ["1"]
telegram_id = 2001
"""


@pytest.fixture
async def world(store: Path | str, clock: FakeClock) -> AsyncIterator[DomainWorld]:
    """A small community whose file links 张管家's Telegram id to her housekeeper role."""
    async with domain_world(store, clock, PRELINKED) as world:
        yield world


async def test_first_contact_creates_once_with_file_roles(world: DomainWorld) -> None:
    """Staff and pre-linked housekeepers get their roles on first contact; a resident's
    Telegram rename is kept, while staff keep the name the community file gives them."""
    people = People(world.community, world.clock)
    async with world.tx() as tx:
        staff, created = await people.ensure(tx, STAFF_TG, "刘主任")
        again, created_again = await people.ensure(tx, STAFF_TG, "刘主任 (new)")
        zhang, _ = await people.ensure(tx, KEEPER_TG, "张管家")
        li, _ = await people.ensure(tx, LI_TG, "小李", "en")
        assert (created, created_again, again.id) == (True, False, staff.id)
        assert await people.roles(tx, staff.id) == {("staff", "")}
        assert await people.has_role(tx, zhang.id, "housekeeper")
        assert await people.has_role(tx, zhang.id, "housekeeper", "hk_zhang")
        assert not await people.has_role(tx, zhang.id, "housekeeper", "hk_chen")
        assert [p.id for p in await people.holders(tx, "housekeeper", "hk_zhang")] == [zhang.id]
        assert [p.name for p in await people.staff(tx)] == ["刘主任"]
        assert (li.language, await people.roles(tx, li.id)) == ("en", set())
        await people.ensure(tx, LI_TG, "小李 (new)")
        renamed = await people.get(tx, LI_TG)
        assert renamed is not None and renamed.name == "小李 (new)"


async def test_pending_input_is_remembered_and_forgotten(world: DomainWorld) -> None:
    """The question the bot waits for is kept with its payload until answered."""
    people = People(world.community, world.clock)
    async with world.tx() as tx:
        li, _ = await people.ensure(tx, LI_TG, "小李")
        await people.expect(tx, li.id, "address", step=1)
        await people.expect(tx, li.id, "tool_note", unit=3, action="b", version=2)
        assert await people.expecting(tx, li.id) == (
            "tool_note",
            {"unit": 3, "action": "b", "version": 2},
        )
        await people.done_expecting(tx, li.id)
        assert await people.expecting(tx, li.id) is None


async def test_an_invite_grants_its_role_once(world: DomainWorld) -> None:
    """Redeemed once by one person; the same person again is fine; others and late are not."""
    people = People(world.community, world.clock)
    async with world.tx() as tx:
        staff, _ = await people.ensure(tx, STAFF_TG, "刘主任")
        li, _ = await people.ensure(tx, LI_TG, "小李")
        wang, _ = await people.ensure(tx, WANG_TG, "小王")
        invite = await people.create_invite(
            tx, "family", "elder_wang", staff.id, timedelta(days=7)
        )
        late = await people.create_invite(tx, "elder", "elder_li", staff.id, timedelta(hours=1))
        first = await people.redeem_invite(tx, invite.token, li)
        again = await people.redeem_invite(tx, invite.token, li)
        other = await people.redeem_invite(tx, invite.token, wang)
        world.clock.advance(timedelta(hours=2))
        expired = await people.redeem_invite(tx, late.token, wang)
        unknown = await people.redeem_invite(tx, "inv_nope", wang)
        assert [o for o, _ in (first, again, other, expired, unknown)] == [
            "ok",
            "ok",
            "used",
            "expired",
            "unknown",
        ]
        assert await people.roles(tx, li.id) == {("family", "elder_wang")}
        assert await people.roles(tx, wang.id) == set()


async def test_a_known_person_is_read_and_not_written_again(world: DomainWorld) -> None:
    """Every update asks who sent it: for someone known whose name and private chat did not
    change that is one read, no write (the pre-linked role is already held)."""
    people = People(world.community, world.clock)
    async with world.tx() as tx:
        await people.ensure(tx, KEEPER_TG, "张管家")
        await people.ensure(tx, LI_TG, "小李")
    statements: list[str] = []
    world.db.set_trace_callback(statements.append)
    async with world.tx() as tx:
        await people.ensure(tx, KEEPER_TG, "张管家")
        await people.ensure(tx, LI_TG, "小李")
    world.db.set_trace_callback(None)
    writes = [s for s in statements if s.startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == []
    async with world.tx() as tx:
        renamed, _ = await people.ensure(tx, LI_TG, "李明")
        assert renamed.name == "小李"  # as read; the new name is stored
        assert (await people.get(tx, LI_TG)).name == "李明"  # type: ignore[union-attr]


class Refused(Exception):
    """Raised to roll a transaction back."""


async def test_elders_and_family_are_remembered_as_committed(world: DomainWorld) -> None:
    """Whether someone is in care (an elder or family) is read once and kept; a grant forgets
    it at once and when its transaction ends, so a rolled-back grant leaves nobody in care. On
    PostgreSQL it is asked each time instead (another instance may have enrolled her)."""
    people = People(world.community, world.clock)
    async with world.tx() as tx:
        li, _ = await people.ensure(tx, LI_TG, "小李")
        wang, _ = await people.ensure(tx, WANG_TG, "王阿姨")
        assert not await people.in_care(tx, WANG_TG)
    with pytest.raises(Refused):
        async with world.tx() as tx:
            await people.grant(tx, wang.id, "elder", "elder_wang")
            assert await people.in_care(tx, WANG_TG)  # read inside: uncommitted
            raise Refused
    async with world.tx() as tx:
        assert not await people.in_care(tx, WANG_TG)
        await people.grant(tx, wang.id, "elder", "elder_wang")
        await people.grant(tx, li.id, "housekeeper", "hk_zhang")
    statements: list[str] = []
    world.db.set_trace_callback(statements.append)
    async with world.tx() as tx:
        assert await people.in_care(tx, WANG_TG)
        assert not await people.in_care(tx, LI_TG)  # a housekeeper is not in care
        assert await people.in_care(tx, WANG_TG)
    world.db.set_trace_callback(None)
    asked = len([s for s in statements if "FROM roles" in s or "JOIN roles" in s])
    assert asked == (1 if world.db.local else 3)
