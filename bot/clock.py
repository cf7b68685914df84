"""Time, injectable: the system clock in production, a hand-moved clock in tests and the demo,
and a fast clock for the fault campaign (``concierge run`` in a subprocess, killed and restarted).

Timestamps are stored as fixed-width UTC ISO strings so that SQLite compares them correctly.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Protocol

# ``concierge run`` reads these; the first is refused unless the second is "1" (bot/cli.py).
DEV_CLOCK_VAR = "CONCIERGE_DEV_CLOCK"
DEV_FLAG_VAR = "CONCIERGE_DEV"


class Clock(Protocol):
    """Anything that tells the current aware UTC time."""

    def now(self) -> datetime:
        """The current time, timezone-aware, in UTC."""
        ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        """The current time, timezone-aware, in UTC."""
        return datetime.now(UTC)


class FakeClock:
    """A clock that moves only when told to; for tests and the scripted demo."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")
        self._now = start.astimezone(UTC)

    def now(self) -> datetime:
        """The current (fake) time."""
        return self._now

    def advance(self, delta: timedelta) -> None:
        """Move time forward."""
        self._now += delta

    def set(self, when: datetime) -> None:
        """Jump to a given time (forward or back)."""
        self._now = when.astimezone(UTC)


class ScaledClock:
    """A dev-only clock that runs ``speed`` times faster than the wall clock, the same in every
    process that shares its origin and epoch: now = origin + (wall time - epoch) x speed.

    The fault campaign (tests/campaign) kills ``concierge run`` and starts it again; a clock that
    restarted from its origin at each start would run deadlines twice or never, so it is anchored
    to a fixed real epoch instead. Never active unless selected explicitly (see
    :func:`dev_clock_from_env`).
    """

    def __init__(
        self,
        origin: datetime,
        epoch: float,
        speed: float,
        wall: Callable[[], float] = time.time,
    ) -> None:
        if origin.tzinfo is None:
            raise ValueError("ScaledClock needs an aware origin")
        if not speed > 0:
            raise ValueError("ScaledClock needs a positive speed")
        self.origin = origin.astimezone(UTC)
        self.epoch = epoch
        self.speed = speed
        self._wall = wall

    def now(self) -> datetime:
        """The scaled time: never before the origin, even if the wall clock is before the epoch."""
        elapsed = max(0.0, self._wall() - self.epoch)
        return self.origin + timedelta(seconds=elapsed * self.speed)

    def spec(self) -> str:
        """This clock as the value of ``CONCIERGE_DEV_CLOCK`` (``origin,epoch,speed``)."""
        return f"{self.origin.isoformat()},{self.epoch!r},{self.speed!r}"

    @classmethod
    def parse(cls, spec: str) -> ScaledClock:
        """Read ``origin,epoch,speed`` (ISO time with offset, Unix seconds, factor)."""
        try:
            origin_text, epoch_text, speed_text = (part.strip() for part in spec.split(","))
            origin = datetime.fromisoformat(origin_text)
            return cls(origin, float(epoch_text), float(speed_text))
        except ValueError as exc:
            raise ValueError(
                f"{DEV_CLOCK_VAR} must be 'origin,epoch,speed' with an ISO time that has an"
                f" offset, e.g. 2026-11-28T09:00:00+08:00,1767000000.0,60 ({exc})"
            ) from None


def dev_clock_from_env(env: Mapping[str, str]) -> ScaledClock | None:
    """The scaled clock ``CONCIERGE_DEV_CLOCK`` asks for, or None (the system clock).

    Refused (ValueError) unless ``CONCIERGE_DEV=1`` is set too: a clock that runs sixty times
    too fast would fire every check-in ladder of a real community within minutes, so it must
    never be one stray variable away from production.
    """
    spec = env.get(DEV_CLOCK_VAR, "").strip()
    if not spec:
        return None
    if env.get(DEV_FLAG_VAR, "") != "1":
        raise ValueError(
            f"{DEV_CLOCK_VAR} is a fast clock for tests against the sandbox; it is refused"
            f" unless {DEV_FLAG_VAR}=1 is set too (never in production)"
        )
    return ScaledClock.parse(spec)


def to_db(moment: datetime) -> str:
    """Aware datetime -> fixed-width UTC string for storage."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime cannot be stored")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def from_db(text: str) -> datetime:
    """Stored UTC string -> aware datetime."""
    if _STORED.fullmatch(text):  # what to_db writes: read by the C parser (strptime: ~10x)
        return datetime.fromisoformat(text[:-1]).replace(tzinfo=UTC)
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


# to_db's layout exactly (ASCII digits); anything else goes through strptime, which decides
# what it accepts and how it fails, as before.
_STORED = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z")


__all__ = [
    "Clock",
    "FakeClock",
    "ScaledClock",
    "SystemClock",
    "dev_clock_from_env",
    "from_db",
    "timedelta",
    "to_db",
]
