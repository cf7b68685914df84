"""Whom staff may assign a job to: the workers of the providers dispatch may offer its
service to (the property team only when it offers the service, its housekeepers only for the
buildings they cover), never the worker who already holds it."""

from __future__ import annotations

from bot.domain.bookings.model import Booking
from bot.domain.people import Address
from tests.bookings.test_service import RANGE_HOOD, World, confirmed, world

__all__ = ["world"]  # the fixture, shared with the service tests

DRAIN = "drain_unclogging"  # the property team ¥80 and kuaixiu ¥100


async def _names(x: World, booking: Booking) -> set[tuple[str, str]]:
    async with x.w.tx() as tx:
        found = await x.s.staffing.assignable(tx, await x.s.deps.repo.get(tx, booking.id))
    return {(provider, person.name) for provider, person in found}


async def test_a_service_the_property_team_does_not_offer_lists_no_team_nor_the_holder(
    world: World,
) -> None:
    x = world
    booking = await confirmed(x, RANGE_HOOD, "jiejia")  # 3栋, offered to 赵阿姨
    assert await _names(x, booking) == {("jiejia", "赵阿姨"), ("kuaixiu", "孙师傅")}
    async with x.w.tx() as tx:
        await x.s.dispatch.accept(tx, booking.id, 0, x.zhao)
    assert await _names(x, booking) == {("kuaixiu", "孙师傅")}  # she holds it now


async def test_a_housekeeper_is_listed_only_for_the_buildings_he_covers(world: World) -> None:
    x = world
    async with x.w.tx() as tx:
        await x.people.set_address(tx, x.resident.id, Address("5", "1", "101"))
    booking = await confirmed(x, DRAIN, "kuaixiu")  # 5栋: 张管家 covers 1-3
    assert await _names(x, booking) == {("kuaixiu", "孙师傅"), ("property_team", "王师傅")}
    async with x.w.tx() as tx:
        await x.people.set_address(tx, x.resident.id, Address("3", "2", "501"))
    again = await confirmed(x, DRAIN, "kuaixiu")
    assert ("property_team", "张管家") in await _names(x, again)
