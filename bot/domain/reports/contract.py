"""Reports' deadline kind, and the one place their deadline names and outbox keys are made.

The Monday digest: deadline ``report:weekly:<monday of the digest>`` (ref: that date), one
chart and text per staff chat ``report:weekly:<date>:<chat id>:photo`` / ``…:text``.
``/report`` on demand is keyed by its update (``u<update id>:…``), like any reply.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.deadlines import Deadline


class DeadlineKind(StrEnum):
    """The deadline kinds reports schedule."""

    WEEKLY = "report_weekly"


@dataclass(frozen=True)
class WeeklyRef:
    """The digest sent on one Monday."""

    day: date

    @property
    def name(self) -> str:
        """The deadline's deterministic name."""
        return f"report:weekly:{self.day.isoformat()}"

    @property
    def ref(self) -> str:
        """The deadline's ref: the day."""
        return self.day.isoformat()

    def prefix(self, chat_id: int) -> str:
        """The outbox keys' prefix for one staff chat."""
        return f"{self.name}:{chat_id}"


def weekly_of(deadline: Deadline) -> WeeklyRef | None:
    """The digest a deadline is about, or None for a malformed ref."""
    try:
        return WeeklyRef(date.fromisoformat(deadline.ref))
    except ValueError:
        return None
