"""People, their roles, addresses, invites and what the bot is waiting for them to type.

Rooms: :mod:`.model` (pure: Person, Address, Invite, roles, address parsing, the invite rule),
:mod:`.repo` (the only SQL), :mod:`.service` (:class:`People`, the use cases), :mod:`.contract`
(the invite token format). Every existing ``from bot.domain.people import ...`` keeps working.
"""

from __future__ import annotations

from bot.domain.people.model import (
    INVITABLE,
    Address,
    Invite,
    Person,
    Role,
    parse_address,
    read_address,
)
from bot.domain.people.repo import PeopleRepo
from bot.domain.people.service import People

__all__ = [
    "INVITABLE",
    "Address",
    "Invite",
    "People",
    "PeopleRepo",
    "Person",
    "Role",
    "parse_address",
    "read_address",
]
