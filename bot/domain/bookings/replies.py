"""Texts that answer a question: the price card, which booking to cancel, the late-cancel
question, and staff's card and list of bookings."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo
from typing import Any

from bot.audit import AuditEvent
from bot.domain.bookings.contract import Action
from bot.domain.bookings.messages import BookingTexts
from bot.domain.bookings.model import Booking, Candidate
from bot.i18n import T, Text, catalogue
from bot.outbox import Keyboard


class BookingReplies:
    """Answers to residents' and staff's questions about bookings."""

    def __init__(self, texts: BookingTexts) -> None:
        self.texts = texts

    def price_card(self, service: str, found: Sequence[Candidate]) -> tuple[Text, Keyboard]:
        """'How much': each candidate, the market price, and a Book button."""
        lines: list[Text] = [self.texts.candidate_line(c) for c in found]
        if any(c.offer.market_price for c in found):
            lines.append(self.texts.market(found))
        book = self.texts.button(T("bookings.button_book"), Action.NEW, service)
        card = T("bookings.price_card", service=self.texts.services.name(service), lines=lines)
        return card, [[book]]

    def second_service(self, first: str, second: str) -> tuple[Text, Keyboard]:
        """A second service said in the same message: booked next, with its own button."""
        names = self.texts.services
        label = T("bookflow.button_book_second", service=names.name(second))
        text = T("bookflow.second_service", first=names.name(first), second=names.name(second))
        return text, [[self.texts.button(label, Action.NEW, second)]]

    def cancel_choices(self, found: Sequence[Booking]) -> Keyboard:
        """One cancel button per matching booking."""
        rows = []
        for b in found:
            label = T(
                "bookings.cancel_choice",
                id=b.id,
                service=self.texts.service(b),
                when=self.texts.slot(b),
            )
            rows.append([self.texts.button(label, Action.CANCEL, b.id)])
        return rows

    def late_cancel_ask(self, booking_id: int, on_the_way: bool = False) -> tuple[Text, Keyboard]:
        """Cancelling now is late (or the worker is already coming to an ASAP job): confirm."""
        hours = self.texts.community.policy.cancel_free_hours
        button = self.texts.button(
            T("bookings.button_cancel_late"), Action.LATE_CANCEL, booking_id
        )
        if on_the_way:
            return T("bookings.cancel_on_the_way_ask", id=booking_id), [[button]]
        return T("bookings.cancel_late_ask", hours=f"{hours:g}"), [[button]]

    def timeline_line(self, event: AuditEvent, actor: str | None, tz: tzinfo) -> Text:
        """One audit event of a booking, for staff: people and providers by name."""
        detail = dict(event.detail)
        if isinstance(detail.get("provider"), str):
            detail["provider"] = self.texts.provider_name(detail["provider"])
        return T(
            "bookings.timeline_line",
            at=event.at.astimezone(tz).strftime("%m-%d %H:%M"),
            actor=actor if actor is not None else T("bookings.actor_system"),
            action=action_label(event.action, detail),
        )

    def staff_line(self, booking: Booking, late: bool) -> Text:
        """One open booking in staff's list, overdue ones marked."""
        return T(
            "bookings.staff_line",
            id=booking.id,
            service=self.texts.service(booking),
            status=T(f"bookings.status.{booking.status}"),
            when=self.texts.slot(booking),
            overdue=T("bookings.overdue") if late else "",
        )


def action_label(action: str, detail: dict[str, Any]) -> Text | str:
    """A timeline action in words, with the stars or the provider when there is one."""
    key = f"bookings.action.{action}"
    label: Text | str = T(key) if key in catalogue("zh") else action
    extra = detail.get("stars") or detail.get("provider") or ""
    return T("bookings.action_with", action=label, extra=extra) if extra else label
