"""WAL checkpoints off the event loop.

The loop's connection runs with ``wal_autocheckpoint=0``: a checkpoint copies pages into the
database file and syncs it, tens of milliseconds on a large database, which must never run
inside a COMMIT on the loop. Instead, after a commit, and at most every ``INTERVAL`` seconds, a
passive checkpoint runs on a second connection, an aiosqlite one (its own thread). A passive
checkpoint takes no write lock (the loop's connection stays the one writer and never waits for
it) and gives way to readers; SQLite restarts the log from its beginning once everything in it
was copied, so the log stays about as large as what is written in an interval.
"""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path

import aiosqlite

_LOGGER = logging.getLogger(__name__)
INTERVAL = 0.5  # seconds between the end of one checkpoint and the start of the next


class Checkpointer:
    """Starts a passive checkpoint now and then, one at a time, on an aiosqlite connection
    (aiosqlite runs each connection's statements in a thread of its own: the one place in the
    bot where a statement may take long, so the one place where a thread hand-off pays)."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._conn: aiosqlite.Connection | None = None
        self._running: asyncio.Task[None] | None = None
        self._next = 0.0

    def committed(self) -> None:
        """A transaction committed: start a checkpoint unless one runs or ran lately."""
        if self._running is not None or time.monotonic() < self._next:
            return
        self._running = asyncio.get_running_loop().create_task(self._checkpoint())
        self._running.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[None]) -> None:
        self._running = None
        self._next = time.monotonic() + INTERVAL
        if not task.cancelled() and task.exception() is not None:
            _LOGGER.warning("WAL checkpoint failed: %s", task.exception())

    async def _checkpoint(self) -> None:
        """Copy what the log holds into the database file (in aiosqlite's thread)."""
        if self._conn is None:
            self._conn = await aiosqlite.connect(self._path, isolation_level=None, timeout=5.0)
        await self._conn.execute_fetchall("PRAGMA wal_checkpoint(PASSIVE)")

    async def stop(self) -> None:
        """Wait for a running checkpoint, then close the second connection."""
        if self._running is not None:
            await asyncio.wait([self._running])
        conn, self._conn = self._conn, None
        self._next = 0.0
        if conn is not None:
            await conn.close()
