"""Incidents: an elder's help call or an emergency someone wrote about, as one state machine.

A help call ("需要帮助", distress in an elder's words, a grid worker's "需要支援") and an emergency
in any chat (a fall, gas, fire, a person trapped in a lift, a flooding home) are the same thing
to the people who must act: someone may be in danger now, responders are told, one of them says
"I'm going", and it ends only when a grid worker or staff confirm the person is safe. Nothing the
person in trouble writes afterwards closes it: their words are passed on.

Everything here is pure: states, events, who may cause each transition, and the escalation plan.
The transition table is the single source of truth; :func:`decide` reads it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from bot.i18n import Lang
from intents import written_in
from intents.followup import FollowUp


class State(StrEnum):
    """Where an incident stands. ``NONE`` is before it exists."""

    NONE = "none"
    OPEN = "open"  # raised; nobody has said they are on it
    ACKNOWLEDGED = "acknowledged"  # at least one responder is on the way
    SUPPORT = "support"  # a responder asked for more help; staff engaged
    CLOSED = "closed"  # a grid worker or staff confirmed the person is safe


OPEN_STATES = frozenset({State.OPEN, State.ACKNOWLEDGED, State.SUPPORT})


class Event(StrEnum):
    """What can happen to an incident."""

    RAISE = "raise"
    ACKNOWLEDGE = "acknowledge"  # "我去处理": a responder is on the way
    ASK_SUPPORT = "ask_support"  # "需要支援"
    CONFIRM_SAFE = "confirm_safe"  # "已确认平安" / "已处理": the only way to close
    SUBJECT_WRITES = "subject_writes"  # the person in trouble writes again: passed on
    ACK_TIMEOUT = "ack_timeout"  # nobody acknowledged in the window: escalate
    UNRESOLVED = "unresolved"  # acknowledged but not confirmed safe for too long


class Actor(StrEnum):
    """Who causes an event, relative to one incident."""

    SUBJECT = "subject"  # the elder, or whoever reported the emergency
    FAMILY = "family"  # the elder's family: told everything, decide nothing
    GRID_WORKER = "grid_worker"  # the elder's grid worker, or the housekeeper covering the place
    RESPONDER = "responder"  # another housekeeper asked when nobody answered
    STAFF = "staff"
    SYSTEM = "system"  # deadlines
    OTHER = "other"  # anyone else


class Kind(StrEnum):
    """What the incident is about; decides the advice given and the words used."""

    HELP_CALL = "help_call"  # an enrolled elder asked for help (button, words, voice)
    FALL = "fall"
    MEDICAL = "medical"
    GAS = "gas"
    FIRE = "fire"
    LIFT = "lift"
    FLOOD = "flood"
    VIOLENCE = "violence"  # an attack, a weapon, a break-in, a threat at the door: 110
    HELP = "help"  # a bare "救命 / help"


RESPONDERS = frozenset({Actor.GRID_WORKER, Actor.RESPONDER, Actor.STAFF})


@dataclass(frozen=True)
class Rule:
    """One row of the transition table."""

    state: State
    event: Event
    to: State
    actors: frozenset[Actor]


def _rows(
    states: Iterable[State], event: Event, actors: frozenset[Actor], to: State | None = None
) -> list[Rule]:
    return [Rule(s, event, to or s, actors) for s in states]


# The table. A pair that is not here is refused: the press is stale or not the actor's to make.
TABLE: tuple[Rule, ...] = (
    Rule(State.NONE, Event.RAISE, State.OPEN, frozenset({Actor.SUBJECT, *RESPONDERS})),
    *_rows(OPEN_STATES, Event.RAISE, frozenset({Actor.SUBJECT, *RESPONDERS})),
    Rule(State.OPEN, Event.ACKNOWLEDGE, State.ACKNOWLEDGED, RESPONDERS),
    *_rows((State.ACKNOWLEDGED, State.SUPPORT), Event.ACKNOWLEDGE, RESPONDERS),
    *_rows(OPEN_STATES, Event.ASK_SUPPORT, RESPONDERS, State.SUPPORT),
    *_rows(OPEN_STATES, Event.CONFIRM_SAFE, RESPONDERS, State.CLOSED),
    *_rows(OPEN_STATES, Event.SUBJECT_WRITES, frozenset({Actor.SUBJECT})),
    # Nobody has said "I'm going": the rounds go on, also after a 需要支援 (asking for
    # support is not going); a press of 我去处理 stops them.
    *_rows((State.OPEN, State.SUPPORT), Event.ACK_TIMEOUT, frozenset({Actor.SYSTEM})),
    *_rows((State.ACKNOWLEDGED, State.SUPPORT), Event.UNRESOLVED, frozenset({Actor.SYSTEM})),
)
_INDEX = {(rule.state, rule.event): rule for rule in TABLE}


class Refusal(StrEnum):
    """Why an event was not applied."""

    STALE = "stale"  # the incident is no longer in a state where this can happen
    NOT_YOURS = "not_yours"  # this actor may not do this


def decide(state: State, event: Event, actor: Actor) -> State | Refusal:
    """The next state, or why the event is refused."""
    rule = _INDEX.get((state, event))
    if rule is None:
        return Refusal.STALE
    if actor not in rule.actors:
        return Refusal.NOT_YOURS
    return rule.to


@dataclass(frozen=True)
class Incident:
    """One incident as stored."""

    id: int
    kind: Kind
    state: State
    subject_name: str
    elder_key: str | None
    reporter_id: int | None
    chat_id: int
    chat_title: str
    message_id: int | None
    cause: str
    words: str
    address: str
    round: int
    created_at: datetime
    closed_at: datetime | None

    @property
    def is_open(self) -> bool:
        """Whether someone may still be in danger."""
        return self.state in OPEN_STATES

    @property
    def link(self) -> str:
        """A t.me link to the message that raised it ('' where Telegram has none: private
        chats and basic groups)."""
        text = str(self.chat_id)
        # Supergroup ids are -100 followed by the channel id (ten digits or more).
        if self.message_id is None or not text.startswith("-100") or len(text) < 14:
            return ""
        return f"https://t.me/c/{text[4:]}/{self.message_id}"

    @property
    def subject(self) -> str:
        """The audit subject of this incident's timeline."""
        return f"incident:{self.id}"


