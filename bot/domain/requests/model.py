"""A group request as it is kept: what was understood, without the text itself (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from intents import Understanding


@dataclass(frozen=True)
class GroupRequest:
    """What was understood in the group, without the text itself."""

    token: str
    telegram_id: int
    chat_id: int
    intent: str
    target: str | None
    when_start: datetime | None
    when_end: datetime | None
    duration: timedelta | None

    @classmethod
    def understood(
        cls, token: str, telegram_id: int, chat_id: int, understood: Understanding
    ) -> GroupRequest:
        """The request to keep for this understanding (an empty duration counts as none)."""
        when = understood.when
        return cls(
            token,
            telegram_id,
            chat_id,
            understood.intent,
            understood.target,
            when.start if when else None,
            when.end if when and when.end else None,
            understood.duration or None,
        )
