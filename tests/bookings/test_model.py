"""The bookings model, policies and contract as tables: every transition pair, the dispatch
plan and its backstop, the cancel window, overlaps, overdue, steps and slots."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from itertools import product
from zoneinfo import ZoneInfo

import pytest

from bot.config import Policy, Provider
from bot.domain.bookings.contract import (
    Action,
    Awaiting,
    ButtonArgs,
    DeadlineKind,
    DeadlineRef,
    deadlines_of,
    reminders_of,
)
from bot.domain.bookings.model import (
    Booking,
    Event,
    Kind,
    OfferOutcome,
    Status,
    Step,
    chosen_slot,
    first_step,
    kind_of,
    next_status,
    next_step,
    offer_outcome,
    requested_slot,
    slot_choices,
)
from bot.domain.bookings.policy import (
    backstop_id,
    blocks_provider,
    days_left_after_visit,
    dispatch_plan,
    exclusions,
    free_to_cancel,
    matches_cancel_request,
    next_provider,
    next_visit_day,
    overdue,
    reminder_at,
    slot_overlaps,
    unconfirmed,
)
from bot.domain.bookings.whose import booking_address

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 28, 8, 0, tzinfo=TZ)  # Saturday 08:00

# The allowed moves, written out as the specification; every other pair is refused.
ALLOWED = {
    ("draft", "abandon"): "abandoned",
    ("draft", "confirm"): "offered",
    ("draft", "cancel"): "cancelled",
    ("offered", "offer"): "offered",
    ("offered", "exhaust"): "unassigned",
    ("offered", "accept"): "accepted",
    ("offered", "decline"): "offered",
    ("offered", "timeout"): "offered",
    ("offered", "cancel"): "cancelled",
    ("accepted", "withdraw"): "offered",
    ("accepted", "no_show"): "offered",  # the resident says nobody came: offered on
    ("accepted", "arrive"): "arrived",
    ("accepted", "cancel"): "cancelled",
    ("arrived", "finish"): "done",
    ("arrived", "day_done"): "accepted",  # a day of several days of care
    ("done", "rate"): "rated",
    ("unassigned", "cancel"): "cancelled",
    # the slot moves: nobody assigned yet, or the assigned worker agreed (issue 13)
    ("offered", "reschedule"): "offered",
    ("accepted", "reschedule"): "accepted",
    ("unassigned", "reschedule"): "unassigned",
    # staff step in (the console): the job is freed and offered again (issue 15)
    ("offered", "reassign"): "offered",
    ("accepted", "reassign"): "offered",
    ("unassigned", "reassign"): "offered",
    ("arrived", "reassign"): "offered",  # only when staff revoke the worker on site
}

OFFER_ALLOWED = {
    ("open", "accept"): "accepted",
    ("open", "decline"): "declined",
    ("open", "timeout"): "timeout",
    ("open", "cancel"): "cancelled",
    ("accepted", "withdraw"): "withdrawn",
    ("accepted", "no_show"): "no_show",
    ("open", "reassign"): "reassigned",  # staff moved it on: not the provider's decline
    ("accepted", "reassign"): "reassigned",
}


@pytest.mark.parametrize(("status", "event"), list(product(Status, Event)))
def test_booking_transition_table(status: Status, event: Event) -> None:
    """Each (state, event) pair moves exactly as specified, or is refused."""
    assert next_status(status, event) == ALLOWED.get((status.value, event.value))


@pytest.mark.parametrize(("outcome", "event"), list(product(OfferOutcome, Event)))
def test_offer_transition_table(outcome: OfferOutcome, event: Event) -> None:
    """An open offer ends once; only an accepted one can be withdrawn."""
    assert offer_outcome(outcome, event) == OFFER_ALLOWED.get((outcome.value, event.value))


def test_arrived_and_finished_jobs_cannot_be_cancelled() -> None:
    """Once the worker is at the door, cancelling is refused (staff handle it)."""
    for status in (Status.ARRIVED, Status.DONE, Status.RATED, Status.CANCELLED):
        assert next_status(status, Event.CANCEL) is None


def _booking(
    status: str = "accepted",
    slot: datetime | None = NOW + timedelta(days=1),
    length: timedelta = timedelta(hours=3),
    service: str = "home_cleaning",
) -> Booking:
    return Booking(
        id=7, resident_id=1, service=service, kind="service", status=status, step="confirm",
        provider_id="jiejia", plan=["jiejia", "property_team"], attempt=0, assignee_id=None,
        slot_start=slot, slot_end=slot + length if slot else None, address=None, note=None,
        has_door_code=False,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "chosen", "eligible", "backstop", "usable", "plan"),
    [
        # the chosen provider first, the others, the property team last (物业兜底)
        ("service", "b", ["a", "b"], "prop", True, ["b", "a", "prop"]),
        ("service", "a", ["a"], "prop", True, ["a", "prop"]),
        # the backstop left out when its licence or insurance lapsed
        ("service", "a", ["a"], "prop", False, ["a"]),
        # the property offers the service itself: moved to the end...
        ("service", "a", ["prop", "a", "c"], "prop", True, ["a", "c", "prop"]),
        # ...unless the resident chose it
        ("service", "prop", ["a", "prop"], "prop", True, ["prop", "a"]),
        # a chosen provider no longer eligible is not asked
        ("service", "gone", ["a"], "prop", True, ["a", "prop"]),
        ("service", None, [], "prop", True, ["prop"]),
        ("service", None, [], "prop", False, []),
        # a work order goes to the property only
        ("work_order", None, ["a"], "prop", True, ["prop"]),
    ],
)
def test_dispatch_plan(
    kind: str, chosen: str | None, eligible: list[str], backstop: str, usable: bool,
    plan: list[str],
) -> None:  # fmt: skip
    """Who is asked, in which order."""
    assert dispatch_plan(kind, chosen, eligible, backstop, usable) == plan


@pytest.mark.parametrize(
    ("plan", "attempt", "staffed", "suspended", "expected"),
    [
        (["a", "b", "c"], -1, {"a", "b", "c"}, set(), 0),
        (["a", "b", "c"], 0, {"a", "b", "c"}, set(), 1),
        (["a", "b", "c"], 0, {"c"}, set(), 2),  # b has nobody to tell: skipped
        (["a", "b", "c"], 1, {"a", "b"}, set(), 3),  # exhausted
        (["a", "b", "c"], 2, {"a", "b", "c"}, set(), 3),
        ([], -1, set(), set(), 0),
        (["a", "b", "c"], -1, {"a", "b", "c"}, {"a"}, 1),  # suspended before the first offer
        (["a", "b", "c"], 0, {"a", "b", "c"}, {"b"}, 2),  # re-dispatch / timeout passes b
        (["a", "b", "c"], 0, {"a", "b", "c"}, {"b", "c"}, 3),  # only suspended left: exhausted
        (["a", "b", "a", "b"], 1, {"a", "b"}, {"a"}, 3),  # a plan started again skips it too
        (["a", "b", "c"], 0, {"c"}, {"c"}, 3),  # staffed but suspended
    ],
)
def test_next_provider(
    plan: list[str], attempt: int, staffed: set[str], suspended: set[str], expected: int
) -> None:
    """The next staffed, unsuspended provider after the current attempt; len(plan) when none
    is left."""
    assert next_provider(plan, attempt, staffed, suspended) == expected


def _provider(pid: str, kind: str = "third_party", **dates: date) -> Provider:
    return Provider.model_validate(
        {"id": pid, "name_zh": pid, "name_en": pid, "kind": kind, **dates}
    )


def test_backstop_is_the_property_provider_or_a_placeholder() -> None:
    """The property's own team is whichever provider has kind 'property'."""
    assert backstop_id([_provider("a"), _provider("home", "property")]) == "home"
    assert backstop_id([_provider("a")]) == "_property"


