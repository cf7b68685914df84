"""The week's figures as read for the weekly report: plain values, no database or clock.

:class:`Figures` is what :mod:`.repo` reads for one :class:`Week`; :mod:`.model` judges what in
it needs a decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from statistics import median

from bot.domain.misses.model import Unserved

SLOW_SHARE = 0.25  # a provider let this share of its offers run past the window (or more)


@dataclass(frozen=True)
class Week:
    """Seven days [start, end) in the community's timezone."""

    start: datetime
    end: datetime

    @property
    def monday(self) -> date:
        """The first day, which names the week."""
        return self.start.date()


@dataclass(frozen=True)
class ServiceDemand:
    """One service in the week: requests started, how many were placed (confirmed and sent
    out), how many of those a provider took (成交: accepted, on site or done, and not
    cancelled), and how many were cancelled (by the resident, the provider or staff)."""

    service: str
    requests: int
    booked: int
    taken: int = 0
    cancelled: int = 0


@dataclass(frozen=True)
class Response:
    """One provider's answers to offers in the week, against its response window."""

    provider: str
    window_minutes: int
    offers: int
    missed: int  # let the window run out
    minutes: tuple[int, ...] = ()  # how long each answer (accept or decline) took

    @property
    def median_minutes(self) -> float | None:
        """The typical answer time; None with no answer."""
        return float(median(self.minutes)) if self.minutes else None

    @property
    def slow(self) -> bool:
        """Let enough offers run past the window to need a word with them."""
        return self.missed > 0 and self.missed >= SLOW_SHARE * self.offers


@dataclass(frozen=True)
class ProviderRating:
    """One provider's ratings in the week."""

    provider: str
    count: int
    stars: int

    @property
    def average(self) -> float:
        """Average stars (0 with no rating)."""
        return self.stars / self.count if self.count else 0.0


@dataclass(frozen=True)
class ElderCare:
    """One elder's check-ins in the week: answered by her, confirmed by someone, missed."""

    elder: str
    name: str
    due: int
    answered: int
    missed: int  # nobody heard from her: the ladder reached her grid worker or staff
    risk: str = "normal"  # high | normal: a high-risk elder is named first among equals


@dataclass(frozen=True)
class ToolUse:
    """One tool's loans: lent in the week, and overdue now."""

    tool: str
    lent: int
    overdue: int


@dataclass(frozen=True)
class Unmet:
    """A request-like text that matched no service, and how often it was asked."""

    text: str
    count: int


@dataclass(frozen=True)
class HelpCall:
    """A help call or emergency: raised in the week, or still open when the report is read.
    ``rounds``: reminders sent because nobody said "I'm going" in time."""

    id: int
    name: str
    state: str  # open | acknowledged | support | closed
    created_at: datetime
    rounds: int

    @property
    def open(self) -> bool:
        """Nobody has confirmed the person safe yet."""
        return self.state != "closed"


@dataclass(frozen=True)
class Figures:
    """Everything the weekly report says, read for one week."""

    week: Week
    demand: tuple[ServiceDemand, ...] = ()
    responses: tuple[Response, ...] = ()
    stars: tuple[int, int, int, int, int] = (0, 0, 0, 0, 0)  # how many 1..5-star ratings
    ratings: tuple[ProviderRating, ...] = ()
    care: tuple[ElderCare, ...] = ()
    tools: tuple[ToolUse, ...] = ()
    unmet: tuple[Unmet, ...] = ()
    help_calls: tuple[HelpCall, ...] = ()
    unserved: tuple[Unserved, ...] = ()  # services nobody could take, most residents first

    @property
    def requests(self) -> int:
        """Requests started in the week."""
        return sum(d.requests for d in self.demand)

    @property
    def booked(self) -> int:
        """Of which became bookings."""
        return sum(d.booked for d in self.demand)

    @property
    def taken(self) -> int:
        """Of which a provider took (成交), not cancelled since."""
        return sum(d.taken for d in self.demand)

    @property
    def cancelled(self) -> int:
        """Of which were cancelled."""
        return sum(d.cancelled for d in self.demand)

    @property
    def rating_count(self) -> int:
        """Ratings written in the week."""
        return sum(self.stars)

    @property
    def rating_average(self) -> float:
        """Their average (0 with none)."""
        total = sum(stars * n for stars, n in enumerate(self.stars, start=1))
        return total / self.rating_count if self.rating_count else 0.0

    @property
    def checkins_due(self) -> int:
        """Check-ins due in the week."""
        return sum(c.due for c in self.care)

    @property
    def checkins_missed(self) -> int:
        """Of which nobody heard from the elder."""
        return sum(c.missed for c in self.care)
