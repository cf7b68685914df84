"""The bookings model: pure entities, states, the transition tables and the draft's steps.

Nothing here reads the database, the clock or Telegram; the rules that decide (dispatch plan,
backstop, cancel window, overlap, overdue) are in :mod:`bot.domain.bookings.policy`, just as
pure. Both are tested as tables.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from bot.config import Offer, Provider
from bot.domain.bookings.counts import median_of_counts
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
    # A work order's own steps (after CONFIRM so a service's next_step never reaches them):
    ISSUE = "issue"  # what is broken: decides urgent or normal
    PLACE = "place"  # which building, where: a common area, not the resident's room
    # A draft waiting its turn (➕ the next service pressed before the first was confirmed):
    # it starts at its first step once the draft before it is confirmed or called off.
    QUEUED = "queued"


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
    DAY_DONE = "day_done"  # a day's visit of several days of care finished: the next awaits
    RATE = "rate"
    CANCEL = "cancel"
    NO_SHOW = "no_show"  # the resident says nobody came: OFFER or EXHAUST follows
    RESCHEDULE = "reschedule"  # the slot moves (the assigned worker agreed, or nobody is yet)
    REASSIGN = "reassign"  # staff take the job from its offer or worker: OFFER follows


OPEN = (Status.OFFERED, Status.ACCEPTED, Status.ARRIVED, Status.UNASSIGNED)
CANCELLABLE = (Status.DRAFT, Status.OFFERED, Status.ACCEPTED, Status.UNASSIGNED)
REASSIGNABLE = (Status.OFFERED, Status.ACCEPTED, Status.UNASSIGNED)  # staff may step in

TRANSITIONS: Mapping[tuple[Status, Event], Status] = {
    (Status.DRAFT, Event.ABANDON): Status.ABANDONED,
    (Status.DRAFT, Event.CONFIRM): Status.OFFERED,
    (Status.OFFERED, Event.OFFER): Status.OFFERED,
    (Status.OFFERED, Event.EXHAUST): Status.UNASSIGNED,
    (Status.OFFERED, Event.ACCEPT): Status.ACCEPTED,
    (Status.OFFERED, Event.DECLINE): Status.OFFERED,
    (Status.OFFERED, Event.TIMEOUT): Status.OFFERED,
    (Status.ACCEPTED, Event.WITHDRAW): Status.OFFERED,
    (Status.ACCEPTED, Event.NO_SHOW): Status.OFFERED,
    (Status.ACCEPTED, Event.ARRIVE): Status.ARRIVED,
    (Status.ARRIVED, Event.FINISH): Status.DONE,
    (Status.ARRIVED, Event.DAY_DONE): Status.ACCEPTED,
    (Status.DONE, Event.RATE): Status.RATED,
    **{(s, Event.CANCEL): Status.CANCELLED for s in CANCELLABLE},
    **{(s, Event.RESCHEDULE): s for s in (Status.OFFERED, Status.ACCEPTED, Status.UNASSIGNED)},
    **{(s, Event.REASSIGN): Status.OFFERED for s in REASSIGNABLE},
    (Status.ARRIVED, Event.REASSIGN): Status.OFFERED,  # only: staff revoked the worker
}


class OfferOutcome(StrEnum):
    """How one offer in the plan ended (NULL in the table while it is open)."""

    OPEN = "open"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    TIMEOUT = "timeout"
    CANCELLED = "cancelled"
    WITHDRAWN = "withdrawn"
    SKIPPED = "skipped"  # the provider had nobody to send it to
    NO_SHOW = "no_show"  # accepted, but nobody came (the resident said so)
    REASSIGNED = "reassigned"  # staff moved the job on (or gave it to a named worker)


OFFER_TRANSITIONS: Mapping[tuple[OfferOutcome, Event], OfferOutcome] = {
    (OfferOutcome.OPEN, Event.ACCEPT): OfferOutcome.ACCEPTED,
    (OfferOutcome.OPEN, Event.DECLINE): OfferOutcome.DECLINED,
    (OfferOutcome.OPEN, Event.TIMEOUT): OfferOutcome.TIMEOUT,
    (OfferOutcome.OPEN, Event.CANCEL): OfferOutcome.CANCELLED,
    (OfferOutcome.ACCEPTED, Event.WITHDRAW): OfferOutcome.WITHDRAWN,
    (OfferOutcome.ACCEPTED, Event.NO_SHOW): OfferOutcome.NO_SHOW,
    (OfferOutcome.OPEN, Event.REASSIGN): OfferOutcome.REASSIGNED,
    (OfferOutcome.ACCEPTED, Event.REASSIGN): OfferOutcome.REASSIGNED,
}


def next_status(status: str, event: Event) -> Status | None:
    """The state a booking in `status` moves to on `event`; None when the event is refused."""
    return TRANSITIONS.get((Status(status), event))


def offer_outcome(outcome: OfferOutcome, event: Event) -> OfferOutcome | None:
    """How an offer in `outcome` ends on `event`; None when the event does not apply."""
    return OFFER_TRANSITIONS.get((outcome, event))


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
    # after the accept (migration 0013): see bot/domain/bookings/onsite/
    eta_at: datetime | None = None  # by when the worker promised to arrive
    eta_said: bool = False  # the worker said that time (not the default held until they do)
    late_at: datetime | None = None  # when that promise passed without an arrival
    priority: str | None = None  # a work order's urgent | normal
    issue: str | None = None  # a work order's door | water | power | lift | other
    place: str | None = None  # a work order's place, in the resident's words
    # times as said (migration 0012): see bot/domain/bookings/slots.py
    asap: bool = False
    units: int = 1
    wanted_day: date | None = None
    proposed_start: datetime | None = None
    proposed_end: datetime | None = None
    proposal: int = 0
    days_done: int = 0  # visits finished of a booking of several days (migration 0020)
    created_at: datetime | None = None  # asked for (staff alerts say how long it has waited)
    hours: int | None = None  # a per-visit service's visit length asked (migration 0022)
    # for someone else (migration 0026): the address is this booking's own, never the saved one
    for_other: bool = False
    # the price confirmed, in fen, and its unit (migration 0028): what every later worker
    # and the resident are quoted, whoever takes the job and whatever prices change since
    agreed_fen: int | None = None
    agreed_unit: tuple[str, str] | None = None  # (zh, en)

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


@dataclass(frozen=True)
class ProviderStats:
    """What ranking needs to know about a provider, kept current as offers are accepted and
    ratings written: how many ratings and their sum, and how long each accept took, in whole
    minutes (``{minutes: how many}``)."""

    provider_id: str
    ratings: int = 0
    stars: int = 0
    responses: Mapping[int, int] = field(default_factory=dict)

    @property
    def average(self) -> float | None:
        """Average stars, or None before the first rating."""
        return self.stars / self.ratings if self.ratings else None

    @property
    def rating(self) -> tuple[float, int]:
        """(average, count) as the rating floor reads it; (0.0, 0) when unrated."""
        return (self.average or 0.0, self.ratings)

    @property
    def typical(self) -> timedelta | None:
        """The median response (one slow accept does not make a fast provider look slow);
        None before the first accept."""
        minutes = median_of_counts(self.responses)
        return None if minutes is None else timedelta(minutes=minutes)


# -- the draft ------------------------------------------------------------------------------


def kind_of(service: str) -> Kind:
    """Common-area repairs are work orders for the property; the rest are services."""
    return Kind.WORK_ORDER if service in WORK_ORDER_SERVICES else Kind.SERVICE


def first_step(kind: Kind) -> Step:
    """A work order has no provider or slot to choose: it starts at the address."""
    return Step.ADDRESS if kind is Kind.WORK_ORDER else Step.PROVIDER


def next_step(kind: str, service: str, done: str, asap: bool = False) -> Step:
    """The step after `done`: work orders skip the slot, only some services ask a door code,
    and a job wanted as soon as possible goes from the address straight to confirming."""
    order = list(Step)
    for step in order[order.index(Step(done)) + 1 :]:
        if step is Step.SLOT and kind == Kind.WORK_ORDER:
            continue
        if step in (Step.NOTE, Step.DOOR) and asap:
            continue
        if step is Step.DOOR and service not in DOOR_CODE_SERVICES:
            continue
        if step in (Step.ISSUE, Step.PLACE, Step.QUEUED):  # not steps a draft moves on to
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
