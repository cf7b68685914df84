"""SQLite's SQL, as the repositories write it, in PostgreSQL's words.

The repositories write one SQL for both stores. Where SQLite's dialect was simple to avoid it
was avoided at the source (rowid orders became columns in migration 0025; ``INSERT OR
REPLACE`` became ``ON CONFLICT .. DO UPDATE``; JSON and week arithmetic moved into Python);
what is left is translated here, once per statement text (cached):

- ``?`` placeholders become ``$1, $2, ..`` (never inside a string literal);
- ``INSERT OR IGNORE`` becomes ``INSERT .. ON CONFLICT DO NOTHING``;
- ``INDEXED BY name`` (a SQLite planner hint) is dropped;
- ``MAX(1, x)``, SQLite's two-argument scalar MAX with a literal, becomes ``GREATEST``;
- ``CAST(x AS INTEGER)`` truncates, as SQLite's does (PostgreSQL would round);
- ``LIKE`` becomes ``ILIKE`` (SQLite's LIKE ignores ASCII case);
- ``+column`` (SQLite's way to keep the planner off an index) becomes ``column``;
- ``a IS NOT b`` / ``a IS b`` of two values become ``IS [NOT] DISTINCT FROM``.

``julianday`` and ``json_extract`` are not translated: the PostgreSQL store defines functions
of those names (see :data:`COMPAT_FUNCTIONS`).

DDL (the migrations) is translated by :func:`ddl`: a rowid alias ``id INTEGER PRIMARY KEY``
becomes an identity column, INTEGER becomes BIGINT (Telegram's ids need 64 bits), REAL
DOUBLE PRECISION, and TEXT compares bytewise (``COLLATE "C"``) as SQLite's BINARY does, so
ORDER BY gives the same order on both stores.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Functions SQLite has and the repositories use, defined in the PostgreSQL schema (timestamps
# are stored as ISO text, so both take text).
COMPAT_FUNCTIONS = """
CREATE OR REPLACE FUNCTION julianday(t text) RETURNS double precision
    LANGUAGE sql IMMUTABLE AS
    $$ SELECT extract(epoch FROM t::timestamptz)::double precision / 86400.0 + 2440587.5 $$;
CREATE OR REPLACE FUNCTION json_extract(doc text, path text) RETURNS text
    LANGUAGE sql IMMUTABLE AS
    $$ SELECT doc::jsonb #>> string_to_array(replace(substr(path, 3), '"', ''), '.') $$;
