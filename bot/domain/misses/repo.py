"""Misses' only SQL: the misses table, one row per text with its count."""

from __future__ import annotations

from datetime import datetime

from bot.clock import to_db
from bot.domain.misses.model import Miss
from bot.storage import Tx


class MissesRepo:
    """Named reads and writes of the misses table (in the caller's transaction)."""

    async def count(self, tx: Tx, text: str, at: datetime) -> None:
        """One more occurrence of this (already cleaned) text, seen at ``at``."""
        await tx.execute(
            "INSERT INTO misses (text, count, last_at, id)"
            " VALUES (?, 1, ?, (SELECT COALESCE(MAX(id), 0) + 1 FROM misses))"
            " ON CONFLICT(text) DO UPDATE SET count = misses.count + 1,"
            " last_at = excluded.last_at",
            (text, to_db(at)),
        )

    async def top(self, tx: Tx, limit: int) -> list[Miss]:
        """The most frequent misses, most frequent (then most recent) first."""
        rows = await tx.all(
            "SELECT text, count FROM misses ORDER BY count DESC, last_at DESC LIMIT ?", (limit,)
        )
        return [Miss(r["text"], r["count"]) for r in rows]
