"""The after-accept use cases, wired: :class:`Onsite` holds them and routes their deadlines."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.bookings.contract import DeadlineKind, DeadlineRef
from bot.domain.bookings.deps import BookingDeps
from bot.domain.bookings.dispatch import Dispatch
from bot.domain.bookings.flow import DraftFlow
from bot.domain.bookings.onsite.arrival import Arrival
from bot.domain.bookings.onsite.jobsite import Jobsite
from bot.domain.bookings.onsite.line import Line
from bot.domain.bookings.onsite.plain import Plain
from bot.domain.bookings.onsite.repo import OnsiteRepo
from bot.domain.bookings.onsite.texts import OnsiteTexts
from bot.domain.bookings.onsite.waiting import Waiting
from bot.domain.bookings.onsite.workorders import WorkOrders
from bot.storage import Tx


@dataclass(frozen=True)
class Onsite:
    """Arrival promises and no-shows, the private line, work orders and photos."""

    site: Jobsite
    arrival: Arrival
    waiting: Waiting  # "还没来": where the job stands, never a no-show by itself
    line: Line
    plain: Plain
    work_orders: WorkOrders

    async def deadline_due(self, tx: Tx, kind: str, ref: str) -> bool:
        """Run a late check or a work order's escalation; False when the deadline is not one
        of these (dispatch's own: offers and reminders)."""
        due = DeadlineRef.parse(kind, ref)
        if due is None:
            return False
        if due.kind is DeadlineKind.LATE:
            await self.arrival.late_due(tx, due.booking_id, due.attempt)
        elif due.kind is DeadlineKind.ESCALATE:
            await self.work_orders.escalate_due(tx, due.booking_id, due.attempt)
        else:
            return False
        return True


def jobsite(deps: BookingDeps) -> Jobsite:
    """What dispatch needs from this package (built before dispatch)."""
    return Jobsite(deps, OnsiteRepo(deps.clock), OnsiteTexts(deps.texts))


def build_onsite(deps: BookingDeps, site: Jobsite, flow: DraftFlow, dispatch: Dispatch) -> Onsite:
    """The rest, once dispatch exists (a no-show re-dispatches)."""
    arrival = Arrival(deps, site, dispatch)
    site.line.promised = arrival.said_on_line  # "20分钟到" on the line: the promise kept
    return Onsite(
        site=site,
        arrival=arrival,
        waiting=Waiting(deps, arrival, site),
        line=site.line,
        plain=Plain(deps, site.line, site),
        work_orders=WorkOrders(deps, flow, site),
    )
