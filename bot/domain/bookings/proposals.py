"""Whether a booking's proposed new time was really put to its worker.

A new time inside the late-cancel window waits for the resident's own confirmation first; only
then is the worker asked, and the deadline for their answer scheduled. That pending deadline is
the one sign the worker may answer (session 15: a stray "好的可以" moved a time nobody had put
to her, and the resident's status must say whom the time waits for)."""

from __future__ import annotations

from bot import deadlines
from bot.domain.bookings.contract import DeadlineKind, DeadlineRef
from bot.domain.bookings.model import Booking
from bot.storage import Tx


async def worker_asked(tx: Tx, booking: Booking) -> bool:
    """Whether the booking's proposed time is with its worker (their answer's deadline is
    pending), not still awaiting the resident's confirmation inside the late window."""
    if booking.proposed_start is None:
        return False
    name = DeadlineRef(DeadlineKind.MOVE, booking.id, booking.proposal).name
    return any(d.name == name for d in await deadlines.pending(tx, name))
