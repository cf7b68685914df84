"""When a person last came to this community and when it last wrote to them
(``whereabouts``, migration 0031): what a district's router reads to tell which of the
communities knowing someone they mean, after a restart as before it."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from bot.clock import from_db, to_db
from bot.storage.db import Tx

Moment = Literal["came_at", "told_at"]


async def note(tx: Tx, telegram_id: int, moment: Moment, now: datetime) -> None:
    """Record that the person came here (``came_at``) or was written to (``told_at``) now."""
    await tx.execute(
        f"INSERT INTO whereabouts (telegram_id, {moment}) VALUES (?, ?)"
        f" ON CONFLICT (telegram_id) DO UPDATE SET {moment} = excluded.{moment}",
        (telegram_id, to_db(now)),
    )


async def last(tx: Tx, telegram_id: int, moment: Moment) -> datetime | None:
    """When the person last came here or was written to from here, if ever."""
    value = await tx.scalar(
        f"SELECT {moment} FROM whereabouts WHERE telegram_id = ?", (telegram_id,)
    )
    return None if value is None else from_db(str(value))
