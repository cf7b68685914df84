"""Group chats: bound to the community by staff, or politely ignored."""

from __future__ import annotations

from bot.clock import Clock, to_db
from bot.config import Community
from bot.storage import Tx


class Groups:
    """Which group chats the bot serves."""

    def __init__(self, community: Community, clock: Clock) -> None:
        self._community = community
        self._clock = clock

    async def is_bound(self, tx: Tx, chat_id: int) -> bool:
        """Whether the bot serves this group (bound by staff or listed in the file)."""
        if any(g.chat_id == chat_id for g in self._community.groups):
            return True
        return bool(await tx.scalar("SELECT bound FROM groups WHERE chat_id = ?", (chat_id,)))

    async def bind(self, tx: Tx, chat_id: int, title: str, by: int) -> bool:
        """Attach a group to the community; return False if it already was."""
        if await self.is_bound(tx, chat_id):
            return False
        await tx.execute(
            "INSERT INTO groups (chat_id, title, bound, bound_by, bound_at) VALUES (?, ?, 1, ?, ?)"
            " ON CONFLICT(chat_id) DO UPDATE SET bound = 1, title = excluded.title,"
            " bound_by = excluded.bound_by, bound_at = excluded.bound_at",
            (chat_id, title, by, to_db(self._clock.now())),
        )
        return True

    async def first_unbound_contact(self, tx: Tx, chat_id: int, title: str) -> bool:
        """True exactly once per unbound group: the moment to say how to bind it."""
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
        """Every group the bot serves."""
        rows = await tx.all("SELECT chat_id FROM groups WHERE bound = 1 ORDER BY chat_id")
        ids = {int(r["chat_id"]) for r in rows} | {g.chat_id for g in self._community.groups}
        return sorted(ids)
