"""The Today page's pure core: every open thing as one line, most urgent first.

No SQL, no I/O. Open jobs are measured against their response window (a breach when older); open
help calls and emergencies, check-ins nobody answered and overdue tools always rank as breaches.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.console.model import URGENCY_ORDER, Urgency, urgency
from bot.domain.console.repo import CheckinRow, IncidentRow, JobRow, LoanRow


@dataclass(frozen=True)
class Line:
    """One line of the Today page: what (kind and id), how urgent, how old, against what."""

    kind: str  # job | incident | checkin | loan
    id: int
    label: str  # a service, incident kind, elder key or tool id (never personal data)
    state: str
    urgency: Urgency
    age: timedelta
    window: timedelta | None = None


@dataclass(frozen=True)
class Today:
    """The Today page's lines and counts."""

    lines: list[Line]

    @property
    def breaches(self) -> int:
        """How many lines are past their window."""
        return sum(1 for line in self.lines if line.urgency is Urgency.BREACH)


def build_today(
    now: datetime,
    jobs: list[JobRow],
    window_of: Callable[[str], timedelta],
    incidents: list[IncidentRow],
    checkins: list[CheckinRow],
    loans: list[LoanRow],
) -> Today:
    """Every open thing, most urgent first, then oldest first."""
    lines = [
        Line(
            "job",
            j.id,
            j.service,
            j.status,
            urgency(now - j.since, window_of(j.service))
            if j.status in ("offered", "unassigned")
            else Urgency.OPEN,
            now - j.since,
            window_of(j.service),
        )
        for j in jobs
    ]
    lines += [
        Line("incident", i.id, i.kind, i.state, Urgency.BREACH, now - i.created_at)
        for i in incidents
    ]
    lines += [
        Line(
            "checkin",
            c.id,
            c.elder_key,
            c.state,
            Urgency.DUE if c.state == "pinged" else Urgency.BREACH,
            now - c.due_at,
        )
        for c in checkins
    ]
    lines += [Line("loan", n.id, n.tool, "overdue", Urgency.DUE, now - n.due_at) for n in loans]
    lines.sort(key=lambda line: (URGENCY_ORDER[line.urgency], -line.age))
    return Today(lines)
