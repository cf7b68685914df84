"""Recording a group request under a fresh deep-link token, and finding it again."""

from __future__ import annotations

import secrets

from bot.clock import Clock
from bot.domain.requests.model import GroupRequest, Pace, Pacing
from bot.domain.requests.repo import RequestsRepo
from bot.storage import Tx
from intents import Understanding


def new_token() -> str:
    """A deep-link token: ``req_`` and URL-safe letters only (no ``-`` or ``_``)."""
    return "req_" + secrets.token_urlsafe(9).replace("-", "x").replace("_", "y")


class Requests:
    """Stores group requests and finds them again by token."""

    def __init__(
        self, clock: Clock, repo: RequestsRepo | None = None, pacing: Pacing | None = None
    ) -> None:
        self._clock = clock
        self._repo = repo or RequestsRepo()
        self._pacing = pacing or Pacing()

    async def pace(self, tx: Tx, chat_id: int, telegram_id: int) -> Pace:
        """Whether a member's request in a group is answered, acknowledged or passed over
        (and count it)."""
        burst = await self._repo.burst(tx, chat_id, telegram_id)
        pace, kept = self._pacing.decide(burst, self._clock.now())
        if kept != burst:
            await self._repo.keep_burst(tx, chat_id, telegram_id, kept)
        return pace

    async def record(
        self, tx: Tx, telegram_id: int, chat_id: int, understood: Understanding
    ) -> GroupRequest:
        """Keep what was understood and return it (as stored) with a fresh token."""
        request = GroupRequest.understood(new_token(), telegram_id, chat_id, understood)
        return await self._repo.add(tx, request, self._clock.now())

    async def find(self, tx: Tx, token: str) -> GroupRequest | None:
        """The request behind a deep-link token."""
        return await self._repo.by_token(tx, token)
