"""A console session whose person lost their access (mixed into :class:`Console`): ended at
once, and said so in their language, rather than "your session expired" (which sends them
to ``/console``, which can no longer work)."""

from __future__ import annotations

from bot.clock import Clock
from bot.domain.console.model import token_hash
from bot.domain.console.repo import ConsoleRepo
from bot.domain.people import People
from bot.i18n import Lang
from bot.storage import Tx


class Sessions:
    """What happens to a live session nobody may use any more."""

    clock: Clock
    people: People
    repo: ConsoleRepo

    async def end_removed(self, tx: Tx, token: str) -> Lang | None:
        """A live session whose person may no longer use the console (revoked, or no role
        left): ended now; their language, for the page saying why. None: no live session (it
        expired, was signed out, or never was)."""
        digest = token_hash(token)
        found = await self.repo.session(tx, digest, self.clock.now())
        if found is None:
            return None
        await self.repo.end_session(tx, digest)
        person = await self.people.get(tx, found[0])
        return "en" if person is not None and person.language == "en" else "zh"
