"""A group request as it is kept: what was understood, without the text itself; and how often
one member of a group is answered (pure)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

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
    # How the time was said (issue 13): as soon as possible; days without an hour (then
    # when_start/when_end bound the days); how many days of care.
    when_asap: bool = False
    when_has_time: bool = True
    when_days: int = 1
    # The writer's words in the group (migration 0022), for their own private follow-up only.
    words: str | None = None

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
            when.asap if when else False,
            when.has_time if when else True,
            when.days if when else 1,
        )


class Pace(StrEnum):
    """What a member's next request in a group gets."""

    ANSWER = "answer"  # the usual brief answer with the private link
    ACKNOWLEDGE = "acknowledge"  # one "got it, continue in private" for the rest of the burst
    QUIET = "quiet"  # nothing more until the window has passed


@dataclass(frozen=True)
class Burst:
    """A member's recent answers in one group: when the window opened, how many requests were
    answered in it, whether the rest were acknowledged."""

    since: datetime
    answered: int
    acknowledged: bool


@dataclass(frozen=True)
class Pacing:
    """At most ``answers`` answers per member per group per ``window``, then one
    acknowledgement, then quiet: one member cannot queue hundreds of replies in a group (which
    has a budget of 20 messages a minute shared by everyone)."""

    window: timedelta = timedelta(seconds=60)
    answers: int = 1
    # A question to the desk from the [[faq]] list ("物业电话多少") is answered even right
    # after another answer to the same member, up to this many more in the window: a
    # resident who just got a reply and asks for the office's number gets it.
    questions: int = 2
    # A member answered this recently who writes again is continuing the conversation
    # (intents.context: the addressed bar, not the group's).
    continuing: timedelta = timedelta(minutes=5)

    def decide(
        self, burst: Burst | None, now: datetime, question: bool = False
    ) -> tuple[Pace, Burst]:
        """What this request (or listed `question`) gets, and the burst to keep afterwards."""
        if burst is None or not burst.since <= now < burst.since + self.window:
            return Pace.ANSWER, Burst(now, 1, False)
        if burst.answered < self.answers + (self.questions if question else 0):
            return Pace.ANSWER, replace(burst, answered=burst.answered + 1)
        if not burst.acknowledged:
            return Pace.ACKNOWLEDGE, replace(burst, acknowledged=True)
        return Pace.QUIET, burst

    def answered_lately(self, burst: Burst | None, now: datetime) -> bool:
        """Whether the bot answered this member in this group within ``continuing``: a burst
        opens with an answer and later answers fall within its window, so the burst's start
        is at most one window older than the last answer."""
        return burst is not None and burst.since <= now < burst.since + self.continuing
