"""Misses' only SQL: the misses table, one row per text with its count; unserved_asks, one row
per service, resident and local day nobody could take it."""

from __future__ import annotations

from datetime import datetime

from bot.clock import from_db, to_db
from bot.domain.misses.model import Miss, Unserved
from bot.storage import Tx


class MissesRepo:
    """Named reads and writes of the misses and unserved_asks tables (in the caller's
    transaction)."""

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

    async def unserved(self, tx: Tx, service: str, person_id: int, day: str, at: datetime) -> None:
        """A resident asked for a service nobody could take on this local day (again the same
        day: only the time moves)."""
        await tx.execute(
            "INSERT INTO unserved_asks (service, person_id, day, at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(service, person_id, day) DO UPDATE SET at = excluded.at",
            (service, person_id, day, to_db(at)),
        )

    async def unserved_between(self, tx: Tx, since: datetime, until: datetime) -> list[Unserved]:
        """Services nobody could take, asked for in [since, until), by service: most residents
        (then asks, then the latest) first."""
        rows = await tx.all(
            "SELECT service, COUNT(DISTINCT person_id), COUNT(*), MAX(at) FROM unserved_asks"
            " WHERE at >= ? AND at < ? GROUP BY service"
            " ORDER BY 2 DESC, 3 DESC, 4 DESC, service",
            (to_db(since), to_db(until)),
        )
        return [Unserved(r[0], int(r[1]), int(r[2]), from_db(r[3])) for r in rows]
