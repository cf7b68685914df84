"""Write plain values (tables, arrays of tables, strings, numbers, booleans) as TOML.

Only what a community file holds: ``None`` is left out (TOML has no null: the field takes its
default when read back). Small on purpose: the standard library reads TOML but does not write
it, and a dependency for this one file would not earn its place.
"""

from __future__ import annotations

import json
import re
from typing import Any

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _key(name: str) -> str:
    return name if _BARE_KEY.match(name) else json.dumps(name, ensure_ascii=False)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value if v is not None) + "]"
    if isinstance(value, dict):  # an inline table inside an array of scalars' neighbour
        inner = ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items() if v is not None)
        return "{ " + inner + " }" if inner else "{}"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def _is_array_of_tables(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _body(lines: list[str], path: list[str], table: dict[str, Any]) -> None:
    """A table's own keys, then its sub-tables, then its arrays of tables."""
    for name, value in table.items():
        if value is not None and not isinstance(value, dict) and not _is_array_of_tables(value):
            lines.append(f"{_key(name)} = {_value(value)}")
    for name, value in table.items():
        if isinstance(value, dict):
            lines.extend(["", f"[{'.'.join(_key(p) for p in [*path, name])}]"])
            _body(lines, [*path, name], value)
    for name, value in table.items():
        if _is_array_of_tables(value):
            for item in value:
                lines.extend(["", f"[[{'.'.join(_key(p) for p in [*path, name])}]]"])
                _body(lines, [*path, name], item)


def dumps(data: dict[str, Any], header: str = "") -> str:
    """The TOML text of ``data`` (after an optional comment header)."""
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    _body(lines, [], data)
    return "\n".join(lines).lstrip("\n") + "\n"
