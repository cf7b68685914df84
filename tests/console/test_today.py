"""The Today page's order (pure): breaches, then due, then the rest; people before jobs before
tools; a job by how far through its window; the same order every refresh."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.console.repo import CheckinRow, IncidentRow, JobRow, LoanRow
from bot.domain.console.today import CareWindows, build_today

NOW = datetime(2026, 11, 28, 2, 0, tzinfo=UTC)
WINDOWS = {"drain_unclogging": timedelta(minutes=30), "deep_cleaning": timedelta(hours=4)}


def job(ident: int, service: str, status: str, minutes: int) -> JobRow:
    since = NOW - timedelta(minutes=minutes)
    return JobRow(ident, service, "booking", status, "jiejia", "3", since, since)


def incident(ident: int, minutes: int) -> IncidentRow:
    return IncidentRow(ident, "help", "open", NOW - timedelta(minutes=minutes))


def checkin(ident: int, state: str, minutes: int) -> CheckinRow:
    return CheckinRow(ident, "elder", state, NOW - timedelta(minutes=minutes))


def loan(ident: int, minutes: int) -> LoanRow:
    return LoanRow(ident, "ladder", NOW - timedelta(minutes=minutes))


def order(
    jobs: list[JobRow],
    incidents: Iterable[IncidentRow] = (),
    checkins: Iterable[CheckinRow] = (),
    loans: Iterable[LoanRow] = (),
) -> list[str]:
    today = build_today(
        NOW, jobs, lambda j: WINDOWS[j.service], list(incidents), list(checkins), list(loans)
    )
    return [f"{line.kind}{line.id}" for line in today.lines]


@pytest.mark.parametrize(
    ("case", "jobs", "incidents", "checkins", "loans", "expected"),
    [
        (
            # 40 min of a 30-min window beats 5 h of a 4 h window: 133% vs 125%
            "breaches by share of window",
            [job(1, "deep_cleaning", "offered", 300), job(2, "drain_unclogging", "offered", 40)],
            [],
            [],
            [],
            ["job2", "job1"],
        ),
        (
            # 20 min of 30 (67%) is due before 150 min of 240 (62%): share, not raw age
            "due by share of window",
            [job(1, "deep_cleaning", "offered", 150), job(2, "drain_unclogging", "offered", 20)],
            [],
            [],
            [],
            ["job2", "job1"],
        ),
        (
            "help calls before breached jobs, breaches before due, open last",
            [
                job(1, "drain_unclogging", "accepted", 600),
                job(2, "drain_unclogging", "offered", 20),
                job(3, "drain_unclogging", "offered", 90),
            ],
            [incident(7, 1)],
            [],
            [],
            ["incident7", "job3", "job2", "job1"],
        ),
        (
            "nobody took it: a breach whatever its age",
            [job(1, "deep_cleaning", "unassigned", 1), job(2, "deep_cleaning", "offered", 10)],
            [],
            [],
            [],
            ["job1", "job2"],
        ),
        (
            "escalated check-in before jobs; a pinged one due; an overdue tool after due jobs",
            [job(1, "drain_unclogging", "offered", 35), job(2, "drain_unclogging", "offered", 20)],
            [],
            [checkin(4, "pinged", 5), checkin(5, "grid", 130)],
            [loan(6, 3000)],
            ["checkin5", "job1", "checkin4", "job2", "loan6"],
        ),
        (
            "a fresh help call is due yet still tops the page; a fresh check-in is due",
            [job(1, "drain_unclogging", "offered", 35)],
            [incident(7, 0)],
            [checkin(4, "grid", 0)],
            [],
            ["incident7", "job1", "checkin4"],
        ),
        (
            "ties by number, whatever the input order",
            [job(9, "drain_unclogging", "offered", 40), job(3, "drain_unclogging", "offered", 40)],
            [incident(8, 5), incident(2, 5)],
            [],
            [],
            ["incident2", "incident8", "job3", "job9"],
        ),
    ],
)
def test_today_order(
    case: str,
    jobs: list[JobRow],
    incidents: list[IncidentRow],
    checkins: list[CheckinRow],
    loans: list[LoanRow],
    expected: list[str],
) -> None:
    """Most urgent first, consistently."""
    assert order(jobs, incidents, checkins, loans) == expected, case
    assert order(list(reversed(jobs)), reversed(incidents), reversed(checkins), loans) == expected


def _job_at(status: str, asked: int, since: int) -> JobRow:
    """A job asked `asked` minutes ago whose current step began `since` minutes ago."""
    return JobRow(
        7,
        "drain_unclogging",
        "booking",
        status,
        "jiejia",
        "3",
        NOW - timedelta(minutes=asked),
        NOW - timedelta(minutes=since),
    )


@pytest.mark.parametrize(
    ("status", "asked", "since", "age", "window", "urgency"),
    [
        # an open offer: since the resident asked, against its response window; a re-dispatch
        # (a new offer 10 min ago) does not restart the wait: the retest saw "waited 0 min"
        # for a resident who had waited 16
        ("offered", 10, 10, 10, 30, "open"),
        ("offered", 20, 1, 20, 30, "due"),
        ("offered", 40, 40, 40, 30, "breach"),
        ("offered", 90, 10, 90, 30, "breach"),
        # nobody took it (after a re-dispatch too): since the resident asked, a breach; the
        # retest saw "breach · waiting 0 min" when the age was measured from the last change
        ("unassigned", 300, 0, 300, None, "breach"),
        # accepted or on site: no longer waiting for an answer, so no window; since asked (the
        # retest saw an accepted job "open · waiting 1200 min · window 120 min")
        ("accepted", 1200, 1200, 1200, None, "open"),
        ("arrived", 200, 5, 200, None, "open"),
    ],
)
def test_a_jobs_age_and_window_depend_on_its_state(
    status: str, asked: int, since: int, age: int, window: int | None, urgency: str
) -> None:
    line = build_today(
        NOW, [_job_at(status, asked, since)], lambda j: WINDOWS[j.service], [], [], []
    )
    only = line.lines[0]
    assert only.age == timedelta(minutes=age)
    assert only.window == (timedelta(minutes=window) if window else None)
    assert only.urgency == urgency


INCIDENT_WINDOWS = CareWindows(
    ack=timedelta(minutes=5), unresolved=timedelta(minutes=60), checkin=timedelta(minutes=120)
)


@pytest.mark.parametrize(
    ("kind", "state", "minutes", "urgency"),
    [
        # nobody said "I'm going": due through the 5-minute ack window, then a breach (the
        # tester saw a help call seconds old marked "Breach · waited 0 min")
        ("incident", "open", 0, "due"),
        ("incident", "open", 5, "due"),
        ("incident", "open", 6, "breach"),
        # someone is going: due until an ack in time plus its settling time
        ("incident", "acknowledged", 30, "due"),
        ("incident", "support", 65, "due"),
        ("incident", "acknowledged", 66, "breach"),
        # a check-in: due until the ladder's staff step (a proxy ping asks the grid worker at
        # once: "grid worker asked" 0 minutes old was shown as a breach)
        ("checkin", "grid", 0, "due"),
        ("checkin", "reminded", 45, "due"),
        ("checkin", "escalated", 120, "due"),
        ("checkin", "escalated", 121, "breach"),
    ],
)
def test_people_in_need_breach_only_after_their_window(
    kind: str, state: str, minutes: int, urgency: str
) -> None:
    since = NOW - timedelta(minutes=minutes)
    calls = [IncidentRow(1, "help_call", state, since)] if kind == "incident" else []
    waits = [CheckinRow(1, "elder", state, since)] if kind == "checkin" else []
    today = build_today(NOW, [], lambda j: WINDOWS[j.service], calls, waits, [], INCIDENT_WINDOWS)
    (line,) = today.lines
    assert line.urgency == urgency
    assert today.breaches == (urgency == "breach")
