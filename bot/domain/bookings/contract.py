"""The bookings contract: button actions, deadline kinds and pending answers, typed.

Everything another layer writes and this feature reads back (button data, deadline rows, what
the bot waits for a person to type) is made and parsed here, in one format each, so no handler
splits a string by hand.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bot.callbacks import parse_id


class Action(StrEnum):
    """Button actions of the booking feature (the first part of signed callback data)."""

    NEW = "bk_new"  # book a service from a price answer: (service)
    NOW = "bk_now"  # ⚡ book an urgent service as soon as possible (after an emergency): (service)
    PROVIDER = "bk_p"  # draft: (booking, provider)
    SLOT = "bk_t"  # draft: (booking, slot choice or 'keep')
    SKIP = "bk_skip"  # draft note/door or the rating comment: (booking, what)
    CONFIRM = "bk_ok"  # (booking)
    CANCEL = "bk_cx"  # (booking)
    LATE_CANCEL = "bk_cxl"  # (booking)
    ACCEPT = "bk_acc"  # worker: (booking, attempt)
    DECLINE = "bk_dec"  # worker: (booking, attempt)
    ARRIVED = "bk_arr"  # worker: (booking)
    DONE = "bk_done"  # worker: (booking)
    WITHDRAW = "bk_wd"  # worker: (booking)
    DOOR = "bk_code"  # worker: (booking)
    RATE = "bk_rate"  # resident: (booking, stars)
    # issue 13, after the accept: arrival promise, late/no-show, private line, work orders
    ETA = "bk_eta"  # worker: (booking, arrival promise: minutes or 'slot')
    CAME = "bk_came"  # resident, once the promise passed: (booking, 'yes' | 'no')
    LINE = "bk_line"  # resident or worker: open the private line (booking)
    LINE_END = "bk_lnx"  # leave the private line (booking)
    # words that may be for the worker or a new request: asked (booking, request token)
    TO_WORKER = "bk_tow"  # resident: send those words to the worker (and open the line)
    NEW_REQUEST = "bk_nrq"  # resident: they are a new request
    ISSUE = "bk_iss"  # work order draft: (booking, issue)
    PLACE = "bk_plc"  # work order draft: (booking, building) of the resident's own building
    # issue 13: my bookings, rescheduling, one booking's own address
    MOVE = "bk_mv"  # resident: (booking) change its time
    MOVE_TO = "bk_mvt"  # resident: (booking, quick choice)
    MOVE_LATE = "bk_mvl"  # resident confirms a late change: (booking, proposal)
    MOVE_YES = "bk_mvy"  # worker: (booking, proposal)
    MOVE_NO = "bk_mvn"  # worker: (booking, proposal)
    OTHER_ADDRESS = "bk_adr"  # resident, summary step: (booking)
    USE_ADDRESS = "bk_use"  # resident, after a move: (booking) goes to the saved address
    # issue 15: staff page through /bookings (the page number in ButtonArgs' first place)
    STAFF_PAGE = "bk_pg"  # staff: (page)


SURE = "sure"  # a worker's 📍 已到达 / ↩️ 退单 confirmed after the bot asked
DRAFT = "draft"  # a Cancel button's second argument on a draft's step: stale once confirmed


class Skip(StrEnum):
    """What a Skip button skips."""

    NOTE = "note"
    DOOR = "door"
    COMMENT = "comment"


class DeadlineKind(StrEnum):
    """Deadline kinds this feature schedules and handles."""

    OFFER = "bk_offer"  # the response window of an offer closed
    REMIND = "bk_remind"  # remind both sides before the slot
    LATE = "bk_late"  # the worker's arrival promise (plus grace) passed: is anyone there?
    ESCALATE = "bk_esc"  # an accepted work order is still not done: staff alerted
    MOVE = "bk_move"  # the worker did not answer a new time in the window: it lapses


class Pending(StrEnum):
    """Kinds of answers the bot waits for a resident to type (``people.expect``)."""

    ADDRESS = "booking_address"
    NOTE = "booking_note"
    DOOR = "booking_door"
    COMMENT = "booking_comment"
    LINE = "booking_line"  # the private line is open: the next messages are relayed
    ETA = "booking_eta"  # the worker may type when they will arrive ("30分钟内到")
    PLACE = "booking_place"  # a work order's place ("3栋1单元大门")
    SLOT = "booking_slot"  # a typed time at the time step
    PROVIDER = "booking_provider"  # the provider step: a time typed early is kept
    ADDRESS_ONCE = "booking_address_once"  # another address for this booking only
    MOVE = "booking_move"  # the new time of a booking being moved
    MOVE_LATE = "booking_move_late"  # "确定改时间" / "yes" typed under a late change's fee warning
    NEW_ADDRESS = "booking_new_address"  # /address: the resident's new saved address
    GONE = "booking_gone"  # a worker's job was taken from them: their words may be about it
    CONFIRM = "booking_confirm"  # the summary: "确认" typed, or a door code said late


def _number(value: str) -> int:
    return parse_id(value)


@dataclass(frozen=True)
class ButtonArgs:
    """A booking button's arguments: the booking id and an optional second argument."""

    booking_id: int
    arg: str = ""

    def args(self) -> tuple[object, ...]:
        """The callback arguments to sign."""
        return (self.booking_id, self.arg) if self.arg else (self.booking_id,)

    @property
    def number(self) -> int:
        """The second argument as a number (-1 when it is not one: matches nothing)."""
        return _number(self.arg)

    @classmethod
    def parse(cls, args: Sequence[str]) -> ButtonArgs:
        """From a verified callback's arguments; a malformed id becomes -1 (a stale press)."""
        booking = _number(args[0]) if args else -1
        return cls(booking, args[1] if len(args) > 1 else "")


