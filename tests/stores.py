"""The stores tests run on: SQLite always, PostgreSQL when a server is reachable.

Repository, service and end-to-end tests take the ``store`` fixture (tests/conftest.py): a
SQLite file, or a ``postgresql://`` URL whose ``search_path`` is a schema of the test's own,
created before and dropped after it. Without a server (CONCIERGE_TEST_PG, by default the
trust-auth one on 127.0.0.1:5432, database ``test``) the PostgreSQL half is skipped with one
line saying so.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from functools import cache

import pytest

PG_URL = os.environ.get("CONCIERGE_TEST_PG", "postgresql://root@127.0.0.1:5432/test")
SKIPPED = f"PostgreSQL not reachable at {PG_URL}: PostgreSQL tests skipped"


@cache
def pg_reachable() -> bool:
    """Whether the test server answers (asked once a run)."""

    async def ask() -> bool:
        try:
            import asyncpg
        except ImportError:
            return False
        try:
            conn = await asyncpg.connect(PG_URL, timeout=3)
        except (TimeoutError, OSError, asyncpg.PostgresError):
            return False
        await conn.close()
        return True

    # In a thread of its own: the first asker may be a fixture on a running loop.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(ask())).result()


# The PostgreSQL tests skipped for want of a server (the run's summary says so once).
pg_skipped: list[bool] = []


def skip_without_pg() -> None:
    """Skip this test when there is no server, and let the summary know."""
    if not pg_reachable():
        pg_skipped.append(True)
        pytest.skip(SKIPPED)


@asynccontextmanager
async def pg_schema() -> AsyncIterator[str]:
    """A URL on a fresh schema of its own, dropped (with everything in it) afterwards."""
    import asyncpg

    schema = f"test_{uuid.uuid4().hex[:16]}"
    conn = await asyncpg.connect(PG_URL)
    try:
        await conn.execute(f"CREATE SCHEMA {schema}")
        try:
            sep = "&" if "?" in PG_URL else "?"
            yield f"{PG_URL}{sep}search_path={schema}"
        finally:
            await conn.execute(f"DROP SCHEMA {schema} CASCADE")
    finally:
        await conn.close()
