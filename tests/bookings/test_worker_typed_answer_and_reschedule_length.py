"""The second #13 retest's flow findings on a real database: a worker's typed answer reaches
the job whose new time they are asked about; a reschedule keeps the booking's length.

Helpers come from test_service.py and test_flow_more.py."""

from __future__ import annotations

from bot.i18n import T
from tests.bookings.test_flow_more import accepted, propose, span, x
from tests.bookings.test_service import World, confirmed
from tests.domain_support import rendered

__all__ = ["x"]  # the fixture


async def test_a_workers_typed_no_answers_the_open_new_time(x: World) -> None:
    """F14: "周日下午我休息 去不了" declines the new time asked on the worker's accepted job;
    the booked time stays, and nothing is asked any more."""
    booking = await accepted(x)
    await propose(x, "改到后天上午")
    asked = await x.get(booking.id)
    assert asked.proposed_start is not None
    async with x.w.tx() as tx:
        said = await x.s.moving.typed_reply(tx, x.zhao, "周日下午我休息 去不了")
    assert said == T("bookflow.move_typed_no", id=booking.id)
    after = await x.get(booking.id)
    assert after.proposed_start is None and after.slot_start == booking.slot_start
    async with x.w.tx() as tx:  # nothing open now: the words are read as usual
        assert await x.s.moving.typed_reply(tx, x.zhao, "可以") is None


async def test_a_workers_typed_yes_moves_the_job_keeping_its_length(x: World) -> None:
    """ "可以" agrees: the job moves, three hours stay three hours."""
    booking = await accepted(x)
    await propose(x, "改到后天下午2点")
    async with x.w.tx() as tx:
        said = await x.s.moving.typed_reply(tx, x.zhao, "可以")
    assert said == T("bookflow.move_typed_yes", id=booking.id)
    moved = await x.get(booking.id)
    assert moved.slot_start is not None and moved.slot_end is not None
    assert moved.slot_start.astimezone(x.w.community.tz).hour == 14
    assert booking.slot_start is not None and booking.slot_end is not None
    assert moved.slot_end - moved.slot_start == booking.slot_end - booking.slot_start


async def test_a_booking_number_in_the_words_picks_the_booking_to_move(x: World) -> None:
    """ "#N 改到后天上午" with two movable bookings: that one moves, no "which one?" asked."""
    first = await confirmed(x)
    second = await confirmed(x, "pet_sitting", provider="property_team")
    async with x.w.tx() as tx:
        said = await x.s.moving.request(
            tx, x.resident, None, span(x, "后天上午"), True, named=second.id
        )
    assert said.text != T("bookflow.move_pick")
    assert (await x.get(second.id)).slot_start != second.slot_start
    assert (await x.get(first.id)).slot_start == first.slot_start


async def test_which_booking_to_move_lists_change_time_buttons_only(x: World) -> None:
    """Two movable bookings, none named: asked which, with 🕑 buttons only (no 取消)."""
    first = await confirmed(x)
    second = await confirmed(x, "pet_sitting", provider="property_team")
    async with x.w.tx() as tx:
        said = await x.s.moving.request(tx, x.resident, None, span(x, "后天上午"), True)
    assert said.text == T("bookflow.move_pick")
    labels = [
        rendered(b.label) if not isinstance(b.label, str) else b.label
        for r in said.buttons
        for b in r
    ]
    assert len(labels) == 2 and all("#" in label for label in labels)
    assert {first.id, second.id} == {int(label.rsplit("#", 1)[1]) for label in labels}
