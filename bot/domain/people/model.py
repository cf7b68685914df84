"""People's pure core: who someone is, their roles, their address, and the invite rules.

No SQL, no I/O, no Telegram.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Literal

from bot.i18n import Lang, T, Text
from intents.addresses import door_number

Role = Literal["staff", "housekeeper", "provider", "elder", "family", "resident"]
INVITABLE: tuple[Role, ...] = ("housekeeper", "provider", "elder", "family", "staff")


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
    """Parse '3栋2单元501', '3-2-501', '三栋二单元一一零二', 'Building 6, unit 1, room 2203';
    None when the text is not a plausibly shaped door number (the building is not checked)."""
    found = door_number(text)
    return Address(*found) if found is not None else None


def read_address(text: str, buildings: Collection[str]) -> Address | Text:
    """A resident's typed address, accepted only with a building of this community (any,
    when the community lists none); otherwise the polite question again, with an example
    and, for an unknown building, the buildings there are."""
    address = parse_address(text)
    if address is None:
        return T("onboarding.address_unclear")
    if buildings and address.building not in buildings:
        return T(
            "onboarding.address_no_building",
            building=address.building,
            buildings=_listing(buildings),
        )
    return address


def _listing(buildings: Collection[str]) -> str:
    """'1-6' for a run of numbered buildings, else 'A, B, C'."""
    names = list(buildings)
    if all(b.isdigit() for b in names):
        numbers = sorted(int(b) for b in names)
        if numbers == list(range(numbers[0], numbers[-1] + 1)) and len(numbers) > 2:
            return f"{numbers[0]}-{numbers[-1]}"
    return ", ".join(names)


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
