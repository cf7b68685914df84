"""A staff assignment is not the provider's response: after an offer timed out and staff gave
the job to a worker hours later, the provider's response times (the scorecard's, and the
"usually answers within" residents are quoted) hold nothing of it; its own accept still
counts."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.bookings.model import Status
from tests.bookings.test_service import RANGE_HOOD, World, confirmed, world

__all__ = ["world"]  # the fixture, shared with the service tests


async def _typical(x: World, provider: str) -> timedelta | None:
    async with x.w.db.read() as tx:
        stats = await x.s.deps.repo.provider_stats(tx)
    return stats[provider].typical if provider in stats else None


async def test_a_staff_assignment_hours_after_a_timeout_is_no_fast_response(
    world: World,
) -> None:
    x = world
    await confirmed(x, RANGE_HOOD, "jiejia")
    async with x.w.tx() as tx:
        await x.s.dispatch.offer_timed_out(tx, 1, 0)  # jiejia let it time out
    x.w.clock.advance(timedelta(hours=5, minutes=40))
    async with x.w.tx() as tx:
        assert await x.s.staffing.assign(tx, 1, "jiejia", x.zhao.id, x.staff)
    assert (await x.get()).status == Status.ACCEPTED
    assert await _typical(x, "jiejia") is None  # not "typically 1 minute"
    async with x.w.tx() as tx:
        found = await x.s.providers.candidates(tx, RANGE_HOOD, x.resident.id)
    assert next(c for c in found if c.provider.id == "jiejia").typical is None


async def test_a_providers_own_accept_still_counts(world: World) -> None:
    x = world
    await confirmed(x, RANGE_HOOD, "jiejia")
    x.w.clock.advance(timedelta(minutes=7))
    async with x.w.tx() as tx:
        await x.s.dispatch.accept(tx, 1, 0, x.zhao)
    assert await _typical(x, "jiejia") == timedelta(minutes=7)
