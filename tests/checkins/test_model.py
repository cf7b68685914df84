"""Check-in model as tables: the ladder pair by pair, planning, quiet hours, pauses, visits,
/care order, the /enroll form, and the deadline names of the contract."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.config import CheckinPolicy
from bot.deadlines import Deadline
from bot.domain.checkins.contract import (
    DeadlineKind,
    NoteRequest,
    SlotDeadline,
    VisitStep,
    resume_name,
    slot_of,
    visit_deadline,
    visit_of,
)
from bot.domain.checkins.forms import parse_enrolment, visit_note
from bot.domain.checkins.model import (
    CareLine,
    Checkin,
    CheckinEvent,
    CheckinState,
    Enrolled,
    Mood,
    care_order,
    care_state,
    next_state,
)
from bot.domain.checkins.schedule import (
    greeting,
    in_quiet_hours,
    pause_span,
    pings_to_plan,
    trip_span,
    visit_every,
    visit_plan,
)

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 3, 7, 8, 0, tzinfo=TZ)  # a Saturday morning
POLICY = CheckinPolicy()
DAY = timedelta(days=1)

# Every state against every event, in this order of events:
EVENTS = [
    CheckinEvent.REMIND,
    CheckinEvent.ASK_GRID,
    CheckinEvent.ESCALATE,
    CheckinEvent.ANSWER,
    CheckinEvent.CONFIRM,
    CheckinEvent.UNWELL,
    CheckinEvent.HELP,
    CheckinEvent.CALL_CLOSED,
]
MATRIX = {
    "pinged": "reminded grid escalated fine fine unwell help -",
    "reminded": "- grid escalated fine fine unwell help -",
    "grid": "- - escalated fine fine unwell help -",
    "escalated": "- - - fine fine unwell help -",
    "help": "- - - - - - help fine",
    "fine": "- - - - - - help -",
    "unwell": "- - - - - - help -",
    "skipped": "- - - - - - help -",
}
PAIRS = [
    (state, event, None if cell == "-" else cell)
    for state, row in MATRIX.items()
    for event, cell in zip(EVENTS, row.split(), strict=True)
]


def test_the_matrix_lists_every_state_and_event() -> None:
    """The table below is complete: 8 states x 8 events."""
    assert set(MATRIX) == {s.value for s in CheckinState}
    assert set(EVENTS) == set(CheckinEvent)


@pytest.mark.parametrize(("state", "event", "expected"), PAIRS)
def test_ladder_pair(state: str, event: CheckinEvent, expected: str | None) -> None:
    """Each (state, event): the next state, or None when the event is forbidden there."""
    assert next_state(CheckinState(state), event) == expected


def _elder(
    times: tuple[str, ...] = ("08:30",),
    created: datetime = NOW - 10 * DAY,
    paused: tuple[datetime, datetime] | None = None,
) -> Enrolled:
    return Enrolled(
        "elder_wang", "王阿姨", "3-2-501", tuple(time.fromisoformat(t) for t in times),
        "hk_zhang", "high", True, paused[0] if paused else None, paused[1] if paused else None,
        created,
    )  # fmt: skip


def at(day: int, hhmm: str) -> datetime:
    """A moment in March 2026, community time."""
    hour, minute = map(int, hhmm.split(":"))
    return datetime(2026, 3, day, hour, minute, tzinfo=TZ)


@pytest.mark.parametrize(
    ("elder", "slots"),
    [
        (_elder(), ["2026-03-06T08:30", "2026-03-07T08:30", "2026-03-08T08:30"]),
        # Two times in one hour are two slots.
        (
            _elder(("08:00", "08:30")),
            [f"2026-03-0{d}T08:{m}" for d in (6, 7, 8) for m in ("00", "30")],
        ),
        # Quiet hours (22:00-07:00) are never pinged.
        (_elder(("06:30", "22:30", "12:00")), [f"2026-03-0{d}T12:00" for d in (6, 7, 8)]),
        # Nothing before enrolment.
        (_elder(created=at(7, "09:00")), ["2026-03-08T08:30"]),
        # Nothing in a pause.
        (
            _elder(paused=(at(7, "00:00"), at(8, "00:00"))),
            ["2026-03-06T08:30", "2026-03-08T08:30"],
        ),
    ],
)
def test_pings_to_plan(elder: Enrolled, slots: list[str]) -> None:
    """Yesterday to tomorrow, by time of day, from enrolment on, outside quiet hours and pauses."""
    assert sorted(s for s, _ in pings_to_plan(elder, NOW, TZ, POLICY)) == sorted(slots)


def test_a_planned_ping_is_at_its_local_time() -> None:
    """The moment of a slot is its time of day in the community's timezone."""
    planned = dict(pings_to_plan(_elder(("08:00", "08:30")), NOW, TZ, POLICY))
    assert planned["2026-03-07T08:30"] == at(7, "08:30")


