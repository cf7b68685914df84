"""Pure check-in model: the enrolled elder, a check-in, a visit, their states, the ladder as a
transition table and its steps, and the /care order. When things happen (which pings to plan,
quiet hours, pause spans, visit cadence) is :mod:`.schedule`. No SQL, no I/O, no Telegram."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
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
