"""The nightly backup's deadline kind, and the one place its deadline names are made and read:
``backup:<YYYY-MM-DD>`` (ref: the day, community time)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.deadlines import Deadline


class DeadlineKind(StrEnum):
    """The deadline kinds backups schedule."""

    NIGHTLY = "backup"


@dataclass(frozen=True)
class NightRef:
    """One night's backup."""

    day: date

    @property
    def name(self) -> str:
        """The deadline's deterministic name (one backup per night)."""
        return f"backup:{self.day.isoformat()}"

    @property
    def ref(self) -> str:
        """The deadline's ref: the day."""
        return self.day.isoformat()


def night_of(deadline: Deadline) -> NightRef | None:
    """The night a deadline is about, or None for a malformed ref."""
    try:
        return NightRef(date.fromisoformat(deadline.ref))
    except ValueError:
        return None
