"""Group requests on a real database: kept under a fresh deep-link token with what was
understood (never the text), found again by that token; a member's pace kept per group."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.clock import FakeClock
from bot.domain.requests import GroupRequest, Requests
from bot.domain.requests.model import Pace
from intents import Intent, Understanding
from intents.times import TimeSpan
from tests.domain_support import DomainWorld, domain_world
from tests.harness import START

RESIDENT, GROUP = 6001, -1001
TOMORROW = TimeSpan(
    START + timedelta(days=1, hours=6), START + timedelta(days=1, hours=9), "明天下午"
)


def _understood(
    intent: Intent = "service_request",
    target: str | None = "cleaning",
    when: TimeSpan | None = None,
    duration: timedelta | None = None,
) -> Understanding:
    return Understanding(intent, target, 90.0, when, duration, True, False)


@pytest.fixture
async def world(store: Path | str, clock: FakeClock) -> AsyncIterator[DomainWorld]:
    async with domain_world(store, clock) as world:
        yield world


@pytest.mark.parametrize(
    ("understood", "expected"),
    [
        (
            _understood(when=TOMORROW, duration=timedelta(hours=2)),
            ("service_request", "cleaning", TOMORROW.start, TOMORROW.end, timedelta(hours=2)),
        ),
        (
            _understood(when=TimeSpan(TOMORROW.start, None, "明天"), duration=timedelta(0)),
            ("service_request", "cleaning", TOMORROW.start, None, None),
        ),
        (_understood("price_query", None), ("price_query", None, None, None, None)),
    ],
)
async def test_a_request_is_kept_as_understood_and_found_by_its_token(
    world: DomainWorld,
    understood: Understanding,
    expected: tuple[object, ...],
) -> None:
    requests = Requests(world.clock)
    async with world.tx() as tx:
        kept = await requests.record(tx, RESIDENT, GROUP, understood)
    async with world.tx() as tx:
        found = await requests.find(tx, kept.token)
    assert found == kept
    assert (kept.telegram_id, kept.chat_id) == (RESIDENT, GROUP)
    assert (kept.intent, kept.target, kept.when_start, kept.when_end, kept.duration) == expected


async def test_tokens_are_fresh_and_fit_a_start_link(world: DomainWorld) -> None:
    """Telegram's /start payload allows letters, digits, '_' and '-'; 'req_' marks a request."""
    requests = Requests(world.clock)
    async with world.tx() as tx:
        kept = [await requests.record(tx, RESIDENT, GROUP, _understood()) for _ in range(20)]
    tokens = {r.token for r in kept}
    assert len(tokens) == 20
    assert all(re.fullmatch(r"req_[A-Za-z0-9]{12}", t) for t in tokens), tokens


async def test_an_unknown_token_finds_nothing(world: DomainWorld) -> None:
    async with world.tx() as tx:
        assert await Requests(world.clock).find(tx, "req_doesnotexist") is None


def test_the_kept_request_holds_what_was_understood_and_the_writers_words() -> None:
    """What was understood, and (issue 13 finding 11) the writer's words from the group, so
    their booking keeps the problem as told ("厨房水槽堵了，2号楼"); nothing else."""
    fields = set(GroupRequest.__dataclass_fields__)
    assert fields == {
        "token", "telegram_id", "chat_id", "intent", "target", "when_start", "when_end",
        "duration", "when_asap", "when_has_time", "when_days", "words",
    }  # fmt: skip


async def test_the_words_are_kept_only_when_given(world: DomainWorld) -> None:
    """A group request keeps its words (trimmed); a private one or a press keeps none."""
    requests = Requests(world.clock)
    understood = Understanding(
        "service_request", "drain_unblocking", 90.0, None, None, True, False
    )
    async with world.tx() as tx:
        group = await requests.record(tx, 6001, -1001, understood, " 厨房水槽堵了，2号楼 ")
        private = await requests.record(tx, 6001, 6001, understood)
        assert (await requests.find(tx, group.token)) == group
        assert (await requests.find(tx, private.token)) == private
    assert (group.words, private.words) == ("厨房水槽堵了，2号楼", None)


async def test_the_pace_is_kept_per_member_and_group(world: DomainWorld) -> None:
    """On real SQLite: the burst survives between transactions (and restarts), separately for
    each member in each group (the policy itself is tabled in test_model.py)."""
    requests = Requests(world.clock)
    async with world.tx() as tx:
        first = [await requests.pace(tx, -1001, 6001) for _ in range(3)]
    async with world.tx() as tx:
        other_member = await requests.pace(tx, -1001, 6002)
        other_group = await requests.pace(tx, -1002, 6001)
        still = await requests.pace(tx, -1001, 6001)
    world.clock.advance(timedelta(seconds=60))
    async with world.tx() as tx:
        later = await requests.pace(tx, -1001, 6001)
    assert first == [Pace.ANSWER, Pace.ACKNOWLEDGE, Pace.QUIET]
    assert (other_member, other_group, still, later) == (
        Pace.ANSWER,
        Pace.ANSWER,
        Pace.QUIET,
        Pace.ANSWER,
    )
