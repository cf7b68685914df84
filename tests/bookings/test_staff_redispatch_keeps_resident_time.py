"""Staff-side findings of session 12's testers (issues 13 and 15), on a real SQLite database
with the recording outbox: a staff re-dispatch never changes the resident's time behind their
back; ..."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.bookings.contract import Pending
from bot.domain.bookings.model import Status
from bot.domain.bookings.providers import staffed_offers
from bot.domain.bookings.staffing import Redispatched
from bot.i18n import T
from intents.times import parse_when
from tests.bookings.test_service import RANGE_HOOD, SLOT, SLOT_END, World, confirmed, world
from tests.domain_support import rendered

__all__ = ["world"]


async def test_a_staff_redispatch_keeps_a_time_still_to_come(world: World) -> None:
    """Re-dispatched while its slot is ahead: the next provider is offered that slot."""
    x = world
    await confirmed(x)
    x.w.clock.set(SLOT - timedelta(hours=1))
    async with x.w.tx() as tx:
        assert await x.s.staffing.redispatch(tx, 1, x.staff) is Redispatched.DONE
    booking = await x.get()
    assert (booking.slot_start, booking.slot_end, booking.asap) == (SLOT, SLOT_END, False)
    assert "尽快" not in (await x.last(x.sun)).text


async def test_a_staff_redispatch_after_the_time_asks_the_resident_not_asap(
    world: World,
) -> None:
    """Tester: staff re-dispatched a job whose slot had passed and it silently became 尽快.
    Now nothing moves: the slot stays, nobody new is offered it, the resident is asked for a
    new time (and can type one); once moved, staff's re-dispatch offers the new time."""
    x = world
    await confirmed(x)
    x.w.clock.set(SLOT_END + timedelta(hours=2))
    async with x.w.tx() as tx:
        assert await x.s.staffing.redispatch(tx, 1, x.staff) is Redispatched.SLOT_OVER
    booking = await x.get()
    assert (booking.slot_start, booking.asap, booking.status) == (SLOT, False, Status.OFFERED)
    assert await x.sent(x.sun) == []
    asked = await x.last(x.resident)
    when = x.s.deps.texts.slot(booking)
    want = T("bookings.slot_over_ask", id=1, service=x.s.deps.texts.service(booking), when=when)
    assert asked.text == rendered(want) and asked.buttons
    async with x.w.tx() as tx:
        pending = await x.people.expecting(tx, x.resident.id)
    assert pending is not None and pending[0] == Pending.MOVE
    span = parse_when("明天下午3点", x.w.clock.now(), x.w.community.tz)
    assert span is not None
    async with x.w.tx() as tx:
        booking = await x.s.deps.reload(tx, 1)
        await x.s.moving.to(tx, booking, x.resident, span, True)
        assert await x.s.staffing.redispatch(tx, 1, x.staff) is Redispatched.DONE
    moved = await x.get()
    assert moved.slot_start is not None and moved.slot_start > x.w.clock.now()
    assert not moved.asap and "尽快" not in (await x.last(x.sun)).text


async def test_a_service_nobody_takes_is_answered_every_time_it_is_asked(world: World) -> None:
    """Tester: asked again the same day (here: at the same clock reading, as in the sandbox),
    the second ask got no reply, its outbox key the same as the first's."""
    x = world
    kuaixiu = x.w.community.provider("kuaixiu")
    assert kuaixiu is not None
    async with x.w.tx() as tx:
        await x.s.providers.suspend(tx, kuaixiu, x.staff, True)
    for _ in range(2):
        async with x.w.tx() as tx:
            assert await x.s.flow.start(tx, x.resident, "bicycle_repair") is None
    want = rendered(T("bookings.no_provider", service=x.names.name("bicycle_repair")))
    told = [m.text for m in await x.sent(x.resident)]
    assert told == [want, want]


async def test_suspending_a_provider_moves_its_open_offers_on(world: World) -> None:
    """Tester: jiejia suspended while its offer was open: the offer stayed live with its
    buttons until it timed out. Now its worker's offer is closed at once, the next provider
    is offered the job at the agreed price, and the resident is told."""
    x = world
    await confirmed(x)
    jiejia = x.w.community.provider("jiejia")
    assert jiejia is not None
    async with x.w.tx() as tx:
        await x.s.providers.suspend(tx, jiejia, x.staff, True)
    closed = await x.last(x.zhao)
    assert closed.method == "edit" and closed.buttons == []
    assert closed.key == f"bk1:offer:{x.zhao.id}:0:closed"
    booking = await x.get()
    assert (booking.status, booking.current_provider) == (Status.OFFERED, "kuaixiu")
    offer = await x.last(x.sun)
    assert offer.key == f"bk1:offer:{x.sun.id}:1" and "¥180/台" in offer.text
    assert (await x.last(x.resident)).key == "bk1:r:contact:1"


async def test_a_group_quote_leaves_out_a_suspended_provider(world: World) -> None:
    """Tester: the group's price line quoted a suspended provider's price (¥180 of jiejia)."""
    x = world
    jiejia = x.w.community.provider("jiejia")
    assert jiejia is not None
    pairs = x.names.offers(RANGE_HOOD, SLOT.date())
    async with x.w.tx() as tx:
        before = await staffed_offers(tx, x.people, x.w.community, pairs)
        await x.s.providers.suspend(tx, jiejia, x.staff, True)
        after = await staffed_offers(tx, x.people, x.w.community, pairs)
    assert "jiejia" in {p.id for p, _ in before}
    assert "jiejia" not in {p.id for p, _ in after} and after