@pytest.mark.parametrize(
    ("licence", "insurance", "stats", "reasons"),
    [
        (date(2027, 1, 1), date(2027, 1, 1), {}, []),
        (date(2026, 11, 27), None, {}, ["licence"]),
        (None, date(2026, 11, 27), {}, ["insurance"]),
        (None, None, {"p": (3.0, 5)}, ["rating"]),
        (None, None, {"p": (3.0, 4)}, []),  # too few ratings to judge
        (None, None, {"p": (3.5, 9)}, []),  # at the floor is fine
        (date(2026, 11, 28), None, {}, []),  # expires today: still valid
    ],
)
def test_exclusions(
    licence: date | None, insurance: date | None, stats: dict[str, tuple[float, int]],
    reasons: list[str],
) -> None:  # fmt: skip
    """Licence, insurance and the rating floor decide whether a provider may be offered."""
    dates = {
        k: v for k, v in (("licence_expires", licence), ("insurance_expires", insurance)) if v
    }
    assert exclusions(_provider("p", **dates), NOW.date(), stats, Policy()) == reasons


@pytest.mark.parametrize(
    ("status", "until_slot", "asap", "free"),
    [
        ("accepted", timedelta(hours=5), False, True),
        ("accepted", timedelta(hours=4), False, True),  # exactly at the limit
        ("accepted", timedelta(hours=3, minutes=59), False, False),
        ("offered", timedelta(hours=1), False, False),
        ("draft", timedelta(hours=1), False, True),
        ("unassigned", timedelta(hours=1), False, True),
        ("accepted", None, False, True),  # open-ended, not "now" (a work order)
        # as soon as possible: due now once a worker accepted, so inside the window
        ("accepted", None, True, False),
        ("arrived", None, True, False),
        ("offered", None, True, True),  # nobody on the way yet
        ("unassigned", None, True, True),
        ("draft", None, True, True),
    ],
)
def test_cancel_window(status: str, until_slot: timedelta | None, asap: bool, free: bool) -> None:
    """Free until cancel_free_hours (4) before the slot; drafts and unassigned always free;
    an accepted job for "as soon as possible" is due now, like a slot that is about to start."""
    booking = replace(
        _booking(status, NOW + until_slot if until_slot is not None else None), asap=asap
    )
    assert free_to_cancel(booking, NOW, 4) is free


