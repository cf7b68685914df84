"""People's only SQL: people, roles, addresses, pending input and invites."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from bot.clock import from_db, to_db
from bot.domain.people.model import Address, Invite, Person, Role
from bot.i18n import Lang
from bot.storage import LANGUAGES, Tx


def _person(row: Any) -> Person:
    return Person(
        row["id"], row["telegram_id"], row["name"], row["language"], bool(row["language_set"])
    )


def _expecting(person_id: int) -> str:
    """The name a person's pending question is kept under in a transaction (Tx.once)."""
    return f"pending_input:{person_id}"


class PeopleRepo:
    """Named reads and writes of the people tables (in the caller's transaction)."""

    async def by_telegram(self, tx: Tx, telegram_id: int) -> Person | None:
        """The person with this Telegram id."""
        row = await tx.one("SELECT * FROM people WHERE telegram_id = ?", (telegram_id,))
        tx.kept(LANGUAGES)[telegram_id] = row["language"] if row else None
        return _person(row) if row else None

    async def contact(self, tx: Tx, telegram_id: int) -> tuple[Person, bool] | None:
        """The person with this Telegram id, and whether they opened a private chat."""
        row = await tx.one("SELECT * FROM people WHERE telegram_id = ?", (telegram_id,))
        tx.kept(LANGUAGES)[telegram_id] = row["language"] if row else None
        return (_person(row), row["private_since"] is not None) if row else None

    async def by_id(self, tx: Tx, person_id: int) -> Person | None:
        """The person with this internal id."""
        row = await tx.one("SELECT * FROM people WHERE id = ?", (person_id,))
        return _person(row) if row else None

    async def by_telegram_ids(self, tx: Tx, telegram_ids: Sequence[int]) -> list[Person]:
        """Those of these Telegram users who can be written to in private."""
        marks = ",".join("?" * len(telegram_ids))
        rows = await tx.all(
            f"SELECT * FROM people WHERE telegram_id IN ({marks}) AND private_since IS NOT NULL",
            telegram_ids,
        )
        return [_person(r) for r in rows]

    async def add(
        self, tx: Tx, telegram_id: int, name: str, language: Lang, at: datetime, private: bool
    ) -> None:
        """A new person (reachable in private if they wrote there)."""
        await tx.execute(
            "INSERT INTO people (telegram_id, name, language, created_at, private_since)"
            " VALUES (?, ?, ?, ?, ?)",
            (telegram_id, name, language, to_db(at), to_db(at) if private else None),
        )
        tx.reread(LANGUAGES)

    async def opened_private_chat(self, tx: Tx, person_id: int, at: datetime) -> None:
        """They wrote to the bot in private: from now on they can be written to."""
        await tx.execute(
            "UPDATE people SET private_since = ? WHERE id = ? AND private_since IS NULL",
            (to_db(at), person_id),
        )

    async def rename(self, tx: Tx, person_id: int, name: str) -> None:
        """Their Telegram name changed."""
        await tx.execute("UPDATE people SET name = ? WHERE id = ?", (name, person_id))

    async def set_language(self, tx: Tx, person_id: int, language: Lang) -> None:
        """Their chosen language."""
        await tx.execute(
            "UPDATE people SET language = ?, language_set = 1 WHERE id = ?", (language, person_id)
        )
        tx.reread(LANGUAGES)

    async def follow_language(self, tx: Tx, person_id: int, language: Lang) -> bool:
        """The language they write in, unless they chose one (never marked as chosen); whether
        it changed."""
        changed = await tx.changes(
            "UPDATE people SET language = ? WHERE id = ? AND language_set = 0 AND language <> ?",
            (language, person_id, language),
        )
        tx.reread(LANGUAGES)
        return changed > 0

    # -- roles -----------------------------------------------------------------------------

    async def grant(self, tx: Tx, person_id: int, role: Role, ref: str) -> bool:
        """Give a role (idempotent); whether they did not hold it yet."""
        changed = await tx.changes(
            "INSERT OR IGNORE INTO roles (person_id, role, ref) VALUES (?, ?, ?)",
            (person_id, role, ref),
        )
        return changed > 0

    async def revoke(self, tx: Tx, person_id: int, roles: Sequence[Role]) -> int:
        """Take these roles away (every ref); how many were held."""
        marks = ",".join("?" * len(roles))
        return await tx.changes(
            f"DELETE FROM roles WHERE person_id = ? AND role IN ({marks})",
            (person_id, *roles),
        )

    async def holding(self, tx: Tx, roles: Sequence[Role]) -> set[int]:
        """The Telegram ids of everyone holding any of these roles."""
        marks = ",".join("?" * len(roles))
        rows = await tx.all(
            "SELECT DISTINCT p.telegram_id FROM people p JOIN roles r ON r.person_id = p.id"
            f" WHERE r.role IN ({marks})",
            tuple(roles),
        )
        return {int(r["telegram_id"]) for r in rows}

    async def holds_any(self, tx: Tx, telegram_id: int, roles: Sequence[Role]) -> bool:
        """Whether this Telegram user holds any of these roles."""
        marks = ",".join("?" * len(roles))
        found = await tx.scalar(
            "SELECT 1 FROM people p JOIN roles r ON r.person_id = p.id"
            f" WHERE p.telegram_id = ? AND r.role IN ({marks}) LIMIT 1",
            (telegram_id, *roles),
        )
        return found is not None

    async def roles(self, tx: Tx, person_id: int) -> set[tuple[str, str]]:
        """Every (role, ref) the person holds."""
        rows = await tx.all("SELECT role, ref FROM roles WHERE person_id = ?", (person_id,))
        return {(r["role"], r["ref"]) for r in rows}

    async def holders(self, tx: Tx, role: Role, ref: str) -> list[Person]:
        """Everyone holding a role for a ref who can be written to in private."""
        rows = await tx.all(
            "SELECT p.* FROM people p JOIN roles r ON r.person_id = p.id"
            " WHERE r.role = ? AND r.ref = ? AND p.private_since IS NOT NULL ORDER BY p.id",
            (role, ref),
        )
        return [_person(r) for r in rows]

    async def holder_ids(self, tx: Tx, role: Role, refs: Sequence[str]) -> list[tuple[str, int]]:
        """(ref, Telegram id) of everyone holding a role for any of these refs who can be
        written to in private: one query for many refs."""
        if not refs:
            return []
        marks = ",".join("?" * len(refs))
        rows = await tx.all(
            "SELECT r.ref, p.telegram_id FROM people p JOIN roles r ON r.person_id = p.id"
            f" WHERE r.role = ? AND r.ref IN ({marks}) AND p.private_since IS NOT NULL",
            (role, *refs),
        )
        return [(str(r["ref"]), int(r["telegram_id"])) for r in rows]

    async def everyone_holding(
        self, tx: Tx, roles: Sequence[Role]
    ) -> list[tuple[Person, str, str]]:
        """(person, role, ref) for every holder of these roles, by role, ref and name."""
        marks = ",".join("?" * len(roles))
        rows = await tx.all(
            "SELECT p.*, r.role AS held, r.ref AS held_ref FROM people p JOIN roles r"
            f" ON r.person_id = p.id WHERE r.role IN ({marks}) ORDER BY r.role, r.ref, p.name",
            tuple(roles),
        )
        return [(_person(r), r["held"], r["held_ref"]) for r in rows]

    # -- revocations -----------------------------------------------------------------------

    async def mark_revoked(self, tx: Tx, telegram_id: int, at: datetime) -> None:
        """Remember that staff revoked this Telegram user (the outbox and buttons ask)."""
        await tx.execute(
            "INSERT INTO revocations (telegram_id, revoked_at) VALUES (?, ?)"
            " ON CONFLICT (telegram_id) DO UPDATE SET revoked_at = excluded.revoked_at",
            (telegram_id, to_db(at)),
        )

    async def mark_roles_revoked(
        self, tx: Tx, telegram_id: int, held: Sequence[tuple[str, str]], at: datetime
    ) -> None:
        """Remember the (role, ref) pairs staff took from this Telegram user."""
        for role, ref in held:
            await tx.execute(
                "INSERT INTO revoked_roles (role, ref, telegram_id, revoked_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (role, ref, telegram_id)"
                " DO UPDATE SET revoked_at = excluded.revoked_at",
                (role, ref, telegram_id, to_db(at)),
            )

    async def role_revoked(self, tx: Tx, role: str, ref: str) -> bool:
        """Whether staff revoked someone who held this role (a grid worker's key, say)."""
        found = await tx.scalar(
            "SELECT COUNT(*) FROM revoked_roles WHERE role = ? AND ref = ?", (role, ref)
        )
        return bool(found)

    async def unmark_revoked(self, tx: Tx, person_id: int) -> bool:
        """The person was given a working role again: the revocation ends; whether there was
        one."""
        changed = await tx.changes(
            "DELETE FROM revocations WHERE telegram_id ="
            " (SELECT telegram_id FROM people WHERE id = ?)",
            (person_id,),
        )
        return changed > 0

    async def revoked(self, tx: Tx) -> set[int]:
        """Every Telegram id staff revoked (and no role given back since)."""
        rows = await tx.all("SELECT telegram_id FROM revocations")
        return {int(r["telegram_id"]) for r in rows}

    # -- addresses -------------------------------------------------------------------------

    async def address(self, tx: Tx, person_id: int) -> Address | None:
        """The stored address."""
        row = await tx.one("SELECT * FROM addresses WHERE person_id = ?", (person_id,))
        return Address(row["building"], row["unit"], row["room"]) if row else None

    async def set_address(self, tx: Tx, person_id: int, address: Address) -> None:
        """Store (or replace) the address."""
        await tx.execute(
            "INSERT INTO addresses (person_id, building, unit, room) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(person_id) DO UPDATE SET building = excluded.building,"
            " unit = excluded.unit, room = excluded.room",
            (person_id, address.building, address.unit, address.room),
        )

    # -- pending input ---------------------------------------------------------------------

    async def expect(self, tx: Tx, person_id: int, kind: str, data: dict[str, Any]) -> None:
        """Remember the question the person's next free text answers."""
        await tx.execute(
            "INSERT INTO pending_input (person_id, kind, data) VALUES (?, ?, ?)"
            " ON CONFLICT(person_id) DO UPDATE SET kind = excluded.kind, data = excluded.data",
            (person_id, kind, json.dumps(data, ensure_ascii=False)),
        )
        tx.reread(_expecting(person_id))

    async def expecting(self, tx: Tx, person_id: int) -> tuple[str, dict[str, Any]] | None:
        """The pending question, if any. Read once a transaction (a private message looks at
        it first to route, then its handler reads it again); each caller gets its own copy
        of the data."""

        async def read() -> tuple[str, str] | None:
            row = await tx.one(
                "SELECT kind, data FROM pending_input WHERE person_id = ?", (person_id,)
            )
            return (str(row["kind"]), str(row["data"])) if row else None

        found = await tx.once(_expecting(person_id), read)
        return (found[0], json.loads(found[1])) if found else None

    async def done_expecting(self, tx: Tx, person_id: int) -> None:
        """Forget the pending question."""
        await tx.execute("DELETE FROM pending_input WHERE person_id = ?", (person_id,))
        tx.reread(_expecting(person_id))

    # -- invites ---------------------------------------------------------------------------

    async def add_invite(
        self, tx: Tx, invite: Invite, by: int, at: datetime, expires: datetime
    ) -> None:
        """Store a fresh invite."""
        await tx.execute(
            "INSERT INTO invites (token, role, ref, created_by, created_at, expires_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (invite.token, invite.role, invite.ref, by, to_db(at), to_db(expires)),
        )

    async def invite(self, tx: Tx, token: str) -> tuple[Invite, int | None, datetime] | None:
        """An invite with who used it (if anyone) and when it expires."""
        row = await tx.one("SELECT * FROM invites WHERE token = ?", (token,))
        if row is None:
            return None
        invite = Invite(row["token"], row["role"], row["ref"])
        return invite, row["used_by"], from_db(row["expires_at"])

    async def use_invite(self, tx: Tx, token: str, person_id: int, at: datetime) -> bool:
        """Compare-and-set: mark an unused invite used by this person; whether it happened."""
        changed = await tx.changes(
            "UPDATE invites SET used_by = ?, used_at = ? WHERE token = ? AND used_by IS NULL",
            (person_id, to_db(at), token),
        )
        return changed > 0
