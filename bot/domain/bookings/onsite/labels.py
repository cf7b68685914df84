"""How a work order's issue and place read (used by the draft's summary and the offers)."""

from __future__ import annotations

from bot.domain.bookings.model import Booking
from bot.domain.bookings.onsite.model import Issue, Priority
from bot.i18n import T, Text


def issue_label(booking: Booking) -> Text:
    """What is broken, marked urgent when it is ('🔴 紧急：单元门/大门坏了')."""
    issue = T(f"onsite.issue.{booking.issue or Issue.OTHER}")
    if booking.priority == Priority.URGENT:
        return T("onsite.urgent_issue", issue=issue)
    return issue


def place_label(booking: Booking) -> Text | str:
    """Where: the resident's words, or the building they picked."""
    if booking.place:
        return booking.place
    building = booking.address.building if booking.address else "-"
    return T("onsite.place_building", building=building)
