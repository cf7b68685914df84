"""The week's figures and what in them needs a decision: pure, no database, clock or Telegram.

:class:`Figures` is what :mod:`.repo` reads for one :class:`Week`; :func:`findings` picks what
staff should decide on (a provider slow against its response window, a need asked for again
and again that nobody offers, a provider rated low, elders who missed check-ins, tools not
brought back), most pressing first, and :func:`digest_lines` makes exactly five lines of it,
topped up with the week's plain totals when fewer things need a decision.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from statistics import median
from zoneinfo import ZoneInfo

DIGEST_WEEKDAY = 0  # Monday
DIGEST_TIME = time(8, 0)
CATCH_UP = timedelta(days=1)
LINES = 5

# When a figure is worth a decision (documented in docs/reports.md).
SLOW_SHARE = 0.25  # a provider let this share of its offers run past the window (or more)
UNMET_AT_LEAST = 2  # a text that matched nothing, asked this often
LOW_RATING = 3.5  # a provider's average this week below this ...
LOW_RATING_MIN = 1  # ... over at least this many ratings
MISSED_AT_LEAST = 1  # an elder with this many check-ins nobody answered in the week


@dataclass(frozen=True)
class Week:
    """Seven days [start, end) in the community's timezone."""

    start: datetime
    end: datetime

    @property
    def monday(self) -> date:
        """The first day, which names the week."""
        return self.start.date()


def week_before(moment: datetime, tz: ZoneInfo) -> Week:
    """The whole Monday-to-Sunday week before the one `moment` falls in (what Monday's digest
    covers)."""
    local = moment.astimezone(tz)
    this_monday = datetime.combine(local.date() - timedelta(days=local.weekday()), time(), tz)
    return Week(this_monday - timedelta(days=7), this_monday)


def last_seven_days(moment: datetime, tz: ZoneInfo) -> Week:
    """The seven days up to `moment`, itself included (what /report covers on demand: a job
    booked the same instant counts)."""
    local = moment.astimezone(tz)
    return Week(local - timedelta(days=7), local + timedelta(microseconds=1))


def digest_times(moment: datetime, tz: ZoneInfo) -> list[datetime]:
    """The Monday 08:00 digests to schedule: the next one (planned a week ahead, so it goes
    at start if the bot was down when it fell due), and the latest one too when it is less
    than a day old (a bot first started on a Monday morning still sends it; one first started
    mid-week does not send last week's)."""
    local = moment.astimezone(tz)
    monday = local.date() - timedelta(days=(local.weekday() - DIGEST_WEEKDAY) % 7)
    latest = datetime.combine(monday, DIGEST_TIME, tz)
    if latest > local:
        latest -= timedelta(days=7)
    following = latest + timedelta(days=7)
    return [latest, following] if local - latest < CATCH_UP else [following]


@dataclass(frozen=True)
class ServiceDemand:
    """One service in the week: requests started and how many became bookings."""

    service: str
    requests: int
    booked: int


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

    @property
    def requests(self) -> int:
        """Requests started in the week."""
        return sum(d.requests for d in self.demand)

    @property
    def booked(self) -> int:
        """Of which became bookings."""
        return sum(d.booked for d in self.demand)

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


class FindingKind(StrEnum):
    """What a line of the digest is about."""

    SLOW = "slow"
    UNMET = "unmet"
    LOW_RATING = "low_rating"
    MISSED = "missed"
    OVERDUE = "overdue"
    DEMAND = "demand"  # totals: requests and bookings
    RATINGS = "ratings"
    CARE = "care"
    LOANS = "loans"
    ANSWERS = "answers"


@dataclass(frozen=True)
class Finding:
    """One line: its kind and the figures it names (what it is about is ``subject``)."""

    kind: FindingKind
    subject: str = ""
    numbers: dict[str, float | int | str] = field(default_factory=dict)


def findings(f: Figures) -> list[Finding]:
    """What needs a decision, most pressing first: elders not heard from, overdue tools,
    slow providers, low ratings, then needs nobody offers."""
    found: list[Finding] = []
    for c in sorted(f.care, key=lambda c: (-c.missed, c.elder)):
        if c.missed >= MISSED_AT_LEAST:
            found.append(Finding(FindingKind.MISSED, c.elder, {"missed": c.missed, "due": c.due}))
    overdue = sum(t.overdue for t in f.tools)
    if overdue:
        worst = max(f.tools, key=lambda t: (t.overdue, t.tool))
        found.append(Finding(FindingKind.OVERDUE, worst.tool, {"overdue": overdue}))
    for r in sorted(f.responses, key=lambda r: (-r.missed / max(r.offers, 1), r.provider)):
        if r.slow:
            numbers: dict[str, float | int | str] = {
                "missed": r.missed,
                "offers": r.offers,
                "window": r.window_minutes,
            }
            found.append(Finding(FindingKind.SLOW, r.provider, numbers))
    for p in sorted(f.ratings, key=lambda p: (p.average, p.provider)):
        if p.count >= LOW_RATING_MIN and p.average < LOW_RATING:
            found.append(
                Finding(
                    FindingKind.LOW_RATING,
                    p.provider,
                    {"average": round(p.average, 1), "count": p.count},
                )
            )
    for u in f.unmet:
        if u.count >= UNMET_AT_LEAST:
            found.append(Finding(FindingKind.UNMET, u.text, {"count": u.count}))
    return found


def totals(f: Figures) -> list[Finding]:
    """The week's plain totals, to fill the digest when little needs a decision."""
    return [
        Finding(FindingKind.DEMAND, "", {"requests": f.requests, "booked": f.booked}),
        Finding(
            FindingKind.RATINGS,
            "",
            {"count": f.rating_count, "average": round(f.rating_average, 1)},
        ),
        Finding(FindingKind.CARE, "", {"due": f.checkins_due, "missed": f.checkins_missed}),
        Finding(
            FindingKind.LOANS,
            "",
            {"lent": sum(t.lent for t in f.tools), "overdue": sum(t.overdue for t in f.tools)},
        ),
        Finding(
            FindingKind.ANSWERS,
            "",
            {
                "offers": sum(r.offers for r in f.responses),
                "missed": sum(r.missed for r in f.responses),
            },
        ),
    ]


def digest_lines(f: Figures) -> list[Finding]:
    """Exactly five lines: what needs a decision first, then the totals (the week's demand
    always has a line: it is what the other figures are read against)."""
    needs, fill = findings(f), totals(f)
    if len(needs) >= LINES:
        return [*needs[: LINES - 1], fill[0]]
    return [*needs, *fill][:LINES]
