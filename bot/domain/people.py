"""People, their roles, addresses, invites and what the bot is waiting for them to type.

Staff come from the community file. Everyone else becomes known on their first private
message; roles other than resident are granted only through one-time invite links that staff
create, so nobody can make themselves a housekeeper or a family member.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Literal

from bot.clock import Clock, from_db, to_db
from bot.config import Community
from bot.i18n import DEFAULT_LANG, Lang
from bot.storage import Tx

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


def _person(row: Any) -> Person:
    return Person(
        row["id"], row["telegram_id"], row["name"], row["language"], bool(row["language_set"])
    )


class People:
    """Named operations on people, roles, addresses, invites and pending input."""

    def __init__(self, community: Community, clock: Clock) -> None:
        self._community = community
        self._clock = clock
        self._prelinked = community.prelinked()

    async def get(self, tx: Tx, telegram_id: int) -> Person | None:
        """The person with this Telegram id, if known."""
        row = await tx.one("SELECT * FROM people WHERE telegram_id = ?", (telegram_id,))
        return _person(row) if row else None

    async def by_id(self, tx: Tx, person_id: int) -> Person | None:
        """The person with this internal id, if known."""
        row = await tx.one("SELECT * FROM people WHERE id = ?", (person_id,))
        return _person(row) if row else None

    async def ensure(
        self, tx: Tx, telegram_id: int, name: str, language: Lang = DEFAULT_LANG
    ) -> tuple[Person, bool]:
        """The person, created on first contact; returns (person, created)."""
        existing = await self.get(tx, telegram_id)
        if existing is not None:
            if existing.name != name and name:
                await tx.execute("UPDATE people SET name = ? WHERE id = ?", (name, existing.id))
            await self._grant_prelinked(tx, existing)
            return existing, False
        await tx.execute(
            "INSERT INTO people (telegram_id, name, language, created_at) VALUES (?, ?, ?, ?)",
            (telegram_id, name, language, to_db(self._clock.now())),
        )
        person = await self.get(tx, telegram_id)
        assert person is not None
        if telegram_id in self._community.staff_ids():
            await self.grant(tx, person.id, "staff")
        await self._grant_prelinked(tx, person)
        return person, True

    async def _grant_prelinked(self, tx: Tx, person: Person) -> None:
        """Roles the community file gives this Telegram id (added to the file at any time)."""
        for role, ref in self._prelinked.get(person.telegram_id, ()):
            await self.grant(tx, person.id, role, ref)

    async def set_language(self, tx: Tx, person_id: int, language: Lang) -> None:
        """Remember the person's chosen language."""
        await tx.execute(
            "UPDATE people SET language = ?, language_set = 1 WHERE id = ?", (language, person_id)
        )

    async def grant(self, tx: Tx, person_id: int, role: Role, ref: str = "") -> None:
        """Give a role (idempotent)."""
        await tx.execute(
            "INSERT OR IGNORE INTO roles (person_id, role, ref) VALUES (?, ?, ?)",
            (person_id, role, ref),
        )

    async def roles(self, tx: Tx, person_id: int) -> set[tuple[str, str]]:
        """Every (role, ref) the person holds."""
        rows = await tx.all("SELECT role, ref FROM roles WHERE person_id = ?", (person_id,))
        return {(r["role"], r["ref"]) for r in rows}

    async def has_role(self, tx: Tx, person_id: int, role: Role, ref: str | None = None) -> bool:
        """Whether the person holds a role (for a given ref, or any)."""
        if ref is None:
            sql, params = "SELECT 1 FROM roles WHERE person_id = ? AND role = ?", (person_id, role)
        else:
            sql = "SELECT 1 FROM roles WHERE person_id = ? AND role = ? AND ref = ?"
            params = (person_id, role, ref)  # type: ignore[assignment]
        return await tx.one(sql, params) is not None

    async def is_staff(self, tx: Tx, telegram_id: int) -> bool:
        """Whether this Telegram user is community staff."""
        return telegram_id in self._community.staff_ids()

    async def holders(self, tx: Tx, role: Role, ref: str = "") -> list[Person]:
        """Everyone holding a role for a ref (e.g. the members of a provider)."""
        rows = await tx.all(
            "SELECT p.* FROM people p JOIN roles r ON r.person_id = p.id"
            " WHERE r.role = ? AND r.ref = ? ORDER BY p.id",
            (role, ref),
        )
        return [_person(r) for r in rows]

    async def staff(self, tx: Tx) -> list[Person]:
        """Staff who have opened a private chat with the bot."""
        ids = sorted(self._community.staff_ids())
        marks = ",".join("?" * len(ids))
        rows = await tx.all(f"SELECT * FROM people WHERE telegram_id IN ({marks})", ids)
        return [_person(r) for r in rows]

    # -- addresses -------------------------------------------------------------------------

    async def address(self, tx: Tx, person_id: int) -> Address | None:
        """The resident's stored address."""
        row = await tx.one("SELECT * FROM addresses WHERE person_id = ?", (person_id,))
        return Address(row["building"], row["unit"], row["room"]) if row else None

    async def set_address(self, tx: Tx, person_id: int, address: Address) -> None:
        """Store (or replace) the resident's address."""
        await tx.execute(
            "INSERT INTO addresses (person_id, building, unit, room) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(person_id) DO UPDATE SET building = excluded.building,"
            " unit = excluded.unit, room = excluded.room",
            (person_id, address.building, address.unit, address.room),
        )

    # -- pending input ---------------------------------------------------------------------

    async def expect(self, tx: Tx, person_id: int, kind: str, **data: Any) -> None:
        """Remember that the next free text from this person answers a question of `kind`."""
        await tx.execute(
            "INSERT INTO pending_input (person_id, kind, data) VALUES (?, ?, ?)"
            " ON CONFLICT(person_id) DO UPDATE SET kind = excluded.kind, data = excluded.data",
            (person_id, kind, json.dumps(data, ensure_ascii=False)),
        )

    async def expecting(self, tx: Tx, person_id: int) -> tuple[str, dict[str, Any]] | None:
        """What the bot is waiting for this person to type, if anything."""
        row = await tx.one(
            "SELECT kind, data FROM pending_input WHERE person_id = ?", (person_id,)
        )
        return (row["kind"], json.loads(row["data"])) if row else None

    async def done_expecting(self, tx: Tx, person_id: int) -> None:
        """Forget the pending question."""
        await tx.execute("DELETE FROM pending_input WHERE person_id = ?", (person_id,))

    # -- invites ---------------------------------------------------------------------------

    async def create_invite(
        self, tx: Tx, role: Role, ref: str, created_by: int, ttl: timedelta
    ) -> Invite:
        """A fresh one-time invite token for a role."""
        token = "inv_" + secrets.token_urlsafe(12).replace("-", "x").replace("_", "y")
        now = self._clock.now()
        await tx.execute(
            "INSERT INTO invites (token, role, ref, created_by, created_at, expires_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (token, role, ref, created_by, to_db(now), to_db(now + ttl)),
        )
        return Invite(token, role, ref)

    async def redeem_invite(
        self, tx: Tx, token: str, person: Person
    ) -> tuple[Literal["ok", "unknown", "used", "expired"], Invite | None]:
        """Use an invite once: grants its role to the person."""
        row = await tx.one("SELECT * FROM invites WHERE token = ?", (token,))
        if row is None:
            return "unknown", None
        invite = Invite(row["token"], row["role"], row["ref"])
        if row["used_by"] is not None:
            return ("ok" if row["used_by"] == person.id else "used"), invite
        if from_db(row["expires_at"]) < self._clock.now():
            return "expired", invite
        await tx.execute(
            "UPDATE invites SET used_by = ?, used_at = ? WHERE token = ?",
            (person.id, to_db(self._clock.now()), token),
        )
        await self.grant(tx, person.id, invite.role, invite.ref)
        return "ok", invite
