"""Nightly backups: planned like any recurring deadline (tonight's and tomorrow's, by name, so
planning again changes nothing and a night missed while the bot was down runs at start), run
with :func:`bot.storage.backup.backup` in a thread on a connection of its own.

The copy runs inside the deadline's transaction (the bot's other work waits for it: a few
seconds at night for a large database); it reads the last committed state, so the
deadline's own uncommitted row is not in it. A failure is logged and audited, never raised:
tomorrow's backup is planned regardless.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta
from pathlib import Path

from bot import deadlines
from bot.audit import Audit
from bot.config import Community
from bot.deadlines import Deadline
from bot.domain.backups.contract import DeadlineKind, NightRef, night_of
from bot.storage import Tx
from bot.storage import backup as backups

_LOGGER = logging.getLogger(__name__)


class NightlyBackups:
    """Plans and takes the nightly backup the community file's ``[backup]`` asks for."""

    def __init__(self, community: Community, database: Path | None, audit: Audit) -> None:
        self._community = community
        self._database = database
        self._audit = audit

    @property
    def folder(self) -> Path | None:
        """Where the copies go (relative to the database's folder), or None: switched off
        (or no SQLite file: a PostgreSQL store is backed up with pg_dump, docs/deploy.md)."""
        folder = self._community.backup.folder
        return self._database.parent / folder if folder and self._database else None

    async def plan(self, tx: Tx, now: datetime) -> None:
        """Planner: tonight's and tomorrow night's backup, when a folder is set."""
        if self.folder is None:
            return
        policy, tz = self._community.backup, self._community.tz
        today = now.astimezone(tz).date()
        for day in (today, today + timedelta(days=1)):
            due = datetime.combine(day, policy.time, tz)
            ref = NightRef(day)
            await deadlines.schedule(tx, ref.name, DeadlineKind.NIGHTLY, due, ref.ref)

    async def run(self, tx: Tx, deadline: Deadline) -> None:
        """Deadline: copy the database, then delete copies older than keep_days."""
        night, folder, database = night_of(deadline), self.folder, self._database
        if night is None or folder is None or database is None:
            return
        target = folder / backups.nightly_name(night.day)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            # force: tonight's own file, left by a run the bot did not live to commit
            await asyncio.to_thread(backups.backup, database, target, force=True)
        except (backups.BackupError, OSError) as exc:
            _LOGGER.error("Nightly backup of %s failed: %s", night.day, exc)
            await self._audit.record(tx, "deadline", "backup_failed", "backup", day=night.ref)
            return
        gone = backups.prune(folder, self._community.backup.keep_days, night.day)
        await self._audit.record(
            tx, "deadline", "backup_done", "backup", day=night.ref, pruned=len(gone)
        )
        _LOGGER.info("Nightly backup written to %s (%d old copies deleted)", target, len(gone))
