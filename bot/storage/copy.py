"""``concierge copy-db SRC DST``: a community's SQLite file into an empty PostgreSQL database.

For a community that outgrows its file. SRC is first brought up to date (its pending
migrations applied, as the bot would on start); DST gets the same migrations from the one
list (:mod:`bot.storage.schema`). Then every table is copied in ONE PostgreSQL transaction,
parents before children (foreign keys hold at each step), identity counters are moved past
the copied ids, and each table's row count is compared before committing: a copy either
arrives whole and verified or not at all. A destination that already holds rows is refused
(copying twice would mix two histories). Stop the bot before copying: rows written after
the copy began would be left behind.
"""

from __future__ import annotations

import asyncio
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg

from bot.storage.db import Database
from bot.storage.dialect import url_of
from bot.storage.pg import fit, migrate

# PostgreSQL's own bookkeeping of migrations: not copied, not required empty.
_OWN = {"schema_migrations"}


class CopyError(Exception):
    """The copy was refused or did not verify; nothing was written to DST."""


@dataclass(frozen=True)
class Copied:
    """What arrived: rows per table, in copy order."""

    tables: dict[str, int]

    @property
    def rows(self) -> int:
        """All rows copied."""
        return sum(self.tables.values())


def _in_order(src: sqlite3.Connection) -> list[str]:
    """SRC's tables, each after the tables its foreign keys point to."""
    names = [
        str(r[0])
        for r in src.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name"
        )
    ]
    parents = {
        name: {str(r[2]) for r in src.execute(f'PRAGMA foreign_key_list("{name}")')} - {name}
        for name in names
    }
    ordered: list[str] = []
    while len(ordered) < len(names):
        ready = [n for n in names if n not in ordered and parents[n] <= set(ordered)]
        if not ready:
            raise CopyError(f"foreign keys form a cycle among {set(names) - set(ordered)}")
        ordered.extend(ready)
    return ordered


async def _refuse_unless_empty(conn: asyncpg.Connection) -> None:
    tables = await conn.fetch(
        "SELECT table_name FROM information_schema.tables WHERE table_schema ="
        " current_schema() AND table_type = 'BASE TABLE'"
    )
    for (table,) in tables:
        if table not in _OWN and await conn.fetchval(f'SELECT 1 FROM "{table}" LIMIT 1'):
            raise CopyError(f"the destination is not empty (table {table} has rows)")


async def _column_types(conn: asyncpg.Connection, table: str) -> dict[str, str]:
    rows = await conn.fetch(
        "SELECT column_name, udt_name FROM information_schema.columns"
        " WHERE table_schema = current_schema() AND table_name = $1",
        table,
    )
    return {str(r[0]): str(r[1]) for r in rows}


async def _copy_table(conn: asyncpg.Connection, src: sqlite3.Connection, table: str) -> int:
    """One table's rows into DST; how many SRC has (compared with DST's count after)."""
    types = await _column_types(conn, table)
    if not types:
        raise CopyError(f"table {table} is missing in the destination")
    cursor = src.execute(f'SELECT * FROM "{table}"')
    columns = [d[0] for d in cursor.description]
    missing = [c for c in columns if c not in types]
    if missing:
        raise CopyError(f"columns {missing} of {table} are missing in the destination")
    records: list[tuple[Any, ...]] = [
        tuple(fit(v, types[c]) for v, c in zip(row, columns, strict=True)) for row in cursor
    ]
    if records:
        await conn.copy_records_to_table(table, records=records, columns=columns)
    if "id" in types and await conn.fetchval(
        "SELECT pg_get_serial_sequence($1, 'id')", f'"{table}"'
    ):
        await conn.execute(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'),"
            f' COALESCE(MAX(id), 0) + 1, false) FROM "{table}"'
        )
    return len(records)


async def copy_db(src_path: Path, dst: str) -> Copied:
    """Copy SRC (a SQLite file) into DST (an empty PostgreSQL database); see the docstring."""
    if not await asyncio.to_thread(src_path.is_file):
        raise CopyError(f"{src_path} does not exist")
    source = Database(src_path)
    await source.open()  # brings SRC to the current schema, as starting the bot would
    await source.close()
    src = sqlite3.connect(f"file:{src_path}?mode=ro", uri=True)
    try:
        conn = await asyncpg.connect(url_of(dst))
        try:
            await migrate(conn)
            async with conn.transaction():
                await _refuse_unless_empty(conn)
                copied = {t: await _copy_table(conn, src, t) for t in _in_order(src)}
                for table, count in copied.items():
                    found = await conn.fetchval(f'SELECT COUNT(*) FROM "{table}"')
                    if found != count:
                        raise CopyError(f"{table}: {count} rows in the source, {found} copied")
        finally:
            await conn.close()
    finally:
        src.close()
    return Copied(copied)
