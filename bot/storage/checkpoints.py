"""WAL checkpoints off the event loop.

The loop's connection runs with ``wal_autocheckpoint=0``: a checkpoint copies pages into the
database file and syncs it, tens of milliseconds on a large database, which must never run
inside a COMMIT on the loop. Instead, after a commit, and at most every ``INTERVAL`` seconds,
a passive checkpoint runs on a second connection in a worker thread. A passive checkpoint
takes no write lock (the loop's connection stays the one writer and never waits for it) and
gives way to readers; SQLite restarts the log from its beginning once everything in it was
copied, so the log stays about as large as what is written in an interval.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from pathlib import Path

_LOGGER = logging.getLogger(__name__)
INTERVAL = 0.5  # seconds between the end of one checkpoint and the start of the next


class Checkpointer:
    """Starts a passive checkpoint in a thread now and then, one at a time."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._conn: sqlite3.Connection | None = None
        self._running: asyncio.Future[None] | None = None
        self._next = 0.0

    def committed(self) -> None:
        """A transaction committed: start a checkpoint unless one runs or ran lately."""
        if self._running is not None or time.monotonic() < self._next:
            return
        loop = asyncio.get_running_loop()
        self._running = loop.run_in_executor(None, self._checkpoint)
        self._running.add_done_callback(self._done)

    def _done(self, future: asyncio.Future[None]) -> None:
        self._running = None
        self._next = time.monotonic() + INTERVAL
        if not future.cancelled() and future.exception() is not None:
            _LOGGER.warning("WAL checkpoint failed: %s", future.exception())

    def _checkpoint(self) -> None:
        """In the worker thread: copy what the log holds into the database file."""
        if self._conn is None:
            self._conn = sqlite3.connect(
                self._path, isolation_level=None, check_same_thread=False, timeout=5.0
            )
        self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

    async def stop(self) -> None:
        """Wait for a running checkpoint, then close the second connection."""
        if self._running is not None:
            await asyncio.wait([self._running])
        conn, self._conn = self._conn, None
        self._next = 0.0
        if conn is not None:
            await asyncio.to_thread(conn.close)
