"""The provider-trust SQL of bookings: what dispatch remembers about providers.

Their stats (ratings and how fast they accept, kept current as accepts and ratings are
written), the residents' ratings and comments, and the blocks, flags and suspensions that decide
who may be offered a job. :class:`bot.domain.bookings.repo.BookingRepo` inherits
:class:`TrustRepo`, so use cases keep asking one repository; ``generation`` grows with every
write here that can change who is offered and how they rank.
"""

from __future__ import annotations

import json

from bot.clock import Clock, to_db
from bot.domain.bookings.model import ProviderStats
from bot.storage import Tx


class TrustRepo:
    """Named reads and writes of provider stats, ratings, blocks, flags and suspensions."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        # Grows with every write that can change who is offered and how they rank, so a
        # ranking computed earlier in the same transaction is known to be still good.
        self.generation = 0

    def _now(self) -> str:
        return to_db(self._clock.now())

    # -- provider stats ----------------------------------------------------------------------

    async def _count_accept(self, tx: Tx, booking_id: int, attempt: int) -> None:
        """Add a just-answered accept's response time (to the nearest minute, at least 1) to
        its provider's stats; the same expression backfilled them (migration 0009)."""
        self.generation += 1
        # The JSON is counted here, not by SQLite's json_set: the same on both stores.
        row = await tx.one(
            "SELECT o.provider_id, MAX(1, CAST((julianday(o.answered_at)"
            " - julianday(o.offered_at)) * 1440 + 0.5 AS INTEGER)) AS minutes, s.response_minutes"
            " FROM booking_offers o LEFT JOIN provider_stats s ON s.provider_id = o.provider_id"
            " WHERE o.booking_id = ? AND o.attempt = ?",
            (booking_id, attempt),
        )
        assert row is not None, "the offer was just answered"
        provider, minutes = row["provider_id"], str(int(row["minutes"]))
        held = row["response_minutes"]
        counts: dict[str, int] = json.loads(held) if held else {}
        counts[minutes] = counts.get(minutes, 0) + 1
        await tx.execute(
            "INSERT INTO provider_stats (provider_id, accepts, response_minutes)"
            " VALUES (?, 1, ?) ON CONFLICT (provider_id) DO UPDATE SET"
            " accepts = provider_stats.accepts + 1,"
            " response_minutes = excluded.response_minutes",
            (provider, json.dumps(counts, separators=(",", ":"))),
        )

    async def provider_stats(self, tx: Tx) -> dict[str, ProviderStats]:
        """Every provider's ratings and response times (one row each)."""
        rows = await tx.all(
            "SELECT provider_id, ratings, stars, response_minutes FROM provider_stats"
        )
        return {
            r["provider_id"]: ProviderStats(
                r["provider_id"],
                int(r["ratings"]),
                int(r["stars"]),
                {int(m): int(n) for m, n in json.loads(r["response_minutes"]).items()},
            )
            for r in rows
        }

    # -- ratings ---------------------------------------------------------------------------

    async def add_rating(
        self, tx: Tx, booking_id: int, provider_id: str, resident_id: int, stars: int
    ) -> None:
        """Keep a rating, and count it in the provider's stats."""
        self.generation += 1
        await tx.execute(
            "INSERT INTO ratings (booking_id, provider_id, resident_id, stars, at)"
            " VALUES (?, ?, ?, ?, ?)",
            (booking_id, provider_id, resident_id, stars, self._now()),
        )
        await tx.execute(
            "INSERT INTO provider_stats (provider_id, ratings, stars) VALUES (?, 1, ?)"
            " ON CONFLICT (provider_id) DO UPDATE SET ratings = provider_stats.ratings + 1,"
            " stars = provider_stats.stars + excluded.stars",
            (provider_id, stars),
        )

    async def add_comment(self, tx: Tx, booking_id: int, resident_id: int, text: str) -> None:
        """Add the resident's comment to their rating."""
        await tx.execute(
            "UPDATE ratings SET comment = ? WHERE booking_id = ? AND resident_id = ?",
            (text, booking_id, resident_id),
        )

    # -- providers -------------------------------------------------------------------------

    async def block(self, tx: Tx, resident_id: int, provider_id: str) -> None:
        """This resident is not offered this provider again."""
        self.generation += 1
        await tx.execute(
            "INSERT OR IGNORE INTO provider_blocks (resident_id, provider_id, at)"
            " VALUES (?, ?, ?)",
            (resident_id, provider_id, self._now()),
        )

    async def blocked(self, tx: Tx, resident_id: int) -> set[str]:
        """The providers this resident blocked."""
        rows = await tx.all(
            "SELECT provider_id FROM provider_blocks WHERE resident_id = ?", (resident_id,)
        )
        return {r["provider_id"] for r in rows}

    async def flag(self, tx: Tx, provider_id: str, reason: str) -> bool:
        """Remember why a provider is left out; whether this is news."""
        return bool(
            await tx.changes(
                "INSERT OR IGNORE INTO provider_flags (provider_id, reason, at) VALUES (?, ?, ?)",
                (provider_id, reason, self._now()),
            )
        )

    async def suspend(self, tx: Tx, provider_id: str, by_person: int) -> None:
        """Staff stop offering a provider."""
        self.generation += 1
        await tx.execute(
            "INSERT OR IGNORE INTO provider_suspensions (provider_id, by_person, at)"
            " VALUES (?, ?, ?)",
            (provider_id, by_person, self._now()),
        )

    async def unsuspend(self, tx: Tx, provider_id: str) -> None:
        """Staff lift a suspension."""
        self.generation += 1
        await tx.execute("DELETE FROM provider_suspensions WHERE provider_id = ?", (provider_id,))

    async def suspended(self, tx: Tx) -> set[str]:
        """The providers staff suspended."""
        return await suspended_providers(tx)


async def suspended_providers(tx: Tx) -> set[str]:
    """The providers staff suspended (what a group's quote leaves out, as dispatch does)."""
    rows = await tx.all("SELECT provider_id FROM provider_suspensions")
    return {r["provider_id"] for r in rows}
