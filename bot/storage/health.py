"""Whether the database answers: the one query ``/readyz`` runs."""

from __future__ import annotations

from bot.storage.db import Tx


async def answers(tx: Tx) -> bool:
    """A trivial query returns what it should."""
    return bool(await tx.scalar("SELECT 1") == 1)
