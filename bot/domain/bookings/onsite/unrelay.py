"""What the private line relayed to a worker taken off the job (they withdrew, did not come,
were revoked or re-dispatched by staff): nothing there keeps looking live.

Every relayed message (a text, a media header, the "line open" note) loses its buttons, its
text unchanged: a [💬 回复] press was already refused, but the button should not invite one.
Each photo or voice note copied to them is deleted while Telegram still allows it (a bot may
delete its own messages under 48 hours old); an older one stays in their chat (docs/bookings.md).
"""

from __future__ import annotations

from bot.domain.bookings.deps import BookingDeps
from bot.domain.bookings.model import Booking
from bot.domain.people import Person
from bot.storage import Tx


async def take_back_line(d: BookingDeps, tx: Tx, booking: Booking, worker: Person) -> None:
    """Take the buttons off what the line relayed to this worker, delete the copies that may
    still be deleted. Keys are the relayed messages' own (no clock in them), so a second
    removal from the same job queues nothing again."""
    prefix = f"bk{booking.id}:line:"
    for key in await d.outbox.queued_keys(tx, worker.telegram_id, prefix):
        await d.outbox.unbutton(
            tx, worker.telegram_id, key, key=f"{key}:unbuttoned", to_revoked=True
        )
    await d.outbox.withdraw_copies(tx, worker.telegram_id, prefix, d.now())
