"""The price a resident agreed to (the retest of issue 15, finding 2): kept on the booking when
they confirm (whole fen and its unit, migration 0028), then quoted to whoever is asked next — a
re-dispatch, a withdrawal, a staff assignment to another provider — and to the resident, so
nobody is moved to another price without being asked, and a price edited since applies to new
bookings only. Pure: the caller passes how to look up a provider's current offer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.config import Offer
from bot.domain.bookings.model import Booking, Kind

OfferOf = Callable[[str | None, str], Offer | None]


def fields(booking: Booking, plan: list[str], offer_of: OfferOf) -> dict[str, Any]:
    """The booking's columns for the price being confirmed: the chosen provider's, else the
    first of the plan's; none for a work order or when nobody prices the service."""
    if booking.kind != Kind.SERVICE:
        return {}
    offer = offer_of(booking.provider_id or (plan[0] if plan else None), booking.service)
    if offer is None:
        return {}
    return {
        "agreed_fen": round(offer.price * 100),
        "agreed_unit_zh": offer.unit_zh,
        "agreed_unit_en": offer.unit_en,
    }


def offer(booking: Booking, offer_of: OfferOf) -> Offer | None:
    """The agreed price as an offer (its unit with it). A booking confirmed before prices were
    kept: the chosen provider's current price, else the current provider's."""
    if booking.agreed_fen is not None:
        zh, en = booking.agreed_unit or ("次", "visit")
        price = booking.agreed_fen / 100
        return Offer(service=booking.service, price=price, unit_zh=zh, unit_en=en)
    chosen = offer_of(booking.provider_id, booking.service) if booking.provider_id else None
    return chosen or offer_of(booking.current_provider, booking.service)
