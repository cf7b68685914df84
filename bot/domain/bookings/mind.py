"""A change of mind between two services of one request (tester 3, item 3).

"打扫一下卫生 顺便把三个房间的窗户也擦一下" starts the cleaning and queues the windows. At a
step of the cleaning, "算了 窗户先不擦了 只要打扫卫生就行" used to be read as "算了": the cleaning
(the one she wanted) was called off and the windows started. Words that drop one service and
keep another keep the kept one, never the reverse: the dropped one is called off (the draft
being filled in, or one waiting its turn) and the kept one goes on, with the time already said.
"""

from __future__ import annotations

from collections.abc import Collection

from bot.domain.bookings.cancelling import Cancelling
from bot.domain.bookings.flow import DraftFlow
from bot.domain.bookings.model import Booking, Step
from bot.domain.people import Person
from bot.i18n import T
from bot.storage import Tx


async def keep_only(
    flow: DraftFlow,
    cancelling: Cancelling,
    tx: Tx,
    booking: Booking,
    person: Person,
    kept: str,
    dropped: Collection[str],
) -> None:
    """`kept` goes on and `dropped` are called off. When `booking` (the draft being filled in)
    is the kept one, the drafts of `dropped` waiting their turn end and its step is asked
    again; when it is a dropped one, it ends and the kept service starts with its time."""
    drafts = await flow.d.repo.drafts_of(tx, person.id)
    if booking.service == kept:
        for other in drafts:
            if other.step == Step.QUEUED and other.service in dropped:
                await cancelling.cancel(tx, other, person, told=True)  # said just below
        text, buttons = await flow.reask(tx, booking, person)
        names = flow.d.services
        gone = names.name(sorted(dropped)[0])
        lead = T("bookflow.only_kept", kept=names.name(kept), dropped=gone)
        told = T("common.lines", lines=[lead, text])
        key = await flow.d.unused_key(tx, f"bk{booking.id}:keep:{kept}")  # said again: again
        await flow.d.send(tx, person.telegram_id, told, key=key, buttons=buttons)
        return
    await cancelling.cancel(tx, booking, person)
    start, end = booking.slot_start or booking.proposed_start, booking.slot_end
    if start is None:
        await flow.start(tx, person, kept)
        return
    await flow.start(tx, person, kept, start, end or booking.proposed_end, asap=booking.asap)


__all__ = ["keep_only"]
