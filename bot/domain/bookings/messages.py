"""What the booking feature says: every text and keyboard, built from the catalogue.

Use cases decide what happens; this module decides how it reads (in both languages, through
:func:`bot.i18n.T`) and which signed buttons come with it. Nothing here writes anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from bot.callbacks import CallbackSigner
from bot.config import Community, Offer
from bot.domain.bookings import agreed
from bot.domain.bookings.contract import DRAFT, Action, Skip
from bot.domain.bookings.model import Booking, Candidate, Kind, Status
from bot.domain.bookings.onsite.labels import issue_label, place_label
from bot.domain.catalogue import ServiceCatalogue
from bot.i18n import T, Text, both
from bot.i18n.fmt import money, when_both
from bot.outbox import Button, Keyboard
from bot.privacy import redact_rooms


def unit(offer: Offer) -> dict[str, str]:
    """The unit an offer is priced per."""
    return both(offer.unit_zh, offer.unit_en)


class BookingTexts:
    """Texts and keyboards of bookings, for one community."""

    def __init__(
        self, community: Community, services: ServiceCatalogue, signer: CallbackSigner
    ) -> None:
        self.community = community
        self.services = services
        self.signer = signer

    # -- building blocks -------------------------------------------------------------------

    def button(self, label: Text, action: Action, *args: object) -> Button:
        """A signed button."""
        return Button(label, self.signer.make(action, *args))

    def offer(self, provider_id: str | None, service: str) -> Offer | None:
        """What a provider charges for a service."""
        provider = self.community.provider(provider_id or "")
        if provider is None:
            return None
        return next((o for o in provider.offers if o.service == service), None)

    def provider_name(self, provider_id: str | None) -> Any:
        """A provider's name in both languages; the property team when it is not listed."""
        provider = self.community.provider(provider_id or "")
        if provider is None:
            return T("bookings.property_team")
        return both(provider.name_zh, provider.name_en)

    def service(self, booking: Booking) -> dict[str, str]:
        """The booked service's name."""
        return self.services.name(booking.service)

    def slot(self, booking: Booking) -> Any:
        """The slot in both languages, or 'as soon as possible'."""
        if booking.slot_start is None:
            return T("bookings.asap")
        when = when_both(booking.slot_start, booking.slot_end, self.community.tz)
        days = booking.units > 1 and self.services.is_per_day(booking.service)
        return T("bookflow.when_days", when=when, units=booking.units) if days else when

    def slot_of(self, start: datetime, end: datetime | None) -> dict[str, str]:
        """Any slot in both languages (a proposed one, say)."""
        return when_both(start, end, self.community.tz)

    def price(self, booking: Booking, offer: Offer, key: str, **more: Any) -> Text:
        """'¥50/天' or, for days of care, '¥50/天 × 2 天 = ¥100' (key: the line it goes in)."""
        args = {"price": money(offer.price), "unit": unit(offer), **more}
        if booking.units > 1:
            total = money(offer.price * booking.units)
            return T(f"bookflow.{key}_units", units=booking.units, total=total, **args)
        return T(f"bookings.{key}", **args)

    def candidate_line(self, c: Candidate) -> Text:
        """'洁家家政 ¥180/台 ★4.5(2) · 约10分钟响应'."""
        stars = {"average": f"{c.average or 0:.1f}", "count": c.count}  # "1 rating", "2 ratings"
        rating = (
            T("bookings.rating_one" if c.count == 1 else "bookings.rating", **stars)
            if c.average is not None
            else T("bookings.no_rating")
        )
        response = (
            T("bookings.typical", minutes=max(1, round(c.typical.total_seconds() / 60)))
            if c.typical is not None
            else T("bookings.typical_unknown")
        )
        return T(
            "bookings.candidate",
            provider=both(c.provider.name_zh, c.provider.name_en),
            price=money(c.offer.price),
            unit=unit(c.offer),
            rating=rating,
            response=response,
        )

    def cancel_button(
        self, booking_id: int, label: str = "bookings.button_cancel_booking"
    ) -> Button:
        """Cancel this booking."""
        return self.button(T(label), Action.CANCEL, booking_id)

    def draft_cancel_button(self, booking_id: int) -> Button:
        """Cancel on a draft's step: stale once the booking is confirmed (an old summary's
        Cancel must not cancel the live booking)."""
        return self.button(T("bookings.button_cancel"), Action.CANCEL, booking_id, DRAFT)

    def skip_button(self, booking_id: int, what: Skip) -> Keyboard:
        """A single Skip button."""
        return [[self.button(T("bookings.skip"), Action.SKIP, booking_id, what)]]

    # -- the draft -------------------------------------------------------------------------

    @staticmethod
    def market(found: Sequence[Candidate]) -> Text:
        """The market reference price, when a provider's offer gives one."""
        price = next((c.offer.market_price for c in found if c.offer.market_price), None)
        if price is None:
            return T("bookings.market_unknown")
        return T("bookings.market", market=money(price))

    def choose_provider(
        self, booking: Booking, found: Sequence[Candidate]
    ) -> tuple[Text, Keyboard]:
        """The first step: every candidate as a button, and Cancel."""
        rows = [
            [self.button(self.candidate_line(c), Action.PROVIDER, booking.id, c.provider.id)]
            for c in found
        ]
        rows.append([self.draft_cancel_button(booking.id)])
        text = T(
            "bookings.choose_provider", service=self.service(booking), market=self.market(found)
        )
        return text, rows

    def choose_slot(self, booking: Booking, choices: Sequence[str]) -> tuple[Text, Keyboard]:
        """Keep the mentioned time, or a quick choice (two per row)."""
        rows: list[list[Button]] = []
        if booking.slot_start is not None:
            keep = T("bookings.slot_keep", when=self.slot(booking))
            rows.append([self.button(keep, Action.SLOT, booking.id, "keep")])
        labels = [
            self.button(T(f"bookings.slot.{c}"), Action.SLOT, booking.id, c) for c in choices
        ]
        rows += [labels[i : i + 2] for i in range(0, len(labels), 2)]
        intro = (
            T("bookings.slot_prefilled", when=self.slot(booking))
            if booking.slot_start is not None
            else T("bookings.slot_ask")
        )
        return intro, rows

    def confirm(self, booking: Booking) -> tuple[Text, Keyboard]:
        """The summary with Confirm and Cancel."""
        submit = "onsite.wo_button_submit" if booking.kind == Kind.WORK_ORDER else ""
        buttons = [
            self.button(T(submit or "bookings.button_confirm"), Action.CONFIRM, booking.id),
            self.draft_cancel_button(booking.id),
        ]
        return self.summary(booking), [buttons]

    def summary(self, booking: Booking) -> Text:
        """What the resident confirms (private: the address is theirs)."""
        lines: list[Text] = [T("bookings.line_service", service=self.service(booking))]
        if booking.kind == Kind.WORK_ORDER:
            lines.append(T("bookings.line_work_order"))
            lines.append(T("onsite.line_issue", issue=issue_label(booking)))
            lines.append(T("onsite.line_place", place=place_label(booking)))
        else:
            offer = self.offer(booking.provider_id, booking.service)
            provider = self.provider_name(booking.provider_id)
            lines.append(
                self.price(booking, offer, "line_provider", provider=provider)
                if offer is not None
                else T("bookings.line_provider", provider=provider, price="-", unit="")
            )
            lines.append(T("bookings.line_when", when=self.slot(booking)))
        if booking.address is not None and booking.kind != Kind.WORK_ORDER:
            # This booking's own address (someone else's, or one the request named) says so.
            key = "bookflow.line_address_other" if booking.for_other else "bookings.line_address"
            lines.append(T(key, address=booking.address.label()))
        if booking.note:
            lines.append(T("bookings.line_note", note=booking.note))
        if booking.has_door_code:
            lines.append(T("bookings.line_door"))
        if booking.kind == Kind.WORK_ORDER:  # a report to the property, not a paid booking
            return T("onsite.summary_report", lines=lines)
        return T("bookings.summary", lines=lines)

    # -- dispatch --------------------------------------------------------------------------

    def offer_text(self, booking: Booking) -> Text:
        """What a worker sees before accepting: service, time, building and the resident's note
        (session 15: to judge the job; its room, phones and codes only for who accepts)."""
        if booking.kind == Kind.WORK_ORDER:  # no price, no room: what, where, how urgent
            issue, place = issue_label(booking), place_label(booking)
            offer = T("onsite.worker_work_order", id=booking.id, issue=issue, place=place)
        else:
            service = booking.kind == Kind.SERVICE
            offer = T(
                "bookings.worker_offer" if service else "bookings.worker_work_order",
                id=booking.id,
                service=self.service(booking),
                when=self.slot(booking),
                building=booking.address.building if booking.address else "-",
                price=self.worker_price(booking) if service else "",
            )
        if not booking.note:
            return offer
        wo = booking.kind == Kind.WORK_ORDER  # the resident's words, as they were
        said = T("bookings.line_note", note=booking.note if wo else redact_rooms(booking.note))
        return T("common.lines", lines=[offer, said])

    def agreed_offer(self, booking: Booking) -> Offer | None:
        """The price the resident agreed to, whoever takes the job (:mod:`.agreed`)."""
        return agreed.offer(booking, self.offer)

    def worker_price(self, booking: Booking) -> Text:
        """The price line a worker reads: the agreed price (with the total for days of
        care), or 'to be agreed' when there is none (物业兜底 for a service nobody prices)."""
        offer = self.agreed_offer(booking)
        if offer is None:
            return T("bookings.worker_price_none")
        return self.price(booking, offer, "worker_price")

    def offer_buttons(self, booking_id: int, attempt: int) -> Keyboard:
        """Accept or decline this attempt."""
        return [
            [
                self.button(T("bookings.button_accept"), Action.ACCEPT, booking_id, attempt),
                self.button(T("bookings.button_decline"), Action.DECLINE, booking_id, attempt),
            ]
        ]

    def job_text(self, booking: Booking) -> Text:
        """The job for the assigned worker only (private chat): the full address and note."""
        if booking.kind == Kind.WORK_ORDER:
            return T(
                "onsite.worker_work_order_job",
                id=booking.id,
                issue=issue_label(booking),
                place=place_label(booking),
                note=booking.note or "-",
            )
        return T(
            "bookings.worker_job",
            id=booking.id,
            service=self.service(booking),
            when=self.slot(booking),
            address=booking.address.label() if booking.address else "-",
            note=booking.note or "-",
            door=T("bookings.worker_door") if booking.has_door_code else "",
        )

    def job_buttons(self, booking: Booking, status: Status) -> Keyboard:
        """Arrived/withdraw while accepted, done once arrived; the door code when there is one."""
        rows: list[list[Button]] = []
        if status is Status.ACCEPTED:
            rows.append(
                [
                    self.button(T("bookings.button_arrived"), Action.ARRIVED, booking.id),
                    self.button(T("bookings.button_withdraw"), Action.WITHDRAW, booking.id),
                ]
            )
        else:
            rows.append([self.button(T("bookings.button_done"), Action.DONE, booking.id)])
        rows.append([self.button(T("onsite.button_line_resident"), Action.LINE, booking.id)])
        if booking.has_door_code:
            rows.append([self.button(T("bookings.button_door"), Action.DOOR, booking.id)])
        return rows

    def stars(self, booking_id: int) -> Keyboard:
        """1⭐ … 5⭐ in one row."""
        return [
            [
                self.button(T(f"bookings.stars.{n}"), Action.RATE, booking_id, n)
                for n in range(1, 6)
            ]
        ]

    def staff_alert(self, booking: Booking, why: str, **params: Any) -> Text:
        """Staff alert about a booking (unassigned, low rating)."""
        return T(
            f"bookings.staff_{why}",
            id=booking.id,
            service=self.service(booking),
            when=self.slot(booking),
            **params,
        )
