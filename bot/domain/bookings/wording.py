"""What the issue-13 use cases say: the time step (ASAP first for urgent services, the hours of
a day said without one), my bookings, where a booking stands, and moving it to another time.

Like :mod:`.messages`, only texts and signed keyboards; nothing here writes anything.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from datetime import date, datetime

from bot.domain.bookings.contract import Action
from bot.domain.bookings.messages import BookingTexts
from bot.domain.bookings.model import CANCELLABLE, SLOT_CHOICES, Booking, Kind, Status
from bot.domain.bookings.onsite.texts import clock
from bot.domain.bookings.slots import ASAP, day_choice
from bot.i18n import T, Text, both
from bot.i18n.fmt import day as day_words
from bot.outbox import Button, Keyboard

MOVABLE = (Status.OFFERED, Status.ACCEPTED, Status.UNASSIGNED)


def _pairs(buttons: list[Button]) -> list[list[Button]]:
    return [buttons[i : i + 2] for i in range(0, len(buttons), 2)]


class FlowTexts:
    """Texts and keyboards of the time step, my bookings and rescheduling."""

    def __init__(self, texts: BookingTexts) -> None:
        self.t = texts

    def day(self, day: date) -> dict[str, str]:
        """'12月4日 周五' in both languages."""
        moment = datetime.combine(day, datetime.min.time())
        return both(day_words(moment, "zh"), day_words(moment, "en"))

    # -- the time step ------------------------------------------------------------------------

    def slot_prompt(
        self, booking: Booking, urgent: bool, minutes: int, choices: Sequence[str]
    ) -> tuple[Text, Keyboard]:
        """The time step: the time the request said (or "as soon as possible") kept first, ASAP
        first for an urgent service, then the quick choices; a typed time works too."""
        hint = T("bookflow.typed_hint")
        asap = self.t.button(
            T("bookflow.button_asap", minutes=minutes), Action.SLOT, booking.id, ASAP
        )
        rows: list[list[Button]] = []
        if booking.asap:
            rows.append(
                [self.t.button(T("bookflow.button_keep_asap"), Action.SLOT, booking.id, ASAP)]
            )
            intro = T("bookflow.slot_asap_wanted", minutes=minutes, hint=hint)
        elif booking.slot_start is not None:
            keep = T("bookings.slot_keep", when=self.t.slot(booking))
            rows.append([self.t.button(keep, Action.SLOT, booking.id, "keep")])
            intro = T("bookflow.slot_prefilled", when=self.t.slot(booking), hint=hint)
        elif urgent:
            rows.append([asap])
            intro = T("bookflow.slot_asap_first", minutes=minutes, hint=hint)
        else:
            intro = T("bookflow.slot_ask", hint=hint)
        quick = [
            self.t.button(T(f"bookings.slot.{c}"), Action.SLOT, booking.id, c) for c in choices
        ]
        return intro, rows + _pairs(quick)

    def hours_prompt(
        self, booking: Booking, day: date, parts: Sequence[str]
    ) -> tuple[Text, Keyboard]:
        """A day said without an hour: which part of it (never a midnight visit)."""
        per_day = booking.units > 1 and self.t.services.is_per_day(booking.service)
        days = (
            T("bookflow.days", units=booking.units) if per_day else ""
        )  # never "2 days" of hours
        rows = [
            [self.t.button(T(f"bookflow.part.{p}"), Action.SLOT, booking.id, day_choice(day, p))]
            for p in parts
        ]
        return T("bookflow.ask_hour", day=self.day(day), days=days), rows

    def confirm(self, booking: Booking) -> tuple[Text, Keyboard]:
        """The summary, with another address for this booking only."""
        text, rows = self.t.confirm(booking)
        if booking.kind == Kind.WORK_ORDER:  # a common area: no home address to change
            return text, rows
        other = self.t.button(T("bookflow.button_other_address"), Action.OTHER_ADDRESS, booking.id)
        return text, [*rows, [other]]

    # -- my bookings and where one stands ------------------------------------------------------

    def mine(
        self, found: Sequence[tuple[Booking, str | None]], worker_asked: Set[int] = frozenset()
    ) -> tuple[Text, Keyboard]:
        """The resident's bookings, each with its state and worker, and buttons for open ones.
        `worker_asked`: the bookings whose new time the worker was asked about (the others
        still wait for the resident's own confirmation)."""
        if not found:
            return T("bookflow.mine_none"), []
        lines: list[Text] = []
        rows: list[list[Button]] = []
        for booking, worker in found:
            who = T("bookflow.mine_who", name=worker) if worker else ""
            line = T(
                "bookflow.mine_line",
                id=booking.id,
                service=self.t.service(booking),
                status=T(f"bookings.status.{booking.status}"),
                who=who,
                when=self.t.slot(booking),
            )
            if booking.proposed_start is not None:
                moving = self.moving(booking, booking.id in worker_asked)
                line = T("common.lines", lines=[line, moving])
            lines.append(line)
            rows += self.open_buttons(booking)
        return T("bookflow.mine_list", lines=lines), rows

    def moving(self, booking: Booking, worker_asked: bool) -> Text:
        """A new time on its way: with the worker, or still with the resident (inside the late
        window the resident confirms first; the worker has not been asked)."""
        key = "bookflow.mine_moving" if worker_asked else "bookflow.mine_moving_yours"
        return T(key, when=self.proposed(booking))

    def open_buttons(self, booking: Booking) -> list[list[Button]]:
        """Change the time and cancel, where they still apply."""
        row: list[Button] = []
        if booking.status in MOVABLE and not booking.asap:
            row.append(
                self.t.button(T("bookflow.button_move", id=booking.id), Action.MOVE, booking.id)
            )
        if booking.status in CANCELLABLE:
            label = T("bookflow.button_cancel_one", id=booking.id)
            row.append(self.t.button(label, Action.CANCEL, booking.id))
        return [row] if row else []

    def move_buttons(self, booking: Booking, asked: str = "") -> list[list[Button]]:
        """Which booking to move: its change-time button only (a cancel button in a list
        asked for a new time invites a slip), carrying the time already asked (`asked`:
        :func:`.retime.carried`) so it is not asked again."""
        if booking.status not in MOVABLE or booking.asap:
            return []
        label = T("bookflow.button_move", id=booking.id)
        return [[self.t.button(label, Action.MOVE, booking.id, *([asked] if asked else []))]]

    def stands(self, booking: Booking, worker: str | None) -> Text:
        """'师傅几点到': where one booking stands, from its state."""
        args = {"id": booking.id, "service": self.t.service(booking)}
        if booking.status == Status.OFFERED:
            return T(
                "bookflow.status_offered",
                provider=self.t.provider_name(booking.current_provider),
                **args,
            )
        if booking.status == Status.UNASSIGNED:
            return T("bookflow.status_unassigned", **args)
        if booking.status == Status.ARRIVED:
            return T("bookflow.status_arrived", name=worker or "-", **args)
        if booking.eta_said and booking.eta_at is not None:  # the worker said when
            at = clock(booking.eta_at, self.t.community.tz)
            return T("bookflow.status_accepted_eta", name=worker or "-", at=at, **args)
        if booking.slot_start is None:
            return T("bookflow.status_accepted_asap", name=worker or "-", **args)
        return T("bookflow.status_accepted", name=worker or "-", when=self.t.slot(booking), **args)

    # -- moving a booking ---------------------------------------------------------------------

    def proposed(self, booking: Booking) -> object:
        """The proposed slot in both languages."""
        if booking.proposed_start is None:
            return "-"
        return self.t.slot_of(booking.proposed_start, booking.proposed_end)

    def move_ask(self, booking: Booking, choices: Sequence[str]) -> tuple[Text, Keyboard]:
        """Which time instead: typed, or a quick choice."""
        quick = [
            self.t.button(T(f"bookings.slot.{c}"), Action.MOVE_TO, booking.id, c)
            for c in choices
            if c in SLOT_CHOICES
        ]
        text = T(
            "bookflow.move_ask",
            id=booking.id,
            service=self.t.service(booking),
            when=self.t.slot(booking),
        )
        return text, _pairs(quick)

    def move_offer(self, booking: Booking, old: object) -> tuple[Text, Keyboard]:
        """The assigned worker is asked: the old time, the new one, yes or no."""
        text = T(
            "bookflow.move_offer",
            id=booking.id,
            service=self.t.service(booking),
            old=old,
            new=self.proposed(booking),
        )
        args = (booking.id, booking.proposal)
        yes = self.t.button(T("bookflow.button_move_yes"), Action.MOVE_YES, *args)
        no = self.t.button(T("bookflow.button_move_no"), Action.MOVE_NO, *args)
        return text, [[yes, no]]

    def move_late(self, booking: Booking) -> tuple[Text, Keyboard]:
        """Moving inside the late-cancel window: confirm first."""
        hours = self.t.community.policy.cancel_free_hours
        button = self.t.button(
            T("bookflow.button_move_late"), Action.MOVE_LATE, booking.id, booking.proposal
        )
        return T("bookflow.move_late_ask", hours=f"{hours:g}", when=self.proposed(booking)), [
            [button]
        ]
