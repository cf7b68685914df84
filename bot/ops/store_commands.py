"""``concierge migrate`` and ``concierge copy-db`` (docs/deploy.md, PostgreSQL).

``migrate`` applies pending migrations to CONCIERGE_DB (SQLite file or PostgreSQL URL) and
says which: starting the bot does the same, but an upgrade of several instances migrates
once, first, on purpose. ``copy-db SRC DST`` moves a community's SQLite file into an empty
PostgreSQL database (:mod:`bot.storage.copy`).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

from bot.config import ConfigError, settings_from_env
from bot.ops.community_choice import choose_community, communities
from bot.storage import Database
from bot.storage.dialect import is_postgres, shown


def migrate_command(args: argparse.Namespace) -> int:
    """Apply pending migrations to CONCIERGE_DB; print each one applied. With a folder of
    several communities: to each one's store in turn, or to the one ``--community`` names."""
    names = communities(os.environ)
    chosen = [args.community] if args.community or len(names) < 2 else names
    for name in chosen:
        env = dict(os.environ)
        choose_community(name, env)
        _migrate(settings_from_env(env, require_token=False).store, name)
    return 0


def _migrate(target: Path | str, name: str | None) -> None:
    async def apply() -> list[str]:
        db = Database(target)
        await db.open()
        await db.close()
        return db.applied

    applied = asyncio.run(apply())
    for migration in applied:
        print(f"Applied {migration}")
    where = f"{name}: " if name else ""
    print(f"{where}{shown(target)}: {'up to date' if not applied else f'{len(applied)} applied'}")


def copy_db_command(args: argparse.Namespace) -> int:
    """Copy SRC (SQLite) into DST (an empty PostgreSQL database), verified, in one go."""
    if is_postgres(args.src) or not is_postgres(args.dst):
        raise ConfigError("copy-db copies a SQLite file (SRC) into PostgreSQL (DST, a URL)")
    from bot.storage.copy import CopyError, copy_db

    try:
        copied = asyncio.run(copy_db(Path(args.src), args.dst))
    except CopyError as exc:
        print(f"concierge: copy-db: {exc}; nothing was copied", file=sys.stderr)
        return 1
    for table, rows in copied.tables.items():
        print(f"{table}: {rows}")
    print(f"Copied {copied.rows} rows in {len(copied.tables)} tables to {shown(args.dst)}")
    return 0
