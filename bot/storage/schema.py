"""The one list of migrations, for both stores.

``migrations/NNNN_name.sql`` is a migration in SQLite's dialect. On PostgreSQL it runs
translated (:func:`bot.storage.dialect.ddl`) unless a ``NNNN_name.pg.sql`` beside it says
what PostgreSQL does instead (where SQLite needs a table rebuild, or a function PostgreSQL
lacks). A number is applied once per database: SQLite records it in ``PRAGMA user_version``,
PostgreSQL in the table ``schema_migrations``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from bot.storage.dialect import ddl

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True)
class Migration:
    """One numbered step, with its text for each store."""

    number: int
    name: str
    sqlite: str
    postgres: str


# Numbers skipped before the no-gap rule, which stores in use are already past: never reuse.
_NEVER_USED = frozenset({27})


@cache
def migrations() -> tuple[Migration, ...]:
    """Every migration, in order."""
    folder = resources.files("bot.storage.migrations")
    names = {p.name for p in folder.iterdir()}
    found = []
    for name in sorted(n for n in names if _NAME.match(n) and not n.endswith(".pg.sql")):
        sqlite = folder.joinpath(name).read_text("utf-8")
        variant = name.removesuffix(".sql") + ".pg.sql"
        pg_text = folder.joinpath(variant).read_text("utf-8") if variant in names else None
        postgres = pg_text if pg_text is not None else ddl(sqlite)
        found.append(Migration(int(name[:4]), name.removesuffix(".sql"), sqlite, postgres))
    numbers = [m.number for m in found]
    if len(set(numbers)) != len(numbers):
        raise RuntimeError(f"two migrations share a number: {numbers}")
    if set(numbers) | _NEVER_USED != set(range(1, max(numbers, default=0) + 1)):
        # A store is at the number of its last migration: after a gap, a migration later
        # given the missing number would never run on it.
        raise RuntimeError(f"migration numbers must run 1, 2, 3… with no new gap: {numbers}")
    return tuple(found)
