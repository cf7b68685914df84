"""A job offered again after its slot is over (tester 2 #10): "换个师傅" at 13:20 re-offered
the job for 10:00-13:00, already past, and the next worker accepted "按预约时间". Whoever is
asked next is asked for a time still to come: as soon as possible, or, in the quiet hours for
a service that is not urgent, the first morning's visit hours."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.domain.bookings.deps import BookingDeps
from bot.domain.bookings.model import Booking
from bot.domain.bookings.slots import PARTS
from bot.storage import Tx


def slot_over(booking: Booking, now: datetime) -> bool:
    """Whether the booked visit is over: its end (or its start, with no end) has passed. A
    job with no slot (尽快) is never over."""
    if booking.slot_start is None:
        return False
    return (booking.slot_end or booking.slot_start) <= now


async def future_slot(d: BookingDeps, tx: Tx, booking: Booking) -> Booking:
    """The booking to offer again: as it is while its slot is to come, else moved to 尽快 (or
    the first morning at night), recorded, and read back."""
    if not slot_over(booking, d.now()):
        return booking
    morning = d.night_morning(booking.service)
    fields: dict[str, Any]
    if morning is None:
        fields = {"asap": 1, "slot_start": None, "slot_end": None}
    else:
        tz = d.community.tz
        begin, end = (datetime.combine(morning, at, tz) for at in PARTS["am"])
        fields = {"asap": 0, "slot_start": begin, "slot_end": end}
    await d.repo.update(tx, booking.id, **fields)
    await d.record(tx, None, "slot_over", booking, asap=morning is None)
    return await d.reload(tx, booking.id)