@pytest.mark.parametrize(
    ("slot", "start", "end", "overlaps"),
    [
        (NOW + timedelta(hours=2), NOW, NOW + timedelta(hours=4), True),
        (NOW + timedelta(hours=5), NOW, NOW + timedelta(hours=4), True),  # same day
        (NOW + timedelta(days=1), NOW, NOW + timedelta(hours=4), False),
        (NOW + timedelta(days=1, hours=1), NOW + timedelta(days=1), None, True),
        (NOW, NOW + timedelta(days=1), NOW + timedelta(days=2), False),
    ],
)
def test_slot_overlap(
    slot: datetime, start: datetime, end: datetime | None, overlaps: bool
) -> None:
    """A booking matches the time a resident mentioned, or that time's day."""
    assert slot_overlaps(slot, start, end) is overlaps


@pytest.mark.parametrize(
    ("status", "service", "start", "matches"),
    [
        ("accepted", None, None, True),
        ("accepted", "home_cleaning", None, True),
        ("accepted", "ac_cleaning", None, False),
        ("draft", None, None, False),  # a draft is not a booking to cancel yet
        ("arrived", None, None, False),
        ("offered", None, NOW + timedelta(days=1), True),
        ("offered", None, NOW + timedelta(days=2), False),
    ],
)
def test_cancel_request_matching(
    status: str, service: str | None, start: datetime | None, matches: bool
) -> None:
    """'取消明天的保洁' picks the cancellable bookings of that service around that time."""
    assert matches_cancel_request(_booking(status), service, start, None) is matches


@pytest.mark.parametrize(
    ("status", "ends_in", "late"),
    [
        ("unassigned", timedelta(hours=5), True),
        ("accepted", timedelta(hours=-1), True),
        ("arrived", timedelta(hours=-1), True),
        ("accepted", timedelta(hours=1), False),
        ("offered", timedelta(hours=-1), False),
        ("done", timedelta(hours=-1), False),
    ],
)
def test_overdue(status: str, ends_in: timedelta, late: bool) -> None:
    """Unassigned, or accepted/arrived past the slot's end."""
    booking = _booking(status, NOW + ends_in - timedelta(hours=3))
    assert overdue(booking, NOW) is late


@pytest.mark.parametrize(
    ("kind", "service", "done", "step"),
    [
        ("service", "home_cleaning", "provider", "slot"),
        ("service", "home_cleaning", "slot", "address"),
        ("service", "home_cleaning", "address", "note"),
        ("service", "home_cleaning", "note", "confirm"),  # no door code for cleaning
        ("service", "pet_sitting", "note", "door"),
        ("service", "pet_sitting", "door", "confirm"),
        ("work_order", "common_area_repair", "provider", "address"),  # no slot to choose
        ("service", "home_cleaning", "confirm", "confirm"),
    ],
)
def test_next_step(kind: str, service: str, done: str, step: str) -> None:
    """The draft's steps, skipping what does not apply."""
    assert next_step(kind, service, done) == step


