"""Retention on a real database: finished bookkeeping older than the policy keeps it is pruned
a batch at a time; rows not in a final state and the audit trail are never touched."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.audit import Audit
from bot.clock import FakeClock, to_db
from bot.config import Retention, Settings, load_community
from bot.runtime import PRUNE_ROUNDS, Runtime
from bot.storage import Database
from bot.storage.retention import _OLDEST, BATCH, prune
from tests.harness import START

OLD = START - timedelta(days=40)
RECENT = START - timedelta(days=3)
POLICY = Retention(outbox_sent=timedelta(days=10))  # the others keep 30 days


@pytest.fixture
async def db(store: Path | str) -> AsyncIterator[Database]:
    """An open database with all migrations applied (on each store)."""
    database = Database(store)
    await database.open()
    yield database
    await database.close()


@pytest.fixture
async def sqlite_db(tmp_path: Path) -> AsyncIterator[Database]:
    """SQLite only: the tests that read SQLite's query plans."""
    database = Database(tmp_path / "retention.sqlite")
    await database.open()
    yield database
    await database.close()


async def _fill(db: Database) -> None:
    """Old and recent rows of every kind, in every state."""
    async with db.tx() as tx:
        for n, at in enumerate((OLD, RECENT)):
            await tx.execute(
                "INSERT INTO processed_updates (update_id, processed_at) VALUES (?, ?)",
                (n, to_db(at)),
            )
            for status in ("sent", "pending", "failed"):
                await tx.execute(
                    "INSERT INTO outbox (dedupe_key, chat_id, method, payload, status,"
                    " not_before, created_at, sent_at) VALUES (?, 1, 'send', '{}', ?, ?, ?, ?)",
                    (f"{status}:{n}", status, to_db(at), to_db(at), to_db(at)),
                )
            for status in ("done", "cancelled", "failed", "pending"):
                await tx.execute(
                    "INSERT INTO deadlines (name, kind, due_at, status) VALUES (?, 'k', ?, ?)",
                    (f"{status}:{n}", to_db(at), status),
                )
        await Audit(FakeClock(OLD)).record(tx, "system", "old", "booking:1")


async def _names(db: Database, sql: str) -> list[str]:
    async with db.read() as tx:
        return sorted(str(r[0]) for r in await tx.all(sql))


async def test_old_finished_rows_go_the_rest_stays(db: Database) -> None:
    """Old processed ids, old sent rows and old finished deadlines go; pending and failed
    outbox rows, pending deadlines, recent rows and the audit stay."""
    await _fill(db)
    async with db.tx() as tx:
        pruned = await prune(tx, POLICY, START)
    assert (pruned.processed_updates, pruned.outbox, pruned.deadlines) == (1, 1, 3)
    assert await _names(db, "SELECT update_id FROM processed_updates") == ["1"]
    assert await _names(db, "SELECT dedupe_key FROM outbox") == [
        "failed:0", "failed:1", "pending:0", "pending:1", "sent:1",
    ]  # fmt: skip
    assert await _names(db, "SELECT name FROM deadlines") == [
        "cancelled:1", "done:1", "failed:1", "pending:0", "pending:1",
    ]  # fmt: skip
    assert await _names(db, "SELECT action FROM audit") == ["old"]


async def test_the_outbox_keeps_sent_rows_for_its_own_age(db: Database) -> None:
    """Sent rows three days old go with a two-day retention; processed ids stay (30 days)."""
    await _fill(db)
    short = Retention(outbox_sent=timedelta(days=2))
    async with db.tx() as tx:
        await prune(tx, short, START)
    assert await _names(db, "SELECT dedupe_key FROM outbox WHERE status = 'sent'") == []
    assert await _names(db, "SELECT update_id FROM processed_updates") == ["1"]


async def test_pruning_goes_a_batch_at_a_time(db: Database) -> None:
    """With a limit of 2, five old processed ids take three calls, then nothing is left."""
    async with db.tx() as tx:
        for n in range(5):
            await tx.execute(
                "INSERT INTO processed_updates (update_id, processed_at) VALUES (?, ?)",
                (n, to_db(OLD)),
            )
    removed = []
    for _ in range(4):
        async with db.tx() as tx:
            removed.append((await prune(tx, POLICY, START, limit=2)).total)
    assert removed == [2, 2, 1, 0]


@pytest.mark.parametrize("table", sorted(_OLDEST))
async def test_pruning_finds_old_rows_through_an_index(sqlite_db: Database, table: str) -> None:
    """No table is scanned to find what to prune (SQLite's plan)."""
    async with sqlite_db.read() as tx:
        plan = await tx.all(f"EXPLAIN QUERY PLAN {_OLDEST[table]}", (to_db(START), 10))
    details = " ".join(str(row["detail"]) for row in plan)
    assert "USING" in details and "INDEX" in details and "TEMP B-TREE" not in details, details


async def test_the_staff_timeline_reads_the_audit_through_its_index(sqlite_db: Database) -> None:
    """/booking ID and /incident ID read one subject's trail by index, however long it grows."""
    async with sqlite_db.read() as tx:
        plan = await tx.all(
            "EXPLAIN QUERY PLAN SELECT at, actor, action, subject, detail FROM audit"
            " WHERE subject = ? ORDER BY id",
            ("booking:1",),
        )
    details = " ".join(str(row["detail"]) for row in plan)
    assert "USING INDEX audit_by_subject (subject=?)" in details, details
    assert "TEMP B-TREE" not in details


async def test_the_runtime_prunes_in_rounds_a_bounded_amount_each_time(tmp_path: Path) -> None:
    """More than a batch to prune: Runtime.plan prunes batch after batch, at most
    PRUNE_ROUNDS of them (a long backlog never delays a start), the rest the next time."""
    settings = Settings(
        token="1:x",
        api_url="http://offline.invalid",
        db_path=tmp_path / "r.db",
        community=load_community(),
        community_path=None,
        secret_key="test-secret-key-0123456789",
    )
    runtime = Runtime.build(settings, FakeClock(START))
    await runtime.db.open()
    try:
        async with runtime.db.tx() as tx:
            rows = [(n, to_db(OLD)) for n in range(BATCH * PRUNE_ROUNDS + 7)]
            await tx.executemany(
                "INSERT INTO processed_updates (update_id, processed_at) VALUES (?, ?)", rows
            )
        await runtime.plan()
        async with runtime.db.read() as tx:
            assert await tx.scalar("SELECT COUNT(*) FROM processed_updates") == 7
        await runtime.plan()  # ten minutes later
        async with runtime.db.read() as tx:
            assert await tx.scalar("SELECT COUNT(*) FROM processed_updates") == 0
    finally:
        await runtime.db.close()


async def test_group_replies_go_after_their_age_with_their_text(db: Database) -> None:
    """A group reply's row (the message text its ✖ button needs) is kept 30 days by default."""
    async with db.tx() as tx:
        for n, at in enumerate((OLD, RECENT)):
            await tx.execute(
                "INSERT INTO group_replies (chat_id, writer_id, text, intent, created_at)"
                " VALUES (-1, 1, ?, 'service_request', ?)",
                (f"text {n}", to_db(at)),
            )
    async with db.tx() as tx:
        pruned = await prune(tx, POLICY, START)
    assert pruned.group_replies == 1
    assert await _names(db, "SELECT text FROM group_replies") == ["text 1"]
