"""Which group chats the bot serves: those in the community file and those staff bound."""

from __future__ import annotations

from bot.clock import Clock
from bot.config import Community
from bot.domain.groups.repo import GroupsRepo
from bot.storage import Tx


class Groups:
    """Which group chats the bot serves."""

    def __init__(self, community: Community, clock: Clock, repo: GroupsRepo | None = None) -> None:
        self._community = community
        self._clock = clock
        self._repo = repo or GroupsRepo()

    def _listed(self, chat_id: int) -> bool:
        """Whether the community file names this group."""
        return any(g.chat_id == chat_id for g in self._community.groups)

    async def is_bound(self, tx: Tx, chat_id: int) -> bool:
        """Whether the bot serves this group (bound by staff or listed in the file)."""
        return self._listed(chat_id) or await self._repo.is_bound(tx, chat_id)

    async def bind(self, tx: Tx, chat_id: int, title: str, by: int) -> bool:
        """Attach a group to the community; return False if it already was."""
        if await self.is_bound(tx, chat_id):
            return False
        await self._repo.bind(tx, chat_id, title, by, self._clock.now())
        return True

    async def first_unbound_contact(self, tx: Tx, chat_id: int, title: str) -> bool:
        """True exactly once per unbound group: the moment to say how to bind it."""
        return await self._repo.claim_unbound_notice(tx, chat_id, title)

    async def bound_chats(self, tx: Tx) -> list[int]:
        """Every group the bot serves (a group that became a supergroup under its new id)."""
        ids = set(await self._repo.bound_chats(tx)) | {g.chat_id for g in self._community.groups}
        return sorted(ids - await self._repo.migrated(tx))

    async def migrate(self, tx: Tx, old: int, new: int) -> None:
        """Telegram moved a group to a new id (it became a supergroup): the binding follows,
        so the bot serves the new chat and no longer counts the old one."""
        bound = await self.is_bound(tx, old)
        await self._repo.migrate(tx, old, new, bound, self._clock.now())
