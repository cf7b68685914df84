"""A setup difference as the lines a person reads: one line per field that changed, named by
its path, and one line per entry added or removed, named by its key.

``~ providers.property_team.offers.drain_unclogging.price: 80.0 → 70.0`` rather than the whole
offers list twice: a provider's offers can be thousands of characters, and the one price that
changed must be seen at a glance. Pure: no I/O.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

PRIVATE_FIELDS = frozenset({"address"})  # never shown in a difference, only "(changed)"
# What names an entry of a list of tables (an offer by its service, a member by name…): the
# first of these every entry of both lists has, with no two entries alike.
_ENTRY_KEYS = ("id", "key", "service", "telegram_id", "name")
_LONGEST = 120  # a value longer than this is shown cut, with an ellipsis


def shown(value: Any) -> str:
    """A value as a person reads it: numbers and booleans plain, text and lists as JSON."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= _LONGEST else text[: _LONGEST - 1] + "…"


def _entry_key(before: list[Any], after: list[Any]) -> str | None:
    entries = [*before, *after]
    if not entries or not all(isinstance(e, dict) for e in entries):
        return None
    for name in _ENTRY_KEYS:
        for side in (before, after):
            values = [e.get(name) for e in side]
            if None in values or len(set(map(str, values))) != len(values):
                break
        else:
            return name
    return None


def _keyed(entries: list[dict[str, Any]], name: str) -> dict[str, dict[str, Any]]:
    return {str(entry[name]): entry for entry in entries}


def field_lines(path: str, before: Any, after: Any) -> Iterator[str]:
    """The lines saying how ``before`` became ``after`` at ``path`` (nothing if equal)."""
    if before == after:
        return
    if path.rsplit(".", 1)[-1] in PRIVATE_FIELDS:
        yield f"~ {path}: (changed)"
    elif isinstance(before, dict) and isinstance(after, dict):
        for name in [*before, *(k for k in after if k not in before)]:
            yield from field_lines(f"{path}.{name}", before.get(name), after.get(name))
    elif (
        isinstance(before, list)
        and isinstance(after, list)
        and (name := _entry_key(before, after))
    ):
        yield from entry_lines(path, _keyed(before, name), _keyed(after, name))
    else:
        yield f"~ {path}: {shown(before)} → {shown(after)}"


def entry_lines(
    path: str, before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]]
) -> Iterator[str]:
    """Entries by key: ``+ path.key`` added, ``- path.key`` removed, then changed fields."""
    for key in [*before, *(k for k in after if k not in before)]:
        old, new = before.get(key), after.get(key)
        if old is None:
            yield f"+ {path}.{key}"
        elif new is None:
            yield f"- {path}.{key}"
        else:
            yield from field_lines(f"{path}.{key}", old, new)
