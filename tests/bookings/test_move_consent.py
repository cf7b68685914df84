"""A new time inside the late-cancel window needs the resident's own yes before anyone acts on
it (session 15, finding 1): the fee warning holds the proposal, and the worker, who was never
asked, cannot accept it by typing "好的可以" or pressing an old button. On real SQLite.

Helpers come from test_service.py and test_flow_more.py."""

from __future__ import annotations

from datetime import timedelta

from bot.i18n import T
from tests.bookings.test_flow_more import accepted, propose, x
from tests.bookings.test_service import SLOT, World

__all__ = ["x"]  # the fixture


async def test_a_worker_cannot_accept_a_late_move_the_resident_has_not_confirmed(
    x: World,
) -> None:
    booking = await accepted(x)
    x.w.clock.set(SLOT - timedelta(hours=2))
    await propose(x, "改到下午")
    async with x.w.tx() as tx:
        typed = await x.s.moving.typed_reply(tx, x.zhao, "好的可以")
        pressed = await x.s.moving.decide(tx, booking.id, 1, x.zhao, True)
    assert typed is None  # not an answer: nothing was asked of her
    assert pressed == T("common.stale_button")
    kept = await x.get(booking.id)
    assert (kept.slot_start, kept.slot_end) == (booking.slot_start, booking.slot_end)
    assert kept.proposed_start is not None  # still waiting for the resident
    assert not [m for m in await x.sent(x.zhao) if ":w:move:" in m.key]


async def test_once_the_resident_confirms_the_worker_can_accept_it(x: World) -> None:
    booking = await accepted(x)
    x.w.clock.set(SLOT - timedelta(hours=2))
    await propose(x, "改到下午")
    async with x.w.tx() as tx:
        await x.s.moving.confirm_late(tx, booking.id, 1, x.resident)
        typed = await x.s.moving.typed_reply(tx, x.zhao, "好的可以")
    assert typed is not None
    moved = await x.get(booking.id)
    assert moved.slot_start != booking.slot_start and moved.proposed_start is None


async def test_a_late_change_is_put_to_the_worker_once(x: World) -> None:
    """Pressed 确定改时间, then typed "好": the worker is asked once, the second is stale."""
    booking = await accepted(x)
    x.w.clock.set(SLOT - timedelta(hours=2))
    await propose(x, "改到下午")
    async with x.w.tx() as tx:
        first = await x.s.moving.confirm_late(tx, booking.id, 1, x.resident)
        again = await x.s.moving.confirm_late(tx, booking.id, 1, x.resident)
    assert (first, again) == (T("bookings.ok_toast"), T("common.stale_button"))
    assert len([m for m in await x.sent(x.zhao) if ":w:move:" in m.key]) == 1


async def test_the_same_new_time_asked_again_is_not_sent_to_the_worker_again(x: World) -> None:
    """Session 15 (minor): the change repeated in other words ("can she come 30 minutes
    earlier?", "能提前半小时吗", "改到8点半") sent the worker three identical questions."""
    await accepted(x)
    await propose(x, "改到后天上午")
    again = await propose(x, "改到后天上午")
    assert len([m for m in await x.sent(x.zhao) if ":w:move:" in m.key]) == 1
    assert again.text is not None and again.text.key == "bookflow.move_already"
