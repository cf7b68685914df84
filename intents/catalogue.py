"""The catalogue of services and shared tools, with the words people use for them.

The default vocabulary ships as ``intents/data/vocabulary.toml``; a community can add aliases of
its own with :meth:`Catalogue.with_aliases`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any, Literal

Kind = Literal["service", "tool"]
CATEGORIES = ("cleaning", "repair", "care", "errands", "tools")


@dataclass(frozen=True)
class Entry:
    """One bookable service or borrowable tool."""

    id: str
    kind: Kind
    name_zh: str
    name_en: str
    category: str
    aliases: tuple[str, ...]
    keywords: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    precedence: int = 0  # wins over same-category entries when both are named specifically
    # Visited every day of a stay away (feeding the cat, watering the plants): the days asked
    # are its visits, whether a provider prices it per day or per visit.
    daily: bool = False


def _strings(raw: Any, where: str) -> tuple[str, ...]:
    """Validate a TOML list of strings."""
    if not isinstance(raw, list) or not all(isinstance(s, str) and s.strip() for s in raw):
        raise ValueError(f"{where} must be a list of non-empty strings")
    return tuple(dict.fromkeys(s.strip() for s in raw))


def _entry(entry_id: str, kind: Kind, raw: Mapping[str, Any]) -> Entry:
    """Build one entry from its TOML table, with a clear error on what is wrong."""
    where = f"{kind} {entry_id!r}"
    for key in ("name_zh", "name_en", "category"):
        if not isinstance(raw.get(key), str) or not raw[key]:
            raise ValueError(f"{where}: missing {key}")
    if raw["category"] not in CATEGORIES:
        raise ValueError(f"{where}: unknown category {raw['category']!r}")
    return Entry(
        id=entry_id,
        kind=kind,
        name_zh=raw["name_zh"],
        name_en=raw["name_en"],
        category=raw["category"],
        aliases=_strings(raw.get("aliases", []), f"{where} aliases"),
        keywords=_strings(raw.get("keywords", []), f"{where} keywords"),
        cues=_strings(raw.get("cues", []), f"{where} cues"),
        precedence=_precedence(raw.get("precedence", 0), where),
        daily=_flag(raw.get("daily", False), f"{where} daily"),
    )


def _flag(raw: Any, where: str) -> bool:
    """Validate an optional true/false of an entry."""
    if not isinstance(raw, bool):
        raise ValueError(f"{where} must be true or false")
    return raw


def _precedence(raw: Any, where: str) -> int:
    """Validate the optional precedence of an entry."""
    if not isinstance(raw, int) or isinstance(raw, bool):
        raise ValueError(f"{where}: precedence must be an integer")
    return raw


class Catalogue:
    """An immutable, ordered set of service and tool entries."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self._entries: dict[str, Entry] = {}
        self._ids_of: dict[Kind, frozenset[str]] = {}
        for entry in entries:
            if entry.id in self._entries:
                raise ValueError(f"duplicate catalogue id {entry.id!r}")
            self._entries[entry.id] = entry

    @classmethod
    def from_toml(cls, text: str) -> Catalogue:
        """Parse a vocabulary file with ``[services.<id>]`` and ``[tools.<id>]`` tables."""
        data = tomllib.loads(text)
        entries: list[Entry] = []
        sections: tuple[tuple[str, Kind], ...] = (("services", "service"), ("tools", "tool"))
        for section, kind in sections:
            for entry_id, raw in data.get(section, {}).items():
                entries.append(_entry(entry_id, kind, raw))
        return cls(entries)

    @classmethod
    def default(cls) -> Catalogue:
        """Load the vocabulary bundled with the package."""
        text = resources.files("intents.data").joinpath("vocabulary.toml").read_text("utf-8")
        return cls.from_toml(text)

    def with_aliases(self, extra: Mapping[str, Sequence[str]]) -> Catalogue:
        """Return a copy with more aliases; an id not in the catalogue raises ValueError."""
        unknown = sorted(set(extra) - set(self._entries))
        if unknown:
            raise ValueError(f"unknown catalogue id(s) in extra aliases: {', '.join(unknown)}")
        entries = []
        for entry in self._entries.values():
            added = extra.get(entry.id, ())
            if isinstance(added, str):
                raise ValueError(f"aliases for {entry.id!r} must be a list, not a string")
            aliases = tuple(
                dict.fromkeys((*entry.aliases, *(a.strip() for a in added if a.strip())))
            )
            entries.append(replace(entry, aliases=aliases))
        return Catalogue(entries)

    def entry(self, entry_id: str) -> Entry:
        """Return the entry with this id; KeyError if there is none."""
        try:
            return self._entries[entry_id]
        except KeyError:
            raise KeyError(f"no catalogue entry {entry_id!r}") from None

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._entries

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    def services(self) -> list[Entry]:
        """All services, in catalogue order."""
        return [e for e in self._entries.values() if e.kind == "service"]

    def tools(self) -> list[Entry]:
        """All shared tools, in catalogue order."""
        return [e for e in self._entries.values() if e.kind == "tool"]

    def ids_of(self, kind: Kind) -> frozenset[str]:
        """The ids of every entry of one kind (the catalogue never changes: built once; the
        target model weighs its ~40 classes against it for every request answered)."""
        if kind not in self._ids_of:
            self._ids_of[kind] = frozenset(i for i, e in self._entries.items() if e.kind == kind)
        return self._ids_of[kind]

    def categories(self) -> dict[str, list[Entry]]:
        """Entries grouped by category, categories in their canonical order."""
        grouped: dict[str, list[Entry]] = {}
        for category in CATEGORIES:
            members = [e for e in self._entries.values() if e.category == category]
            if members:
                grouped[category] = members
        return grouped