@dataclass(frozen=True)
class DeadlineRef:
    """Which booking and offer attempt a deadline is about; one name and ref format. For a
    new time awaiting the worker (MOVE), ``attempt`` is the proposal's number."""

    kind: DeadlineKind
    booking_id: int
    attempt: int

    @property
    def name(self) -> str:
        """The deterministic deadline name: ``bk:<booking>:offer:<attempt>``."""
        return f"bk:{self.booking_id}:{_NAMED.get(self.kind, self.kind.value)}:{self.attempt}"

    def again(self, n: int) -> str:
        """The name of the same deadline scheduled again (the n-th time: a moved reminder);
        still under :func:`reminders_of` and :func:`deadlines_of`."""
        return f"{self.name}:{n}"

    @property
    def ref(self) -> str:
        """The deadline row's ref: ``<booking>:<attempt>``."""
        return f"{self.booking_id}:{self.attempt}"

    @classmethod
    def parse(cls, kind: str, ref: str) -> DeadlineRef | None:
        """From a deadline row's kind and ref; None when either is not ours or malformed."""
        booking, sep, attempt = ref.partition(":")
        if kind not in DeadlineKind.__members__.values() or not sep:
            return None
        if not booking.isdigit() or not attempt.isdigit():
            return None
        return cls(DeadlineKind(kind), int(booking), int(attempt))


_NAMED = {
    DeadlineKind.OFFER: "offer",
    DeadlineKind.REMIND: "remind",
    DeadlineKind.LATE: "late",
    DeadlineKind.ESCALATE: "escalate",
    DeadlineKind.MOVE: "move",
}


def deadlines_of(booking_id: int) -> str:
    """The name prefix of every deadline of a booking (to cancel them all)."""
    return f"bk:{booking_id}:"


def reminders_of(booking_id: int) -> str:
    """The name prefix of a booking's reminders."""
    return f"bk:{booking_id}:remind:"


@dataclass(frozen=True)
class Awaiting:
    """The payload of a pending answer: which booking the typed text is for."""

    booking_id: int

    def data(self) -> dict[str, Any]:
        """What ``people.expect`` stores."""
        return {"booking": self.booking_id}

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> Awaiting:
        """From what ``people.expect`` stored (-1 when missing: matches no booking)."""
        value = data.get("booking", -1)
        return cls(value if isinstance(value, int) else -1)
