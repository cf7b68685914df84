"""The bookings policies: pure decisions, each on exactly what it needs.

Who may be offered a job and who is asked next, where the property's own team goes in the plan
(物业兜底), when the reminder goes, when cancelling is free, which booking a 'cancel tomorrow'
means, and what staff see as overdue. No database, clock or Telegram: tested as tables.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import date, datetime, timedelta

from bot.config import Policy, Provider
from bot.domain.bookings.model import CANCELLABLE, PROPERTY, Booking, Kind, Status

# -- what a booking is ----------------------------------------------------------------------


def unconfirmed(booking: Booking) -> bool:
    """Whether this was never a booking: a draft (unfinished, or waiting its turn), one given
    up for another, or one called off before it was confirmed (cancelled before any offer:
    its attempt never reached 0). Staff never see it as a job (the console's list, page and
    /booking), as the console's job list has always left it out."""
    if booking.status in (Status.DRAFT, Status.ABANDONED):
        return True
    return booking.status == Status.CANCELLED and booking.attempt < 0


def confirmed_sql(alias: str = "") -> str:
    """`not unconfirmed(booking)` as an SQL condition on the bookings table (under ``alias``,
    e.g. "b."): the one rule for the console's job lists and the weekly report's counts."""
    return f"({alias}status NOT IN ('draft', 'abandoned', 'cancelled') OR {alias}attempt >= 0)"


# -- providers and dispatch -----------------------------------------------------------------


def exclusions(
    provider: Provider, today: date, stats: Mapping[str, tuple[float, int]], policy: Policy
) -> list[str]:
    """Why a provider may not be offered (licence, insurance, rating floor); [] when fine."""
    reasons = []
    if provider.licence_expires is not None and provider.licence_expires < today:
        reasons.append("licence")
    if provider.insurance_expires is not None and provider.insurance_expires < today:
        reasons.append("insurance")
    average, count = stats.get(provider.id, (0.0, 0))
    if count >= policy.rating_floor_min_count and average < policy.rating_floor:
        reasons.append("rating")
    return reasons


def backstop_id(providers: Iterable[Provider]) -> str:
    """The property's own team: its provider id, or PROPERTY when the file lists none."""
    return next((p.id for p in providers if p.kind == "property"), PROPERTY)


def dispatch_plan(
    kind: str, chosen: str | None, eligible: list[str], backstop: str, backstop_usable: bool
) -> list[str]:
    """Who is asked, in order: the chosen provider, the other eligible ones, then the
    property's own team last (物业兜底); a work order goes to the property only."""
    if kind == Kind.WORK_ORDER:
        return [backstop]
    first = [chosen] if chosen in eligible and chosen is not None else []
    plan = first + [p for p in eligible if p not in first]
    if backstop not in plan and backstop_usable:
        plan.append(backstop)
    elif backstop in plan and plan[-1] != backstop and plan[0] != backstop:
        plan.remove(backstop)
        plan.append(backstop)
    return plan


def next_provider(
    plan: list[str], attempt: int, staffed: Collection[str], suspended: Collection[str] = ()
) -> int:
    """The next attempt after `attempt` whose provider has somebody to tell and is not
    suspended (a plan made before staff suspended a provider never reaches it: re-dispatch,
    a withdrawal or a timeout move past it); len(plan) when the plan is exhausted. The
    attempts in between are skipped."""
    following = attempt + 1
    while following < len(plan) and (
        plan[following] not in staffed or plan[following] in suspended
    ):
        following += 1
    return following


def reminder_at(slot_start: datetime | None, before: timedelta, now: datetime) -> datetime | None:
    """When to remind both sides of an accepted job: `before` the slot, at once when that
    has passed, never when the slot has begun or there is none."""
    if slot_start is None or slot_start <= now:
        return None
    return max(slot_start - before, now)


def blocks_provider(stars: int) -> bool:
    """A rating of 2 or less: the resident is not offered that provider again."""
    return stars <= 2


# -- cancelling and staff views --------------------------------------------------------------


def free_to_cancel(booking: Booking, now: datetime, free_hours: float) -> bool:
    """Free until `free_hours` before the slot; drafts and unassigned ones are free. A job for
    "as soon as possible" that a worker accepted is due now: inside the window, never free;
    other open-ended ones (nobody on the way yet, a work order) are free."""
    if booking.status in (Status.DRAFT, Status.UNASSIGNED):
        return True
    if booking.asap and booking.status in (Status.ACCEPTED, Status.ARRIVED):
        return False
    if booking.slot_start is None:
        return True
    return booking.slot_start - now >= timedelta(hours=free_hours)


def slot_overlaps(slot_start: datetime, when_start: datetime, when_end: datetime | None) -> bool:
    """Whether a booking's slot falls within the time a resident mentioned (or its day)."""
    end = when_end or when_start
    return when_start <= slot_start < end or slot_start.date() == when_start.date()


def matches_cancel_request(
    booking: Booking, service: str | None, when_start: datetime | None, when_end: datetime | None
) -> bool:
    """'取消明天的保洁': a confirmed, cancellable booking of that service around that time."""
    if booking.status not in CANCELLABLE or booking.status == Status.DRAFT:
        return False
    if service is not None and booking.service != service:
        return False
    if when_start is None or booking.slot_start is None:
        return True
    return slot_overlaps(booking.slot_start, when_start, when_end)


def overdue(booking: Booking, now: datetime, window: timedelta | None = None) -> bool:
    """Nobody took it, the worker is late (the resident was asked whether they came and has
    not said yes), or the slot ended and the job is not done. A job wanted as soon as possible
    has no slot: it is overdue once its promise passed, the accepted worker's arrival time or,
    while it is still being offered (a no-show sent it round again), the response `window`
    after it was asked for."""
    if booking.status == Status.UNASSIGNED:
        return True
    if booking.status == Status.ACCEPTED and booking.late_at is not None:
        return True
    if booking.asap and booking.slot_start is None:
        promised: datetime | None = None
        if booking.status == Status.ACCEPTED:
            promised = booking.eta_at
        elif booking.status == Status.OFFERED and booking.created_at is not None and window:
            promised = booking.created_at + window
        return promised is not None and promised < now
    end = booking.slot_end
    return booking.status in (Status.ACCEPTED, Status.ARRIVED) and end is not None and end < now


# -- days of care ------------------------------------------------------------------------------


def days_left_after_visit(units: int, days_done: int, per_day: bool) -> int:
    """Days still to come once the visit being finished counts: 0 ends the booking (a one-off
    job, or the last day of a per-day one such as 3 days of pet sitting)."""
    if not per_day:
        return 0
    return max(0, units - days_done - 1)


def next_visit_day(first_day: date, days_done: int) -> date:
    """The day of the next visit of a booking of several days: one a day from the first."""
    return first_day + timedelta(days=days_done)
