"""The incident state machine, pair by pair: every (state, event, actor), including refusals."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest

from bot.domain.incidents.model import (
    Actor,
    Event,
    Incident,
    Kind,
    Refusal,
    State,
    covering,
    decide,
    next_responders,
    reply_language,
)

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
    [("3", ["hk_zhang"]), ("5", ["hk_chen"]), ("9", []), (None, []), ("", [])],
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
