"""Pure check-in model: the enrolled elder, a check-in, a visit, their states, the ladder as a
transition table, and the rules (quiet hours, which pings to plan, the ladder's schedule, pause
spans, visit cadence, the /care order). No SQL, no I/O, no Telegram."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from bot.config import CheckinPolicy


class CheckinState(StrEnum):
    """Where one check-in stands."""

    PINGED = "pinged"  # the elder was greeted (or the grid worker asked, by proxy)
    REMINDED = "reminded"
    GRID = "grid"  # the grid worker was asked to call or visit
    ESCALATED = "escalated"  # staff (or the housekeepers on duty) alerted
    HELP = "help"  # carried by the elder's open help call
    FINE = "fine"
    UNWELL = "unwell"  # answered "not so well": the grid worker calls today
    SKIPPED = "skipped"  # the ping fell in a pause


class CheckinEvent(StrEnum):
    """What can happen to a check-in."""

    REMIND = "remind"  # the reminder step fell due
    ASK_GRID = "ask_grid"  # the grid-worker step (or a proxy ping)
    ESCALATE = "escalate"  # the staff step, or nobody to ask
    ANSWER = "answer"  # any sign of life from the elder
    CONFIRM = "confirm"  # the grid worker or staff confirmed she is safe
    UNWELL = "unwell"  # she said she is not so well
    HELP = "help"  # a help call opened (pressed, written, or support asked)
    CALL_CLOSED = "call_closed"  # the help call carrying it was confirmed safe


S, E = CheckinState, CheckinEvent
WAITING = (S.PINGED, S.REMINDED, S.GRID, S.ESCALATED)
"""Open and still on the ladder: an answer settles these."""
OPEN = (*WAITING, S.HELP)
"""Not settled yet (a help call settles only through the call)."""

LADDER: dict[tuple[CheckinState, CheckinEvent], CheckinState] = {
    (S.PINGED, E.REMIND): S.REMINDED,
    **{(s, E.ASK_GRID): S.GRID for s in (S.PINGED, S.REMINDED)},
    **{(s, E.ESCALATE): S.ESCALATED for s in (S.PINGED, S.REMINDED, S.GRID)},
    **{(s, E.ANSWER): S.FINE for s in WAITING},
    **{(s, E.CONFIRM): S.FINE for s in WAITING},
    **{(s, E.UNWELL): S.UNWELL for s in WAITING},
    # A help call opens whatever the check-in said: 需要帮助 is never "already noted".
    **{(s, E.HELP): S.HELP for s in S},
    (S.HELP, E.CALL_CLOSED): S.FINE,
}
"""(state, event) -> next state; a pair not listed is forbidden."""


def next_state(state: CheckinState, event: CheckinEvent) -> CheckinState | None:
    """The state an event moves a check-in to, or None when the event is not allowed."""
    return LADDER.get((state, event))


class Step(StrEnum):
    """The ladder's steps after a ping, each a deadline."""

    REMIND = "remind"
    GRID = "grid"
    STAFF = "staff"


def ladder(policy: CheckinPolicy) -> list[tuple[Step, timedelta]]:
    """Each step and how long after the ping it falls due."""
    return [
        (Step.REMIND, policy.reminder_after),
        (Step.GRID, policy.grid_worker_after),
        (Step.STAFF, policy.staff_after),
    ]


def proxy_staff_at(policy: CheckinPolicy, due: datetime, now: datetime) -> datetime:
    """When staff hear of a check-in the grid worker was asked to do (proxy or late): as long
    after asking as staff come after the grid worker on the normal ladder."""
    return max(now, due) + policy.staff_after - policy.grid_worker_after


class VisitState(StrEnum):
    """A scheduled grid-worker visit."""

    SCHEDULED = "scheduled"
    MISSED = "missed"  # a day late: staff were told; the worker can still record it
    DONE = "done"


@dataclass(frozen=True)
class FamilyRequest:
    """Someone asked to follow an elder as family."""

    id: int
    elder_key: str
    person_id: int
    state: str


VISIT_OPEN = (VisitState.SCHEDULED, VisitState.MISSED)


class Mood(StrEnum):
    """How the grid worker found the elder on a visit."""

    GOOD = "good"
    FAIR = "fair"
    POOR = "poor"  # staff are told too


class Risk(StrEnum):
    """How often the elder is visited."""

    HIGH = "high"
    NORMAL = "normal"


class Sign(StrEnum):
    """How a sign of life came (the closer's wording, ``checkins.how_<sign>``)."""

    BUTTON = "button"
    MESSAGE = "message"
    UNWELL = "unwell"
    CONFIRMED = "confirmed"
    STICKER = "sticker"
    VOICE = "voice"
    PHOTO = "photo"
    VIDEO_NOTE = "video_note"
    VIDEO = "video"
    LOCATION = "location"


MEDIA_SIGNS = (Sign.VOICE, Sign.PHOTO, Sign.VIDEO_NOTE, Sign.VIDEO, Sign.LOCATION)
"""Signs the bot cannot read: forwarded to whoever was alerted."""


