"""Which group chats the bot serves: those in the community file and those staff bound.

The bound chats are kept in memory once read (a few rows), so a group message the bot stays
silent on needs no database at all; any change forgets them at once and again when its
transaction ends (:meth:`bot.storage.Tx.at_end`), so what is remembered was committed.
"""

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
        # (bound chats, unbound chats already told), as committed; None until read.
        self._states: tuple[set[int], set[int]] | None = None

    def known(self, chat_id: int) -> tuple[bool, bool] | None:
        """From memory, without the database: (bound, told how to bind) for this chat, or
        None when not known (not read since the last change)."""
        if self._listed(chat_id):
            return True, False
        states = self._states
        if states is None:
            return None
        return chat_id in states[0], chat_id in states[1]

    async def _read(self, tx: Tx) -> tuple[set[int], set[int]]:
        if self._states is None:
            self._states = await self._repo.states(tx)
        return self._states

    def _changing(self, tx: Tx) -> None:
        """Forget the remembered chats now and once this transaction ends."""
        self._states = None
        tx.at_end(self._forget)

    def _forget(self) -> None:
        self._states = None

    def _listed(self, chat_id: int) -> bool:
        """Whether the community file names this group."""
        return any(g.chat_id == chat_id for g in self._community.groups)

    async def is_bound(self, tx: Tx, chat_id: int) -> bool:
        """Whether the bot serves this group (bound by staff or listed in the file)."""
        return self._listed(chat_id) or chat_id in (await self._read(tx))[0]

    async def bind(self, tx: Tx, chat_id: int, title: str, by: int) -> bool:
        """Attach a group to the community; return False if it already was."""
        if await self.is_bound(tx, chat_id):
            return False
        self._changing(tx)
        await self._repo.bind(tx, chat_id, title, by, self._clock.now())
        return True

    async def first_unbound_contact(self, tx: Tx, chat_id: int, title: str) -> bool:
        """True exactly once per unbound group: the moment to say how to bind it."""
        if chat_id in (await self._read(tx))[1]:
            return False
        self._changing(tx)
        return await self._repo.claim_unbound_notice(tx, chat_id, title)

    async def bound_chats(self, tx: Tx) -> list[int]:
        """Every group the bot serves (a group that became a supergroup under its new id)."""
        ids = set(await self._repo.bound_chats(tx)) | {g.chat_id for g in self._community.groups}
        return sorted(ids - await self._repo.migrated(tx))

    async def migrate(self, tx: Tx, old: int, new: int) -> None:
        """Telegram moved a group to a new id (it became a supergroup): the binding follows,
        so the bot serves the new chat and no longer counts the old one."""
        bound = await self.is_bound(tx, old)
        self._changing(tx)
        await self._repo.migrate(tx, old, new, bound, self._clock.now())