def test_pings_older_than_a_day_are_not_planned() -> None:
    """A restart after a long outage does not plan pings more than a day old."""
    assert [s for s, _ in pings_to_plan(_elder(), at(8, "09:00"), TZ, POLICY)] == [
        "2026-03-08T08:30",
        "2026-03-09T08:30",
    ]


@pytest.mark.parametrize(
    ("moment", "start", "end", "quiet"),
    [
        ("23:00", "22:00", "07:00", True),
        ("06:59", "22:00", "07:00", True),
        ("07:00", "22:00", "07:00", False),
        ("21:59", "22:00", "07:00", False),
        ("13:00", "12:00", "14:00", True),
        ("14:00", "12:00", "14:00", False),
        ("03:00", "00:00", "00:00", False),  # equal ends: no quiet hours
    ],
)
def test_quiet_hours(moment: str, start: str, end: str, quiet: bool) -> None:
    """Quiet hours may wrap past midnight; the end is not quiet."""
    assert in_quiet_hours(*(time.fromisoformat(t) for t in (moment, start, end))) is quiet


@pytest.mark.parametrize(
    ("hhmm", "word"),
    [("06:30", "morning"), ("10:59", "morning"), ("11:00", "afternoon"), ("18:00", "evening")],
)
def test_greeting_by_local_hour(hhmm: str, word: str) -> None:
    """早上好 before 11, 下午好 before 18, 晚上好 after."""
    assert greeting(at(7, hhmm), TZ) == word


@pytest.mark.parametrize(
    ("start", "until", "expected"),
    [
        (NOW + DAY, NOW + 3 * DAY, (NOW + DAY, NOW + 3 * DAY)),
        (NOW - DAY, NOW + DAY, (NOW, NOW + DAY)),  # never in the past
        (NOW, NOW + 40 * DAY, (NOW, NOW + 30 * DAY)),  # capped at max_pause
        (NOW + 5 * DAY, NOW + 90 * DAY, (NOW + 5 * DAY, NOW + 35 * DAY)),  # cap from its start
    ],
)
def test_pause_span(start: datetime, until: datetime, expected: tuple[datetime, datetime]) -> None:
    """The pause applied starts now at the earliest and lasts at most the cap."""
    assert pause_span(NOW, start, until, POLICY.max_pause) == expected


@pytest.mark.parametrize(
    ("span", "length", "expected"),
    [
        (None, None, None),
        (None, 2 * DAY, (NOW, NOW + 2 * DAY)),
        ((NOW + DAY, None), None, (NOW + DAY, NOW + 4 * DAY)),  # three days by default
        ((NOW + DAY, NOW + 2 * DAY), None, (NOW + DAY, NOW + 2 * DAY)),
        ((NOW + DAY, NOW + 2 * DAY), 5 * DAY, (NOW + DAY, NOW + 6 * DAY)),  # length wins
        ((NOW - DAY, None), DAY, (NOW, NOW + DAY)),  # a past start means now
    ],
)
def test_trip_span(
    span: tuple[datetime, datetime | None] | None,
    length: timedelta | None,
    expected: tuple[datetime, datetime] | None,
) -> None:
    """A trip said in words: its start, and its length, end, or three days."""
    assert trip_span(NOW, span, length) == expected


@pytest.mark.parametrize(
    ("risk", "base", "due", "remind", "missed"),
    [
        ("high", NOW, NOW + 7 * DAY, NOW + 6 * DAY, NOW + 8 * DAY),
        ("normal", NOW, NOW + 30 * DAY, NOW + 29 * DAY, NOW + 31 * DAY),
    ],
)
def test_visit_cadence(
    risk: str, base: datetime, due: datetime, remind: datetime, missed: datetime
) -> None:
    """Weekly for high risk, monthly otherwise; reminded a day before, missed a day after."""
    assert visit_plan(base, visit_every(risk, POLICY)) == (due, remind, missed)


def test_frequent_visits_are_reminded_half_way() -> None:
    """A visit every 12 hours is reminded 6 hours before, not a day."""
    assert visit_plan(NOW, timedelta(hours=12))[1] == NOW + timedelta(hours=6)


def _checkin(state: str) -> Checkin:
    return Checkin(1, "elder_wang", "2026-03-07T08:30", at(7, "08:30"), state, False, None)


@pytest.mark.parametrize(
    ("checkin", "help_since", "paused", "state"),
    [
        (None, None, False, "none"),
        (_checkin("fine"), None, False, "fine"),
        (_checkin("fine"), at(7, "09:00"), False, "help"),  # a help call outranks the day
        (_checkin("fine"), None, True, "paused"),
        (None, None, True, "paused"),
        (_checkin("grid"), None, True, "grid"),  # an open check-in shows through a pause
    ],
)
def test_care_state(
    checkin: Checkin | None, help_since: datetime | None, paused: bool, state: str
) -> None:
    """What one elder's line in /care says."""
    span = (NOW - DAY, NOW + DAY) if paused else None
    assert care_state(_elder(paused=span), NOW, checkin, help_since).state == state


