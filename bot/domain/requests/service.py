"""Recording a group request under a fresh deep-link token, and finding it again."""

from __future__ import annotations

import secrets
from dataclasses import replace

from bot.clock import Clock
from bot.domain.requests.model import GroupRequest, Pace, Pacing
from bot.domain.requests.repo import RequestsRepo
from bot.privacy import redact_codes
from bot.storage import Tx
from intents import Context, Understander, Understanding
from intents.context import ABOUT_OWN


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

    async def pace(self, tx: Tx, chat_id: int, telegram_id: int, question: bool = False) -> Pace:
        """Whether a member's request (or `question` from the [[faq]] list) in a group is
        answered, acknowledged or passed over (and count it)."""
        burst = await self._repo.burst(tx, chat_id, telegram_id)
        pace, kept = self._pacing.decide(burst, self._clock.now(), question)
        if kept != burst:
            await self._repo.keep_burst(tx, chat_id, telegram_id, kept)
        return pace

    async def record(
        self,
        tx: Tx,
        telegram_id: int,
        chat_id: int,
        understood: Understanding,
        words: str | None = None,
    ) -> GroupRequest:
        """Keep what was understood (and, from a group, the writer's words for their private
        follow-up, without any door code they showed there) and return it (as stored) with a
        fresh token."""
        request = GroupRequest.understood(new_token(), telegram_id, chat_id, understood)
        if words:
            request = replace(request, words=redact_codes(words.strip())[:500])
        return await self._repo.add(tx, request, self._clock.now())

    async def find(self, tx: Tx, token: str) -> GroupRequest | None:
        """The request behind a deep-link token."""
        return await self._repo.by_token(tx, token)

    async def in_context(
        self,
        tx: Tx,
        understander: Understander,
        text: str,
        chat_id: int,
        telegram_id: int,
        understood: Understanding,
        context: Context,
    ) -> tuple[Understanding, Context]:
        """A group message understood again with what only the database knows, read only
        when it could change the answer: whether the bot answered this writer a moment ago
        (for a message between the addressed bar and its own: they may be continuing), and
        whether they have a booking or loan open (for a cancel, status or reschedule: with
        nothing open it is about something else, and silent). Returns the understanding and
        the context it was read in."""
        now = self._clock.now()
        if understander.answered_if_continuing(understood, "group", context):
            burst = await self._repo.burst(tx, chat_id, telegram_id)
            if self._pacing.answered_lately(burst, now):
                context = replace(context, just_answered=True)
                understood = understander.understand(text, chat="group", now=now, context=context)
        if understood.intent in ABOUT_OWN and context.open_booking is None:
            context = replace(context, open_booking=await self._repo.has_open(tx, telegram_id))
            understood = understander.understand(text, chat="group", now=now, context=context)
        return understood, context
