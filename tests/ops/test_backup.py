"""Backups on a real database under writes: nothing committed before the copy began is lost,
the copy passes an integrity check, and restore refuses while the bot runs."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from bot.audit import Audit
from bot.cli import main
from bot.clock import FakeClock
from bot.storage import Database
from bot.storage import backup as backups


class Writer:
    """Commits one audit row per transaction until stopped; others wait for a count."""

    def __init__(self, db: Database, audit: Audit) -> None:
        self.db, self.audit = db, audit
        self.committed = 0
        self.stop = False
        self._progress = asyncio.Condition()

    async def run(self) -> None:
        while not self.stop:
            async with self.db.tx() as tx:
                await self.audit.record(tx, "test", "written", f"row:{self.committed + 1}")
            async with self._progress:
                self.committed += 1
                self._progress.notify_all()
            await asyncio.sleep(0)

    async def reach(self, count: int) -> None:
        async with self._progress:
            await self._progress.wait_for(lambda: self.committed >= count)


def _subjects(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT subject FROM audit WHERE action = 'written'")}
    finally:
        conn.close()


async def test_backup_under_writes_keeps_everything_committed_before_it(
    tmp_path: Path, clock: FakeClock
) -> None:
    """While a writer commits row after row, the copy holds every row committed before the copy
    began (and maybe a few more), and passes PRAGMA integrity_check."""
    db = Database(tmp_path / "live.db")
    await db.open()
    writer = Writer(db, Audit(clock))
    task = asyncio.create_task(writer.run())
    try:
        await writer.reach(200)
        committed_before = writer.committed
        await asyncio.to_thread(backups.backup, db.path, tmp_path / "copy.db")
        await writer.reach(committed_before + 50)  # the writer kept going meanwhile
    finally:
        writer.stop = True
        await task
        await db.close()
    copied = _subjects(tmp_path / "copy.db")
    assert {f"row:{n}" for n in range(1, committed_before + 1)} <= copied
    assert len(copied) < writer.committed  # a snapshot, not the final state
    assert backups.integrity(tmp_path / "copy.db") == "ok"
    assert _leftovers(tmp_path) == []


def _leftovers(folder: Path) -> list[Path]:
    return list(folder.glob(".*partial"))


async def test_restore_refuses_while_the_bot_runs_then_restores(
    tmp_path: Path, clock: FakeClock
) -> None:
    """With the run lock held (a running bot), restore is refused unless forced; once it is
    released, the database is replaced by the backup's content."""
    live = tmp_path / "live.db"
    db = Database(live)
    await db.open()
    async with db.tx() as tx:
        await Audit(clock).record(tx, "test", "written", "before-backup")
    await asyncio.to_thread(backups.backup, live, tmp_path / "copy.db")
    async with db.tx() as tx:
        await Audit(clock).record(tx, "test", "written", "after-backup")
    lock = backups.hold_run_lock(live)
    assert lock is not None
    with pytest.raises(backups.BackupError, match="the bot is running"):
        backups.restore(tmp_path / "copy.db", live)
    lock.close()
    await db.close()
    backups.restore(tmp_path / "copy.db", live)
    assert _subjects(live) == {"before-backup"}
    assert backups.integrity(live) == "ok"


def test_backup_and_restore_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The commands: backup to a path, a damaged backup refused, restore reports its work."""
    live = tmp_path / "live.db"
    asyncio.run(_make(live))
    monkeypatch.setenv("CONCIERGE_DB", str(live))
    assert main(["backup", str(tmp_path / "b.db")]) == 0
    (tmp_path / "bad.db").write_bytes(b"not a database at all" * 100)
    assert main(["restore", str(tmp_path / "bad.db")]) == 1
    assert "bad.db" in capsys.readouterr().err
    assert main(["restore", str(tmp_path / "b.db")]) == 0
    assert main(["backup", str(tmp_path / "missing" / "b.db")]) == 1


async def _make(path: Path) -> None:
    db = Database(path)
    await db.open()
    await db.close()


def test_nightly_backups_older_than_keep_days_are_pruned(tmp_path: Path) -> None:
    """Pruning keeps the last keep_days days and leaves other files alone."""
    for day in (1, 2, 3, 4):
        (tmp_path / backups.nightly_name(date(2026, 3, day))).write_bytes(b"")
    (tmp_path / "notes.txt").write_text("mine")
    gone = backups.prune(tmp_path, keep_days=2, today=date(2026, 3, 4))
    assert [p.name for p in gone] == ["concierge-2026-03-01.db", "concierge-2026-03-02.db"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "concierge-2026-03-03.db",
        "concierge-2026-03-04.db",
        "notes.txt",
    ]
