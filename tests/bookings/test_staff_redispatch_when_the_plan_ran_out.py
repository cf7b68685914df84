"""Staff re-dispatch a job whose plan has no next provider (session 15 console verification,
finding B): the burst pipe had been given by name to 孙师傅 (快修, the plan's last entry), who
never came; 改派给下一家 went straight to "nobody took it", telling the resident "已为您改派" and
"暂时没有师傅接单" in the same second, and never reached the property team. Now the plan starts
again from its top, without the worker who just failed; when nobody else can be asked, nothing
moves and nothing is sent, and the console says so to staff."""

from __future__ import annotations

from bot.clock import FakeClock
from bot.domain.bookings.model import Status
from bot.domain.bookings.staffing import Redispatched
from bot.i18n import T
from tests.bookings.test_service import CREW, World, _world, confirmed, world
from tests.domain_support import domain_world, rendered
from tests.harness import START

__all__ = ["world"]


async def _given_to_sun(x: World) -> None:
    """Confirmed with 洁家 (plan: jiejia, kuaixiu, property team), then staff gave it to 孙师傅
    by name: his provider is appended to the plan and he holds the job."""
    await confirmed(x)
    async with x.w.tx() as tx:
        assert await x.s.staffing.assign(tx, 1, "kuaixiu", x.sun.id, x.staff)
    held = await x.get()
    assert (held.status, held.assignee_id, held.attempt) == (Status.ACCEPTED, x.sun.id, 3)


async def test_a_redispatch_past_the_plans_end_starts_it_again_without_the_worker(
    world: World,
) -> None:
    x = world
    await _given_to_sun(x)
    before = len(await x.sent(x.sun))
    async with x.w.tx() as tx:
        assert await x.s.staffing.redispatch(tx, 1, x.staff) is Redispatched.DONE
    booking = await x.get()
    assert booking.status == Status.OFFERED and booking.current_provider == "jiejia"
    assert (await x.last(x.zhao)).key == f"bk1:offer:{x.zhao.id}:{booking.attempt}"
    no_one = rendered(T("bookings.resident_unassigned"))
    assert no_one not in [m.text for m in await x.sent(x.resident)]
    # 孙师傅 lost the job and is not offered it again
    assert not [m for m in (await x.sent(x.sun))[before:] if ":offer:" in m.key and m.buttons]


async def test_the_property_team_is_asked_when_the_others_cannot_be(world: World) -> None:
    x = world
    await _given_to_sun(x)
    jiejia = x.w.community.provider("jiejia")
    assert jiejia is not None
    async with x.w.tx() as tx:
        await x.s.providers.suspend(tx, jiejia, x.staff, True)
        assert await x.s.staffing.redispatch(tx, 1, x.staff) is Redispatched.DONE
    booking = await x.get()
    assert booking.status == Status.OFFERED and booking.current_provider == "property_team"
    assert (await x.last(x.wang)).key == f"bk1:offer:{x.wang.id}:{booking.attempt}"


async def test_when_nobody_else_can_be_asked_nothing_moves_and_nothing_is_sent(
    store: str,
) -> None:
    """Only 孙师傅 works here besides staff: the job stays with him, nobody is told anything,
    and staff learn it from the answer (the page says so)."""
    resident, _, sun, _, _, staff = CREW
    # the World's other roles are filled by 孙师傅 again: nobody else works here
    async with domain_world(store, FakeClock(START)) as w:
        x = await _world(w, [resident, sun, sun, sun, sun, staff])
        await confirmed(x, provider="kuaixiu")
        async with x.w.tx() as tx:
            assert await x.s.staffing.assign(tx, 1, "kuaixiu", x.sun.id, x.staff)
        held = await x.get()
        told = len(await x.sent(x.resident))
        async with x.w.tx() as tx:
            assert await x.s.staffing.redispatch(tx, 1, x.staff) is Redispatched.NOBODY
        after = await x.get()
        assert (after.status, after.assignee_id, after.plan) == (
            Status.ACCEPTED,
            x.sun.id,
            held.plan,
        )
        assert len(await x.sent(x.resident)) == told
