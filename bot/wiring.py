"""Every button, awaited answer and deadline a feature can mint has exactly one handler.

Features declare what they mint in their ``contract.py`` as ``StrEnum``s named ``Action``
(button actions), ``DeadlineKind`` and ``Pending`` / ``Input`` (awaited free-text answers).
Every ``contract.py`` under ``bot/domain/`` is found and read (:func:`discover`), so a feature
cannot be left out of the check by forgetting to list it.
The router and the deadline runner already refuse a second handler for the same name; this
check refuses a missing one, at start, so a button can never be pressed into silence and a
deadline can never fall due with nobody to run it.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from types import ModuleType

import bot.domain

_KINDS = {"Action": "button", "DeadlineKind": "deadline", "Pending": "input", "Input": "input"}


def contract_modules(root: Path | None = None, package: str = "bot.domain") -> list[str]:
    """The dotted names of every ``contract.py`` under the domain (found on disk, not listed
    by hand: a new feature's contract is checked the day it is written)."""
    base = root or Path(bot.domain.__file__).parent
    return sorted(
        ".".join((package, *path.relative_to(base).with_suffix("").parts))
        for path in base.rglob("contract.py")
    )


def discover(root: Path | None = None, package: str = "bot.domain") -> tuple[ModuleType, ...]:
    """Every feature's contract module, imported."""
    return tuple(importlib.import_module(name) for name in contract_modules(root, package))


CONTRACTS: tuple[ModuleType, ...] = discover()


def minted(contracts: Iterable[ModuleType] = CONTRACTS) -> dict[str, set[str]]:
    """What the contracts mint, by kind: 'button', 'deadline', 'input'."""
    found: dict[str, set[str]] = {"button": set(), "deadline": set(), "input": set()}
    for module in contracts:
        for name, kind in _KINDS.items():
            enum = getattr(module, name, None)
            if isinstance(enum, type) and issubclass(enum, StrEnum):
                found[kind].update(member.value for member in enum)
    return found


def unhandled(
    handled: dict[str, Iterable[str]], contracts: Iterable[ModuleType] = CONTRACTS
) -> list[str]:
    """Every minted name with no handler, as 'kind:name', sorted."""
    missing: list[str] = []
    for kind, names in minted(contracts).items():
        have = {str(h) for h in handled.get(kind, ())}
        missing += [f"{kind}:{name}" for name in sorted(names - have)]
    return missing


def check(handled: dict[str, Iterable[str]]) -> None:
    """Refuse to start with a minted button, deadline or input that nothing handles."""
    missing = unhandled(handled)
    if missing:
        raise RuntimeError("no handler registered for " + ", ".join(missing))
