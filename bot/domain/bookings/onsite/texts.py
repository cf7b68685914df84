"""What is said after the accept: arrival promises, the private line, honest final states of a
worker's job messages, and work orders. Every text through :func:`bot.i18n.T` (``onsite.*``
in ``bot/i18n/{zh,en}/onsite.toml``); keyboards signed through the booking texts' signer."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from bot.domain.bookings.contract import Action, Skip
from bot.domain.bookings.messages import BookingTexts, unit
from bot.domain.bookings.model import Booking, Kind
from bot.domain.bookings.onsite.labels import issue_label, place_label
from bot.domain.bookings.onsite.model import ETA_CHOICES, SLOT, Issue
from bot.i18n import LANGUAGES, T, Text, both, render
from bot.i18n.fmt import money
from bot.outbox import Button, Keyboard


def clock(moment: datetime, tz: Any) -> str:
    """'14:05' in the community's timezone."""
    return moment.astimezone(tz).strftime("%H:%M")


def call_office(phone: str) -> Text:
    """'请直接打物业电话 0571-…' (or without a number when the file gives none)."""
    return T("bookings.call_office_phone", phone=phone) if phone else T("bookings.call_office")


class OnsiteTexts:
    """Texts and keyboards of the job after the accept."""

    def __init__(self, texts: BookingTexts) -> None:
        self.t = texts
        self.tz = texts.community.tz

    def at(self, moment: datetime) -> str:
        """A promised time, as people read it."""
        return clock(moment, self.tz)

    # -- the arrival promise ---------------------------------------------------------------

    def eta_ask(self, booking: Booking) -> tuple[Text, Keyboard]:
        """Ask the worker when they will be there: 30 min, 1 h, 2 h, or the booked slot."""
        row = [self.t.button(T(f"onsite.eta.{c}"), Action.ETA, booking.id, c) for c in ETA_CHOICES]
        rows: list[list[Button]] = [row]
        if booking.slot_start is not None:
            label = T("onsite.eta.slot", when=self.t.slot(booking))
            rows.append([self.t.button(label, Action.ETA, booking.id, SLOT)])
        ask = "onsite.wo_eta_ask" if booking.kind == Kind.WORK_ORDER else "onsite.eta_ask"
        return T(ask, id=booking.id), rows

    def resident_buttons(self, booking: Booking) -> Keyboard:
        """What the resident can do with an accepted job: write to the worker, or cancel."""
        if booking.kind == Kind.WORK_ORDER:  # the property's repairer, and a report withdrawn
            line = self.t.button(T("onsite.wo_button_line"), Action.LINE, booking.id)
            return [[line, self.t.cancel_button(booking.id, "onsite.wo_button_cancel")]]
        line = self.t.button(T("onsite.button_line_worker"), Action.LINE, booking.id)
        return [[line, self.t.cancel_button(booking.id)]]

    def came_buttons(self, booking: Booking) -> Keyboard:
        """Did the worker come? (asked once the promise passed)."""
        yes = self.t.button(T("onsite.button_came"), Action.CAME, booking.id, "yes")
        no = self.t.button(T("onsite.button_not_came"), Action.CAME, booking.id, "no")
        return [[yes, no]]

    # -- the private line ------------------------------------------------------------------

    def ask_first(
        self, booking: Booking, worker: str, token: str, also: bool = False
    ) -> tuple[Text, Keyboard]:
        """Words that may be for the worker or a new request: which? (`token`: the words,
        kept as a request; `also`: something more asked of this visit, "顺便帮我看看…")."""
        label = "onsite.button_add_to_job" if also else "onsite.button_to_worker"
        to = self.t.button(T(label), Action.TO_WORKER, booking.id, token)
        new = self.t.button(T("onsite.button_new_request"), Action.NEW_REQUEST, booking.id, token)
        asked = "onsite.ask_first_also" if also else "onsite.ask_first"
        return T(asked, id=booking.id, name=worker), [[to, new]]

    def line_end_button(self, booking_id: int) -> Keyboard:
        """Leave the private line."""
        return [[self.t.button(T("onsite.button_line_end"), Action.LINE_END, booking_id)]]

    def reply_button(self, booking_id: int) -> Keyboard:
        """Answer on the private line."""
        return [[self.t.button(T("onsite.button_line_reply"), Action.LINE, booking_id)]]

    def contacting(
        self, booking: Booking, previous: str | None, provider_id: str, lead: Text | None = None
    ) -> Text:
        """Who is asked now; on a re-dispatch also what happened (`lead`: the worker withdrew
        or did not come; else the provider could not take it), and that the price stays."""
        name = self.t.provider_name(provider_id)
        if previous is None:
            wo = booking.kind == Kind.WORK_ORDER  # a report is passed on, not a booking
            return T(
                "onsite.wo_contacting" if wo else "bookings.resident_contacting", provider=name
            )
        if lead is None:
            lead = T("bookings.redispatch_lead.declined", previous=self.t.provider_name(previous))
        names = {"lead": lead, "provider": name}
        offer = self.t.agreed_offer(booking)
        if booking.kind != Kind.SERVICE or offer is None:
            return T("bookings.resident_redispatch", **names)
        return T(
            "bookings.resident_redispatch_price",
            price=money(offer.price),
            unit=unit(offer),
            **names,
        )

    def tried(self, asked: list[tuple[str, str | None]], plan: list[str]) -> dict[str, str]:
        """Staff's "asked": each provider with how its last offer ended ('洁家家政（拒单）'),
        so an alert says what happened rather than that everyone "did not respond"."""
        last = dict(asked)
        order = list(dict.fromkeys([p for p, _ in asked] or plan))
        found: dict[str, str] = {}
        for lang in LANGUAGES:
            lines = []
            for provider in order:
                name = self.t.provider_name(provider)
                said = render(name, lang) if isinstance(name, Text) else str(name.get(lang, ""))
                outcome = last.get(provider)
                if outcome is not None:
                    words = T(
                        "bookings.tried", provider=said, outcome=T(f"bookings.outcome.{outcome}")
                    )
                    said = render(words, lang)
                lines.append(said)
            found[lang] = ("、" if lang == "zh" else ", ").join(lines) or "-"
        return found

    def unassigned(self, booking: Booking, reached: str) -> Text:
        """The resident's word when nobody took the job: who was told (`reached`: staff, or the
        housekeepers when no staff chat exists) and follows up; or, honestly, that nobody can
        be reached now, with the office's number (a work order is kept for staff's Today page
        all the same)."""
        if reached == "staff":
            return T("bookings.resident_unassigned")
        if reached:
            return T("bookings.resident_unassigned_keeper")
        call = call_office(self.t.community.emergency.office_phone)
        if booking.kind == Kind.WORK_ORDER:
            return T("onsite.wo_unassigned_alone", call=call)
        return T("bookings.resident_unassigned_alone", call=call)

    def staff_assigned(self, booking: Booking, provider_id: str) -> Text:
        """Staff gave the job to another provider: who has it now and, for a priced service,
        that the price the resident confirmed stays."""
        name = self.t.provider_name(provider_id)
        offer = self.t.agreed_offer(booking)
        if booking.kind != Kind.SERVICE or offer is None:
            return T("bookings.resident_staff_assigned", provider=name)
        return T(
            "bookings.resident_staff_assigned_price",
            provider=name,
            price=money(offer.price),
            unit=unit(offer),
        )

    # -- honest final states ---------------------------------------------------------------

    def summary(self, booking: Booking) -> Text:
        """The job in short, as a worker keeps it once it is over for them: no room, no note,
        no door code (the building only, as in the offer)."""
        if booking.kind == Kind.WORK_ORDER:
            return T(
                "onsite.summary_work_order",
                id=booking.id,
                issue=issue_label(booking),
                place=place_label(booking),
            )
        lines: list[Text] = [
            T(
                "onsite.summary",
                id=booking.id,
                service=self.t.service(booking),
                when=self.t.slot(booking),
                building=booking.address.building if booking.address else "-",
            )
        ]
        if booking.kind == Kind.SERVICE:
            lines.append(self.t.worker_price(booking))
        return T("common.lines", lines=lines)

    def details(self, booking: Booking) -> Text:
        """The job's details under a staff alert whose headline already names its number and
        service (so they are not said twice): what and where, or when, building and price."""
        if booking.kind == Kind.WORK_ORDER:
            said: list[Text] = [
                T("onsite.line_issue", issue=issue_label(booking)),
                T("onsite.line_place", place=place_label(booking)),
            ]
            if booking.note:  # the resident's words: what staff need to judge it
                said.append(T("bookings.line_note", note=booking.note))
            return T("common.lines", lines=said)
        building = booking.address.building if booking.address else "-"
        lines: list[Text] = [T("onsite.details", when=self.t.slot(booking), building=building)]
        if booking.kind == Kind.SERVICE:
            lines.append(self.t.worker_price(booking))
        return T("common.lines", lines=lines)

    @staticmethod
    def waited(delta: timedelta, late: bool = False) -> Text:
        """'已等待：1小时5分钟' under a staff alert: how long since the resident asked; with
        `late`, '已迟到：15分钟': how long past the time the worker promised to arrive."""
        minutes = max(0, int(delta.total_seconds()) // 60)
        hours, rest = divmod(minutes, 60)
        zh = f"{hours}小时{rest}分钟" if hours else f"{rest}分钟"
        en = f"{hours} h {rest} min" if hours else f"{rest} min"
        return T("onsite.line_late" if late else "onsite.line_waited", age=both(zh, en))

    def closed(self, booking: Booking, status: Text) -> Text:
        """A worker's message once the job is over for them: the summary and what happened."""
        return T("onsite.closed", summary=self.summary(booking), status=status)

    # -- work orders -----------------------------------------------------------------------

    def issue_choices(self, booking: Booking) -> tuple[Text, Keyboard]:
        """What is broken? One button per kind, the urgent ones first."""
        rows = [
            [self.t.button(T(f"onsite.issue_button.{i}"), Action.ISSUE, booking.id, i)]
            for i in Issue
        ]
        rows.append([self.t.draft_cancel_button(booking.id)])
        lift = self.t.community.emergency.lift_phone
        return T("onsite.ask_issue", lift=lift), rows

    def place_ask(self, booking: Booking, own: str | None) -> tuple[Text, Keyboard | None]:
        """Which building and where; the resident's own building as a button when known."""
        if own is None:
            return T("onsite.ask_place"), None
        label = T("onsite.button_own_building", building=own)
        return T("onsite.ask_place"), [[self.t.button(label, Action.PLACE, booking.id, own)]]

    def photos_done(self, booking_id: int) -> Keyboard:
        """Done sending photos: go on (the note step's Skip)."""
        label = T("onsite.button_photos_done")
        return [[self.t.button(label, Action.SKIP, booking_id, Skip.NOTE)]]
