"""Backups: a consistent online copy of the live database, restoring one, and the run lock
that tells ``restore`` the bot is running.

The copy uses SQLite's backup API on a connection of its own, in one step: it reads inside one
read transaction, so it holds exactly what was committed when it began, while the bot (in WAL
mode, readers never block the writer) goes on writing. The copy is written beside its target and
renamed into place only after ``PRAGMA integrity_check`` passed, so a half-written file never
carries a backup's name. Synchronous on purpose: the CLI calls it directly and the bot in a
thread (:func:`asyncio.to_thread`), so it never depends on the bot's own connection.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
from datetime import date, datetime
from pathlib import Path
from typing import IO

BUSY_MS = 30_000


class BackupError(Exception):
    """A backup or restore that cannot be done; ``str()`` is the one line to show."""


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout={BUSY_MS}")
    return conn


def integrity(path: Path) -> str:
    """``ok``, or what SQLite's integrity check found first."""
    conn = _connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        conn.close()


def _copy(source: Path, target: Path) -> None:
    src, dst = _connect(source), _connect(target)
    try:
        src.backup(dst)  # pages=-1: all in one step, one read transaction
    finally:
        dst.close()
        src.close()


def backup(source: Path, target: Path) -> None:
    """Copy the database at ``source`` (live or not) to ``target``, checked, atomically."""
    if not source.is_file():
        raise BackupError(f"database {source} does not exist")
    if not target.parent.is_dir():
        raise BackupError(f"folder {target.parent} does not exist")
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        _copy(source, partial)
        if (found := integrity(partial)) != "ok":
            raise BackupError(f"the copy of {source} failed its integrity check: {found}")
        os.replace(partial, target)
    except sqlite3.Error as exc:
        raise BackupError(f"cannot back up {source} to {target}: {exc}") from None
    finally:
        partial.unlink(missing_ok=True)


def restore(backup_path: Path, database: Path, *, force: bool = False) -> None:
    """Replace the database with a backup (checked first); refused while the bot runs on it
    unless ``force`` (the running bot would keep its own view and overwrite the restore)."""
    if not backup_path.is_file():
        raise BackupError(f"backup {backup_path} does not exist")
    if (found := integrity(backup_path)) != "ok":
        raise BackupError(f"backup {backup_path} failed its integrity check: {found}")
    if running(database) and not force:
        raise BackupError(
            f"the bot is running on {database}; stop it first (or pass --force, and restart it)"
        )
    try:
        _copy(backup_path, database)  # through SQLite: its WAL and shared memory stay right
    except sqlite3.Error as exc:
        raise BackupError(f"cannot restore {backup_path} into {database}: {exc}") from None


def lock_path(database: Path) -> Path:
    """The file the running bot holds locked (``<database>.running``)."""
    return database.with_name(database.name + ".running")


def hold_run_lock(database: Path) -> IO[str] | None:
    """Lock ``<database>.running`` for as long as the bot runs (released when the returned file
    is closed, or the process dies); None when another holder has it or it cannot be made."""
    try:
        handle = open(lock_path(database), "a")  # noqa: SIM115 - held open while the bot runs
    except OSError:
        return None  # a folder the bot cannot write to: the database itself will say so
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    return handle


def running(database: Path) -> bool:
    """Whether a bot holds the run lock of this database."""
    if not lock_path(database).exists():
        return False
    handle = hold_run_lock(database)
    if handle is None:
        return True
    handle.close()
    return False


def nightly_name(day: date) -> str:
    """The file name of a nightly backup."""
    return f"concierge-{day.isoformat()}.db"


def prune(folder: Path, keep_days: int, today: date) -> list[Path]:
    """Delete nightly backups older than ``keep_days`` days; the files deleted."""
    gone = []
    for path in sorted(folder.glob("concierge-*.db")):
        with contextlib.suppress(ValueError):
            day = datetime.strptime(path.name, "concierge-%Y-%m-%d.db").date()
            if (today - day).days >= keep_days:
                path.unlink(missing_ok=True)
                gone.append(path)
    return gone
