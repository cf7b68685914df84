"""The database connection and its transactions.

There is one SQLite connection and one asyncio lock. Every read and write happens inside
``db.tx()`` (BEGIN IMMEDIATE .. COMMIT) or ``db.read()``, so a coroutine never sees another's
uncommitted work and a state change commits together with the messages it causes.

Statements run on the event loop, synchronously: a statement on this schema takes a few
microseconds, while handing it to a worker thread (aiosqlite) cost 20-70 µs of thread hand-off
each, and an update makes 10-20 of them. What could block the loop for long runs elsewhere:
opening and migrating (a thread, before anything is handled), WAL checkpoints (a second
connection, aiosqlite's, in its thread; :mod:`bot.storage.checkpoints`; the loop's connection
never checkpoints) and waiting for the write lock held by another process (``BEGIN IMMEDIATE``
is retried with ``await asyncio.sleep``, never by SQLite's busy loop). The one writer is this
connection: the checkpointer never takes the write lock.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from bot.storage.checkpoints import Checkpointer
from bot.storage.dialect import is_postgres
from bot.storage.schema import migrations

if TYPE_CHECKING:
    from bot.storage.pg import SessionLock

_LOGGER = logging.getLogger(__name__)
_T = TypeVar("_T")
# How long SQLite itself may wait for a lock on the loop (a reader racing a checkpoint's
# index rebuild; never the write lock, see _begin), and how long _begin waits for the write
# lock another process holds before it gives up as "database is locked".
_LOOP_BUSY_MS = 20
# Tx.kept name: people.language by Telegram id, as read in this transaction (the people
# repository fills it when it reads a person, the outbox reads it for each message it queues).
LANGUAGES = "people.language"
_WRITE_LOCK_WAIT = 5.0

Row = sqlite3.Row


class Tx:
    """A handle for statements inside a transaction (or a locked read).

    The methods are coroutines so that callers need not know where a statement runs; each
    runs at once, on the loop (see the module docstring).
    """

    # Whether statements run on PostgreSQL (several instances may share it: claims there
    # take row locks with SKIP LOCKED; on SQLite this process is the only writer).
    postgres = False

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._at_end: list[Callable[[], None]] = []
        # Messages queued in this transaction (the outbox counts them): an update whose
        # transaction queued any was answered.
        self.queued = 0
        self._read_once: dict[str, object] = {}

    def at_end(self, forget: Callable[[], None]) -> None:
        """Call `forget` once this transaction has committed or rolled back.

        For in-memory copies of rows (a cache): a change drops the copy at once and again at
        the end, so a copy read inside the transaction (perhaps of work later rolled back)
        never outlives it; the next reader reads what was committed.
        """
        self._at_end.append(forget)

    async def once(self, name: str, read: Callable[[], Awaitable[_T]]) -> _T:
        """What ``read()`` returns, read at most once in this transaction (kept under `name`).

        For a copy that may not outlive the transaction: on a store several instances share,
        another instance may change the rows between two transactions of this one (see
        :meth:`bot.domain.people.service.People.is_revoked`).
        """
        if name not in self._read_once:
            self._read_once[name] = await read()
        return cast(_T, self._read_once[name])

    def kept(self, name: str) -> dict[Any, Any]:
        """A dict kept under `name` for this transaction, for copies a repository fills as it
        reads them (key by key); :meth:`reread` drops it."""
        return cast(dict[Any, Any], self._read_once.setdefault(name, {}))

    def reread(self, name: str) -> None:
        """This transaction changed what :meth:`once` keeps under `name`: read it again."""
        self._read_once.pop(name, None)

    def _ended(self) -> None:
        hooks, self._at_end = self._at_end, []
        for hook in hooks:
            hook()

    async def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> int:
        """Run one statement; return the last row id (for inserts)."""
        return int(self._conn.execute(sql, params).lastrowid or 0)

    async def changes(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> int:
        """Run one statement; return how many rows it changed (the schema has no triggers,
        so the connection's running total grows by exactly that)."""
        before = self._conn.total_changes
        self._conn.execute(sql, params).fetchall()
        return self._conn.total_changes - before

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement for many parameter rows."""
        self._conn.executemany(sql, rows)

    async def one(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Row | None:
        """Fetch the first row, or None."""
        row: Row | None = self._conn.execute(sql, params).fetchone()
        return row

    async def all(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Row]:
        """Fetch every row."""
        return self._conn.execute(sql, params).fetchall()

    async def scalar(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        """Fetch the first column of the first row, or None."""
        row = self._conn.execute(sql, params).fetchone()
        return None if row is None else row[0]


class Database:
    """Owns the connection; opened in post_init, closed in post_shutdown."""

    # A SQLite file on this machine (run lock, nightly backups and WAL checkpoints apply);
    # the PostgreSQL store (bot/storage/pg.py) says False.
    local = True

    def __new__(cls, path: Path | str) -> Database:
        """A ``postgresql://`` URL opens the PostgreSQL store behind the same interface."""
        if cls is Database and is_postgres(path):
            from bot.storage.pg import PgDatabase  # asyncpg only when used

            return super().__new__(PgDatabase)
        return super().__new__(cls)

    def session_lock(self, key: int) -> SessionLock:
        """An advisory lock held by a session of its own: PostgreSQL only (on SQLite one
        process is the only user; nothing to take turns on)."""
        raise NotImplementedError("advisory locks are PostgreSQL's")

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._conn: sqlite3.Connection | None = None
        self._lock = asyncio.Lock()
        self._checkpoints = Checkpointer(self.path)
        # The migrations open() applied (``concierge migrate`` prints them).
        self.applied: list[str] = []

    async def open(self) -> None:
        """Connect, switch on WAL and foreign keys, and apply pending migrations (in a thread:
        a long migration or a locked file never blocks the loop)."""
        self._conn = await asyncio.to_thread(self._open)

    def _open(self) -> sqlite3.Connection:
        conn = sqlite3.connect(
            self.path, isolation_level=None, check_same_thread=False, cached_statements=256
        )
        try:
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA busy_timeout=5000")
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")
            self.applied = _migrate(conn)
            conn.execute(f"PRAGMA busy_timeout={_LOOP_BUSY_MS}")
            conn.execute("PRAGMA wal_autocheckpoint=0")  # the checkpointer's thread does it
        except BaseException:
            conn.close()
            raise
        return conn

    async def close(self) -> None:
        """Close the connection (idempotent); closing checkpoints, so in a thread."""
        conn, self._conn = self._conn, None
        await self._checkpoints.stop()
        if conn is not None:
            conn.execute(f"PRAGMA busy_timeout={int(_WRITE_LOCK_WAIT * 1000)}")
            await asyncio.to_thread(conn.close)

    @property
    def conn(self) -> sqlite3.Connection:
        """The open connection; an error if open() was not awaited."""
        if self._conn is None:
            raise RuntimeError("database is not open")
        return self._conn

    def set_trace_callback(self, trace: Callable[[str], None] | None) -> None:
        """Call ``trace`` with every statement's SQL from now on (None: stop); tests count
        statements with it, on either store."""
        self.conn.set_trace_callback(trace)

    @property
    def total_changes(self) -> int:
        """Rows inserted, updated or deleted since the connection opened (a planner round that
        changed nothing leaves it as it was)."""
        return self.conn.total_changes

    @asynccontextmanager
    async def tx(self) -> AsyncIterator[Tx]:
        """A write transaction: committed on success, rolled back on any exception."""
        # Statements never yield, so a loop of transactions would never let the loop run:
        # yield once here, as each statement's thread hand-off used to.
        await asyncio.sleep(0)
        async with self._lock:
            conn = self.conn
            await self._begin(conn)
            tx = Tx(conn)
            try:
                yield tx
            except BaseException:
                try:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                finally:
                    tx._ended()
                raise
            try:
                conn.execute("COMMIT")
            finally:
                tx._ended()
        self._checkpoints.committed()

    @asynccontextmanager
    async def read(self) -> AsyncIterator[Tx]:
        """A consistent read: no other transaction can interleave."""
        await asyncio.sleep(0)
        async with self._lock:
            tx = Tx(self.conn)
            try:
                yield tx
            finally:
                tx._ended()

    @staticmethod
    async def _begin(conn: sqlite3.Connection) -> None:
        """BEGIN IMMEDIATE; while another process holds the write lock, wait for it off the
        loop's back (sleeping), up to _WRITE_LOCK_WAIT, then fail as SQLite would."""
        waited_until = time.monotonic() + _WRITE_LOCK_WAIT
        pause = 0.001
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                busy = "locked" in str(exc) or "busy" in str(exc)
                if not busy or time.monotonic() >= waited_until:
                    raise
            await asyncio.sleep(pause)
            pause = min(pause * 2, 0.05)


def _migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply migrations whose number is above PRAGMA user_version, each atomically; the names
    of those applied."""
    row = conn.execute("PRAGMA user_version").fetchone()
    current = int(row[0]) if row else 0
    applied = []
    for step in migrations():
        if step.number <= current:
            continue
        _LOGGER.info("Applying migration %s", step.name)
        conn.executescript(
            f"BEGIN IMMEDIATE;\n{step.sqlite}\nPRAGMA user_version = {step.number};\nCOMMIT;"
        )
        applied.append(step.name)
    return applied
