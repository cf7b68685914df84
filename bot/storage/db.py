"""The database connection and its transactions.

There is one aiosqlite connection and one asyncio lock. Every read and write happens inside
``db.tx()`` (BEGIN IMMEDIATE .. COMMIT) or ``db.read()``, so a coroutine never sees another's
uncommitted work and a state change commits together with the messages it causes.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

_LOGGER = logging.getLogger(__name__)
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")

Row = aiosqlite.Row


class Tx:
    """A handle for statements inside a transaction (or a locked read).

    Every statement is one call to aiosqlite's database thread, results included (a cursor
    that is executed, fetched and closed costs three): the thread hand-off, not SQLite, is
    most of what a statement costs here.
    """

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn
        self._at_end: list[Callable[[], None]] = []
        # Messages queued in this transaction (the outbox counts them): an update whose
        # transaction queued any was answered.
        self.queued = 0

    def at_end(self, forget: Callable[[], None]) -> None:
        """Call `forget` once this transaction has committed or rolled back.

        For in-memory copies of rows (a cache): a change drops the copy at once and again at
        the end, so a copy read inside the transaction (perhaps of work later rolled back)
        never outlives it; the next reader reads what was committed.
        """
        self._at_end.append(forget)

    def _ended(self) -> None:
        hooks, self._at_end = self._at_end, []
        for hook in hooks:
            hook()

    async def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> int:
        """Run one statement; return the last row id (for inserts)."""
        row = await self._conn.execute_insert(sql, params)
        return int(row[0] or 0) if row is not None else 0

    async def changes(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> int:
        """Run one statement; return how many rows it changed (the schema has no triggers,
        so the connection's running total grows by exactly that)."""
        before = self._conn.total_changes
        await self._conn.execute_fetchall(sql, params)
        return self._conn.total_changes - before

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement for many parameter rows."""
        await self._conn.executemany(sql, rows)

    async def one(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Row | None:
        """Fetch the first row, or None (ask for one row: every row is fetched)."""
        rows = await self.all(sql, params)
        return rows[0] if rows else None

    async def all(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Row]:
        """Fetch every row."""
        return list(await self._conn.execute_fetchall(sql, params))

    async def scalar(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        """Fetch the first column of the first row, or None."""
        row = await self.one(sql, params)
        return None if row is None else row[0]


class Database:
    """Owns the connection; opened in post_init, closed in post_shutdown."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._conn: aiosqlite.Connection | None = None
        self._lock = asyncio.Lock()

    async def open(self) -> None:
        """Connect, switch on WAL and foreign keys, and apply pending migrations."""
        connecting = aiosqlite.connect(self.path, isolation_level=None)
        try:
            self._conn = await connecting
        except BaseException:
            # aiosqlite stops its worker thread after a failed connect without waiting for it;
            # wait, so the thread never outlives the event loop (it would die with a traceback).
            thread = getattr(connecting, "_thread", None)
            if thread is not None and thread.is_alive():
                await asyncio.to_thread(thread.join, 5.0)
            raise
        self._conn.row_factory = aiosqlite.Row
        await self._conn.execute("PRAGMA journal_mode=WAL")
        await self._conn.execute("PRAGMA foreign_keys=ON")
        await self._conn.execute("PRAGMA synchronous=NORMAL")
        await self._conn.execute("PRAGMA busy_timeout=5000")
        await self._migrate()

    async def close(self) -> None:
        """Close the connection (idempotent)."""
        if self._conn is not None:
            await self._conn.close()
            self._conn = None

    @property
    def conn(self) -> aiosqlite.Connection:
        """The open connection; an error if open() was not awaited."""
        if self._conn is None:
            raise RuntimeError("database is not open")
        return self._conn

    @property
    def total_changes(self) -> int:
        """Rows inserted, updated or deleted since the connection opened (a planner round that
        changed nothing leaves it as it was)."""
        return self.conn.total_changes

    @asynccontextmanager
    async def tx(self) -> AsyncIterator[Tx]:
        """A write transaction: committed on success, rolled back on any exception."""
        async with self._lock:
            await self.conn.execute("BEGIN IMMEDIATE")
            tx = Tx(self.conn)
            try:
                yield tx
            except BaseException:
                try:
                    await self.conn.execute("ROLLBACK")
                finally:
                    tx._ended()
                raise
            try:
                await self.conn.execute("COMMIT")
            finally:
                tx._ended()

    @asynccontextmanager
    async def read(self) -> AsyncIterator[Tx]:
        """A consistent read: no other transaction can interleave."""
        async with self._lock:
            tx = Tx(self.conn)
            try:
                yield tx
            finally:
                tx._ended()

    async def _migrate(self) -> None:
        """Apply migrations whose number is above PRAGMA user_version, each atomically."""
        async with self.conn.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        current = int(row[0]) if row else 0
        folder = resources.files("bot.storage.migrations")
        names = sorted(p.name for p in folder.iterdir() if _MIGRATION_NAME.match(p.name))
        for name in names:
            number = int(name[:4])
            if number <= current:
                continue
            sql = folder.joinpath(name).read_text("utf-8")
            _LOGGER.info("Applying migration %s", name)
            await self.conn.executescript(
                f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {number};\nCOMMIT;"
            )
