"""A console session whose person lost their access (mixed into :class:`Console`): ended at
once, and said so in their language, rather than "your session expired" (which sends them
to ``/console``, which can no longer work). The same for a sign-in (an unused link, the Mini
App) by someone whose access was removed; and staff of the community file who never wrote to
the bot are known from their first sign-in (by the file's name), not refused as removed."""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock
from bot.config import Community
from bot.domain.console.model import token_hash
from bot.domain.console.repo import ConsoleRepo
from bot.domain.people import People
from bot.i18n import Lang
from bot.storage import Tx


@dataclass(frozen=True)
class Removed:
    """A sign-in refused because this person's access was removed: their language."""

    lang: Lang


Opened = str | Removed | None  # a session token; access removed; nothing to open


def _lang(language: str | None) -> Lang:
    return "en" if language == "en" else "zh"


class Sessions:
    """What happens to a live session nobody may use any more."""

    clock: Clock
    community: Community
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
        return _lang(person.language if person is not None else None)

    async def removed(self, tx: Tx, telegram_id: int, *, linked: bool) -> Removed | None:
        """Why a sign-in opens nothing, when it is that their access was removed: they were
        revoked, or (``linked``: a link /console gave them while they had access) their role
        is gone. None: they never had access."""
        if not linked and not await self.people.is_revoked(tx, telegram_id):
            return None
        person = await self.people.get(tx, telegram_id)
        return Removed(_lang(person.language if person is not None else None))

    async def known(self, tx: Tx, telegram_id: int) -> None:
        """Staff of the community file signing in before ever writing to the bot (the Mini
        App): known from now on under the file's name and language (the bot still cannot
        write to them until they /start it), so their pages and actions have a person."""
        named = self.community.staff_member(telegram_id)
        if named is not None and await self.people.get(tx, telegram_id) is None:
            await self.people.ensure(tx, telegram_id, named.name, named.language, private=False)
