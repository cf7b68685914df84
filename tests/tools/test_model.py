"""The cabinet's pure core as tables: every (state, event) pair, and each lending rule."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.deadlines import Deadline
from bot.domain.tools.contract import (
    Action,
    DeadlineKind,
    LoanDeadline,
    NoteRequest,
    StaffAction,
    loan_of,
    loan_prefix,
)
from bot.domain.tools.model import (
    ExtendOutcome,
    Loan,
    LoanEvent,
    LoanStatus,
    Refusal,
    Unit,
    UnitEvent,
    UnitState,
    Waiter,
    availability,
    covering,
    extension,
    in_line,
    loan_next,
    may_cancel,
    may_pick_up,
    refusal,
    remind_at,
    staff_events,
    state_counts,
    unit_next,
)

NOW = datetime(2026, 11, 28, 0, 0, tzinfo=UTC)
H, D = timedelta(hours=1), timedelta(days=1)

# Rows: a unit's state; columns: events; "-" is forbidden.
UNIT_MATRIX = """
           reserve   release  hand_over  return  return_damaged  break   repair  retire
free       reserved  -        -          -       -               broken  -       retired
reserved   -         free     lent       -       -               broken  -       -
lent       -         -        -          free    broken          -       -       -
broken     -         -        -          -       -               -       free    retired
retired    -         -        -          -       -               -       -       -
"""
LOAN_MATRIX = """
           hand_over  return    cancel     expire
reserved   lent       -         cancelled  expired
lent       -          returned  -          -
returned   -          -         -          -
cancelled  -          -         -          -
expired    -          -         -          -
"""


def _cells(matrix: str) -> list[tuple[str, str, str | None]]:
    header, *rows = [line.split() for line in matrix.strip().splitlines()]
    return [
        (row[0], event, None if cell == "-" else cell)
        for row in rows
        for event, cell in zip(header, row[1:], strict=True)
    ]


def test_the_matrices_cover_every_pair() -> None:
    """The tables below list each state against each event, none left out."""
    assert len(_cells(UNIT_MATRIX)) == len(UnitState) * len(UnitEvent)
    assert len(_cells(LOAN_MATRIX)) == len(LoanStatus) * len(LoanEvent)


@pytest.mark.parametrize(("state", "event", "after"), _cells(UNIT_MATRIX))
def test_unit_transitions(state: str, event: str, after: str | None) -> None:
    """A unit moves only along the table; a lent unit cannot be marked broken, for instance."""
    assert unit_next(UnitState(state), UnitEvent(event)) == (after and UnitState(after))


@pytest.mark.parametrize(("status", "event", "after"), _cells(LOAN_MATRIX))
def test_loan_transitions(status: str, event: str, after: str | None) -> None:
    """A loan is handed over or ends only while reserved, and is returned only while lent."""
    assert loan_next(LoanStatus(status), LoanEvent(event)) == (after and LoanStatus(after))


def loan(
    status: LoanStatus = LoanStatus.LENT,
    *,
    person: int = 7,
    due: datetime | None = NOW + D,
    extended: int = 0,
    tool: str = "ladder",
) -> Loan:
    """A loan of ladder #1 held by person 7, due tomorrow unless told otherwise."""
    return Loan(1, 1, tool, 1, person, status, NOW, due, extended, False)


def unit(state: UnitState, n: int = 1) -> Unit:
    """Ladder #n in a state."""
    return Unit(n, "ladder", n, "file", state, 0, "")


@pytest.mark.parametrize(
    ("held", "expected"),
    [
        ([], None),
        ([loan(LoanStatus.RESERVED)], None),
        ([loan(due=NOW)], Refusal.OVERDUE),  # due this very moment counts as overdue
        ([loan(due=NOW - H), loan(LoanStatus.RESERVED)], Refusal.OVERDUE),
        ([loan(), loan(LoanStatus.RESERVED)], Refusal.LIMIT),
        ([loan(LoanStatus.RESERVED), loan(LoanStatus.RESERVED)], Refusal.LIMIT),
        ([loan(LoanStatus.RETURNED), loan()], None),
    ],
)
def test_refusal(held: list[Loan], expected: Refusal | None) -> None:
    """Nothing new while something is overdue; at most two at once in the sample policy."""
    assert refusal(held, NOW, max_at_once=2) == expected


@pytest.mark.parametrize(
    ("length", "remind_after"),
    [(3 * D, 2 * D), (14 * D, 13 * D), (2 * D, D), (D, 12 * H), (6 * H, 3 * H)],
)
def test_reminder_the_day_before_or_half_way(length: timedelta, remind_after: timedelta) -> None:
    """Reminded a day before the due moment; half-way through loans of a day or less."""
    assert remind_at(NOW, NOW + length) == NOW + remind_after


