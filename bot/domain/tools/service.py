"""Borrowing use cases: what is free, reserving, the waitlist, and a reservation's end.

Each use case runs inside the caller's transaction, changes state through the repository's
compare-and-set methods, records an audit event (subject ``tool:<unit id>``) and writes its
messages through the outbox in that same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot import deadlines
from bot.audit import Audit
from bot.clock import Clock
from bot.config import Community, Tool
from bot.deadlines import Deadline
from bot.domain.people import Person
from bot.domain.tools.contract import DeadlineKind, LoanDeadline, loan_of, loan_prefix
from bot.domain.tools.messages import ToolTexts
from bot.domain.tools.model import (
    Availability,
    EndReason,
    Loan,
    Refusal,
    ReserveOutcome,
    UnitEvent,
    UnitState,
    WaitOutcome,
    availability,
    in_line,
    loan_next,
    may_cancel,
    refusal,
    unit_next,
)
from bot.domain.tools.notify import LoanNotifier
from bot.domain.tools.repo import ToolRepo
from bot.storage import Tx


@dataclass(frozen=True)
class Offer:
    """What a person asking for a tool may be shown: the tool, or why not."""

    tool: Tool | None
    refusal: Refusal | None = None
    free: Availability | None = None
    waiting: int = 0


class Reservations:
    """Reserve, wait, cancel; a unit that becomes free goes to the first person in line."""

    def __init__(
        self,
        community: Community,
        repo: ToolRepo,
        notify: LoanNotifier,
        texts: ToolTexts,
        audit: Audit,
        clock: Clock,
    ) -> None:
        self._community = community
        self._repo = repo
        self._notify = notify
        self._texts = texts
        self._audit = audit
        self._clock = clock

    async def refusal(self, tx: Tx, person_id: int) -> Refusal | None:
        """Why this person may not reserve now: something overdue, or the limit reached."""
        held = await self._repo.loans_of(tx, person_id)
        return refusal(held, self._clock.now(), self._community.policy.max_tools_at_once)

    async def availability(self, tx: Tx, tool_id: str) -> Availability:
        """Free and usable units of a tool, and the soonest due date."""
        units = await self._repo.units(tx, tool_id)
        return availability(units, await self._repo.active_loans_of_tool(tx, tool_id))

    async def waiting(self, tx: Tx, tool_id: str) -> int:
        """How many people wait for a tool."""
        return len(await self._repo.waiters(tx, tool_id))

    async def offer(self, tx: Tx, person: Person, tool_id: str) -> Offer:
        """What to show someone asking for a tool: free units, the waitlist, or a refusal."""
        tool = self._community.tool(tool_id)
        if tool is None:
            return Offer(None)
        if (refused := await self.refusal(tx, person.id)) is not None:
            return Offer(tool, refused)
        free = await self.availability(tx, tool_id)
        waiting = await self.waiting(tx, tool_id) if free.free == 0 else 0
        return Offer(tool, None, free, waiting)

    async def reserve(
        self, tx: Tx, person: Person, tool_id: str, origin: str | None
    ) -> tuple[ReserveOutcome, Loan | None]:
        """Reserve a free unit of a tool for the person (one reservation per origin)."""
        if self._community.tool(tool_id) is None:
            return ReserveOutcome.NOT_IN_CABINET, None
        if origin is not None and (made := await self._repo.loan_by_origin(tx, origin)):
            return ReserveOutcome.DUPLICATE, made
        if (refused := await self.refusal(tx, person.id)) is not None:
            return ReserveOutcome(refused.value), None
        unit_id = await self._repo.first_free(tx, tool_id)
        loan = await self.take(tx, unit_id, person.id, origin) if unit_id is not None else None
        if loan is None:
            return ReserveOutcome.NONE_FREE, None
        return ReserveOutcome.OK, loan

    async def take(
        self, tx: Tx, unit_id: int, person_id: int, origin: str | None, *, waited: bool = False
    ) -> Loan | None:
        """Reserve this unit if it is still free: the compare-and-set is the guarantee."""
        if not await self._repo.move_unit(tx, unit_id, UnitState.FREE, UnitState.RESERVED):
            return None
        unit = await self._repo.unit(tx, unit_id)
        tool = self._community.tool(unit.tool_id) if unit else None
        assert unit is not None and tool is not None
        now = self._clock.now()
        loan_id = await self._repo.open_loan(tx, unit, person_id, origin, now, now + tool.hold)
        await self._repo.served(tx, unit.tool_id, person_id)
        hold = LoanDeadline(DeadlineKind.HOLD, loan_id)
        await deadlines.schedule(tx, hold.name, hold.kind, now + tool.hold, hold.ref)
        await self._audit.record(
            tx, f"person:{person_id}", "reserved", f"tool:{unit_id}", loan=loan_id, waitlist=waited
        )
        loan = await self._repo.loan(tx, loan_id)
        assert loan is not None
        await self._announce(tx, loan, tool, waited=waited)
        return loan

    async def _announce(self, tx: Tx, loan: Loan, tool: Tool, *, waited: bool) -> None:
        """The borrower's pick-up card, and (unless self-service) the keepers' hand-over task."""
        text, buttons = self._texts.reservation(loan, tool, waited=waited)
        await self._notify.borrower(tx, loan, "reserved", text, buttons)
        if not tool.self_service:
            who = await self._notify.who(tx, loan.person_id)
            task, handover = self._texts.keeper_reserved(who, loan)
            await self._notify.keepers(tx, loan, "keeper", task, handover)

    async def join_waitlist(self, tx: Tx, person: Person, tool_id: str) -> WaitOutcome:
        """Wait for a tool; the first unit that comes back is reserved for the first in line."""
        if self._community.tool(tool_id) is None:
            return WaitOutcome.NOT_IN_CABINET
        if (refused := await self.refusal(tx, person.id)) is not None:
            return WaitOutcome(refused.value)
        if (await self.availability(tx, tool_id)).free > 0:
            return WaitOutcome.FREE_NOW
        if not await self._repo.join(tx, tool_id, person.id, self._clock.now()):
            return WaitOutcome.ALREADY
        await self._audit.record(tx, f"person:{person.id}", "waitlist_joined", f"tool:{tool_id}")
        return WaitOutcome.OK

    async def release(self, tx: Tx, unit_id: int) -> None:
        """A unit became free: reserve it for the first eligible person waiting, and tell them."""
        unit = await self._repo.unit(tx, unit_id)
        if unit is None or unit.state is not UnitState.FREE:
            return
        for waiter in in_line(await self._repo.waiters(tx, unit.tool_id)):
            if await self.refusal(tx, waiter.person_id) is not None:
                continue  # stays in line until their overdue item is back
            if await self.take(tx, unit_id, waiter.person_id, None, waited=True) is not None:
                return

    async def cancel(self, tx: Tx, loan_id: int, person: Person) -> bool:
        """The borrower cancels a reservation not yet picked up."""
        loan = await self._repo.loan(tx, loan_id)
        if loan is None or not may_cancel(loan, person.id):
            return False
        return await self.end(tx, loan, EndReason.CANCELLED, f"person:{person.id}")

    async def hold_expired(self, tx: Tx, deadline: Deadline) -> None:
        """Deadline: a reservation not picked up in time passes to the next person waiting."""
        loan_id = loan_of(deadline)
        loan = await self._repo.loan(tx, loan_id) if loan_id is not None else None
        if loan is not None:
            await self.end(tx, loan, EndReason.EXPIRED, "deadline")

    async def end(self, tx: Tx, loan: Loan, reason: EndReason, actor: str) -> bool:
        """End a reservation: close it, free its unit (unless it broke), tell the borrower and
        the keepers, and pass the unit to whoever waits first. False if it was not reserved."""
        status = loan_next(loan.status, reason.event)
        if status is None or not await self._repo.move_loan(tx, loan.id, loan.status, status):
            return False
        released = unit_next(UnitState.RESERVED, UnitEvent.RELEASE)
        assert released is not None
        await self._repo.move_unit(tx, loan.unit_id, UnitState.RESERVED, released)
        await deadlines.cancel_prefix(tx, loan_prefix(loan.id))
        await self._audit.record(tx, actor, str(status), f"tool:{loan.unit_id}", loan=loan.id)
        tool = self._community.tool(loan.tool_id)
        if tool is not None and not tool.self_service:
            await self._notify.edit_keepers(
                tx, loan, str(status), self._texts.keeper_ended(reason, loan)
            )
        await self._notify.borrower(tx, loan, str(reason), self._texts.ended(reason, loan))
        await self.release(tx, loan.unit_id)
        return True