def test_care_order_is_most_urgent_first() -> None:
    """help, escalated, grid, reminded/pinged, unwell, paused, none, fine; then by key."""
    states = [
        "fine",
        "none",
        "paused",
        "unwell",
        "pinged",
        "reminded",
        "grid",
        "escalated",
        "help",
    ]
    elder = _elder()
    lines = [CareLine(elder, s, None) for s in states]
    expected = ["help", "escalated", "grid", "reminded", "pinged", "unwell", "paused", "none"]
    assert [line.state for line in care_order(lines)] == [*expected, "fine"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("王阿姨 | 3-2-501 | 08:30 | hk_zhang | high", ("high", True, ["08:30"])),
        ("王阿姨 | 3-2-501 | 8:30，17:00 | hk_zhang", ("normal", True, ["08:30", "17:00"])),
        ("王阿姨 | 3-2-501 | 08:30 | hk_zhang | 高 | 代查", ("high", False, ["08:30"])),
        ("王阿姨 | 3-2-501 | 08:30 08:30 | hk_zhang | 普通", ("normal", True, ["08:30"])),
        ("王阿姨 | 3-2-501 | 08:30 | hk_nobody", None),
        ("王阿姨 | 3-2-501 | 8点 | hk_zhang", None),
        ("王阿姨 | 3-2-501 | 25:00 | hk_zhang", None),
        ("王阿姨 | 3-2-501 | 08:30 | hk_zhang | 很高", None),
        (" | 3-2-501 | 08:30 | hk_zhang", None),
        ("王阿姨 | 3-2-501", None),
    ],
)
def test_enrolment_form(text: str, expected: tuple[str, bool, list[str]] | None) -> None:
    """/enroll's line: known grid worker, HH:MM times (sorted, once each), risk, 代查."""
    form = parse_enrolment(text, {"hk_zhang"})
    if expected is None:
        assert form is None
        return
    assert form is not None
    times = [t.strftime("%H:%M") for t in form.times]
    assert (form.risk, form.has_telegram, times) == expected


@pytest.mark.parametrize(("text", "note"), [("无", ""), ("None", ""), ("精神很好", "精神很好")])
def test_visit_note(text: str, note: str) -> None:
    """ "无"/"none" is no note."""
    assert visit_note(text) == note


def _deadline(name: str, ref: str = "elder_wang") -> Deadline:
    return Deadline(1, name, DeadlineKind.PING, ref, NOW)


@pytest.mark.parametrize(
    ("step", "name", "kind"),
    [
        ("ping", "ci:elder_wang:2026-03-07T08:30:ping", DeadlineKind.PING),
        ("remind", "ci:elder_wang:2026-03-07T08:30:remind", DeadlineKind.REMIND),
        ("grid", "ci:elder_wang:2026-03-07T08:30:grid", DeadlineKind.GRID),
        ("staff", "ci:elder_wang:2026-03-07T08:30:staff", DeadlineKind.STAFF),
    ],
)
def test_slot_deadlines_are_made_and_read_back(step: str, name: str, kind: DeadlineKind) -> None:
    """A slot's name carries its full time (08:00 and 08:30 never collide); slot_of reads it."""
    made = SlotDeadline("elder_wang", "2026-03-07T08:30", step)
    assert (made.name, made.kind) == (name, kind)
    assert slot_of(_deadline(name)) == "2026-03-07T08:30"


def test_slot_of_an_old_hourly_name() -> None:
    """Names written before the slot fix held only the hour; they still read."""
    assert slot_of(_deadline("ci:elder_wang:2026-03-07T08:remind")) == "2026-03-07T08"


@pytest.mark.parametrize(
    ("name", "visit"),
    [
        (visit_deadline("e1", 12, VisitStep.REMIND), 12),
        (visit_deadline("e1", 3, VisitStep.MISSED), 3),
        ("ci:e1:2026-03-07T08:30:ping", None),
        ("ci:e1:visitx:remind", None),
    ],
)
def test_visit_of(name: str, visit: int | None) -> None:
    """The visit a visit deadline is about, read from its name; None for anything else."""
    assert visit_of(_deadline(name, "e1")) == visit


def test_resume_name_and_note_request() -> None:
    """A pause's end and the pending note keep their stored shapes."""
    assert resume_name("e1", "2026-03-10 08:00:00") == "ci:e1:resume:2026-03-10 08:00:00"
    request = NoteRequest(7, Mood.POOR)
    assert request.data() == {"visit": 7, "mood": "poor"}
    assert NoteRequest.parse(request.data()) == request
    assert NoteRequest.parse({"visit": 7}) == NoteRequest(7, Mood.FAIR)