def test_work_orders_start_at_the_address() -> None:
    """Common-area repairs go to the property: no provider to choose."""
    assert kind_of("common_area_repair") is Kind.WORK_ORDER
    assert first_step(Kind.WORK_ORDER) is Step.ADDRESS
    assert kind_of("home_cleaning") is Kind.SERVICE
    assert first_step(Kind.SERVICE) is Step.PROVIDER


@pytest.mark.parametrize(
    ("start", "end", "slot"),
    [
        (NOW + timedelta(hours=1), None, (NOW + timedelta(hours=1), NOW + timedelta(hours=3))),
        (
            NOW + timedelta(hours=1),
            NOW + timedelta(hours=5),
            (NOW + timedelta(hours=1), NOW + timedelta(hours=5)),
        ),
        (NOW, NOW + timedelta(hours=2), (None, None)),  # already begun: dropped
        (None, None, (None, None)),
        (None, NOW + timedelta(hours=2), (None, None)),  # an end alone means nothing
    ],
)
def test_requested_slot(
    start: datetime | None, end: datetime | None, slot: tuple[datetime | None, datetime | None]
) -> None:
    """The time a request mentioned, kept only when ahead; two hours when open-ended."""
    assert requested_slot(NOW, start, end) == slot


@pytest.mark.parametrize(
    ("hour", "choices"),
    [
        (8, ["d0pm", "d1am", "d1pm", "d2am", "d2pm"]),
        (12, ["d0pm", "d1am", "d1pm", "d2am", "d2pm"]),
        (13, ["d1am", "d1pm", "d2am", "d2pm"]),
    ],
)
def test_slot_choices(hour: int, choices: list[str]) -> None:
    """This afternoon is offered only before 13:00."""
    assert slot_choices(NOW.replace(hour=hour)) == choices


def test_chosen_slot() -> None:
    """Quick choices become local slots; unknown or begun ones are refused."""
    today = NOW.date()
    start, end = chosen_slot("d1am", today, TZ, NOW) or (None, None)
    assert (start, end) == (
        datetime(2026, 11, 29, 9, tzinfo=TZ),
        datetime(2026, 11, 29, 12, tzinfo=TZ),
    )
    assert chosen_slot("d0pm", today, TZ, NOW.replace(hour=15)) is None
    assert chosen_slot("d9xx", today, TZ, NOW) is None


@pytest.mark.parametrize(
    ("slot", "remind"),
    [
        (NOW + timedelta(hours=5), NOW + timedelta(hours=3)),
        (NOW + timedelta(hours=1), NOW),  # within two hours: at once
        (NOW, None),  # begun
        (None, None),  # as soon as possible
    ],
)
def test_reminder_at(slot: datetime | None, remind: datetime | None) -> None:
    """Two hours before the slot, at once when that has passed, never for a begun slot."""
    assert reminder_at(slot, timedelta(hours=2), NOW) == remind


@pytest.mark.parametrize(("stars", "blocks"), [(1, True), (2, True), (3, False), (5, False)])
def test_low_ratings_block_the_provider(stars: int, blocks: bool) -> None:
    """Two stars or fewer: the resident is not offered that provider again."""
    assert blocks_provider(stars) is blocks


# -- the contract -----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(DeadlineKind))
def test_deadline_ref_round_trip(kind: DeadlineKind) -> None:
    """One format: what is written is what is read back."""
    ref = DeadlineRef(kind, 12, 3)
    assert DeadlineRef.parse(ref.kind, ref.ref) == ref
    assert ref.name.startswith(deadlines_of(12))
    assert ref.name.startswith(reminders_of(12)) is (kind is DeadlineKind.REMIND)


@pytest.mark.parametrize(
    ("kind", "ref"),
    [
        ("bk_offer", "12"),
        ("bk_offer", "x:1"),
        ("bk_offer", "1:-1"),
        ("other", "1:2"),
        ("bk_remind", ""),
    ],
)
def test_malformed_deadline_refs_are_refused(kind: str, ref: str) -> None:
    """A row that is not ours or not well formed parses to None instead of raising."""
    assert DeadlineRef.parse(kind, ref) is None


