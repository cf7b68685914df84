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


async def test_a_backup_taken_under_writes_restores_with_nothing_lost(
    tmp_path: Path, clock: FakeClock
) -> None:
    """Issue 15's acceptance end to end: a backup of the live database while a writer commits,
    then (the bot stopped) restored over it: the restored database holds every row committed
    before the backup began, exactly the copy's rows, and opens and migrates cleanly."""
    live = tmp_path / "live.db"
    db = Database(live)
    await db.open()
    writer = Writer(db, Audit(clock))
    task = asyncio.create_task(writer.run())
    try:
        await writer.reach(100)
        committed_before = writer.committed
        await asyncio.to_thread(backups.backup, live, tmp_path / "copy.db")
        await writer.reach(committed_before + 50)
    finally:
        writer.stop = True
        await task
        await db.close()
    copied = _subjects(tmp_path / "copy.db")
    assert backups.restore(tmp_path / "copy.db", live) is None  # the live one was sound
    restored = _subjects(live)
    assert {f"row:{n}" for n in range(1, committed_before + 1)} <= restored == copied
    assert backups.integrity(live) == "ok"
    reopened = Database(live)
    await reopened.open()
    async with reopened.read() as tx:
        assert await tx.scalar("SELECT COUNT(*) FROM audit") == len(copied)
    await reopened.close()


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
    assert main(["backup", str(tmp_path / "missing" / "b.db")]) == 2


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


async def _live_with(path: Path, clock: FakeClock, *subjects: str) -> Database:
    db = Database(path)
    await db.open()
    for subject in subjects:
        async with db.tx() as tx:
            await Audit(clock).record(tx, "test", "written", subject)
    return db


async def test_backup_to_the_running_database_itself_is_refused(
    tmp_path: Path,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """With the bot running (open, run lock held) and committing, `backup $CONCIERGE_DB` —
    however the path is written, even with --force, or its WAL — is one line and status 2;
    what was committed before and after is all there."""
    live = tmp_path / "live.db"
    db = await _live_with(live, clock, "before")
    lock = backups.hold_run_lock(live)
    (tmp_path / "link.db").symlink_to(live)
    monkeypatch.setenv("CONCIERGE_DB", str(live))
    targets = [str(live), f"{tmp_path}/./live.db", str(tmp_path / "link.db"), f"{live}-wal"]
    try:
        for target in targets:
            assert await asyncio.to_thread(main, ["backup", target, "--force"]) == 2
            assert "is the database itself" in capsys.readouterr().err
        async with db.tx() as tx:
            await Audit(clock).record(tx, "test", "written", "after")
    finally:
        assert lock is not None
        lock.close()
        await db.close()
    assert _subjects(live) == {"before", "after"}
    assert _leftovers(tmp_path) == []


def test_backup_never_overwrites_a_file_unless_forced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unrelated existing file is left as it was, unless --force replaces it."""
    live = tmp_path / "live.db"
    asyncio.run(_make(live))
    monkeypatch.setenv("CONCIERGE_DB", str(live))
    mine = tmp_path / "report.docx"
    mine.write_bytes(b"a quarterly report")
    assert main(["backup", str(mine)]) == 2
    assert "already exists; pass --force" in capsys.readouterr().err
    assert mine.read_bytes() == b"a quarterly report"
    assert main(["backup", str(mine), "--force"]) == 0
    assert backups.integrity(mine) == "ok"


def test_backup_into_a_folder_writes_a_time_stamped_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`backup FOLDER` puts concierge-<date>-<time>.db inside it and says which; nightly
    pruning does not take it for a nightly copy."""
    live = tmp_path / "live.db"
    asyncio.run(_make(live))
    monkeypatch.setenv("CONCIERGE_DB", str(live))
    folder = tmp_path / "backups"
    folder.mkdir()
    assert main(["backup", str(folder)]) == 0
    (written,) = folder.iterdir()
    assert written.name.startswith("concierge-") and written.suffix == ".db"
    assert capsys.readouterr().out == f"Backed up to {written} (integrity check ok)\n"
    assert backups.integrity(written) == "ok"
    assert backups.prune(folder, keep_days=0, today=date(2999, 1, 1)) == []


def test_a_failed_backup_leaves_nothing_behind(tmp_path: Path) -> None:
    """The source cannot be read (damaged): an error, no target, no .partial file."""
    damaged = tmp_path / "live.db"
    damaged.write_bytes(b"not a database at all" * 100)
    with pytest.raises(backups.BackupError, match="cannot back up"):
        backups.backup(damaged, tmp_path / "b.db")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["live.db"]


async def _backed_up(live: Path, copy: Path, clock: FakeClock) -> None:
    db = await _live_with(live, clock, "in-backup")
    await asyncio.to_thread(backups.backup, live, copy)
    await db.close()


def test_restore_over_a_damaged_database_moves_it_aside(
    tmp_path: Path,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The case restore exists for: the database is no longer a database. It is not opened but
    kept as <db>.damaged-<time> (with its WAL), and the backup takes its place."""
    live = tmp_path / "live.db"
    asyncio.run(_backed_up(live, tmp_path / "b.db", clock))
    garbage = b"\x00garbage" * 500
    live.write_bytes(garbage)
    (tmp_path / "live.db-wal").write_bytes(b"old wal")
    monkeypatch.setenv("CONCIERGE_DB", str(live))
    assert main(["restore", str(tmp_path / "b.db")]) == 0
    out = capsys.readouterr().out
    (aside,) = tmp_path.glob("live.db.damaged-*[0-9]")
    assert f"moved aside to {aside}" in out and out.endswith(
        f"Restored {live} from {tmp_path / 'b.db'}\n"
    )
    assert aside.read_bytes() == garbage
    assert (tmp_path / f"{aside.name}-wal").read_bytes() == b"old wal"
    assert _subjects(live) == {"in-backup"}
    assert backups.integrity(live) == "ok"


def test_restore_from_a_folder_says_it_is_a_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not "does not exist": the folder is there, a backup file in it must be named."""
    monkeypatch.setenv("CONCIERGE_DB", str(tmp_path / "live.db"))
    assert main(["restore", str(tmp_path)]) == 2
    assert (
        capsys.readouterr().err
        == f"concierge: {tmp_path} is a folder; name the backup file in it\n"
    )


@pytest.mark.parametrize(
    "command",
    [["import", "community.toml", "--yes"], ["export"], ["export-csv", "ratings"]],
)
def test_commands_on_a_damaged_database_say_so_in_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:
    """Status 4 (storage, as the bot's start), one line naming the file and the way out."""
    live = tmp_path / "live.db"
    live.write_bytes(b"not a database at all" * 100)
    monkeypatch.setenv("CONCIERGE_DB", str(live))
    monkeypatch.delenv("CONCIERGE_COMMUNITY", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "community.toml").write_text("", "utf-8")
    assert main(command) == 4
    err = capsys.readouterr().err
    assert err == (
        f"concierge: database {live}: file is not a database; it is damaged: put a backup"
        " in its place with `concierge restore BACKUP`\n"
    )
