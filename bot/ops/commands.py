"""The operator commands behind ``concierge import``, ``export``, ``backup``, ``restore`` and
``export-csv``: each reads the settings (``CONCIERGE_DB``, ``CONCIERGE_COMMUNITY``), does one
thing, prints what it did and returns an exit status (0 done, 1 not done, 2 bad input)."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from bot.config import ConfigError, settings_from_env
from bot.domain.setup import Difference, SetupError
from bot.ops.setup_file import ChangedMeanwhile, export_setup, import_setup
from bot.storage import Database
from bot.storage import backup as backups


def _database() -> Path:
    path = settings_from_env(require_token=False).db_path
    if not path.is_file():
        raise ConfigError(f"database {path} does not exist (set CONCIERGE_DB)")
    return path


def _ask(out: TextIO, yes: bool) -> Callable[[list[Difference]], bool]:
    def confirm(found: list[Difference]) -> bool:
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
    await db.open()
    try:
        applied = await import_setup(db, path, _ask(out, yes), actor="cli:import")
    except (SetupError, ChangedMeanwhile) as exc:
        print(f"concierge: {path}: {exc}; nothing changed", file=sys.stderr)
        return 1
    finally:
        await db.close()
    print(f"Applied {len(applied)} changes." if applied else "Nothing applied.", file=out)
    return 0


def import_command(args: argparse.Namespace) -> int:
    """Show how FILE's setup differs from the database's, then apply it once confirmed."""
    return asyncio.run(_import(Path(args.file), args.yes, sys.stdout))


async def _export() -> str:
    settings = settings_from_env(require_token=False)
    db = Database(_database())
    await db.open()
    try:
        return await export_setup(db, settings.community, datetime.now(UTC))
    finally:
        await db.close()


def export_command(args: argparse.Namespace) -> int:
    """Write the current setup as a community file (to PATH, or stdout)."""
    text = asyncio.run(_export())
    if args.path in (None, "-"):
        sys.stdout.write(text)
    else:
        Path(args.path).write_text(text, encoding="utf-8")
        print(f"Wrote {args.path}")
    return 0


def backup_command(args: argparse.Namespace) -> int:
    """Copy the live database to PATH (safe while the bot runs)."""
    try:
        backups.backup(_database(), Path(args.path))
    except backups.BackupError as exc:
        print(f"concierge: {exc}", file=sys.stderr)
        return 1
    print(f"Backed up to {args.path} (integrity check ok)")
    return 0


def restore_command(args: argparse.Namespace) -> int:
    """Replace the database with a backup (refused while the bot runs, unless --force)."""
    target = settings_from_env(require_token=False).db_path
    try:
        backups.restore(Path(args.path), target, force=args.force)
    except backups.BackupError as exc:
        print(f"concierge: {exc}", file=sys.stderr)
        return 1
    print(f"Restored {target} from {args.path}")
    return 0


async def _csv(kind: str) -> str:
    from bot.domain.exports import export_csv

    db = Database(_database())
    await db.open()
    try:
        async with db.read() as tx:
            return await export_csv(tx, kind)
    finally:
        await db.close()


def export_csv_command(args: argparse.Namespace) -> int:
    """Write bookings, ratings, check-ins or loans as CSV (to PATH, or stdout)."""
    text = asyncio.run(_csv(args.kind))
    if args.path in (None, "-"):
        sys.stdout.write(text)
    else:
        Path(args.path).write_text(text, encoding="utf-8-sig")  # a BOM: Excel reads it as UTF-8
        print(f"Wrote {args.path}")
    return 0
