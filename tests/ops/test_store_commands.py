"""`concierge migrate` and `concierge copy-db` (bot/ops/store_commands.py, storage/copy.py)."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

import asyncpg
import pytest

from bot.cli import main as concierge  # a command of its own: run in a thread
from bot.storage import Database
from bot.storage.schema import migrations
from tests.harness import Harness
from tests.stores import pg_schema, skip_without_pg


def _all_rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(path)
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    found = {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    conn.close()
    return found


async def _pg_rows(url: str, tables: list[str]) -> dict[str, list[tuple[Any, ...]]]:
    db = Database(url)
    await db.open()
    try:
        async with db.read() as tx:
            return {
                t: sorted((tuple(r) for r in await tx.all(f'SELECT * FROM "{t}"')), key=repr)
                for t in tables
            }
    finally:
        await db.close()


async def test_migrate_says_what_it_applied_and_then_that_nothing_is_left(
    store: Path | str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """On either store: the first run applies every migration and names each; the second
    applies none (the bot starting later has nothing to do either)."""
    monkeypatch.setenv("CONCIERGE_DB", str(store))
    monkeypatch.delenv("CONCIERGE_COMMUNITY", raising=False)
    assert await asyncio.to_thread(concierge, ["migrate"]) == 0
    first = capsys.readouterr().out.splitlines()
    assert first[:-1] == [f"Applied {m.name}" for m in migrations()]
    assert first[-1].endswith(f": {len(migrations())} applied")
    assert await asyncio.to_thread(concierge, ["migrate"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].endswith(": up to date")


@pytest.fixture
async def pg_url() -> Any:
    """An empty schema on the PostgreSQL test server."""
    skip_without_pg()
    async with pg_schema() as url:
        yield url


async def test_copy_db_moves_a_lived_in_file_whole_and_refuses_to_copy_twice(
    harness: Harness, pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A SQLite file the bot used (people, a group, requests, outbox rows, deadlines) arrives in
    PostgreSQL row for row; the ids continue after the copied ones; a second copy into the
    now non-empty database is refused and changes nothing."""
    async with harness.running():
        chat = await harness.group()
        for n, text in enumerate(["谁能帮我修一下水龙头", "今天天气不错", "我想借个梯子"]):
            await harness.say(harness.person(7100 + n, f"邻居{n}"), text, chat)
        await harness.sb.wait_idle()
    src = harness.settings.db_path
    before = _all_rows(src)
    assert sum(len(rows) for rows in before.values()) > 20

    assert await asyncio.to_thread(concierge, ["copy-db", str(src), pg_url]) == 0
    out = capsys.readouterr().out
    assert f"Copied {sum(len(r) for r in before.values())} rows in {len(before)} tables" in out
    assert await _pg_rows(pg_url, list(before)) == before

    db = Database(pg_url)
    await db.open()
    try:
        async with db.tx() as tx:
            top = await tx.scalar("SELECT MAX(id) FROM outbox")
            new = await tx.execute(
                "INSERT INTO outbox (dedupe_key, chat_id, method, payload, not_before,"
                " created_at) VALUES ('after-copy', 1, 'sendMessage', '{}', 'x', 'x')"
            )
        assert new == top + 1
    finally:
        await db.close()

    assert await asyncio.to_thread(concierge, ["copy-db", str(src), pg_url]) == 1
    assert "not empty" in capsys.readouterr().err
    after = await _pg_rows(pg_url, ["outbox"])
    assert len(after["outbox"]) == len(before["outbox"]) + 1


def test_copy_db_takes_sqlite_to_postgresql_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The direction is SQLite -> PostgreSQL; anything else is one line and status 2."""
    assert concierge(["copy-db", "postgresql://x@h/db", str(tmp_path / "a.db")]) == 2
    assert "copies a SQLite file" in capsys.readouterr().err


async def test_a_missing_source_copies_nothing(
    tmp_path: Path, pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A wrong SRC path is said, and no schema is made in DST by the failed attempt's copy."""
    assert await asyncio.to_thread(concierge, ["copy-db", str(tmp_path / "nope.db"), pg_url]) == 1
    assert "does not exist" in capsys.readouterr().err
    conn = await asyncpg.connect(pg_url)
    try:
        tables = await conn.fetchval(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()"
        )
    finally:
        await conn.close()
    assert tables == 0


async def _kill(url: str, pid: int) -> None:
    killer = await asyncpg.connect(url)
    try:
        await killer.execute("SELECT pg_terminate_backend($1)", pid)
    finally:
        await killer.close()


async def test_the_store_reconnects_after_the_server_dropped_its_connection(
    pg_url: str,
) -> None:
    """The server ends the bot's session (a restart, a failover). Between transactions: the
    next one runs on a new connection. During one: it fails and commits nothing, and the
    one after runs on a new connection."""
    db = Database(pg_url)
    await db.open()
    try:
        async with db.read() as tx:
            first = await tx.scalar("SELECT pg_backend_pid()")
        await _kill(pg_url, first)
        async with db.tx() as tx:
            await tx.execute("INSERT INTO misses (text, last_at) VALUES ('kept', 'x')")
            second = await tx.scalar("SELECT pg_backend_pid()")
        assert second != first
        with pytest.raises(Exception):  # noqa: B017 - whichever error the dead socket gives
            async with db.tx() as tx:
                await tx.execute("INSERT INTO misses (text, last_at) VALUES ('lost', 'x')")
                await _kill(pg_url, second)
                await tx.execute("INSERT INTO misses (text, last_at) VALUES ('lost2', 'x')")
        async with db.read() as tx:
            assert [r[0] for r in await tx.all("SELECT text FROM misses")] == ["kept"]
            assert await tx.scalar("SELECT pg_backend_pid()") not in (first, second)
    finally:
        await db.close()
