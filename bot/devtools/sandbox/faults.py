"""Injected failures and Telegram's flood limits.

Fault kinds, applied to the next matching Bot API call(s) before it is processed:

- ``"429"``: answer HTTP 429 ``Too Many Requests: retry after N`` with
  ``parameters.retry_after``; the call is NOT processed.
- ``"500"`` / ``"502"``: answer that HTTP status; the call is NOT processed.
- ``"slow"``: sleep ``delay`` seconds first. If the client gave up meanwhile (its read timeout
  fired and it closed the connection), the call is NOT processed: this models a request that
  never reached Telegram's processing. If the client is still there, it is processed normally.
- ``"drop"``: close the connection without any answer; the call is NOT processed.
- ``"drop_after"``: the call IS processed (the message is delivered), then the connection is
  closed without an answer, after ``delay`` seconds: the answer is lost.
- ``"garbled"``: the call IS processed, then answered HTTP 200 with a body that is not JSON.
- ``"blocked"``: answer HTTP 403 ``Forbidden: bot was blocked by the user``; NOT processed.
- ``"migrated"``: the group is upgraded to a supergroup for good (``migrate_to``, else a new id
  derived from the old one): this call and every later one to the old id get HTTP 400 with
  ``parameters.migrate_to_chat_id``; NOT processed.

Each fault applies ``times`` times, then it is used up. Faults match one method name
(case-insensitive) or ``"*"`` for every method, and optionally one ``chat_id``; the oldest
matching fault wins.

Random faults (:meth:`FaultPlan.at_random`, the fault campaign): when no planned fault matches,
a seeded draw fails a share of the calls, each in one of the given ways.
"""

from __future__ import annotations

import math
import random
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

FaultKind = Literal[
    "429", "500", "502", "slow", "drop", "drop_after", "garbled", "blocked", "migrated"
]
_KINDS: frozenset[str] = frozenset(
    {"429", "500", "502", "slow", "drop", "drop_after", "garbled", "blocked", "migrated"}
)
# Faults whose call is processed before the (lost or unreadable) answer.
AFTER_KINDS: frozenset[str] = frozenset({"drop_after", "garbled"})


@dataclass
class Fault:
    """One planned failure; `remaining` counts down to zero."""

    method: str
    kind: FaultKind
    remaining: int
    retry_after: int = 1
    delay: float = 0.0
    chat_id: int | None = None
    migrate_to: int | None = None

    def matches(self, method: str, chat_id: object = None) -> bool:
        """Whether this fault applies to a call of `method` (to `chat_id`)."""
        if self.remaining <= 0 or self.method not in ("*", method.lower()):
            return False
        return self.chat_id is None or str(self.chat_id) == str(chat_id)


@dataclass
class RandomFaults:
    """A seeded share of calls failing, each in a way drawn from its method's kinds.

    ``kinds`` maps a method name (lower case) or ``"*"`` to the kinds it may fail with; a method
    with no entry never fails. ``migrated`` applies only to a group and at most ``migrations``
    times in all (an upgraded group stays upgraded); elsewhere another kind is drawn. ``drawn``
    counts what was injected, by kind.
    """

    rate: float
    kinds: Mapping[str, Sequence[FaultKind]]
    rng: random.Random
    slow_delay: float = 0.5
    migrations: int = 1
    retry_after: int = 1
    drawn: Counter[str] = field(default_factory=Counter)

    def draw(self, method: str, chat_id: object = None) -> Fault | None:
        """A fault for this call, or None (most calls)."""
        kinds = self.kinds.get(method.lower(), self.kinds.get("*", ()))
        if not kinds or self.rng.random() >= self.rate:
            return None
        kind = self.rng.choice(list(kinds))
        if kind == "migrated" and not (self.migrations > 0 and _is_group(chat_id)):
            others = [k for k in kinds if k != "migrated"]
            if not others:
                return None
            kind = self.rng.choice(others)
        if kind == "migrated":
            self.migrations -= 1
        self.drawn[kind] += 1
        delay = self.rng.uniform(0.05, self.slow_delay) if kind == "slow" else 0.0
        return Fault(method.lower(), kind, 0, self.retry_after, delay, None, None)