@pytest.mark.parametrize(
    ("the_loan", "borrower", "waiting", "expected"),
    [
        (loan(), 7, 0, ExtendOutcome.OK),
        (loan(), 8, 0, ExtendOutcome.STALE),  # not theirs
        (loan(LoanStatus.RESERVED), 7, 0, ExtendOutcome.STALE),
        (loan(LoanStatus.RETURNED), 7, 0, ExtendOutcome.STALE),
        (loan(extended=1), 7, 0, ExtendOutcome.ALREADY),
        (loan(due=NOW), 7, 0, ExtendOutcome.OVERDUE),
        (loan(), 7, 1, ExtendOutcome.WAITING),
        (loan(extended=1), 7, 3, ExtendOutcome.ALREADY),  # already wins over waiting
    ],
)
def test_extension(the_loan: Loan, borrower: int, waiting: int, expected: ExtendOutcome) -> None:
    """Extend once, before the due moment, and only when nobody waits."""
    assert extension(the_loan, borrower, NOW, waiting) is expected


@pytest.mark.parametrize(
    ("the_loan", "person", "expected"),
    [
        (loan(LoanStatus.RESERVED), 7, True),
        (loan(LoanStatus.RESERVED), 8, False),
        (loan(LoanStatus.LENT), 7, False),
        (None, 7, False),
    ],
)
def test_only_the_borrower_cancels_before_pick_up(
    the_loan: Loan | None, person: int, expected: bool
) -> None:
    """A reservation is cancelled by its borrower, until it is handed over."""
    assert may_cancel(the_loan, person) is expected


@pytest.mark.parametrize(
    ("self_service", "person", "status", "expected"),
    [
        (True, 7, LoanStatus.RESERVED, True),
        (False, 7, LoanStatus.RESERVED, False),  # the housekeeper hands it over
        (True, 8, LoanStatus.RESERVED, False),
        (True, 7, LoanStatus.LENT, False),
    ],
)
def test_self_service_pick_up(
    self_service: bool, person: int, status: LoanStatus, expected: bool
) -> None:
    """Only self-service tools are taken by the borrower without a housekeeper."""
    assert may_pick_up(loan(status), self_service, person) is expected


def test_waitlist_order_is_first_come_first_served() -> None:
    """Who joined first is served first; the same moment goes by who was recorded first."""
    late, early, tie = Waiter(1, 10, NOW + H), Waiter(3, 30, NOW), Waiter(2, 20, NOW)
    assert [w.person_id for w in in_line([late, early, tie])] == [20, 30, 10]


@pytest.mark.parametrize(
    ("state", "codes"),
    [
        (UnitState.FREE, "bx"),
        (UnitState.RESERVED, "b"),
        (UnitState.LENT, ""),
        (UnitState.BROKEN, "rx"),
        (UnitState.RETIRED, ""),
    ],
)
def test_staff_buttons_follow_the_table(state: UnitState, codes: str) -> None:
    """报损 / 已修好 / 退役 are offered exactly where the transition table allows them."""
    assert "".join(StaffAction.of(e) for e in staff_events(state)) == codes


def test_availability_and_counts() -> None:
    """Free and usable units, the soonest due date of a loan, and the staff overview counts."""
    units = [unit(s, n) for n, s in enumerate(UnitState, start=1)]
    loans = [loan(due=NOW + 2 * D), loan(due=NOW + D), loan(LoanStatus.RESERVED, due=None)]
    found = availability(units, loans)
    assert (found.free, found.usable, found.next_due) == (1, 3, NOW + D)
    assert state_counts(units) == {"free": 1, "reserved": 1, "lent": 1, "broken": 1}
    assert availability([], []).next_due is None


def test_covering_housekeepers() -> None:
    """The housekeepers whose buildings include the resident's."""
    keepers = [("hk_zhang", ["1", "2", "3"]), ("hk_chen", ["4", "5", "6"])]
    assert covering(keepers, "3") == ["hk_zhang"]
    assert covering(keepers, "9") == []


# -- contract ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("deadline", "name"),
    [
        (LoanDeadline(DeadlineKind.HOLD, 12), "tool:loan12:hold"),
        (LoanDeadline(DeadlineKind.REMIND, 12), "tool:loan12:remind:0"),
        (LoanDeadline(DeadlineKind.DUE, 12, 1), "tool:loan12:due:1"),
    ],
)
def test_deadline_names_and_refs(deadline: LoanDeadline, name: str) -> None:
    """Names are deterministic and share the loan's prefix; the ref reads back as the loan."""
    assert deadline.name == name and name.startswith(loan_prefix(12))
    stored = Deadline(1, deadline.name, deadline.kind, deadline.ref, NOW)
    assert loan_of(stored) == 12
    assert loan_of(Deadline(1, name, deadline.kind, "x", NOW)) is None


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"unit": 3, "action": "b", "version": 2}, NoteRequest(3, StaffAction.BREAK, 2)),
        ({"unit": 3, "action": "r", "version": 0}, NoteRequest(3, StaffAction.REPAIR, 0)),
        ({"unit": 3, "action": "z", "version": 2}, None),
        ({"unit": "3", "action": "b", "version": 2}, None),
        ({}, None),
    ],
)
def test_note_request_payload(data: dict[str, object], expected: NoteRequest | None) -> None:
    """The pending note's payload parses back, or is refused when it is not ours."""
    assert NoteRequest.parse(data) == expected
    if expected is not None:
        assert expected.data() == data


def test_actions_are_distinct_short_codes() -> None:
    """Every action is its own prefix of the signed data, short and without separators."""
    values = [a.value for a in Action]
    assert len(set(values)) == len(values)
    assert all(len(v) <= 5 and ":" not in v and "|" not in v for v in values)
