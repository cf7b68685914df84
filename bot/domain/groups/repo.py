"""Groups' only SQL: the groups table (bound chats and the one-time unbound notice)."""

from __future__ import annotations

from datetime import datetime

from bot.clock import to_db
from bot.storage import Tx


class GroupsRepo:
    """Named reads and writes of the groups table (in the caller's transaction)."""

    async def states(self, tx: Tx) -> tuple[set[int], set[int]]:
        """The chats staff bound, and the unbound chats already told how to bind them."""
        rows = await tx.all("SELECT chat_id, bound, told_unbound FROM groups")
        bound = {int(r["chat_id"]) for r in rows if r["bound"]}
        told = {int(r["chat_id"]) for r in rows if r["told_unbound"] and not r["bound"]}
        return bound, told

    async def bind(self, tx: Tx, chat_id: int, title: str, by: int, at: datetime) -> None:
        """Mark the chat bound (creating its row if it is new)."""
        await tx.execute(
            "INSERT INTO groups (chat_id, title, bound, bound_by, bound_at) VALUES (?, ?, 1, ?, ?)"
            " ON CONFLICT(chat_id) DO UPDATE SET bound = 1, title = excluded.title,"
            " bound_by = excluded.bound_by, bound_at = excluded.bound_at",
            (chat_id, title, by, to_db(at)),
        )

    async def claim_unbound_notice(self, tx: Tx, chat_id: int, title: str) -> bool:
        """Compare-and-set told_unbound 0 -> 1 on an unbound chat; True if this call did it."""
        await tx.execute(
            "INSERT OR IGNORE INTO groups (chat_id, title) VALUES (?, ?)", (chat_id, title)
        )
        changed = await tx.changes(
            "UPDATE groups SET told_unbound = 1 WHERE chat_id = ? AND told_unbound = 0"
            " AND bound = 0",
            (chat_id,),
        )
        return changed > 0

    async def bound_chats(self, tx: Tx) -> list[int]:
        """Every chat staff bound, in id order."""
        rows = await tx.all("SELECT chat_id FROM groups WHERE bound = 1 ORDER BY chat_id")
        return [int(r["chat_id"]) for r in rows]

    async def migrate(self, tx: Tx, old: int, new: int, bound: bool, at: datetime) -> None:
        """Record that `old` became the supergroup `new`; move the binding if it had one."""
        await tx.execute("INSERT OR IGNORE INTO groups (chat_id) VALUES (?)", (old,))
        await tx.execute(
            "UPDATE groups SET migrated_to = ?, bound = 0 WHERE chat_id = ?", (new, old)
        )
        if bound:
            await tx.execute(
                "INSERT INTO groups (chat_id, title, bound, bound_by, bound_at)"
                " SELECT ?, title, 1, bound_by, ? FROM groups WHERE chat_id = ?"
                " ON CONFLICT(chat_id) DO UPDATE SET bound = 1, bound_at = excluded.bound_at",
                (new, to_db(at), old),
            )

    async def migrated(self, tx: Tx) -> set[int]:
        """Old ids of groups that became supergroups."""
        rows = await tx.all("SELECT chat_id FROM groups WHERE migrated_to IS NOT NULL")
        return {int(r["chat_id"]) for r in rows}