def _is_group(chat_id: object) -> bool:
    try:
        return int(str(chat_id)) < 0
    except ValueError:
        return False


@dataclass
class FaultPlan:
    """The list of faults still to be injected, and the random ones if asked for."""

    faults: list[Fault] = field(default_factory=list)
    chance: RandomFaults | None = None

    def add(
        self,
        method: str = "*",
        kind: FaultKind = "500",
        *,
        times: int = 1,
        retry_after: int = 1,
        delay: float = 0.0,
        chat_id: int | None = None,
        migrate_to: int | None = None,
    ) -> Fault:
        """Plan `kind` for the next `times` calls of `method` (or of any method with "*"),
        to `chat_id` only if given."""
        if kind not in _KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; expected one of {sorted(_KINDS)}")
        if times < 1:
            raise ValueError("times must be at least 1")
        fault = Fault(method.lower(), kind, times, retry_after, delay, chat_id, migrate_to)
        self.faults.append(fault)
        return fault

    def at_random(
        self,
        rate: float,
        kinds: Mapping[str, Sequence[FaultKind]],
        *,
        seed: int,
        slow_delay: float = 0.5,
        migrations: int = 1,
    ) -> RandomFaults:
        """Fail a seeded share `rate` of the calls of the methods in `kinds` (see
        :class:`RandomFaults`); planned faults still come first."""
        for method_kinds in kinds.values():
            unknown = set(method_kinds) - _KINDS
            if unknown:
                raise ValueError(f"unknown fault kinds {sorted(unknown)}")
        self.chance = RandomFaults(
            rate, kinds, random.Random(seed), slow_delay=slow_delay, migrations=migrations
        )
        return self.chance

    def take(self, method: str, chat_id: object = None) -> Fault | None:
        """Consume one use of the first fault matching `method` (and `chat_id`), if any;
        else draw a random one when random faults are on."""
        for fault in self.faults:
            if fault.matches(method, chat_id):
                fault.remaining -= 1
                return fault
        if self.chance is not None:
            return self.chance.draw(method, chat_id)
        return None

    def clear(self) -> None:
        """Drop every planned fault and stop random ones."""
        self.faults.clear()
        self.chance = None

    @property
    def pending(self) -> int:
        """How many injections are still planned."""
        return sum(fault.remaining for fault in self.faults)


@dataclass
class _Bucket:
    """A token bucket: `capacity` burst, refilled at `rate` tokens per second."""

    capacity: float
    rate: float
    tokens: float
    stamp: float

    def take(self, now: float) -> float:
        """Take a token; return 0 on success or the seconds until one is available."""
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.rate


@dataclass(frozen=True)
class FloodLimits:
    """Telegram's published limits for outgoing messages, as token buckets."""

    overall_per_second: float = 30.0
    group_per_minute: float = 20.0
    private_per_second: float = 1.0
    private_burst: int = 3


class FloodLimiter:
    """Decide whether an outgoing message exceeds the flood limits (when enforced)."""

    def __init__(
        self, limits: FloodLimits | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limits = limits or FloodLimits()
        self._clock = clock
        now = clock()
        rate = self.limits.overall_per_second
        self._overall = _Bucket(rate, rate, rate, now)
        self._chats: dict[int, _Bucket] = {}

    def _chat_bucket(self, chat_id: int, now: float) -> _Bucket:
        bucket = self._chats.get(chat_id)
        if bucket is None:
            if chat_id < 0:
                per_minute = self.limits.group_per_minute
                bucket = _Bucket(per_minute, per_minute / 60, per_minute, now)
            else:
                burst = float(self.limits.private_burst)
                bucket = _Bucket(burst, self.limits.private_per_second, burst, now)
            self._chats[chat_id] = bucket
        return bucket

    def check(self, chat_id: int) -> int:
        """Record one message to `chat_id`; return 0 if allowed, else retry_after seconds."""
        now = self._clock()
        wait = self._overall.take(now)
        if wait:
            return max(1, math.ceil(wait))
        wait = self._chat_bucket(chat_id, now).take(now)
        if wait:
            self._overall.tokens += 1  # the refused message did not count overall
            return max(1, math.ceil(wait))
        return 0
