"""A service nobody can take: the resident is told, and the ask counts as unmet demand."""

from __future__ import annotations

from bot.clock import to_db
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
    key = f"bknone:{resident.id}:{service}:{to_db(d.now())}"
    await d.send(tx, resident.telegram_id, text, key=key)
