"""The PostgreSQL store: the same interface as :class:`bot.storage.db.Database`, on asyncpg.

Chosen when CONCIERGE_DB is a ``postgresql://`` URL. Like the SQLite store it holds one
connection and one asyncio lock, and every write runs in ``db.tx()`` — one transaction
(BEGIN .. COMMIT) that commits a state change with the messages it causes, or rolls both
back. Reads in ``db.read()`` run under the lock, so no coroutine sees another's uncommitted
work. The repositories' SQL is SQLite's; :mod:`bot.storage.dialect` translates each statement
once, and parameters are fitted to the types PostgreSQL infers for them (SQLite would take a
string for an integer column, asyncpg would not). The URL's query may set server settings,
e.g. ``?search_path=community_a`` to keep a community (or a test) in its own schema.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any, cast
from urllib.parse import parse_qsl, urlsplit

import asyncpg

from bot.storage.db import Database, Row, Tx
from bot.storage.dialect import COMPAT_FUNCTIONS, inserted_table, translate, url_of
from bot.storage.schema import migrations

_LOGGER = logging.getLogger(__name__)
# One migrator at a time, across instances sharing the database.
_MIGRATION_LOCK = 7_344_116_001
_WRITE_LOCK = 7_344_118  # write transactions take turns on it (with the schema's hash)
_IDLE_IN_TX = "60s"
_INTEGERS = {"int2", "int4", "int8"}
_FLOATS = {"float4", "float8"}
_TEXTS = {"text", "varchar", "bpchar", "name"}


def _numeric(text: str) -> int | float:
    """SUM and AVG give numeric; the code expects what SQLite gives: an int or a float."""
    value = Decimal(text)
    return int(value) if value == value.to_integral_value() else float(value)


def fit(value: Any, kind: str) -> Any:
    """A parameter as asyncpg takes it for a column of this type (SQLite took anything)."""
    if value is None:
        return None
    if kind in _INTEGERS:
        if isinstance(value, bool) or (isinstance(value, float) and value.is_integer()):
            return int(value)
        if isinstance(value, str) and value.lstrip("-").isdigit():
            return int(value)
    elif kind in _FLOATS:
        if isinstance(value, int | str):
            return float(value)
    elif kind == "numeric":
        if isinstance(value, int | float | str):
            return Decimal(str(value))
    elif kind in _TEXTS:
        if isinstance(value, bool):
            return str(int(value))
        if not isinstance(value, str):
            return str(value)
    elif kind == "bool" and isinstance(value, int):
        return bool(value)
    return value


def _count(status: str) -> int:
    """Rows a statement changed, from its status (``UPDATE 3``, ``INSERT 0 1``)."""
    last = status.rsplit(" ", 1)[-1]
    return int(last) if last.isdigit() and not status.startswith("SELECT") else 0


class PgTx(Tx):
    """Statements inside a transaction (or a locked read) on the PostgreSQL connection."""

    postgres = True

    def __init__(self, store: PgDatabase) -> None:
        super().__init__(cast(Any, None))
        self._store = store

    async def _prepared(self, sql: str) -> tuple[Any, list[str]]:
        return await self._store.prepared(sql)

    async def _run(
        self, sql: str, params: Sequence[Any] | dict[str, Any]
    ) -> tuple[Any, list[Any]]:
        if isinstance(params, dict):
            raise TypeError("the PostgreSQL store takes positional parameters only")
        stmt, kinds = await self._prepared(sql)
        if self._store.trace is not None:
            self._store.trace(sql)
        return stmt, [fit(v, k) for v, k in zip(params, kinds, strict=True)]

    async def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> int:
        """Run one statement; return the new row's id (an insert into a table with one)."""
        table = inserted_table(sql)
        if table is not None and table in self._store.identity_tables:
            stmt, args = await self._run(sql + " RETURNING id", params)
            rows = await stmt.fetch(*args)
            self._store.total_changes_ += len(rows)
            return int(rows[0][0]) if rows else 0
        stmt, args = await self._run(sql, params)
        await stmt.fetch(*args)
        self._store.total_changes_ += _count(stmt.get_statusmsg() or "")
        return 0

    async def changes(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> int:
        """Run one statement; return how many rows it changed."""
        stmt, args = await self._run(sql, params)
        await stmt.fetch(*args)
        changed = _count(stmt.get_statusmsg() or "")
        self._store.total_changes_ += changed
        return changed

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement for many parameter rows."""
        for row in rows:
            await self.changes(sql, row)

    async def one(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Row | None:
        """Fetch the first row, or None."""
        stmt, args = await self._run(sql, params)
        return cast(Row | None, await stmt.fetchrow(*args))

    async def all(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Row]:
        """Fetch every row."""
        stmt, args = await self._run(sql, params)
        return cast(list[Row], await stmt.fetch(*args))

    async def scalar(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        """Fetch the first column of the first row, or None."""
        stmt, args = await self._run(sql, params)
        return await stmt.fetchval(*args)


class PgDatabase(Database):
    """One asyncpg connection behind the SQLite store's interface (see the module docstring)."""

    local = False

    def __init__(self, path: Path | str) -> None:
        self.url = url_of(path)
        self.path = Path(self.url)
        self._pg: asyncpg.Connection | None = None
        self._lock = asyncio.Lock()
        self._statements: dict[str, tuple[Any, list[str]]] = {}
        self.identity_tables: frozenset[str] = frozenset()
        self.total_changes_ = 0
        self.applied: list[str] = []
        self.trace: Callable[[str], None] | None = None

    async def open(self) -> None:
        """Connect and apply pending migrations (one migrator at a time across instances)."""
        conn = await self._connect()
        try:
            await self._own_schema(conn)
            self.applied = await migrate(conn)
            rows = await conn.fetch(
                "SELECT table_name FROM information_schema.columns WHERE table_schema ="
                " current_schema() AND column_name = 'id' AND is_identity = 'YES'"
            )
            self.identity_tables = frozenset(str(r[0]) for r in rows)
        except BaseException:
            await conn.close()
            raise
        self._pg = conn

    async def _own_schema(self, conn: asyncpg.Connection) -> None:
        """Create the schema the URL's ``search_path`` names when it does not exist yet (each
        community of a district keeps its data in one of its own; see bot/district)."""
        schema = dict(parse_qsl(urlsplit(self.url).query)).get("search_path", "")
        if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", schema) or schema == "public":
            return  # none, several, or quoted: the operator's to create
        found = await conn.fetchval(
            "SELECT 1 FROM information_schema.schemata WHERE schema_name = $1", schema
        )
        if not found:
            await conn.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")

    async def _connect(self) -> asyncpg.Connection:
        conn = await asyncpg.connect(self.url)
        await conn.set_type_codec(
            "numeric", encoder=str, decoder=_numeric, schema="pg_catalog", format="text"
        )
        # A transaction left open by an instance that hangs (alive, but stuck) would hold its
        # row locks (a deadline's claim) for ever: the server ends such a session instead.
        await conn.execute(f"SET idle_in_transaction_session_timeout = '{_IDLE_IN_TX}'")
        return conn

    async def _alive(self) -> None:
        """Reconnect when the server dropped the connection (restarted, failed over): the
        transaction that saw it go failed and rolled back; the next one gets a new one."""
        if self._pg is not None and self._pg.is_closed():
            _LOGGER.warning("PostgreSQL connection lost; reconnecting")
            self._statements.clear()
            self._pg = await self._connect()

    async def _start(self) -> Any:
        """BEGIN; a connection that cannot even begin (the server dropped it while idle) is
        replaced once: nothing was done on it yet, so nothing is lost or done twice."""
        await self._alive()
        transaction = self.pg.transaction()
        try:
            await transaction.start()
        except Exception:
            self.pg.terminate()
            await self._alive()
            transaction = self.pg.transaction()
            await transaction.start()
        return transaction

    async def close(self) -> None:
        """Close the connection (idempotent)."""
        conn, self._pg = self._pg, None
        self._statements.clear()
        if conn is not None:
            await conn.close()

    def session_lock(self, key: int) -> SessionLock:
        """An advisory lock on a connection of its own (see :class:`SessionLock`)."""
        return SessionLock(self.url, key)

    @property
    def pg(self) -> asyncpg.Connection:
        """The open connection; an error if open() was not awaited."""
        if self._pg is None:
            raise RuntimeError("database is not open")
        return self._pg

    def set_trace_callback(self, trace: Callable[[str], None] | None) -> None:
        """Call ``trace`` with every statement's SQL (as the repository wrote it)."""
        self.trace = trace

    def _traced(self, sql: str) -> None:
        if self.trace is not None:
            self.trace(sql)

    @property
    def total_changes(self) -> int:
        """Rows inserted, updated or deleted through this store since it opened."""
        return self.total_changes_

    async def prepared(self, sql: str) -> tuple[Any, list[str]]:
        """The statement, translated and prepared once, with its parameters' type names."""
        found = self._statements.get(sql)
        if found is None:
            try:
                stmt = await self.pg.prepare(translate(sql))
            except asyncpg.PostgresError as exc:
                exc.add_note(f"in: {translate(sql)}")  # the statement, never its values
                raise
            found = (stmt, [t.name for t in stmt.get_parameters()])
            self._statements[sql] = found
        return found

    @asynccontextmanager
    async def tx(self) -> AsyncIterator[Tx]:
        """A write transaction: committed on success, rolled back on any exception."""
        await asyncio.sleep(0)
        async with self._lock:
            transaction = await self._start()
            self._traced("BEGIN")
            tx = PgTx(self)
            try:
                await self._take_turn()
            except BaseException:
                with contextlib.suppress(Exception):
                    await transaction.rollback()
                tx._ended()
                raise
            try:
                yield tx
            except BaseException:
                try:
                    self._traced("ROLLBACK")
                    await transaction.rollback()
                except Exception:
                    self.pg.terminate()  # cannot roll back: not trusted again (see _alive)
                finally:
                    tx._ended()
                raise
            try:
                self._traced("COMMIT")
                await transaction.commit()
            finally:
                tx._ended()

    async def _take_turn(self) -> None:
        """Wait for the write transactions other instances have open on this schema.

        Several instances share the database, and the repositories were written for SQLite,
        where one transaction writes at a time: a read, a decision in Python, then a write.
        Under PostgreSQL's READ COMMITTED two such transactions could interleave (two
        instances deciding on the same booking, or taking row locks in opposite orders and
        deadlocking), and an outbox row could commit after a later row of the same chat had
        been read and sent. So every write transaction first takes a transaction-scoped
        advisory lock (released at commit or rollback, or when its session ends): writes take
        turns as on SQLite, and ids are handed out in commit order. What runs outside a
        transaction (receiving, reading, understanding, sending) stays parallel.
        """
        await self.pg.execute(
            "SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))", _WRITE_LOCK
        )

    @asynccontextmanager
    async def read(self) -> AsyncIterator[Tx]:
        """A consistent read: no other transaction of this store can interleave."""
        await asyncio.sleep(0)
        async with self._lock:
            await self._alive()
            tx = PgTx(self)
            try:
                yield tx
            finally:
                tx._ended()


async def migrate(conn: asyncpg.Connection) -> list[str]:
    """Apply the migrations this schema lacks, all in one transaction (an upgrade arrives
    whole or not at all; a new schema is made in one commit); the names of those applied."""
    async with conn.transaction():
        await conn.execute("SELECT pg_advisory_xact_lock($1)", _MIGRATION_LOCK)
        await conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (number BIGINT PRIMARY KEY,"
            " name TEXT NOT NULL)"
        )
        await conn.execute(COMPAT_FUNCTIONS)
        done = {int(r[0]) for r in await conn.fetch("SELECT number FROM schema_migrations")}
        applied = []
        for step in migrations():
            if step.number in done:
                continue
            _LOGGER.info("Applying migration %s", step.name)
            await conn.execute(step.postgres)
            await conn.execute(
                "INSERT INTO schema_migrations (number, name) VALUES ($1, $2)",
                step.number,
                step.name,
            )
            applied.append(step.name)
    return applied


class SessionLock:
    """A PostgreSQL advisory lock held by a connection of its own (session-level).

    Held while that session lives: released by :meth:`release`, or by the server when the
    holder's process dies or its connection drops (so a dead holder's turn passes on by
    itself). The lock is keyed by a class number and the schema's name, so deployments (or
    tests) in separate schemas of one database never share it.
    """

    def __init__(self, url: str, key: int, timeout: float = 5.0) -> None:
        self.url = url
        self.key = key
        self.timeout = timeout
        self._conn: asyncpg.Connection | None = None

    async def take(self) -> bool:
        """Try once, without waiting; whether this session now holds the lock."""
        if self._conn is None or self._conn.is_closed():
            self._conn = await asyncpg.connect(self.url, timeout=self.timeout)
        got = await self._conn.fetchval(
            "SELECT pg_try_advisory_lock($1, hashtext(current_schema()))",
            self.key,
            timeout=self.timeout,
        )
        return bool(got)

    async def held(self) -> bool:
        """Whether the session (and so the lock) is still alive; a session that does not
        answer within the timeout is given up (closed), and the lock with it."""
        if self._conn is None or self._conn.is_closed():
            return False
        try:
            await self._conn.fetchval("SELECT 1", timeout=self.timeout)
        except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError):
            self._conn.terminate()
            return False
        return True

    async def release(self) -> None:
        """Give the lock up (closing its session releases it)."""
        conn, self._conn = self._conn, None
        if conn is not None and not conn.is_closed():
            try:
                await asyncio.wait_for(conn.close(), self.timeout)
            except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError):
                conn.terminate()
