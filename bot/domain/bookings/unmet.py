"""A service nobody can take: the resident is told, and the ask counts as unmet demand."""

from __future__ import annotations

from bot.domain.bookings.deps import BookingDeps
from bot.domain.misses import record_unserved
from bot.domain.people import Person
from bot.i18n import T
from bot.storage import Tx


async def nobody_takes(d: BookingDeps, tx: Tx, resident: Person, service: str) -> None:
    """No provider can take the service (none offers it, or every one is suspended): the
    resident is told, and it is counted as unmet demand of that service, once per resident
    per day (/misses' "无人提供 ×N", the console's Demand page, the weekly report) — not as a
    text nothing understood: the bot understood it, nobody offers it."""
    name = d.services.name(service)
    await record_unserved(tx, d.clock, d.community.tz, service, resident.id)
    text = T("bookings.no_provider", service=name)
    # One answer per ask: the key counts the asks answered before (a time in it made two asks
    # at one clock reading, or any clock that stands still, one answer: the second went
    # unanswered). A redelivered update is not asked again: its transaction is recorded once.
    first = key = f"bknone:{resident.id}:{service}"
    asks = 1
    while await d.outbox.queued(tx, key):
        asks += 1
        key = f"{first}:{asks}"
    await d.send(tx, resident.telegram_id, text, key=key)
