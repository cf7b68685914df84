"""The tool cabinet's pure core: units, loans, their transition tables and the lending rules.

No SQL, no I/O, no Telegram. A unit is one physical item (梯子 #1) with its own state; a loan is
a reservation that becomes a loan at hand-over. Every change of state is an event looked up in a
transition table; a pair missing from the table is forbidden (the repository then changes
nothing). The policies decide who may borrow, when to remind, who waits first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

DAY = timedelta(days=1)


class UnitState(StrEnum):
    """Where a physical item is."""

    FREE = "free"
    RESERVED = "reserved"
    LENT = "lent"
    BROKEN = "broken"
    RETIRED = "retired"


class UnitEvent(StrEnum):
    """What can happen to a unit."""

    RESERVE = "reserve"
    RELEASE = "release"  # a reservation ended (cancelled, lapsed) before hand-over
    HAND_OVER = "hand_over"
    RETURN = "return"
    RETURN_DAMAGED = "return_damaged"
    BREAK = "break"  # staff: found broken
    REPAIR = "repair"
    RETIRE = "retire"


UNIT_TRANSITIONS: Mapping[tuple[UnitState, UnitEvent], UnitState] = {
    (UnitState.FREE, UnitEvent.RESERVE): UnitState.RESERVED,
    (UnitState.RESERVED, UnitEvent.RELEASE): UnitState.FREE,
    (UnitState.RESERVED, UnitEvent.HAND_OVER): UnitState.LENT,
    (UnitState.LENT, UnitEvent.RETURN): UnitState.FREE,
    (UnitState.LENT, UnitEvent.RETURN_DAMAGED): UnitState.BROKEN,
    # A lent unit cannot be marked broken: its return is confirmed "with damage" instead.
    (UnitState.FREE, UnitEvent.BREAK): UnitState.BROKEN,
    (UnitState.RESERVED, UnitEvent.BREAK): UnitState.BROKEN,
    (UnitState.BROKEN, UnitEvent.REPAIR): UnitState.FREE,
    (UnitState.FREE, UnitEvent.RETIRE): UnitState.RETIRED,
    (UnitState.BROKEN, UnitEvent.RETIRE): UnitState.RETIRED,
}


class LoanStatus(StrEnum):
    """A reservation's life: reserved, then lent and returned, or cancelled / expired."""

    RESERVED = "reserved"
    LENT = "lent"
    RETURNED = "returned"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


class LoanEvent(StrEnum):
    """What can happen to a loan."""

    HAND_OVER = "hand_over"
    RETURN = "return"
    CANCEL = "cancel"  # by the borrower, or because staff found the unit broken
    EXPIRE = "expire"  # not picked up within the hold


LOAN_TRANSITIONS: Mapping[tuple[LoanStatus, LoanEvent], LoanStatus] = {
    (LoanStatus.RESERVED, LoanEvent.HAND_OVER): LoanStatus.LENT,
    (LoanStatus.RESERVED, LoanEvent.CANCEL): LoanStatus.CANCELLED,
    (LoanStatus.RESERVED, LoanEvent.EXPIRE): LoanStatus.EXPIRED,
    (LoanStatus.LENT, LoanEvent.RETURN): LoanStatus.RETURNED,
}

ACTIVE = (LoanStatus.RESERVED, LoanStatus.LENT)


def unit_next(state: UnitState, event: UnitEvent) -> UnitState | None:
    """The unit's state after the event, or None when the event is forbidden in that state."""
    return UNIT_TRANSITIONS.get((state, event))


def loan_next(status: LoanStatus, event: LoanEvent) -> LoanStatus | None:
    """The loan's status after the event, or None when the event is forbidden."""
    return LOAN_TRANSITIONS.get((status, event))


class EndReason(StrEnum):
    """Why a reservation ended before hand-over; each ends it the same way, told differently."""

    CANCELLED = "cancelled"  # the borrower pressed 取消预约
    EXPIRED = "expired"  # the hold lapsed
    BROKEN = "broken"  # staff found the reserved unit broken

    @property
    def event(self) -> LoanEvent:
        """The loan event this ending is."""
        return LoanEvent.EXPIRE if self is EndReason.EXPIRED else LoanEvent.CANCEL


class Refusal(StrEnum):
    """Why a person may not reserve now."""

    OVERDUE = "overdue"
    LIMIT = "limit"


class ReserveOutcome(StrEnum):
    """What pressing 预约 led to."""

    OK = "ok"
    NOT_IN_CABINET = "not_in_cabinet"
    DUPLICATE = "duplicate"
    NONE_FREE = "none_free"
    OVERDUE = "overdue"
    LIMIT = "limit"


