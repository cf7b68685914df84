"""The bookings model: pure entities, states, the transition table and the policies.

Nothing here reads the database, the clock or Telegram: every function takes what it decides
on, so the rules (who is offered the job next, where the property's own team goes in the plan
(物业兜底), when cancelling is free, which booking a 'cancel tomorrow' means) are tested as
tables.
"""

from __future__ import annotations

import statistics
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from bot.config import Offer, Policy, Provider
from bot.domain.people import Address

WORK_ORDER_SERVICES = frozenset({"common_area_repair"})
DOOR_CODE_SERVICES = frozenset({"pet_sitting", "plant_care"})
PROPERTY = "_property"  # plan entry when the community file lists no property provider
SLOT_CHOICES = {
    "d0pm": (0, time(14), time(17)),
    "d1am": (1, time(9), time(12)),
    "d1pm": (1, time(14), time(17)),
    "d2am": (2, time(9), time(12)),
    "d2pm": (2, time(14), time(17)),
}
KEEP = "keep"  # the slot choice that keeps the time the request mentioned
DEFAULT_LENGTH = timedelta(hours=2)  # a mentioned start without an end


class Status(StrEnum):
    """Where a booking is."""

    DRAFT = "draft"
    OFFERED = "offered"
    ACCEPTED = "accepted"
    ARRIVED = "arrived"
    DONE = "done"
    RATED = "rated"
    UNASSIGNED = "unassigned"
    CANCELLED = "cancelled"
    ABANDONED = "abandoned"


class Kind(StrEnum):
    """A provider's service, or a work order for the property's own team."""

    SERVICE = "service"
    WORK_ORDER = "work_order"


class Step(StrEnum):
    """The draft's steps, in order."""

    PROVIDER = "provider"
    SLOT = "slot"
    ADDRESS = "address"
    NOTE = "note"
    DOOR = "door"
    CONFIRM = "confirm"


class Event(StrEnum):
    """What can happen to a booking."""

    ABANDON = "abandon"  # the resident started another draft
    CONFIRM = "confirm"  # the resident confirmed: dispatch starts
    OFFER = "offer"  # the next provider in the plan is asked
    EXHAUST = "exhaust"  # nobody left in the plan: staff alerted
    ACCEPT = "accept"
    DECLINE = "decline"  # the offer is closed; OFFER or EXHAUST follows
    TIMEOUT = "timeout"  # likewise
    WITHDRAW = "withdraw"  # the assigned worker gives the job back; OFFER or EXHAUST follows
    ARRIVE = "arrive"
    FINISH = "finish"
    RATE = "rate"
    CANCEL = "cancel"


OPEN = (Status.OFFERED, Status.ACCEPTED, Status.ARRIVED, Status.UNASSIGNED)
CANCELLABLE = (Status.DRAFT, Status.OFFERED, Status.ACCEPTED, Status.UNASSIGNED)

TRANSITIONS: Mapping[tuple[Status, Event], Status] = {
    (Status.DRAFT, Event.ABANDON): Status.ABANDONED,
    (Status.DRAFT, Event.CONFIRM): Status.OFFERED,
    (Status.OFFERED, Event.OFFER): Status.OFFERED,
    (Status.OFFERED, Event.EXHAUST): Status.UNASSIGNED,
    (Status.OFFERED, Event.ACCEPT): Status.ACCEPTED,
    (Status.OFFERED, Event.DECLINE): Status.OFFERED,
    (Status.OFFERED, Event.TIMEOUT): Status.OFFERED,
    (Status.ACCEPTED, Event.WITHDRAW): Status.OFFERED,
    (Status.ACCEPTED, Event.ARRIVE): Status.ARRIVED,
    (Status.ARRIVED, Event.FINISH): Status.DONE,
    (Status.DONE, Event.RATE): Status.RATED,
    **{(s, Event.CANCEL): Status.CANCELLED for s in CANCELLABLE},
}


def next_status(status: str, event: Event) -> Status | None:
    """The state a booking in `status` moves to on `event`; None when the event is refused."""
    return TRANSITIONS.get((Status(status), event))


class OfferOutcome(StrEnum):
    """How one offer in the plan ended (NULL in the table while it is open)."""

    OPEN = "open"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    TIMEOUT = "timeout"
    CANCELLED = "cancelled"
    WITHDRAWN = "withdrawn"
    SKIPPED = "skipped"  # the provider had nobody to send it to