"""

_INSERT_OR_IGNORE = re.compile(r"^\s*INSERT\s+OR\s+IGNORE\s+INTO\b", re.IGNORECASE)
_INDEXED_BY = re.compile(r"\s+INDEXED\s+BY\s+\w+", re.IGNORECASE)
_SCALAR_MAX = re.compile(r"\bMAX\(\s*(\d+(?:\.\d+)?)\s*,", re.IGNORECASE)
_LIKE = re.compile(r"\bLIKE\b")
# SQLite's `+column` (keeps the planner off that column's index) is the column.
_UNARY_PLUS = re.compile(r"([\s(,=])\+(?=[A-Za-z_])")
# SQLite's `a IS NOT b` / `a IS b` compare any values, NULL included.
_IS_NOT = re.compile(r"\bIS\s+NOT\s+(?!NULL\b|TRUE\b|FALSE\b|DISTINCT\b)", re.IGNORECASE)
_IS = re.compile(r"\bIS\s+(?!NOT\b|NULL\b|TRUE\b|FALSE\b|DISTINCT\b)", re.IGNORECASE)
_RETURNING = re.compile(r"\bRETURNING\b", re.IGNORECASE)
_INSERT_INTO = re.compile(r"^\s*INSERT\s+INTO\s+(\w+)", re.IGNORECASE)


def _outside_strings(sql: str) -> list[tuple[bool, str]]:
    """The statement cut into (is_code, text) pieces: string literals are not code."""
    pieces: list[tuple[bool, str]] = []
    start, i, quote = 0, 0, ""
    while i < len(sql):
        ch = sql[i]
        if quote:
            if ch == quote:
                if i + 1 < len(sql) and sql[i + 1] == quote:
                    i += 1  # a doubled quote inside the literal
                else:
                    pieces.append((False, sql[start : i + 1]))
                    start, quote = i + 1, ""
        elif ch in "'\"":
            pieces.append((True, sql[start:i]))
            start, quote = i, ch
        i += 1
    pieces.append((not quote, sql[start:]))
    return pieces


def _numbered(sql: str) -> str:
    """``?`` -> ``$n`` in code, never in literals."""
    out, n = [], 0
    for code, text in _outside_strings(sql):
        if code:
            parts = text.split("?")
            for k, part in enumerate(parts):
                if k:
                    n += 1
                    out.append(f"${n}")
                out.append(part)
        else:
            out.append(text)
    return "".join(out)


def _truncating_casts(sql: str) -> str:
    """``CAST(x AS INTEGER)`` -> ``CAST(TRUNC(x) AS BIGINT)``: SQLite truncates a real."""
    out, i = [], 0
    upper = sql.upper()
    while (at := upper.find("CAST(", i)) >= 0:
        depth, j = 0, at + 4
        while j < len(sql):
            depth += {"(": 1, ")": -1}.get(sql[j], 0)
            if depth == 0:
                break
            j += 1
        inner = sql[at + 5 : j]
        head, sep, kind = inner.rpartition(" AS ")
        out.append(sql[i:at])
        if sep and kind.strip().upper() == "INTEGER":
            out.append(f"CAST(TRUNC({_truncating_casts(head)}) AS BIGINT)")
        else:
            out.append(f"CAST({_truncating_casts(inner)})")
        i = j + 1
    out.append(sql[i:])
    return "".join(out)


def is_postgres(target: object) -> bool:
    """Whether CONCIERGE_DB (or a copy tool's argument) names a PostgreSQL database."""
    return str(target).startswith(("postgresql:", "postgres:"))


_MANGLED = re.compile(r"^(postgres(?:ql)?):/(?!/)")
_PASSWORD = re.compile(r"//([^:/@]+):[^@/]*@")


def url_of(target: object) -> str:
    """The URL as written (a Path of it lost one slash of ``postgresql://``)."""
    return _MANGLED.sub(r"\1://", str(target))


def shown(target: object) -> str:
    """A database as it may be printed or logged: a PostgreSQL URL's password hidden."""
    return _PASSWORD.sub(r"//\1:***@", url_of(target)) if is_postgres(target) else str(target)


@lru_cache(maxsize=2048)
def translate(sql: str) -> str:
    """One statement in PostgreSQL's dialect (see the module docstring)."""
    ignore = bool(_INSERT_OR_IGNORE.match(sql))
    if ignore:
        sql = _INSERT_OR_IGNORE.sub("INSERT INTO", sql, count=1)
    pieces = []
    for code, text in _outside_strings(sql):
        if code:
            text = _INDEXED_BY.sub("", text)
            text = _SCALAR_MAX.sub(r"GREATEST(\1,", text)
            text = _LIKE.sub("ILIKE", text)
            text = _UNARY_PLUS.sub(r"\1", text)
            text = _IS_NOT.sub("IS DISTINCT FROM ", text)
            text = _IS.sub("IS NOT DISTINCT FROM ", text)
        pieces.append(text)
    sql = _truncating_casts("".join(pieces))
    if ignore:
        body = sql.rstrip().rstrip(";")
        found = _RETURNING.search(body)
        if found:
            body = f"{body[: found.start()]}ON CONFLICT DO NOTHING {body[found.start() :]}"
        else:
            body += " ON CONFLICT DO NOTHING"
        sql = body
    return _numbered(sql)


def inserted_table(sql: str) -> str | None:
    """The table a plain ``INSERT INTO t ..`` writes (without RETURNING), else None."""
    found = _INSERT_INTO.match(sql)
    if found is None or _RETURNING.search(sql):
        return None
    return found.group(1).lower()


_ROWID_ALIAS = re.compile(r"\b(\w+)(\s+)INTEGER\s+PRIMARY\s+KEY\b(?!\s*REFERENCES)", re.I)
_INTEGER = re.compile(r"\bINTEGER\b", re.IGNORECASE)
_REAL = re.compile(r"\bREAL\b", re.IGNORECASE)
_BLOB = re.compile(r"\bBLOB\b", re.IGNORECASE)
_TEXT_COLUMN = re.compile(r"(\n\s*\w+\s+)TEXT\b", re.IGNORECASE)
_ADD_TEXT_COLUMN = re.compile(r"(ADD\s+COLUMN\s+\w+\s+)TEXT\b", re.IGNORECASE)
_PRAGMA = re.compile(r"^\s*PRAGMA\b[^;]*;", re.IGNORECASE | re.MULTILINE)
_COMMENT = re.compile(r"--[^\n]*")
_IDENTITY_NAMES = {"id"}


def ddl(script: str) -> str:
    """A SQLite migration script in PostgreSQL's dialect (see the module docstring)."""
    script = _COMMENT.sub("", script)
    script = _PRAGMA.sub("", script)

    def rowid(found: re.Match[str]) -> str:
        name, space = found.group(1), found.group(2)
        if name.lower() in _IDENTITY_NAMES:
            return f"{name}{space}BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
        return f"{name}{space}BIGINT PRIMARY KEY"

    script = _ROWID_ALIAS.sub(rowid, script)
    script = _INTEGER.sub("BIGINT", script)
    script = _REAL.sub("DOUBLE PRECISION", script)
    script = _BLOB.sub("BYTEA", script)
    script = _TEXT_COLUMN.sub(r'\1TEXT COLLATE "C"', script)
    script = _ADD_TEXT_COLUMN.sub(r'\1TEXT COLLATE "C"', script)
    statements = [s.strip() for s in script.split(";") if s.strip()]
    return ";\n".join(translate(s) if _INSERT_OR_IGNORE.match(s) else s for s in statements)
