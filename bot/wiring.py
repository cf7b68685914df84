"""Every button, awaited answer and deadline a feature can mint has exactly one handler.

Features declare what they mint in their ``contract.py`` as ``StrEnum``s named ``Action``
(button actions), ``DeadlineKind`` and ``Pending`` / ``Input`` (awaited free-text answers).
The router and the deadline runner already refuse a second handler for the same name; this
check refuses a missing one, at start, so a button can never be pressed into silence and a
deadline can never fall due with nobody to run it.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from types import ModuleType

from bot.domain.bookings import contract as bookings
from bot.domain.checkins import contract as checkins
from bot.domain.incidents import contract as incidents
from bot.domain.notices import contract as notices
from bot.domain.tools import contract as tools

CONTRACTS: tuple[ModuleType, ...] = (bookings, checkins, incidents, notices, tools)
_KINDS = {"Action": "button", "DeadlineKind": "deadline", "Pending": "input", "Input": "input"}


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
