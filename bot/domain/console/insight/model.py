"""The console's pure figures: percentiles, compliance, and the rows of the Tool cabinet,
Demand, Care and provider scorecard pages. No SQL, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from bot.domain.console.insight.days import DayMark

ANSWERED = ("fine", "unwell")  # a check-in the elder answered (any sign of life)
ACCEPTED = ("accepted", "withdrawn", "no_show")  # offers the provider took
REFUSED = ("declined", "timeout")  # offers the provider let go
LOW_STARS = 2  # a rating at or below this is shown with its comment


def percentile(values: list[float], share: float) -> float | None:
    """The nearest-rank percentile of ``values`` (``share`` in 0..1); None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-int(share * len(ordered) * 1000) // 1000))  # ceil without float drift
    return ordered[min(rank, len(ordered)) - 1]


def histogram_percentile(counts: dict[int, int], share: float) -> int | None:
    """The nearest-rank percentile of values given as {value: how many}; None when empty."""
    total = sum(counts.values())
    if not total:
        return None
    rank = max(1, -(-int(share * total * 1000) // 1000))
    seen = 0
    for value in sorted(counts):
        seen += counts[value]
        if seen >= rank:
            return value
    return max(counts)


def rate(part: int, whole: int) -> float | None:
    """part / whole as a share, None when there is nothing to divide by."""
    return part / whole if whole else None


@dataclass
class Scorecard:
    """One provider's figures beyond the ranking stats."""

    provider_id: str
    jobs: int = 0
    accepted: int = 0
    refused: int = 0
    no_shows: int = 0
    response_minutes: dict[int, int] = field(default_factory=dict)  # {minutes: accepts}
    job_minutes: dict[int, int] = field(default_factory=dict)  # {arrival to done: jobs}
    stars: dict[int, int] = field(default_factory=dict)
    low: list[tuple[int, str]] = field(default_factory=list)  # (stars, comment), latest first
    suspended: bool = False

    @property
    def acceptance(self) -> float | None:
        """Offers taken among offers answered or let lapse."""
        return rate(self.accepted, self.accepted + self.refused)

    @property
    def median(self) -> int | None:
        """Median minutes from offer to accept."""
        return histogram_percentile(self.response_minutes, 0.5)

    @property
    def p90(self) -> int | None:
        """90th percentile minutes from offer to accept."""
        return histogram_percentile(self.response_minutes, 0.9)

    @property
    def completion(self) -> int | None:
        """Median minutes on the job: from the worker's arrival to its completion."""
        return histogram_percentile(self.job_minutes, 0.5)

    @property
    def ratings(self) -> int:
        """How many ratings."""
        return sum(self.stars.values())

    @property
    def average(self) -> float | None:
        """Average stars."""
        total = self.ratings
        return sum(s * n for s, n in self.stars.items()) / total if total else None


@dataclass(frozen=True)
class UnitRow:
    """A cabinet unit now: its state, and the open loan's due date and holder if lent."""

    id: int
    tool: str
    seq: int
    state: str
    note: str
    holder: str | None
    due_at: datetime | None

    def overdue(self, now: datetime) -> bool:
        """Lent and past its due date."""
        return self.state == "lent" and self.due_at is not None and self.due_at < now


@dataclass(frozen=True)
class LoanHistory:
    """One loan of a unit, for its history."""

    id: int
    holder: str
    status: str
    reserved_at: datetime
    due_at: datetime | None
    returned_at: datetime | None
    overdue: bool


@dataclass
class CareRow:
    """One elder's last 30 days: check-ins by outcome, ladder steps reached, visits."""

    elder_key: str
    name: str
    due: int = 0
    answered: int = 0
    skipped: int = 0
    help: int = 0
    reminded: int = 0
    grid: int = 0
    staff: int = 0
    visits: dict[str, int] = field(default_factory=dict)
    days: tuple[tuple[date, DayMark], ...] = ()  # the last 30 days, oldest first

    @property
    def compliance(self) -> float | None:
        """Check-ins answered among those due and not paused."""
        return rate(self.answered, self.due - self.skipped)


@dataclass(frozen=True)
class Demand:
    """Requests (bookings started, drafts included) by service, by building, by week."""

    by_service: list[tuple[str, int]]
    by_building: list[tuple[str, int]]
    by_week: list[tuple[str, int]]
