"""What the check-in handlers share: the feature's use cases, and pausing for words that
say a trip or a span (from a message that may be one, or from /pause)."""

from __future__ import annotations

from telegram import Update

from bot.domain.checkins import Checkins
from bot.domain.people import Person
from bot.storage import Tx
from handlers.base import reply
from handlers.context import Context


class CheckinBase:
    """The check-in use cases every check-in handler calls."""

    def __init__(self, checkins: Checkins) -> None:
        self.ci = checkins

    async def _pause_for(
        self,
        update: Update,
        context: Context,
        tx: Tx,
        person: Person,
        keys: list[str],
        text: str,
        away: bool = False,
    ) -> bool:
        """Pause for the trip or span in the words; False when no time or length was said
        (words known to be a trip, `away`, pause a default few days then)."""
        answers = await self.ci.pauses.pause_for(tx, keys, person, text, away=away)
        for n, answer in enumerate(answers or []):
            await reply(update, context, tx, answer, n=n)
        return answers is not None