class Cause(StrEnum):
    """How an incident came to be, so responders are told what actually happened."""

    PRESSED = "pressed"  # the elder pressed 需要帮助
    WROTE = "wrote"  # words of distress or of an emergency
    MEDIA = "media"  # a voice note, photo or video note with an open ladder
    SUPPORT = "support"  # a grid worker pressed 需要支援 on a check-in
    WORSE = "worse"  # getting worse in words, after her last help call was confirmed safe


def next_responders(
    candidates: Sequence[str], already: Iterable[str], how_many: int = 1
) -> list[str]:
    """The next housekeepers to ask, in list order, skipping those already on the incident."""
    taken = set(already)
    return [key for key in candidates if key not in taken][:how_many]


def covering(buildings: Mapping[str, Sequence[str]], building: str | None) -> list[str]:
    """The housekeepers whose buildings include this one. When the building is unknown, or
    nobody covers it, every housekeeper: someone may be in danger, and telling one too many
    beats leaving the one who covers the place untold (safety over convenience)."""
    covered_by = [key for key, covered in buildings.items() if building and building in covered]
    return covered_by or list(buildings)


# A second message about the same emergency (same kind, same place) joins it within this window.
SAME_EMERGENCY = timedelta(hours=1)
# A message with no emergency of its own ("没事了，是有人烧纸", "人已经出来了") from the writer of
# an open one is a follow-up only within this shorter window.
FOLLOW_UP = timedelta(minutes=30)


@dataclass(frozen=True)
class Said:
    """What a new message says, as far as joining an open incident goes."""

    kind: Kind | None  # the emergency the message is about, None when it names none
    building: str | None  # the building its words name ("5号楼"), None when they name none
    request: bool  # it asks for a service or a repair ("3栋楼道灯不亮了"): a request, never
    # anyone's follow-up
    same_writer: bool  # written by whoever raised the open incident
    door: tuple[str, str, str] | None = None  # the door number its words name ("3-1-602")
    # How a message with no emergency of its own relates to the open one
    # (:func:`intents.followup.read_follow_up`): about it, plainly something else, or unsure.
    about: FollowUp = FollowUp.UNSURE
    cry: bool = False  # only a cry for help ("快来人"), naming no danger of its own


# Kinds about one person (someone fell, is unwell, does not answer the door): another door is
# another person, and a worried neighbour's "help" is one person's.
PERSONAL = frozenset({Kind.FALL, Kind.MEDICAL, Kind.HELP})


def joins(
    incident: Kind,
    building: str | None,
    age: timedelta,
    said: Said,
    door: tuple[str, str, str] | None = None,
) -> bool:
    """Whether a new message joins an open incident (of this kind, at this building and door
    when its words named them, raised `age` ago) instead of being read on its own.

    The same emergency (same kind, not another building) joins within :data:`SAME_EMERGENCY`,
    whoever writes it: two neighbours about one fire make one incident. Another emergency kind
    is another incident, with its own alerts and answer. An emergency about one person (a
    fall, an illness, a neighbour who does not answer) at another door is another person; a
    cry for help or a welfare worry (``help``) from someone else joins only when both name
    the same door: two neighbours worried about two old people must make two incidents, and
    a duplicate costs a phone call where a folded case costs a life. A message with no
    emergency of its own joins only as its writer's follow-up: within :data:`SAME_EMERGENCY`
    when it is about the emergency ("还在等，人呢"), within :data:`FOLLOW_UP` when unsure, never
    when it is plainly something else ("今天晚霞真好看") or asks for a service (a broken corridor
    light is a work order, not news of the lift) or names another building or door. A bare
    cry ("快来人") from the writer of an open emergency of any kind is about it, within
    :data:`FOLLOW_UP`."""
    elsewhere = bool(said.building and building and said.building != building)
    other_door = bool(said.door and door and said.door != door)
    if elsewhere or age < timedelta(0):
        return False
    if said.cry and said.same_writer and not other_door and age <= FOLLOW_UP:
        return True
    if said.kind is not None:
        if said.kind != incident or age > SAME_EMERGENCY:
            return False
        if incident in PERSONAL and other_door:
            return False
        same_door = said.door is not None and said.door == door
        return incident is not Kind.HELP or said.same_writer or same_door
    if not said.same_writer or said.request or other_door or said.about is FollowUp.CHATTER:
        return False
    return age <= (SAME_EMERGENCY if said.about is FollowUp.ABOUT else FOLLOW_UP)


def reply_language(chat_id: int, words: str) -> Lang | None:
    """The language to answer an emergency report in: a group reads the community's language,
    but someone who wrote only in English is answered in English there too; in private (and
    for anything else) None, the reader's own language."""
    return "en" if chat_id < 0 and written_in(words) == "en" else None