OFFER_TRANSITIONS: Mapping[tuple[OfferOutcome, Event], OfferOutcome] = {
    (OfferOutcome.OPEN, Event.ACCEPT): OfferOutcome.ACCEPTED,
    (OfferOutcome.OPEN, Event.DECLINE): OfferOutcome.DECLINED,
    (OfferOutcome.OPEN, Event.TIMEOUT): OfferOutcome.TIMEOUT,
    (OfferOutcome.OPEN, Event.CANCEL): OfferOutcome.CANCELLED,
    (OfferOutcome.ACCEPTED, Event.WITHDRAW): OfferOutcome.WITHDRAWN,
}


@dataclass(frozen=True)
class Booking:
    """A booking as stored (the door code only as 'is there one')."""

    id: int
    resident_id: int
    service: str
    kind: str
    status: str
    step: str
    provider_id: str | None
    plan: list[str]
    attempt: int
    assignee_id: int | None
    slot_start: datetime | None
    slot_end: datetime | None
    address: Address | None
    note: str | None
    has_door_code: bool

    @property
    def subject(self) -> str:
        """The audit subject."""
        return f"booking:{self.id}"

    @property
    def current_provider(self) -> str | None:
        """The provider the current offer (or job) is with."""
        return self.plan[self.attempt] if 0 <= self.attempt < len(self.plan) else None


@dataclass(frozen=True)
class Candidate:
    """A provider the resident may choose, with what helps them choose."""

    provider: Provider
    offer: Offer
    average: float | None
    count: int
    typical: timedelta | None


# -- the draft ------------------------------------------------------------------------------


def kind_of(service: str) -> Kind:
    """Common-area repairs are work orders for the property; the rest are services."""
    return Kind.WORK_ORDER if service in WORK_ORDER_SERVICES else Kind.SERVICE


def first_step(kind: Kind) -> Step:
    """A work order has no provider or slot to choose: it starts at the address."""
    return Step.ADDRESS if kind is Kind.WORK_ORDER else Step.PROVIDER


def next_step(kind: str, service: str, done: str) -> Step:
    """The step after `done`: work orders skip the slot, only some services ask a door code."""
    order = list(Step)
    for step in order[order.index(Step(done)) + 1 :]:
        if step is Step.SLOT and kind == Kind.WORK_ORDER:
            continue
        if step is Step.DOOR and service not in DOOR_CODE_SERVICES:
            continue
        return step
    return Step.CONFIRM


def requested_slot(
    now: datetime, start: datetime | None, end: datetime | None
) -> tuple[datetime | None, datetime | None]:
    """The slot a request mentioned: dropped when already past, two hours when open-ended."""
    if start is None or start <= now:
        return None, None
    return start, end if end is not None else start + DEFAULT_LENGTH


def slot_choices(local_now: datetime) -> list[str]:
    """The quick choices still possible: this afternoon only before 13:00."""
    return [c for c in SLOT_CHOICES if c != "d0pm" or local_now.hour < 13]


def chosen_slot(
    choice: str, today: date, tz: tzinfo, now: datetime
) -> tuple[datetime, datetime] | None:
    """The slot of a quick choice, or None when unknown or already begun."""
    if choice not in SLOT_CHOICES:
        return None
    days, begin, end = SLOT_CHOICES[choice]
    day = today + timedelta(days=days)
    start = datetime.combine(day, begin, tz)
    return (start, datetime.combine(day, end, tz)) if start > now else None


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


def typical_response(spans: Iterable[tuple[str, timedelta]]) -> dict[str, timedelta]:
    """The median time from offer to accept per provider."""
    seconds: dict[str, list[float]] = {}
    for provider_id, span in spans:
        seconds.setdefault(provider_id, []).append(span.total_seconds())
    return {p: timedelta(seconds=statistics.median(s)) for p, s in seconds.items()}


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


def next_provider(plan: list[str], attempt: int, staffed: Collection[str]) -> int:
    """The next attempt after `attempt` whose provider has somebody to tell; len(plan) when
    the plan is exhausted. The attempts in between are skipped."""
    following = attempt + 1
    while following < len(plan) and plan[following] not in staffed:
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
    """Free until `free_hours` before the slot; drafts, unassigned and open-ended are free."""
    if booking.status in (Status.DRAFT, Status.UNASSIGNED) or booking.slot_start is None:
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


def overdue(booking: Booking, now: datetime) -> bool:
    """Nobody took it, or the slot ended and the job is not done."""
    if booking.status == Status.UNASSIGNED:
        return True
    end = booking.slot_end
    return booking.status in (Status.ACCEPTED, Status.ARRIVED) and end is not None and end < now
