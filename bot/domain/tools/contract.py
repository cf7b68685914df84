"""What the cabinet shares with the outside: button actions, deadline kinds and their names,
and the typed payload of the one free-text answer it waits for (a staff note on a unit).

Deadline names are ``tool:loan<id>:hold`` and ``tool:loan<id>:<remind|due>:<extension>``, the
ref is the loan id: :func:`loan_deadline` makes both and :func:`loan_of` reads the ref back, so
nothing else splits a deadline's name or ref.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bot.deadlines import Deadline
from bot.domain.tools.model import UnitEvent


class Action(StrEnum):
    """Button actions the cabinet mints (the first part of signed callback data)."""

    RESERVE = "tres"  # tool id, origin
    WAITLIST = "twait"  # tool id
    CANCEL = "tcan"  # loan id
    HAND_OVER = "thand"  # loan id
    PICKED_UP = "tpick"  # loan id
    RETURNED = "tret"  # loan id, ReturnKind
    EXTEND = "tlong"  # loan id
    MANAGE = "tadm"  # tool id (staff)
    UNIT = "tun"  # unit id, StaffAction, version (staff)
    ADD = "tadd"  # tool id (staff)
    # The /borrow menu's buttons open a tool's card through the catalogue's item button:
    # bot.domain.requests.contract.Action.ITEM.


class ReturnKind(StrEnum):
    """The second argument of a return button."""

    OK = "ok"
    BROKEN = "broken"


class StaffAction(StrEnum):
    """The short code a staff unit button carries, one per staff event."""

    BREAK = "b"
    REPAIR = "r"
    RETIRE = "x"

    @property
    def event(self) -> UnitEvent:
        """The unit event this button asks for."""
        return _STAFF_EVENT[self]

    @classmethod
    def of(cls, event: UnitEvent) -> StaffAction:
        """The button code for a staff event."""
        return next(a for a in cls if a.event is event)

    @classmethod
    def parse(cls, code: str) -> StaffAction | None:
        """The action a button carries, or None for anything else."""
        return next((a for a in cls if a.value == code), None)


_STAFF_EVENT = {
    StaffAction.BREAK: UnitEvent.BREAK,
    StaffAction.REPAIR: UnitEvent.REPAIR,
    StaffAction.RETIRE: UnitEvent.RETIRE,
}


class DeadlineKind(StrEnum):
    """The deadline kinds the cabinet schedules."""

    HOLD = "tool_hold"  # a reservation not picked up in time
    REMIND = "tool_remind"  # the day before the due moment
    DUE = "tool_due"  # the due moment


@dataclass(frozen=True)
class LoanDeadline:
    """One deadline of a loan: its kind, name and ref, made in one place."""

    kind: DeadlineKind
    loan_id: int
    extension: int = 0

    @property
    def name(self) -> str:
        """Deterministic name: scheduling the same deadline twice is harmless."""
        if self.kind is DeadlineKind.HOLD:
            return f"{loan_prefix(self.loan_id)}hold"
        what = "remind" if self.kind is DeadlineKind.REMIND else "due"
        return f"{loan_prefix(self.loan_id)}{what}:{self.extension}"

    @property
    def ref(self) -> str:
        """What the deadline's handler gets back: the loan id."""
        return str(self.loan_id)


def loan_prefix(loan_id: int) -> str:
    """The name prefix of every deadline of a loan (to cancel them all)."""
    return f"tool:loan{loan_id}:"


def loan_of(deadline: Deadline) -> int | None:
    """The loan a cabinet deadline is about, or None for a malformed ref."""
    return int(deadline.ref) if deadline.ref.isdigit() else None


PENDING_NOTE = "tool_note"
"""The pending-input kind: staff are asked for a note on a unit they mark broken or repaired."""


@dataclass(frozen=True)
class NoteRequest:
    """The pending answer's payload: which unit, what to do, at which version."""

    unit_id: int
    action: StaffAction
    version: int

    def data(self) -> dict[str, Any]:
        """As stored in pending input (the stored shape is unchanged: unit, action, version)."""
        return {"unit": self.unit_id, "action": self.action.value, "version": self.version}

    @classmethod
    def parse(cls, data: dict[str, Any]) -> NoteRequest | None:
        """The payload back, or None when it is not one of ours."""
        action = StaffAction.parse(str(data.get("action", "")))
        unit, version = data.get("unit"), data.get("version")
        if action is None or not isinstance(unit, int) or not isinstance(version, int):
            return None
        return cls(unit, action, version)
