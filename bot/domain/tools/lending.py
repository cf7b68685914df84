"""Loan use cases: hand-over, the reminder and the due moment, extending, and the return.

Like every cabinet use case, each runs in the caller's transaction: compare-and-set through the
repository, an audit event, and the outbox messages, committed together.
"""

from __future__ import annotations

from datetime import datetime

from bot import deadlines
from bot.audit import Audit
from bot.clock import Clock, to_db
from bot.config import Community
from bot.deadlines import Deadline
from bot.domain.people import Person
from bot.domain.tools.contract import DeadlineKind, LoanDeadline, loan_of, loan_prefix
from bot.domain.tools.messages import ToolTexts
from bot.domain.tools.model import (
    ExtendOutcome,
    Loan,
    LoanEvent,
    LoanStatus,
    UnitEvent,
    UnitState,
    extension,
    loan_next,
    may_pick_up,
    remind_at,
    unit_next,
)
from bot.domain.tools.notify import LoanNotifier
from bot.domain.tools.repo import ToolRepo
from bot.domain.tools.service import Reservations
from bot.storage import Tx


class Lending:
    """From hand-over to return."""

    def __init__(
        self,
        community: Community,
        repo: ToolRepo,
        reservations: Reservations,
        notify: LoanNotifier,
        texts: ToolTexts,
        audit: Audit,
        clock: Clock,
    ) -> None:
        self._community = community
        self._repo = repo
        self._reservations = reservations
        self._notify = notify
        self._texts = texts
        self._audit = audit
        self._clock = clock

    async def confirm_handover(self, tx: Tx, loan_id: int, keeper: Person) -> bool:
        """A housekeeper (or staff) confirms the tool left the cabinet."""
        loan = await self._repo.loan(tx, loan_id)
        if loan is None or not await self._notify.may_confirm(tx, keeper):
            return False
        return await self._lend(tx, loan, keeper)

    async def picked_up(self, tx: Tx, loan_id: int, person: Person) -> bool:
        """Self-service: the borrower confirms taking their reservation from the locker."""
        loan = await self._repo.loan(tx, loan_id)
        tool = self._community.tool(loan.tool_id) if loan else None
        if loan is None or not may_pick_up(loan, bool(tool and tool.self_service), person.id):
            return False
        return await self._lend(tx, loan, person)

    async def _lend(self, tx: Tx, loan: Loan, actor: Person) -> bool:
        """Reserved -> lent: due date, deadlines, the borrower told, the keepers' task updated."""
        tool = self._community.tool(loan.tool_id)
        lent = loan_next(loan.status, LoanEvent.HAND_OVER)
        if tool is None or lent is None:
            return False
        now = self._clock.now()
        due = now + tool.loan
        if not await self._repo.move_loan(tx, loan.id, loan.status, lent, lent_at=now, due_at=due):
            return False
        await self._repo.move_unit(
            tx, loan.unit_id, UnitState.RESERVED, _unit(UnitEvent.HAND_OVER)
        )
        await deadlines.cancel(tx, LoanDeadline(DeadlineKind.HOLD, loan.id).name)
        await self._schedule_due(tx, loan.id, now, due, 0)
        actor_ref = f"person:{actor.id}"
        await self._audit.record(
            tx, actor_ref, "lent", f"tool:{loan.unit_id}", loan=loan.id, due=to_db(due)
        )
        await self._notify.borrower(tx, loan, "lent", *self._texts.lent(loan, due))
        who = await self._notify.who(tx, loan.person_id)
        text, buttons = self._texts.keeper_lent(who, loan, due)
        if tool.self_service:
            await self._notify.keepers(tx, loan, "keeper_self", text, buttons)
        else:
            await self._notify.edit_keepers(tx, loan, "lent", text, buttons)
        return True

    async def _schedule_due(
        self, tx: Tx, loan_id: int, lent_at: datetime, due: datetime, n: int
    ) -> None:
        """The reminder (the day before, or half-way) and the due moment, for extension n."""
        remind = LoanDeadline(DeadlineKind.REMIND, loan_id, n)
        at_due = LoanDeadline(DeadlineKind.DUE, loan_id, n)
        await deadlines.schedule(tx, remind.name, remind.kind, remind_at(lent_at, due), remind.ref)
        await deadlines.schedule(tx, at_due.name, at_due.kind, due, at_due.ref)

    async def _lent_loan(self, tx: Tx, deadline: Deadline) -> Loan | None:
        loan_id = loan_of(deadline)
        loan = await self._repo.loan(tx, loan_id) if loan_id is not None else None
        if loan is None or loan.status is not LoanStatus.LENT or loan.due_at is None:
            return None
        return loan

    async def remind(self, tx: Tx, deadline: Deadline) -> None:
        """Deadline: before a loan is due, remind the borrower (and offer to extend)."""
        loan = await self._lent_loan(tx, deadline)
        if loan is None or loan.due_at is None:
            return
        text, buttons = self._texts.remind(loan, loan.due_at)
        await self._notify.borrower(tx, loan, f"remind:{loan.extended}", text, buttons)
        await self._audit.record(tx, "deadline", "reminded", f"tool:{loan.unit_id}", loan=loan.id)

    async def came_due(self, tx: Tx, deadline: Deadline) -> None:
        """Deadline: a loan not returned by its due time is overdue: borrower and keeper told."""
        loan = await self._lent_loan(tx, deadline)
        if loan is None or loan.due_at is None:
            return
        await self._repo.mark_overdue(tx, loan.id)
        await self._audit.record(tx, "deadline", "overdue", f"tool:{loan.unit_id}", loan=loan.id)
        text = self._texts.overdue(loan, loan.due_at)
        await self._notify.borrower(tx, loan, f"overdue:{loan.extended}", text)
        who = await self._notify.who(tx, loan.person_id)
        alert, buttons = self._texts.keeper_overdue(who, loan, loan.due_at)
        await self._notify.keepers(tx, loan, f"keeper_overdue:{loan.extended}", alert, buttons)

    async def extend(
        self, tx: Tx, loan_id: int, person: Person
    ) -> tuple[ExtendOutcome, Loan | None]:
        """The borrower extends a loan once by its usual length, if nobody is waiting."""
        loan = await self._repo.loan(tx, loan_id)
        tool = self._community.tool(loan.tool_id) if loan else None
        if loan is None or tool is None:
            return ExtendOutcome.STALE, None
        waiting = await self._reservations.waiting(tx, loan.tool_id)
        outcome = extension(loan, person.id, self._clock.now(), waiting)
        if outcome is not ExtendOutcome.OK or loan.due_at is None:
            return outcome, None if outcome is ExtendOutcome.STALE else loan
        due = loan.due_at + tool.loan
        if not await self._repo.extend(tx, loan.id, due):
            return ExtendOutcome.ALREADY, loan
        await deadlines.cancel(tx, LoanDeadline(DeadlineKind.REMIND, loan.id, 0).name)
        await deadlines.cancel(tx, LoanDeadline(DeadlineKind.DUE, loan.id, 0).name)
        await self._schedule_due(tx, loan.id, loan.due_at, due, 1)
        await self._audit.record(
            tx,
            f"person:{person.id}",
            "extended",
            f"tool:{loan.unit_id}",
            loan=loan.id,
            due=to_db(due),
        )
        return ExtendOutcome.OK, await self._repo.loan(tx, loan.id)

    async def returned(self, tx: Tx, loan_id: int, keeper: Person, *, broken: bool) -> Loan | None:
        """A housekeeper confirms a return (optionally damaged); the unit goes to the next."""
        loan = await self._repo.loan(tx, loan_id)
        if loan is None or not await self._notify.may_confirm(tx, keeper):
            return None
        status = loan_next(loan.status, LoanEvent.RETURN)
        now = self._clock.now()
        if status is None or not await self._repo.move_loan(
            tx, loan.id, loan.status, status, returned_at=now
        ):
            return None
        event = UnitEvent.RETURN_DAMAGED if broken else UnitEvent.RETURN
        await self._repo.move_unit(tx, loan.unit_id, UnitState.LENT, _unit(event, UnitState.LENT))
        await deadlines.cancel_prefix(tx, loan_prefix(loan.id))
        await self._audit.record(
            tx,
            f"person:{keeper.id}",
            "returned",
            f"tool:{loan.unit_id}",
            loan=loan.id,
            damaged=broken,
        )
        await self._notify.borrower(tx, loan, "returned", self._texts.returned(loan))
        if not broken:
            await self._reservations.release(tx, loan.unit_id)
        return loan


def _unit(event: UnitEvent, state: UnitState = UnitState.RESERVED) -> UnitState:
    """The unit state an event leads to from a state the loan guarantees (a table lookup)."""
    nxt = unit_next(state, event)
    assert nxt is not None, (state, event)
    return nxt