@pytest.mark.parametrize(
    ("args", "booking", "arg", "number"),
    [
        (("5", "2"), 5, "2", 2),
        (("5",), 5, "", -1),
        (("x", "jiejia"), -1, "jiejia", -1),
        ((), -1, "", -1),
    ],
)
def test_press_parse(args: tuple[str, ...], booking: int, arg: str, number: int) -> None:
    """Malformed ids become -1, which matches nothing (a stale press, not a crash)."""
    press = ButtonArgs.parse(args)
    assert (press.booking_id, press.arg, press.number) == (booking, arg, number)


def test_press_and_awaiting_round_trip() -> None:
    """What is signed or stored is what is parsed back."""
    press = ButtonArgs(4, "d1am")
    assert ButtonArgs.parse([str(a) for a in press.args()]) == press
    assert Awaiting.parse(Awaiting(9).data()) == Awaiting(9)
    assert Awaiting.parse({}) == Awaiting(-1)


def test_actions_are_distinct_and_short() -> None:
    """Each action is its own prefix of callback data, small enough for Telegram's 64 bytes."""
    values = [a.value for a in Action]
    assert len(set(values)) == len(values) and all(len(v) <= 8 for v in values)


@pytest.mark.parametrize(
    ("units", "days_done", "per_day", "left"),
    [
        (1, 0, True, 0),  # one day of care: the visit ends it
        (3, 0, True, 2),  # day 1 of 3
        (3, 1, True, 1),
        (3, 2, True, 0),  # the last day: the booking is done
        (3, 0, False, 0),  # units of a job not priced per day are no days
    ],
)
def test_days_left_after_a_visit(units: int, days_done: int, per_day: bool, left: int) -> None:
    """已完工 before the last of several days of care is one day's visit, not the end."""
    assert days_left_after_visit(units, days_done, per_day) == left


def test_the_next_visit_is_one_day_after_the_last() -> None:
    first = date(2026, 12, 9)
    assert [next_visit_day(first, n) for n in (1, 2)] == [date(2026, 12, 10), date(2026, 12, 11)]


@pytest.mark.parametrize(
    ("words", "address", "other"),
    [
        # F7 of the #13 retest: the mother's door number is this booking's address.
        ("帮我妈约个保洁 她住3栋2单元401 今天下午4点 打扫2个小时", ("3", "2", "401"), True),
        ("帮我爸约个保洁 明天上午", None, True),  # for someone else, no address: ask
        ("给我妈家通个下水道", None, True),
        ("他家在5栋，帮他修个灯", None, True),
        ("book a cleaner for my mum tomorrow", None, True),
        ("家里水管漏了 3栋2单元501", ("3", "2", "501"), False),  # named: for this booking
        ("明天上午想找人洗一下油烟机", None, False),
        ("马桶堵了，能来人通一下吗？", None, False),
        # F8 of the session-15 verify: a landlord names his rental flat's address in words.
        ("帮我租出去的房子约个保洁 地址6栋2单元1501 明天下午", ("6", "2", "1501"), True),
        ("约个保洁 地址是6栋2单元1501 明天下午", ("6", "2", "1501"), False),
        ("保洁 地址：6-2-1501", ("6", "2", "1501"), False),
        ("cleaning tomorrow, address: 6-2-1501", ("6", "2", "1501"), False),
        ("cleaning for my rental flat, address 6-2-1501", ("6", "2", "1501"), True),
        ("我是房东 6栋2单元1501的租客退租了 想约个保洁", None, True),  # the tenant's: asked
        ("帮我租出去的房子约个保洁 明天下午", None, True),
        ("我是租客 空调不制冷了", None, False),  # a tenant's own home
        ("", None, False),
    ],
)
def test_booking_address(words: str, address: tuple[str, str, str] | None, other: bool) -> None:
    said, for_other = booking_address(words)
    got = (said.building, said.unit, said.room) if said is not None else None
    assert (got, for_other) == (address, other)


@pytest.mark.parametrize(
    ("status", "attempt", "draft"),
    [
        ("draft", -1, True),  # unfinished, or waiting its turn
        ("abandoned", -1, True),  # given up for another draft
        ("cancelled", -1, True),  # called off before it was confirmed: never offered
        ("cancelled", 0, False),  # a booking cancelled after it was confirmed
        ("offered", 0, False),
        ("unassigned", 1, False),
        ("done", 0, False),
    ],
)
def test_a_draft_is_never_a_booking(status: str, attempt: int, draft: bool) -> None:
    assert unconfirmed(replace(_booking(status), attempt=attempt)) is draft
