"""The operator commands behind ``concierge import``, ``export``, ``backup``, ``restore`` and
``export-csv``: each reads the settings (``CONCIERGE_DB``, ``CONCIERGE_COMMUNITY``), does one
thing, prints what it did and returns an exit status (0 done, 1 not done, 2 bad input: a path
that cannot be used, 4 the database cannot be read: damaged, as when the bot starts). Whatever
goes wrong is one line on stderr, never a traceback."""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import sys
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO, TypeVar

from bot.config import ConfigError, settings_from_env
from bot.domain.setup import Difference, SetupError
from bot.ops.output import OutputError, check_output, write_output
from bot.ops.setup_file import ChangedMeanwhile, export_setup, import_setup
from bot.startup_errors import EXIT_STORAGE, StartupError, storage_error
from bot.storage import Database
from bot.storage import backup as backups

T = TypeVar("T")


def _database() -> Path | str:
    settings = settings_from_env(require_token=False)
    if settings.db_url:
        return settings.db_url
    path = settings.db_path
    if not path.is_file():
        raise ConfigError(f"database {path} does not exist (set CONCIERGE_DB)")
    return path


def _on_database(work: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run ``work`` (which opens the database); a database SQLite cannot read (damaged, not a
    database at all) is one line and exit status 4, as when the bot starts, not a traceback."""
    settings = settings_from_env(require_token=False)
    try:
        return asyncio.run(work())
    except sqlite3.Error as exc:
        error = storage_error(exc, settings)
        if "not a database" in str(exc) or "malformed" in str(exc):
            hint = "it is damaged: put a backup in its place with `concierge restore BACKUP`"
            error = StartupError(EXIT_STORAGE, f"{error}; {hint}")
        raise error from None


def _refused(exc: Exception, code: int) -> int:
    print(f"concierge: {exc}", file=sys.stderr)
    return code


def _ask(out: TextIO, yes: bool, seen: list[Difference]) -> Callable[[list[Difference]], bool]:
    def confirm(found: list[Difference]) -> bool:
        seen.extend(found)
        for change in found:
            for line in change.describe():
                print(line, file=out)
        if yes:
            return True
        try:
            answer = input(f"Apply these {len(found)} changes? [y/N] ")
        except EOFError:
            answer = ""
        return answer.strip().lower() in {"y", "yes", "是"}

    return confirm


async def _import(path: Path, yes: bool, out: TextIO) -> int:
    db = Database(_database())
    seen: list[Difference] = []
    try:
        await db.open()
        applied = await import_setup(db, path, _ask(out, yes, seen), actor="cli:import")
    except (SetupError, ChangedMeanwhile) as exc:
        print(f"concierge: {path}: {exc}; nothing changed", file=sys.stderr)
        return 1
    finally:
        await db.close()
    if applied:
        print(f"Applied {len(applied)} changes.", file=out)
    else:
        print("Nothing applied." if seen else "No differences: nothing to import.", file=out)
    return 0


def import_command(args: argparse.Namespace) -> int:
    """Show how FILE's setup differs from the database's, then apply it once confirmed."""
    return _on_database(lambda: _import(Path(args.file), args.yes, sys.stdout))


async def _export() -> str:
    settings = settings_from_env(require_token=False)
    db = Database(_database())
    try:
        await db.open()
        return await export_setup(db, settings.community, datetime.now(UTC))
    finally:
        await db.close()


def _write(
    args: argparse.Namespace, make: Callable[[], Coroutine[Any, Any, str]], encoding: str
) -> int:
    """The text ``make`` builds, to stdout (no PATH, or ``-``) or to PATH once it is safe."""
    to_stdout = args.path in (None, "-")
    if not to_stdout:
        try:
            check_output(Path(args.path), Path(_database()), force=args.force)
        except OutputError as exc:
            return _refused(exc, 2)
    text = _on_database(make)
    if to_stdout:
        sys.stdout.write(text)
        return 0
    try:
        write_output(Path(args.path), text, encoding)
    except OutputError as exc:
        return _refused(exc, 2)
    print(f"Wrote {args.path}")
    return 0


def export_command(args: argparse.Namespace) -> int:
    """Write the current setup as a community file (to PATH, or stdout)."""
    return _write(args, _export, "utf-8")


def backup_command(args: argparse.Namespace) -> int:
    """Copy the live database to PATH, or into the folder PATH (safe while the bot runs)."""
    database = _database()
    if isinstance(database, str):
        print("concierge: a PostgreSQL store is backed up with pg_dump (docs/deploy.md)")
        return 2
    try:
        written = backups.backup(database, Path(args.path), force=args.force)
    except backups.BackupError as exc:
        return _refused(exc, exc.code)
    print(f"Backed up to {written} (integrity check ok)")
    return 0


def restore_command(args: argparse.Namespace) -> int:
    """Replace the database with a backup (refused while the bot runs, unless --force)."""
    settings = settings_from_env(require_token=False)
    if settings.db_url:
        print("concierge: a PostgreSQL store is restored with pg_restore (docs/deploy.md)")
        return 2
    target = settings.db_path
    try:
        aside = backups.restore(Path(args.path), target, force=args.force)
    except backups.BackupError as exc:
        return _refused(exc, exc.code)
    if aside is not None:
        print(f"The damaged database was moved aside to {aside}")
    print(f"Restored {target} from {args.path}")
    return 0


async def _csv(kind: str) -> str:
    from bot.domain.exports import export_csv

    db = Database(_database())
    try:
        await db.open()
        async with db.read() as tx:
            return await export_csv(tx, kind)
    finally:
        await db.close()


def export_csv_command(args: argparse.Namespace) -> int:
    """Write bookings, ratings, check-ins or loans as CSV (to PATH, or stdout)."""
    return _write(args, lambda: _csv(args.kind), "utf-8-sig")  # a BOM: Excel reads UTF-8
