"""The Today page's pure core: every open thing as one line, most urgent first.

No SQL, no I/O. Open jobs are measured against their response window (a breach when older); open
help calls and emergencies, and unanswered check-ins, are due until their own window has passed
(:class:`CareWindows`), then breaches; an overdue tool is due. The order (:func:`rank`) is total
and stable, so the page reads the same on every refresh: breaches (and every open help call) first,
then what is due, then the rest; within each, people in need (help calls, emergencies) before
unanswered check-ins before jobs before tools; then the most pressing first (by how far through
its window it is; a tool by how long it has waited); then by number.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.config import Community
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
    incident: IncidentRow | None = None  # a help call's details (who, where, who took it)
    provider: str = ""  # a job's: whose it is now (an open offer: whom to chase)


@dataclass(frozen=True)
class Today:
    """The Today page's lines and counts."""

    lines: list[Line]

    @property
    def breaches(self) -> int:
        """How many lines are past their window."""
        return sum(1 for line in self.lines if line.urgency is Urgency.BREACH)


@dataclass(frozen=True)
class CareWindows:
    """How long people in need may wait before Today calls it a breach (the community's
    ``[emergency]`` and ``[checkins]``): a help call or emergency nobody said "I'm going" to
    within ``ack`` (then the rounds escalate); one someone took but nobody confirmed safe
    within ``ack`` + ``unresolved`` of being raised (an ack in time, then its settling time);
    a check-in unanswered past ``checkin`` (the ladder's staff step). Before that: due."""

    ack: timedelta = timedelta(minutes=5)
    unresolved: timedelta = timedelta(minutes=60)
    checkin: timedelta = timedelta(minutes=120)

    @classmethod
    def of(cls, community: Community) -> CareWindows:
        """The community's own windows."""
        urgent, care = community.emergency, community.checkins
        return cls(urgent.ack_window, urgent.unresolved_after, care.staff_after)

    def incident(self, state: str) -> timedelta:
        """An open incident's window: to be taken, or (taken) to be settled."""
        return self.ack if state == "open" else self.ack + self.unresolved


def care_urgency(age: timedelta, window: timedelta) -> Urgency:
    """A person in need is never merely open: due within the window, a breach past it."""
    return Urgency.BREACH if age > window else Urgency.DUE


def job_urgency(
    job: JobRow, now: datetime, window: timedelta, late: frozenset[int] = frozenset()
) -> Urgency:
    """An open job: overdue by the bookings' own rule (``late``: the numbers /bookings marks
    ⚠️逾期 — a worker who never arrived, a slot over and not done): a breach, as is a job
    nobody took at all (staff must act); an offer against its response window, counted from
    the resident's ask (a re-dispatch does not restart the resident's wait); else open."""
    if job.status == "unassigned" or job.id in late:
        return Urgency.BREACH
    if job.status == "offered":
        return urgency(now - job.asked, window)
    return Urgency.OPEN


def job_age(job: JobRow, now: datetime, window: timedelta) -> tuple[timedelta, timedelta | None]:
    """How long the resident has waited (since they asked, whichever offer is open now), and
    against which window: an open offer against the response window; any other open job
    (nobody took it, accepted, on site) with no window (it is no longer waiting for an
    answer)."""
    return now - job.asked, window if job.status == "offered" else None


def build_today(
    now: datetime,
    jobs: list[JobRow],
    window_of: Callable[[JobRow], timedelta],
    incidents: list[IncidentRow],
    checkins: list[CheckinRow],
    loans: list[LoanRow],
    care: CareWindows = CareWindows(),
    late: frozenset[int] = frozenset(),
) -> Today:
    """Every open thing, in the :func:`rank` order; ``late``: the jobs overdue by the
    bookings' rule (:meth:`BookingService.overdue_ids`)."""
    lines = [
        Line(
            "job",
            j.id,
            j.service,
            j.status,
            job_urgency(j, now, w, late),
            *job_age(j, now, w),
            provider=j.provider_id or "",
        )
        for j, w in ((j, window_of(j)) for j in jobs)
    ]
    for i in incidents:
        age, window = now - i.created_at, care.incident(i.state)
        urgent = care_urgency(age, window)
        lines.append(Line("incident", i.id, i.kind, i.state, urgent, age, window, incident=i))
    for c in checkins:
        age = now - c.due_at
        urgent = care_urgency(age, care.checkin)
        lines.append(Line("checkin", c.id, c.elder_key, c.state, urgent, age, care.checkin))
    lines += [Line("loan", n.id, n.tool, "overdue", Urgency.DUE, now - n.due_at) for n in loans]
    lines.sort(key=rank)
    return Today(lines)


KIND_ORDER = {"incident": 0, "checkin": 1, "job": 2, "loan": 3}


def pressure(line: Line) -> float:
    """How pressing a line is within its kind: a job's age as a share of its response window
    (1.0 = the window has just closed), anything else its age in minutes."""
    if line.window:
        return line.age / line.window
    return line.age.total_seconds() / 60


def rank(line: Line) -> tuple[int, int, float, int]:
    """The Today order: urgency (an open help call or emergency always with the breaches: a
    person in need tops the page even before its window is up), then kind (people first),
    then pressure (most first), then number (a tie never flips between refreshes)."""
    tier = URGENCY_ORDER[Urgency.BREACH if line.kind == "incident" else line.urgency]
    return (tier, KIND_ORDER.get(line.kind, 9), -pressure(line), line.id)
