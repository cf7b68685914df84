"""Counting a request-like text that matched nothing, and reading the most frequent ones;
counting a service asked for that nobody could take, once per resident per day."""

from __future__ import annotations

from datetime import datetime, tzinfo

from bot.clock import Clock
from bot.domain.misses.model import Miss, Unserved, clean
from bot.domain.misses.repo import MissesRepo
from bot.storage import Tx

_REPO = MissesRepo()


async def record_miss(tx: Tx, clock: Clock, text: str) -> None:
    """Count one more occurrence of an unmatched request-like text."""
    kept = clean(text)
    if kept:
        await _REPO.count(tx, kept, clock.now())


async def top_misses(tx: Tx, limit: int = 20) -> list[Miss]:
    """The most frequent misses, most frequent first."""
    return await _REPO.top(tx, limit)


async def record_unserved(tx: Tx, clock: Clock, tz: tzinfo, service: str, person_id: int) -> None:
    """A resident asked for a service no provider could take: unmet demand, counted once per
    resident per local day (asking three times in a morning is one ask)."""
    now = clock.now()
    await _REPO.unserved(tx, service, person_id, now.astimezone(tz).date().isoformat(), now)


async def unserved(tx: Tx, since: datetime, until: datetime) -> list[Unserved]:
    """Services nobody could take, asked for in [since, until), most residents first."""
    return await _REPO.unserved_between(tx, since, until)
