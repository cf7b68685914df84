"""People's pure core: who someone is, their roles, their address, and the invite rules.

No SQL, no I/O, no Telegram.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Literal

from bot.i18n import Lang

Role = Literal["staff", "housekeeper", "provider", "elder", "family", "resident"]
INVITABLE: tuple[Role, ...] = ("housekeeper", "provider", "elder", "family", "staff")
_ADDRESS = re.compile(
    r"^\s*(?P<building>[0-9A-Za-z]+)\s*(?:栋|号楼|幢|座|[-/ ])\s*"
    r"(?P<unit>[0-9A-Za-z]+)\s*(?:单元|[-/ ])\s*(?P<room>[0-9A-Za-z]+)\s*(?:室|号)?\s*$"
)


@dataclass(frozen=True)
class Person:
    """Someone who has talked to the bot."""

    id: int
    telegram_id: int
    name: str
    language: Lang
    language_set: bool


@dataclass(frozen=True)
class Address:
    """A resident's building, unit and room: private, never shown in a group."""

    building: str
    unit: str
    room: str

    def label(self) -> str:
        """Compact form used only in private chats: 3-2-501."""
        return f"{self.building}-{self.unit}-{self.room}"


@dataclass(frozen=True)
class Invite:
    """A one-time join link for a role."""

    token: str
    role: Role
    ref: str


def parse_address(text: str) -> Address | None:
    """Parse '3栋2单元501', '3-2-501' or '3 2 501'; None when it is not an address."""
    match = _ADDRESS.match(text.replace("　", " "))
    if not match:
        return None
    return Address(match["building"].upper(), match["unit"].upper(), match["room"].upper())


class Redeem(StrEnum):
    """What using an invite link leads to."""

    OK = "ok"  # the role is granted now
    AGAIN = "again"  # the same person used it before: fine, nothing to do
    UNKNOWN = "unknown"
    USED = "used"  # someone else used it
    EXPIRED = "expired"


def redeem(used_by: int | None, person_id: int, expires_at: datetime, now: datetime) -> Redeem:
    """May this person use the invite now? Once, by one person, before it expires."""
    if used_by is not None:
        return Redeem.AGAIN if used_by == person_id else Redeem.USED
    if expires_at < now:
        return Redeem.EXPIRED
    return Redeem.OK