class WaitOutcome(StrEnum):
    """What pressing 排队等候 led to."""

    OK = "ok"
    ALREADY = "already"
    FREE_NOW = "free_now"
    NOT_IN_CABINET = "not_in_cabinet"
    OVERDUE = "overdue"
    LIMIT = "limit"


class ExtendOutcome(StrEnum):
    """What pressing 续借 led to."""

    OK = "ok"
    STALE = "stale"
    ALREADY = "already"
    WAITING = "waiting"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class Unit:
    """One physical item in the cabinet."""

    id: int
    tool_id: str
    seq: int
    source: str
    state: UnitState
    version: int
    note: str


@dataclass(frozen=True)
class Loan:
    """A reservation, and once handed over, a loan."""

    id: int
    unit_id: int
    tool_id: str
    seq: int
    person_id: int
    status: LoanStatus
    hold_until: datetime
    due_at: datetime | None
    extended: int
    overdue: bool


@dataclass(frozen=True)
class Availability:
    """How many units of a tool can be borrowed now, and when the next one is due back."""

    free: int
    usable: int
    next_due: datetime | None


@dataclass(frozen=True)
class Waiter:
    """Someone in a tool's waitlist."""

    id: int
    person_id: int
    joined_at: datetime


def availability(units: Iterable[Unit], loans: Iterable[Loan]) -> Availability:
    """Free units, usable units (not broken or retired), and the soonest due date of a loan."""
    states = [u.state for u in units]
    usable = (UnitState.FREE, UnitState.RESERVED, UnitState.LENT)
    dues = [x.due_at for x in loans if x.status is LoanStatus.LENT and x.due_at is not None]
    return Availability(
        sum(s is UnitState.FREE for s in states),
        sum(s in usable for s in states),
        min(dues) if dues else None,
    )


def is_overdue(loan: Loan, now: datetime) -> bool:
    """A lent item whose due moment has come."""
    return loan.status is LoanStatus.LENT and loan.due_at is not None and loan.due_at <= now


def refusal(held: Sequence[Loan], now: datetime, max_at_once: int) -> Refusal | None:
    """Why someone holding these loans may not reserve now: something overdue, or the limit."""
    if any(is_overdue(x, now) for x in held):
        return Refusal.OVERDUE
    if sum(x.status in ACTIVE for x in held) >= max_at_once:
        return Refusal.LIMIT
    return None


def remind_at(lent_at: datetime, due: datetime) -> datetime:
    """The day before the due moment; half-way for loans of a day or less."""
    return max(due - DAY, lent_at + (due - lent_at) / 2)


def extension(loan: Loan, borrower_id: int, now: datetime, waiting: int) -> ExtendOutcome:
    """Whether the borrower may extend this loan (once, not overdue, nobody waiting)."""
    if loan.person_id != borrower_id or loan.status is not LoanStatus.LENT:
        return ExtendOutcome.STALE
    if loan.extended:
        return ExtendOutcome.ALREADY
    if loan.due_at is None or loan.due_at <= now:
        return ExtendOutcome.OVERDUE
    if waiting:
        return ExtendOutcome.WAITING
    return ExtendOutcome.OK


def may_cancel(loan: Loan | None, person_id: int) -> bool:
    """Only the borrower cancels, and only before pick-up."""
    return loan is not None and loan.person_id == person_id and loan.status is LoanStatus.RESERVED


def may_pick_up(loan: Loan | None, self_service: bool, person_id: int) -> bool:
    """Self-service tools: the borrower confirms taking their own reservation."""
    return (
        loan is not None
        and self_service
        and loan.person_id == person_id
        and loan.status is LoanStatus.RESERVED
    )


def in_line(waiters: Iterable[Waiter]) -> list[Waiter]:
    """The waitlist in serving order: who joined first (ties by who was recorded first)."""
    return sorted(waiters, key=lambda w: (w.joined_at, w.id))


STAFF_EVENTS = (UnitEvent.BREAK, UnitEvent.REPAIR, UnitEvent.RETIRE)


def staff_events(state: UnitState) -> list[UnitEvent]:
    """What staff may do to a unit in this state (报损 / 已修好 / 退役), from the table."""
    return [e for e in STAFF_EVENTS if (state, e) in UNIT_TRANSITIONS]


def state_counts(units: Iterable[Unit]) -> dict[str, int]:
    """How many units are free, reserved, lent and broken (the staff overview line)."""
    listed = list(units)
    shown = (UnitState.FREE, UnitState.RESERVED, UnitState.LENT, UnitState.BROKEN)
    return {str(s): sum(u.state is s for u in listed) for s in shown}


def covering(housekeepers: Iterable[tuple[str, Sequence[str]]], building: str) -> list[str]:
    """The keys of the housekeepers whose buildings include this one."""
    return [key for key, buildings in housekeepers if building in buildings]
