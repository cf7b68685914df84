"""Counting a request-like text that matched nothing, and reading the most frequent ones."""

from __future__ import annotations

from bot.clock import Clock
from bot.domain.misses.model import Miss, clean
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
