"""Writing an operator command's output file (``export``, ``export-csv``) without ever writing
over what must not be written over.

A mistyped path once put a community file over the live database. So a target is refused when
it is the database itself (or its WAL, shared memory, journal, run lock), when it is any SQLite
database (its header says so, whatever its name: even ``--force`` does not write text over a
database), when it is a folder, and when it already exists unless ``force``. The text goes to a
file beside the target first and is renamed into place, so a failed write never leaves half a
file under the target's name.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from bot.storage.backup import is_database, is_sqlite


class OutputError(Exception):
    """An output path that cannot be used; ``str()`` is the one line to show (exit status 2)."""


def check_output(path: Path, database: Path, *, force: bool) -> None:
    """Raise :class:`OutputError` unless writing ``path`` is safe and wanted."""
    if path.is_dir():
        raise OutputError(f"{path} is a folder; give a file name")
    if is_database(path, database):
        raise OutputError(f"{path} is the database itself (CONCIERGE_DB); give another file")
    if is_sqlite(path):
        raise OutputError(f"{path} is an SQLite database; it is never written over")
    if path.exists() and not force:
        raise OutputError(f"{path} already exists; pass --force to replace it")
    if not path.parent.is_dir():
        raise OutputError(f"folder {path.parent} does not exist")


def write_output(path: Path, text: str, encoding: str) -> None:
    """Write ``text`` to ``path`` through a file beside it (nothing left behind on failure)."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_text(text, encoding=encoding)
        os.replace(partial, path)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
