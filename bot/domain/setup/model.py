"""The editable setup's pure core: which parts of the community live in the database, how they
are written down (plain values a TOML file and a JSON column both hold), and their differences.

No SQL, no I/O. The *setup* is the part staff change while the bot runs — staff, housekeepers
and their buildings, providers with their members and offers, elders with their check-in times,
recurring notices. Everything else (policies, services, tools, groups) stays in the community
file. A setup is a :data:`Sections` value: section name -> list of entries as plain values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any

from pydantic import BaseModel, ValidationError

from bot.config import Community
from bot.domain.setup.changes import entry_lines

SECTIONS: tuple[str, ...] = ("staff", "housekeepers", "providers", "elders", "notices")
# The field naming each entry of a section (what a difference is reported against).
KEYS: Mapping[str, str] = {
    "staff": "telegram_id",
    "housekeepers": "key",
    "providers": "id",
    "elders": "key",
    "notices": "id",
}

Sections = dict[str, list[dict[str, Any]]]


class SetupError(ValueError):
    """A change that would leave the community invalid; ``str()`` says what, for staff."""


def duration_text(value: timedelta) -> str:
    """A duration as the community file writes it (``15m``, ``2h``, ``3d``, ``90s``)."""
    seconds = int(value.total_seconds())
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds and seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def plain(value: Any) -> Any:
    """Models, durations, times and dates as the plain values a community file holds."""
    if isinstance(value, BaseModel):
        return {name: plain(getattr(value, name)) for name in type(value).model_fields}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, timedelta):
        return duration_text(value)
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return value


def sections_of(community: Community) -> Sections:
    """The setup part of a community, as plain values."""
    return {name: plain(getattr(community, name)) for name in SECTIONS}


def with_sections(base: Community, sections: Mapping[str, list[dict[str, Any]]]) -> Community:
    """``base`` with its setup replaced, validated as a whole (references, catalogue)."""
    data: dict[str, Any] = {name: getattr(base, name) for name in type(base).model_fields}
    data.update(sections)
    try:
        return Community.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        message = str(error["msg"]).removeprefix("Value error, ")
        raise SetupError(f"{where}: {message}" if where else message) from None


@dataclass(frozen=True)
class Difference:
    """One entry added, removed or changed between two setups."""

    section: str
    key: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    def describe(self) -> list[str]:
        """Lines for a person, one per entry added (``+ providers.newco``) or removed, or per
        field changed (``~ providers.jiejia.offers.home_cleaning.price: 48.0 → 50.0``; an
        address only as ``(changed)``)."""
        before = {self.key: self.before} if self.before is not None else {}
        after = {self.key: self.after} if self.after is not None else {}
        return list(entry_lines(self.section, before, after))


def _by_key(section: str, entries: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {str(entry[KEYS[section]]): entry for entry in entries}


def differences(old: Mapping[str, list[dict[str, Any]]], new: Sections) -> list[Difference]:
    """What changes from ``old`` to ``new``, section by section, in a stable order."""
    found = []
    for section in SECTIONS:
        before = _by_key(section, old.get(section, []))
        after = _by_key(section, new.get(section, []))
        for key in [*before, *(k for k in after if k not in before)]:
            if before.get(key) != after.get(key):
                found.append(Difference(section, key, before.get(key), after.get(key)))
    return found
