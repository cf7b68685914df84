"""The week's figures and what in them needs a decision: pure, no database, clock or Telegram.

:class:`Figures` is what :mod:`.repo` reads for one :class:`Week`; :func:`findings` picks what
staff should decide on (a help call nobody has closed, or calls nobody took up in time; a
provider slow against its response window, a service residents asked for that nobody
offers, a text asked again and again that matched nothing, a provider rated low, elders who
missed check-ins, tools not brought back), most pressing first, and :func:`digest_lines`
makes exactly five lines of it, topped up with the week's plain totals when fewer things need
a decision.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.domain.reports.figures import ElderCare as ElderCare
from bot.domain.reports.figures import Figures as Figures
from bot.domain.reports.figures import HelpCall as HelpCall
from bot.domain.reports.figures import ProviderRating as ProviderRating
from bot.domain.reports.figures import Response as Response
from bot.domain.reports.figures import ServiceDemand as ServiceDemand
from bot.domain.reports.figures import ToolUse as ToolUse
from bot.domain.reports.figures import Unmet as Unmet
from bot.domain.reports.figures import Week as Week

DIGEST_WEEKDAY = 0  # Monday
DIGEST_TIME = time(8, 0)
CATCH_UP = timedelta(days=1)
LINES = 5

# When a figure is worth a decision (documented in docs/reports.md).
UNMET_AT_LEAST = 2  # a text that matched nothing, asked this often
LOW_RATING = 3.5  # a provider's average this week below this ...
LOW_RATING_MIN = 1  # ... over at least this many ratings
MISSED_AT_LEAST = 1  # an elder with this many check-ins nobody answered in the week


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


class FindingKind(StrEnum):
    """What a line of the digest is about."""

    SLOW = "slow"
    UNMET = "unmet"
    UNSERVED = "unserved"  # a service residents asked for that no provider could take
    LOW_RATING = "low_rating"
    MISSED = "missed"
    OVERDUE = "overdue"
    HELP_OPEN = "help_open"  # a help call nobody has said they are going to
    HELP_GOING = "help_going"  # someone went; nobody has confirmed the person safe
    HELP_LATE = "help_late"  # calls in the week nobody took up within the window
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
    elders: tuple[str, ...] = ()  # a MISSED line: every elder it names, in order


def help_findings(f: Figures) -> list[Finding]:
    """Help calls first: each one still open (nobody going yet before someone going but the
    person not confirmed safe, oldest first), then how many calls of the week nobody took up
    within the response window (the duty list may need changing)."""
    still = sorted((c for c in f.help_calls if c.open), key=lambda c: (c.state != "open", c.id))
    found = [
        Finding(
            FindingKind.HELP_OPEN if c.state == "open" else FindingKind.HELP_GOING,
            c.name,
            {"id": c.id},
        )
        for c in still
    ]
    week = [c for c in f.help_calls if f.week.start <= c.created_at < f.week.end]
    late = sum(1 for c in week if c.rounds > 0)
    if late:
        found.append(Finding(FindingKind.HELP_LATE, "", {"calls": len(week), "late": late}))
    return found


def missed_finding(f: Figures) -> Finding | None:
    """One line for every elder not heard from (retest 15: a line each, under the five-line
    cap, named 李大爷 and left out 王阿姨, high risk and 0/3): most unanswered first, a high-risk
    elder first among equals (as Care orders them). Its subject and numbers are the first's."""
    ordered = sorted(
        (c for c in f.care if c.missed >= MISSED_AT_LEAST),
        key=lambda c: (-c.missed, c.risk != "high", c.elder),
    )
    if not ordered:
        return None
    first = ordered[0]
    numbers: dict[str, float | int | str] = {"missed": first.missed, "due": first.due}
    return Finding(FindingKind.MISSED, first.elder, numbers, tuple(c.elder for c in ordered))


def findings(f: Figures) -> list[Finding]:
    """What needs a decision, most pressing first: open help calls, elders not heard from,
    overdue tools, slow providers, low ratings, then needs nobody offers."""
    found = help_findings(f)
    missed = missed_finding(f)
    if missed is not None:
        found.append(missed)
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
    found.extend(
        Finding(FindingKind.UNSERVED, u.service, {"residents": u.residents}) for u in f.unserved
    )
    for u in f.unmet:
        if u.count >= UNMET_AT_LEAST:
            found.append(Finding(FindingKind.UNMET, u.text, {"count": u.count}))
    return found


def totals(f: Figures) -> list[Finding]:
    """The week's plain totals, to fill the digest when little needs a decision."""
    return [
        Finding(
            FindingKind.DEMAND,
            "",
            {
                "requests": f.requests,
                "booked": f.booked,
                "taken": f.taken,
                "cancelled": f.cancelled,
            },
        ),
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


# Lines about people in need: an unmet service never takes their place in the five lines
# (retest 15: it pushed out the elders not heard from for three days).
PEOPLE = frozenset(
    {FindingKind.HELP_OPEN, FindingKind.HELP_GOING, FindingKind.HELP_LATE, FindingKind.MISSED}
)


def digest_lines(f: Figures) -> list[Finding]:
    """Exactly five lines: what needs a decision first, then the totals (the week's demand
    always has a line: it is what the other figures are read against). The week's top unmet
    need (a service residents asked for that nobody offers) is named: with more to decide than
    lines, it takes the last of them that is not about people in need (:data:`PEOPLE`)."""
    needs, fill = findings(f), totals(f)
    if len(needs) >= LINES:
        kept = needs[: LINES - 1]
        top = next((n for n in needs if n.kind is FindingKind.UNSERVED), None)
        spare = [i for i, n in enumerate(kept) if n.kind not in PEOPLE]
        if top is not None and top not in kept and spare:
            kept[spare[-1]] = top
        return [*kept, fill[0]]
    return [*needs, *fill][:LINES]
