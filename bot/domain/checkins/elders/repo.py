"""The only SQL over the elders table: enrolment from the file or by staff, pauses, the
planner's per-day marks, and what she last wrote with no check-in waiting (``elder_words``).
:class:`bot.domain.checkins.repo.CheckinRepo` builds on it."""

from __future__ import annotations

from datetime import datetime

from bot.clock import from_db, to_db
from bot.config import Elder
from bot.domain.checkins import rows as mapped
from bot.domain.checkins.forms import Enrolment
from bot.domain.checkins.model import Enrolled
from bot.domain.checkins.replies import Wrote
from bot.storage import Tx


class ElderRepo:
    """Named reads and writes over the elders table."""

    async def elder(self, tx: Tx, key: str) -> Enrolled | None:
        """An enrolled elder by key."""
        row = await tx.one("SELECT * FROM elders WHERE key = ?", (key,))
        return mapped.elder_of(row) if row else None

    async def elders(self, tx: Tx) -> list[Enrolled]:
        """Every enrolled elder, by key."""
        return [mapped.elder_of(r) for r in await tx.all("SELECT * FROM elders ORDER BY key")]

    async def upsert_file_elder(self, tx: Tx, elder: Elder, now: datetime) -> bool:
        """Enrol or update an elder from the file (file values win); whether anything changed."""
        changed = await tx.changes(
            "INSERT INTO elders (key, name, address, times, grid_worker, risk, has_telegram,"
            " source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'file', ?)"
            " ON CONFLICT(key) DO UPDATE SET name = excluded.name,"
            " address = excluded.address, times = excluded.times,"
            " grid_worker = excluded.grid_worker, risk = excluded.risk,"
            " has_telegram = excluded.has_telegram, planned_day = ''"
            " WHERE elders.name IS NOT excluded.name OR elders.address IS NOT"
            " excluded.address OR elders.times IS NOT excluded.times OR"
            " elders.grid_worker IS NOT excluded.grid_worker OR elders.risk IS NOT"
            " excluded.risk OR elders.has_telegram IS NOT excluded.has_telegram",
            (elder.key, elder.name, elder.address, mapped.times_text(elder.checkin_times),
             elder.grid_worker, elder.risk, int(elder.has_telegram), to_db(now)),
        )  # fmt: skip
        return bool(changed)

    async def add_staff_elder(self, tx: Tx, form: Enrolment, now: datetime) -> str:
        """Enrol an elder on staff's word under the next free key (e1, e2, ...)."""
        number = int(await tx.scalar("SELECT COUNT(*) FROM elders WHERE source = 'staff'")) + 1
        while await tx.one("SELECT 1 FROM elders WHERE key = ?", (f"e{number}",)):
            number += 1
        key = f"e{number}"
        await tx.execute(
            "INSERT INTO elders (key, name, address, times, grid_worker, risk, has_telegram,"
            " source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'staff', ?)",
            (key, form.name, form.address, mapped.times_text(form.times), form.grid_worker,
             form.risk, int(form.has_telegram), to_db(now)),
        )  # fmt: skip
        return key

    async def set_pause(self, tx: Tx, key: str, start: datetime, until: datetime) -> None:
        """Pause an elder's check-ins over [start, until)."""
        await tx.execute(
            "UPDATE elders SET paused_from = ?, paused_until = ?, planned_day = '' WHERE key = ?",
            (to_db(start), to_db(until), key),
        )

    async def clear_pause(self, tx: Tx, key: str) -> None:
        """End an elder's pause."""
        await tx.execute(
            "UPDATE elders SET paused_from = NULL, paused_until = NULL, planned_day = ''"
            " WHERE key = ?",
            (key,),
        )

    async def to_plan(self, tx: Tx, day: str, limit: int) -> list[Enrolled]:
        """Up to `limit` elders not planned for this local day yet, by key."""
        rows = await tx.all(
            "SELECT * FROM elders WHERE planned_day < ? ORDER BY planned_day, key LIMIT ?",
            (day, limit),
        )
        return [mapped.elder_of(r) for r in rows]

    async def planned(self, tx: Tx, keys: list[str], day: str) -> None:
        """These elders' pings and next visit are planned for this local day."""
        rows = [(day, key) for key in keys]
        await tx.executemany("UPDATE elders SET planned_day = ? WHERE key = ?", rows)

    async def workers(self, tx: Tx, key: str | None = None) -> list[str]:
        """The grid workers (keys) elders have; with `key`, that worker's elders' names."""
        if key is None:
            rows = await tx.all("SELECT DISTINCT grid_worker FROM elders ORDER BY grid_worker")
            return [r["grid_worker"] for r in rows]
        rows = await tx.all("SELECT name FROM elders WHERE grid_worker = ? ORDER BY key", (key,))
        return [r["name"] for r in rows]

    async def note_words(self, tx: Tx, key: str, wrote: Wrote) -> None:
        """Keep what she just wrote with no check-in waiting (replacing the last such)."""
        await tx.execute(
            "INSERT INTO elder_words (elder_key, wrote_at, reply, words, told)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (elder_key) DO UPDATE SET"
            " wrote_at = excluded.wrote_at, reply = excluded.reply, words = excluded.words,"
            " told = excluded.told",
            (key, to_db(wrote.at), str(wrote.reply), wrote.words[:200], int(wrote.told)),
        )

    async def take_words(self, tx: Tx, key: str) -> Wrote | None:
        """What she last wrote with no check-in waiting, used up: one message answers one
        greeting at most."""
        wrote = await self.words(tx, key)
        if wrote is not None:
            await tx.execute("DELETE FROM elder_words WHERE elder_key = ?", (key,))
        return wrote

    async def words(self, tx: Tx, key: str) -> Wrote | None:
        """What she last wrote with no check-in waiting, if kept."""
        row = await tx.one("SELECT * FROM elder_words WHERE elder_key = ?", (key,))
        return mapped.wrote_of(row) if row else None

    async def previous_due(self, tx: Tx, key: str, due: datetime) -> datetime | None:
        """When her check-in before this one was due, if any."""
        value = await tx.scalar(
            "SELECT MAX(due_at) FROM checkins WHERE elder_key = ? AND due_at < ?",
            (key, to_db(due)),
        )
        return from_db(value) if value else None