@dataclass(frozen=True)
class Enrolled:
    """An elder enrolled for check-ins (from the file or by staff)."""

    key: str
    name: str
    address: str
    times: tuple[time, ...]
    grid_worker: str
    risk: str
    has_telegram: bool
    paused_from: datetime | None
    paused_until: datetime | None
    created_at: datetime

    def paused_at(self, moment: datetime) -> bool:
        """Whether check-ins are paused at this moment."""
        if self.paused_until is None:
            return False
        start = self.paused_from or self.created_at
        return start <= moment < self.paused_until


@dataclass(frozen=True)
class Checkin:
    """One check-in of one elder at one time of day."""

    id: int
    elder_key: str
    slot: str
    due_at: datetime
    state: str
    proxy: bool
    closed_by: str | None

    @property
    def day(self) -> str:
        """The slot's day (``YYYY-MM-DD``)."""
        return self.slot[:10]


@dataclass(frozen=True)
class Visit:
    """A scheduled non-task visit by the grid worker."""

    id: int
    elder_key: str
    due_at: datetime
    state: str
    mood: str | None
    note: str | None


@dataclass(frozen=True)
class CareLine:
    """One elder's state today, for the staff view."""

    elder: Enrolled
    state: str
    since: datetime | None


def in_quiet_hours(moment: time, start: time, end: time) -> bool:
    """Whether a time of day falls in quiet hours (which may wrap past midnight)."""
    if start == end:
        return False
    if start < end:
        return start <= moment < end
    return moment >= start or moment < end


def slot_name(day: date, at: time) -> str:
    """A check-in's slot: its day and time of day to the minute (``2026-03-02T08:30``)."""
    return f"{day.isoformat()}T{at.strftime('%H:%M')}"


def pings_to_plan(
    elder: Enrolled, now: datetime, tz: tzinfo, policy: CheckinPolicy
) -> list[tuple[str, datetime]]:
    """The pings of yesterday..tomorrow to schedule: from enrolment on, not older than a day,
    never in quiet hours or a pause. Every time of day is its own slot (08:00 and 08:30 both)."""
    today = now.astimezone(tz).date()
    planned = []
    for offset in (-1, 0, 1):
        day = today + timedelta(days=offset)
        for at in elder.times:
            moment = datetime.combine(day, at, tzinfo=tz)
            if moment < elder.created_at or moment < now - timedelta(days=1):
                continue
            if in_quiet_hours(at, policy.quiet_start, policy.quiet_end):
                continue
            if not elder.paused_at(moment):
                planned.append((slot_name(day, at), moment))
    return planned


def greeting(due: datetime, tz: tzinfo) -> str:
    """Morning, afternoon or evening, by the check-in's local hour."""
    hour = due.astimezone(tz).hour
    return "morning" if hour < 11 else "afternoon" if hour < 18 else "evening"


def pause_span(
    now: datetime, start: datetime, until: datetime, cap: timedelta
) -> tuple[datetime, datetime]:
    """The pause actually applied: never starting in the past, never longer than the cap."""
    begin = max(start, now)
    return begin, min(until, begin + cap)


DEFAULT_PAUSE = timedelta(days=3)


def trip_span(
    now: datetime,
    span: tuple[datetime, datetime | None] | None,
    length: timedelta | None,
) -> tuple[datetime, datetime] | None:
    """A trip's pause from what the words said: a moment or span, a length, or both.

    The pause starts at the moment said if it is in the future, else now; it lasts the length
    said, else to the end of the span said, else three days. None when neither was said.
    """
    if span is None and length is None:
        return None
    start = span[0] if span is not None and span[0] > now else now
    if length is not None:
        return start, start + length
    if span is not None and span[1] is not None:
        return start, span[1]
    return start, start + DEFAULT_PAUSE


def visit_every(risk: str, policy: CheckinPolicy) -> timedelta:
    """How often an elder is visited: weekly for high risk, monthly otherwise (the file's)."""
    return policy.visit_every_high if risk == Risk.HIGH else policy.visit_every_normal


def visit_plan(base: datetime, every: timedelta) -> tuple[datetime, datetime, datetime]:
    """The next visit from the last one done (or enrolment): (due, remind at, missed at).

    The reminder comes a day before, or half-way for visits more often than every two days;
    a visit is missed a day after it was due.
    """
    due = base + every
    return due, due - min(timedelta(days=1), every / 2), due + timedelta(days=1)


URGENCY = {
    "help": 0,
    "escalated": 1,
    "grid": 2,
    "reminded": 3,
    "pinged": 4,
    "unwell": 5,
    "paused": 6,
    "none": 7,
    "fine": 8,
}
"""/care: most urgent first ("paused" and "none" are view states, not check-in states)."""


def care_order(lines: list[CareLine]) -> list[CareLine]:
    """The staff view's order: most urgent state first, then by elder key."""
    return sorted(lines, key=lambda line: (URGENCY.get(line.state, 5), line.elder.key))


def care_state(
    elder: Enrolled, now: datetime, checkin: Checkin | None, help_since: datetime | None
) -> CareLine:
    """An elder's line in /care: an open help call outranks the day's check-in; a pause shows
    unless a check-in is still open."""
    if help_since is not None:
        return CareLine(elder, "help", help_since)
    if elder.paused_at(now) and (checkin is None or checkin.state not in OPEN):
        return CareLine(elder, "paused", elder.paused_until)
    if checkin is None:
        return CareLine(elder, "none", None)
    return CareLine(elder, checkin.state, checkin.due_at)
