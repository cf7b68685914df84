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
    """A backup or restore that cannot be done; ``str()`` is the one line to show, ``code``
    the exit status (1: not done, 2: a path that cannot be used)."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


SQLITE_HEADER = b"SQLite format 3\x00"
_COMPANIONS = ("-wal", "-shm", "-journal", ".running")


def is_sqlite(path: Path) -> bool:
    """Whether ``path`` is a file starting with SQLite's header (a database, whatever its name)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def is_database(path: Path, database: Path) -> bool:
    """Whether ``path`` is the database or one of its files (WAL, shared memory, journal, run
    lock), however it is written (relative, through a symlink, a hard link)."""
    own = database.resolve()
    if path.resolve() in {own, *(own.with_name(own.name + s) for s in _COMPANIONS)}:
        return True
    with contextlib.suppress(OSError):
        return path.exists() and database.exists() and os.path.samefile(path, database)
    return False


def _connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    where = f"{path.resolve().as_uri()}?mode=ro" if read_only else str(path)
    conn = sqlite3.connect(where, isolation_level=None, uri=read_only)
    conn.execute(f"PRAGMA busy_timeout={BUSY_MS}")
    return conn


def integrity(path: Path, *, read_only: bool = False) -> str:
    """``ok``, or what SQLite's integrity check found first (``read_only``: without changing
    anything, not even a WAL that SQLite would otherwise check in or remove)."""
    try:
        conn = _connect(path, read_only=read_only)
    except sqlite3.Error as exc:
        return str(exc)
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


def _stamp(now: datetime | None) -> str:
    return (now or datetime.now()).strftime("%Y-%m-%d-%H%M%S")


def backup_target(source: Path, target: Path, *, force: bool, now: datetime | None) -> Path:
    """Where a backup to ``target`` goes: a folder gets a time-stamped file inside it. Refused:
    the database itself (or its WAL…), an existing file unless ``force``, a missing folder."""
    if target.is_dir():
        target = target / f"concierge-{_stamp(now)}.db"
    if is_database(target, source):
        raise BackupError(f"{target} is the database itself; back up to another file", 2)
    if not target.parent.is_dir():
        raise BackupError(f"folder {target.parent} does not exist", 2)
    if target.exists() and not force:
        raise BackupError(f"{target} already exists; pass --force to replace it", 2)
    return target


def _remove_partial(partial: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            partial.with_name(partial.name + suffix).unlink(missing_ok=True)


def backup(
    source: Path, target: Path, *, force: bool = False, now: datetime | None = None
) -> Path:
    """Copy the database at ``source`` (live or not) to ``target`` (a file, or a folder to put
    a time-stamped file in), checked, atomically; the file written. Nothing is left behind on
    failure (no ``.partial``)."""
    if not source.is_file():
        raise BackupError(f"database {source} does not exist")
    target = backup_target(source, target, force=force, now=now)
    partial = target.with_name(f".{target.name}.partial")
    _remove_partial(partial)
    try:
        _copy(source, partial)
        if (found := integrity(partial)) != "ok":
            raise BackupError(f"the copy of {source} failed its integrity check: {found}")
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as exc:
        raise BackupError(f"cannot back up {source} to {target}: {exc}") from None
    finally:
        _remove_partial(partial)
    return target


def _move_aside(database: Path, now: datetime | None) -> Path:
    """Rename a damaged database (and its WAL, shared memory, journal) to
    ``<database>.damaged-<time>``: kept for a closer look, never opened again."""
    aside = database.with_name(f"{database.name}.damaged-{_stamp(now)}")
    os.replace(database, aside)
    for suffix in ("-wal", "-shm", "-journal"):
        companion = database.with_name(database.name + suffix)
        if companion.exists():
            os.replace(companion, aside.with_name(aside.name + suffix))
    return aside


def _sound(database: Path) -> bool:
    """Whether the database reads as a database, judged without writing to it or its WAL."""
    return is_sqlite(database) and integrity(database, read_only=True) == "ok"


def restore(
    backup_path: Path, database: Path, *, force: bool = False, now: datetime | None = None
) -> Path | None:
    """Replace the database with a backup (checked first); refused while the bot runs on it
    unless ``force`` (the running bot would keep its own view and overwrite the restore).
    A damaged database (what restoring is for) is not opened but moved aside as
    ``<database>.damaged-<time>``: that path is returned (None when it was sound)."""
    if backup_path.is_dir():
        raise BackupError(f"{backup_path} is a folder; name the backup file in it", 2)
    if not backup_path.is_file():
        raise BackupError(f"backup {backup_path} does not exist", 2)
    if is_database(backup_path, database):
        raise BackupError(f"{backup_path} is the database itself; name a backup", 2)
    if (found := integrity(backup_path)) != "ok":
        raise BackupError(f"backup {backup_path} failed its integrity check: {found}")
    if running(database) and not force:
        raise BackupError(
            f"the bot is running on {database}; stop it first (or pass --force, and restart it)"
        )
    try:
        aside = None
        if database.exists() and not _sound(database):
            aside = _move_aside(database, now)
        _copy(backup_path, database)  # through SQLite: its WAL and shared memory stay right
    except (sqlite3.Error, OSError) as exc:
        raise BackupError(f"cannot restore {backup_path} into {database}: {exc}") from None
    return aside


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
