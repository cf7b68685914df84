"""Small named values the bot remembers between runs (``planner_marks``), e.g. a fingerprint
of what was last planned from, so work whose input did not change is not done again."""

from __future__ import annotations

from bot.storage.db import Tx


async def mark(tx: Tx, name: str) -> str | None:
    """The value remembered under `name`, if any."""
    value = await tx.scalar("SELECT value FROM planner_marks WHERE name = ?", (name,))
    return None if value is None else str(value)


async def set_mark(tx: Tx, name: str, value: str) -> None:
    """Remember `value` under `name` (in the caller's transaction)."""
    await tx.execute(
        "INSERT INTO planner_marks (name, value) VALUES (?, ?)"
        " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        (name, value),
    )
