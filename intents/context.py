"""Where a message was written, as plain inputs to understanding, and the policy that reads them.

The same words mean different things in different places. The handlers know things the text
does not say: whether the message replies to another resident or to the bot, whether the
writer has anything booked or borrowed, whether the bot has just answered them. They pass them
as a :class:`Context`; the default is "nothing known", which is understanding from the words
alone (and what the labelled corpus measures).

The policy, applied after the model (the corpus has no context to learn it from):

| situation (in a group)                      | bar the model's request score must clear |
| ------------------------------------------- | ---------------------------------------- |
| nothing known                               | the group bar                            |
| mentions or replies to the bot (addressed)  | the addressed bar (lower)                |
| the bot answered this writer a moment ago   | the addressed bar: they are continuing   |
| replies to another resident, not the bot    | the resident bar (higher)                |

In private every message is for the bot (the private bar). And a cancel, a status question or
a reschedule in a group from someone known to have nothing open (``open_booking=False``) is
silent: it is about something else ("不去了", "人呢" to a friend). Unknown (None) changes
nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from intents.rules import Chat, Intent

# What only makes sense about one's own booking or loan.
ABOUT_OWN: frozenset[Intent] = frozenset({"cancel", "status", "reschedule"})


@dataclass(frozen=True)
class Context:
    """What the chat knows about a message beyond its words; all unknown by default."""

    addressed: bool = False  # mentions the bot or replies to one of its messages
    replies_to_resident: bool = False  # replies to someone else's message, not the bot's
    open_booking: bool | None = None  # the writer has a booking or loan open; None: unknown
    just_answered: bool = False  # the bot answered this writer a moment ago (continuing)


NO_CONTEXT = Context()


@dataclass(frozen=True)
class Bars:
    """The request scores (0..100) a message must reach to be answered, by situation."""

    group: float
    addressed: float
    resident: float
    private: float


def bar(bars: Bars, chat: Chat, context: Context) -> float:
    """The bar for a message in this chat and context (see the table above)."""
    if chat == "private":
        return bars.private
    if context.addressed or context.just_answered:
        return bars.addressed
    if context.replies_to_resident:
        return bars.resident
    return bars.group


def silenced(intent: Intent, chat: Chat, context: Context) -> bool:
    """Whether an answer about one's own booking is out of place: in a group, from someone
    known to have nothing open."""
    return chat == "group" and context.open_booking is False and intent in ABOUT_OWN
