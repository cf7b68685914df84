"""The incident state machine, pair by pair: every (state, event, actor), including refusals."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.incidents.model import (
    Actor,
    Event,
    Incident,
    Kind,
    Refusal,
    Said,
    State,
    covering,
    decide,
    joins,
    next_responders,
    reply_language,
)
from intents.followup import FollowUp

S, E, A = State, Event, Actor
RESPONDERS = {A.GRID_WORKER, A.RESPONDER, A.STAFF}
OPEN_ONES = (S.OPEN, S.ACKNOWLEDGED, S.SUPPORT)

# Written out by hand from the issue, not derived from the table under test:
# (state, event) -> (next state, who may cause it). Any other pair is stale.
EXPECTED: dict[tuple[State, Event], tuple[State, set[Actor]]] = {
    (S.NONE, E.RAISE): (S.OPEN, {A.SUBJECT, *RESPONDERS}),
    (S.OPEN, E.RAISE): (S.OPEN, {A.SUBJECT, *RESPONDERS}),
    (S.ACKNOWLEDGED, E.RAISE): (S.ACKNOWLEDGED, {A.SUBJECT, *RESPONDERS}),
    (S.SUPPORT, E.RAISE): (S.SUPPORT, {A.SUBJECT, *RESPONDERS}),
    (S.OPEN, E.ACKNOWLEDGE): (S.ACKNOWLEDGED, RESPONDERS),
    (S.ACKNOWLEDGED, E.ACKNOWLEDGE): (S.ACKNOWLEDGED, RESPONDERS),
    (S.SUPPORT, E.ACKNOWLEDGE): (S.SUPPORT, RESPONDERS),
    (S.OPEN, E.ASK_SUPPORT): (S.SUPPORT, RESPONDERS),
    (S.ACKNOWLEDGED, E.ASK_SUPPORT): (S.SUPPORT, RESPONDERS),
    (S.SUPPORT, E.ASK_SUPPORT): (S.SUPPORT, RESPONDERS),
    (S.OPEN, E.CONFIRM_SAFE): (S.CLOSED, RESPONDERS),
    (S.ACKNOWLEDGED, E.CONFIRM_SAFE): (S.CLOSED, RESPONDERS),
    (S.SUPPORT, E.CONFIRM_SAFE): (S.CLOSED, RESPONDERS),
    (S.OPEN, E.SUBJECT_WRITES): (S.OPEN, {A.SUBJECT}),
    (S.ACKNOWLEDGED, E.SUBJECT_WRITES): (S.ACKNOWLEDGED, {A.SUBJECT}),
    (S.SUPPORT, E.SUBJECT_WRITES): (S.SUPPORT, {A.SUBJECT}),
    (S.OPEN, E.ACK_TIMEOUT): (S.OPEN, {A.SYSTEM}),
    (S.SUPPORT, E.ACK_TIMEOUT): (S.SUPPORT, {A.SYSTEM}),
    (S.ACKNOWLEDGED, E.UNRESOLVED): (S.ACKNOWLEDGED, {A.SYSTEM}),
    (S.SUPPORT, E.UNRESOLVED): (S.SUPPORT, {A.SYSTEM}),
}


def _expected(state: State, event: Event, actor: Actor) -> State | Refusal:
    row = EXPECTED.get((state, event))
    if row is None:
        return Refusal.STALE
    to, actors = row
    return to if actor in actors else Refusal.NOT_YOURS


@pytest.mark.parametrize(("state", "event", "actor"), list(itertools.product(State, Event, Actor)))
def test_every_pair(state: State, event: Event, actor: Actor) -> None:
    assert decide(state, event, actor) == _expected(state, event, actor)


@pytest.mark.parametrize(
    ("state", "event", "actor", "outcome"),
    [
        # Only a grid worker, a housekeeper asked to respond, or staff can say someone is safe.
        (S.SUPPORT, E.CONFIRM_SAFE, A.FAMILY, Refusal.NOT_YOURS),
        (S.OPEN, E.CONFIRM_SAFE, A.SUBJECT, Refusal.NOT_YOURS),  # the elder cannot close it
        (S.OPEN, E.CONFIRM_SAFE, A.OTHER, Refusal.NOT_YOURS),
        (S.OPEN, E.CONFIRM_SAFE, A.GRID_WORKER, S.CLOSED),
        (S.SUPPORT, E.CONFIRM_SAFE, A.STAFF, S.CLOSED),
        # The elder writing again, whatever she writes, never closes anything.
        (S.SUPPORT, E.SUBJECT_WRITES, A.SUBJECT, S.SUPPORT),
        (S.OPEN, E.SUBJECT_WRITES, A.SUBJECT, S.OPEN),
        # Family are told everything and decide nothing.
        (S.OPEN, E.ACKNOWLEDGE, A.FAMILY, Refusal.NOT_YOURS),
        (S.OPEN, E.ASK_SUPPORT, A.FAMILY, Refusal.NOT_YOURS),
        # A closed incident stays closed: every later press is stale.
        (S.CLOSED, E.CONFIRM_SAFE, A.STAFF, Refusal.STALE),
        (S.CLOSED, E.ACKNOWLEDGE, A.GRID_WORKER, Refusal.STALE),
        (S.CLOSED, E.ACK_TIMEOUT, A.SYSTEM, Refusal.STALE),
        # Escalation only while nobody has acknowledged.
        (S.ACKNOWLEDGED, E.ACK_TIMEOUT, A.SYSTEM, Refusal.STALE),
        # 需要支援 is not going: with nobody on the way the rounds go on.
        (S.SUPPORT, E.ACK_TIMEOUT, A.SYSTEM, S.SUPPORT),
        (S.OPEN, E.ACK_TIMEOUT, A.STAFF, Refusal.NOT_YOURS),
    ],
)
def test_named_cases(state: State, event: Event, actor: Actor, outcome: State | Refusal) -> None:
    assert decide(state, event, actor) == outcome


@pytest.mark.parametrize(
    ("candidates", "already", "how_many", "expected"),
    [
        (["hk_chen", "hk_zhang", "hk_li"], ["hk_zhang"], 1, ["hk_chen"]),
        (["hk_chen", "hk_zhang", "hk_li"], ["hk_chen", "hk_zhang"], 1, ["hk_li"]),
        (["hk_chen", "hk_zhang"], ["hk_chen", "hk_zhang"], 1, []),
        (["hk_chen", "hk_zhang", "hk_li"], [], 2, ["hk_chen", "hk_zhang"]),
    ],
)
def test_next_responders(
    candidates: list[str], already: list[str], how_many: int, expected: list[str]
) -> None:
    assert next_responders(candidates, already, how_many) == expected


@pytest.mark.parametrize(
    ("building", "expected"),
    [
        ("3", ["hk_zhang"]),
        ("5", ["hk_chen"]),
        # Unknown, or nobody covers it: every housekeeper is told (safety over convenience).
        ("9", ["hk_zhang", "hk_chen"]),
        (None, ["hk_zhang", "hk_chen"]),
        ("", ["hk_zhang", "hk_chen"]),
    ],
)
def test_covering(building: str | None, expected: list[str]) -> None:
    buildings = {"hk_zhang": ["1", "2", "3"], "hk_chen": ["4", "5", "6"]}
    assert covering(buildings, building) == expected


@pytest.mark.parametrize(
    ("chat_id", "message_id", "link"),
    [
        (-1001234567890, 42, "https://t.me/c/1234567890/42"),
        (-1001, 42, ""),  # a basic group: Telegram has no link to it
        (-4012345, 42, ""),
        (3001, 42, ""),  # a private chat
        (-1001234567890, None, ""),
    ],
)
def test_message_link(chat_id: int, message_id: int | None, link: str) -> None:
    incident = Incident(
        1, Kind.FIRE, State.OPEN, "小李", None, 5, chat_id, "群", message_id, "wrote", "", "",
        0, datetime(2026, 11, 28, tzinfo=UTC), None,
    )  # fmt: skip
    assert incident.link == link


@pytest.mark.parametrize(
    ("chat_id", "words", "lang"),
    [
        (-100123, "fire on the 3rd floor, lots of smoke", "en"),  # English only, in a group
        (-100123, "楼道着火了 好多烟", None),  # the community's language
        (-100123, "3楼 fire 着火", None),  # any Chinese: the community's language
        (-100123, "119!!!", None),  # neither: the community's language
        (6001, "fire on the 3rd floor", None),  # private: the writer's own language anyway
    ],
)
def test_the_language_an_emergency_report_is_answered_in(
    chat_id: int, words: str, lang: str | None
) -> None:
    assert reply_language(chat_id, words) == lang


MIN = timedelta(minutes=1)
ABOUT, UNSURE, CHATTER = FollowUp.ABOUT, FollowUp.UNSURE, FollowUp.CHATTER
LIFT, FALL, FIRE = Kind.LIFT, Kind.FALL, Kind.FIRE


@pytest.mark.parametrize(
    ("incident", "building", "age", "said", "expected"),
    [
        # The same emergency, by the writer or a neighbour, joins within the hour.
        (FIRE, None, 5 * MIN, Said(FIRE, None, False, True), True),
        (FIRE, "5", 5 * MIN, Said(FIRE, "5", False, False), True),
        (FIRE, "5", 5 * MIN, Said(FIRE, None, False, False), True),
        (FIRE, None, 5 * MIN, Said(FIRE, "5", False, False), True),
        (FIRE, None, 61 * MIN, Said(FIRE, None, False, True), False),
        # The same kind in another building is another emergency.
        (FIRE, "5", 5 * MIN, Said(FIRE, "3", False, False), False),
        # Another kind is its own incident, even from the same writer a minute later (F2).
        (LIFT, "5", 1 * MIN, Said(FALL, None, False, True), False),
        (LIFT, None, 1 * MIN, Said(FIRE, None, False, True), False),
        # No emergency of its own: the writer's follow-up, within the short window only.
        (FIRE, None, 5 * MIN, Said(None, None, False, True), True),
        (LIFT, "5", 29 * MIN, Said(None, "5", False, True), True),
        (FIRE, None, 31 * MIN, Said(None, None, False, True), False),
        (FIRE, None, 5 * MIN, Said(None, None, False, False), False),  # someone else's chatter
        # A request is never folded into an incident, nor words about another building (F2).
        (LIFT, "5", 2 * MIN, Said(None, "3", True, True), False),
        (LIFT, "5", 2 * MIN, Said(None, None, True, True), False),
        (LIFT, "5", 2 * MIN, Said(None, "3", False, True), False),
        (LIFT, None, -1 * MIN, Said(LIFT, None, False, True), False),  # raised "later": a clock
        # About the emergency ("还在等，人呢"): within the hour; plain chatter: never (session 8).
        (FIRE, None, 45 * MIN, Said(None, None, False, True, about=ABOUT), True),
        (FIRE, None, 61 * MIN, Said(None, None, False, True, about=ABOUT), False),
        (FIRE, None, 45 * MIN, Said(None, None, False, True, about=UNSURE), False),
        (FIRE, None, 1 * MIN, Said(None, None, False, True, about=CHATTER), False),
        (FIRE, None, 1 * MIN, Said(None, None, False, False, about=ABOUT), False),  # a neighbour
        (LIFT, "5", 2 * MIN, Said(None, None, True, True, about=ABOUT), False),  # a request
        # An emergency of its own is read by its kind, whatever the follow-up reading says.
        (FIRE, None, 5 * MIN, Said(FIRE, None, False, True, about=CHATTER), True),
    ],
)
def test_which_messages_join_an_open_incident(
    incident: Kind, building: str | None, age: timedelta, said: Said, expected: bool
) -> None:
    assert joins(incident, building, age, said) is expected


HELP, MEDICAL = Kind.HELP, Kind.MEDICAL
D602, D101, D301 = ("3", "1", "602"), ("6", "2", "101"), ("2", "2", "301")


@pytest.mark.parametrize(
    ("incident", "door", "said", "expected"),
    [
        # Second retest of #13: Priya3's "she lives alone and isn't answering the door, I heard
        # a crash" is not Priya2's old man in 6-2-101: another writer's welfare worry is its own.
        (HELP, D101, Said(HELP, None, False, False), False),
        (HELP, None, Said(HELP, None, False, False), False),
        (HELP, D101, Said(HELP, None, False, False, D602), False),
        # ... unless both name the same door: two neighbours worried about one old lady.
        (HELP, D602, Said(HELP, "3", False, False, D602), True),
        # The writer's own second message about the same worry joins (not another door).
        (HELP, D602, Said(HELP, None, False, True), True),
        (HELP, D602, Said(HELP, None, False, True, D301), False),
        # Tom's "neighbour upstairs isnt opening her door, a loud bang" after his own hallway
        # fall: another kind, another incident.
        (FALL, None, Said(HELP, None, False, True), False),
        # One person's emergency at another door is another person's.
        (FALL, D602, Said(FALL, None, False, False, D301), False),
        (MEDICAL, D602, Said(MEDICAL, None, False, True, D301), False),
        (FALL, D602, Said(FALL, None, False, False, D602), True),
        (FALL, None, Said(FALL, None, False, False), True),  # a neighbour about the same fall
        # A fire seen from two doors is still one fire.
        (FIRE, D602, Said(FIRE, None, False, False, D301), True),
        # A follow-up naming another door is not a follow-up.
        (FALL, D602, Said(None, None, False, True, D301), False),
        (FALL, D602, Said(None, None, False, True, D602), True),
    ],
)
def test_a_welfare_case_about_another_person_opens_its_own_incident(
    incident: Kind, door: tuple[str, str, str] | None, said: Said, expected: bool
) -> None:
    assert joins(incident, None, 5 * MIN, said, door) is expected
