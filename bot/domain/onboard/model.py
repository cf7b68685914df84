"""A new provider's application, pure: its states and the moves between them, the rules its
details must meet, and the rules an uploaded document must meet.

Staff fill an application in the console (draft), hand it in for a decision (submitted), and
approve or reject it. Approval is what creates the provider, so an approved or rejected
application is final: a later change is a change of the live provider (prices, suspension), not
of the application. A move not in :data:`MOVES` changes nothing (a stale form, a second
approval).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum


class State(StrEnum):
    """Where an application is."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"


class Move(StrEnum):
    """What staff do to an application."""

    EDIT = "edit"  # details changed, a document added or removed
    SUBMIT = "submit"
    APPROVE = "approve"
    REJECT = "reject"
    REOPEN = "reopen"  # a submitted one goes back to draft for more work


MOVES: dict[tuple[State, Move], State] = {
    (State.DRAFT, Move.EDIT): State.DRAFT,
    (State.DRAFT, Move.SUBMIT): State.SUBMITTED,
    (State.DRAFT, Move.REJECT): State.REJECTED,
    (State.SUBMITTED, Move.EDIT): State.SUBMITTED,
    (State.SUBMITTED, Move.REOPEN): State.DRAFT,
    (State.SUBMITTED, Move.APPROVE): State.APPROVED,
    (State.SUBMITTED, Move.REJECT): State.REJECTED,
}
"""Every allowed move; approved and rejected are final."""

COMPLETE_FOR: frozenset[Move] = frozenset({Move.SUBMIT, Move.APPROVE})
"""Moves that need the application complete (every problem of :func:`problems` solved)."""


def after(state: State, move: Move) -> State | None:
    """The state a move leads to, or None when it is not allowed from this state."""
    return MOVES.get((state, move))


class DocKind(StrEnum):
    """The documents a provider must hand in, each with an expiry date."""

    LICENCE = "licence"
    INSURANCE = "insurance"


MAX_DOCUMENT_BYTES = 2 * 1024 * 1024
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)
"""The file types accepted, told by their first bytes (never by the name a browser sends)."""
EXPIRY_WARNING = timedelta(days=30)
# A licence or insurance running out further ahead than this is a typo ("2099"): refused, as
# it would silence the expiry warnings for good (retest 15). Ten years and its leap days.
EXPIRY_FURTHEST = timedelta(days=3653)


def sniff(data: bytes) -> str | None:
    """The content type the bytes really are (PDF, PNG or JPEG), or None."""
    return next((kind for magic, kind in MAGIC if data.startswith(magic)), None)


def document_problem(data: bytes, expires: date | None, today: date) -> str | None:
    """Why an uploaded document is refused (a problem key), or None when it is accepted."""
    if not data:
        return "doc_empty"
    if len(data) > MAX_DOCUMENT_BYTES:
        return "doc_too_big"
    if sniff(data) is None:
        return "doc_type"
    if expires is None:
        return "doc_expiry_missing"
    if expires <= today:
        return "doc_expired"
    if expires - today > EXPIRY_FURTHEST:
        return "doc_expiry_far"
    return None


def expiring(expires: date | None, today: date) -> bool:
    """Whether a document runs out within 30 days (or already has): staff must act."""
    return expires is not None and expires - today <= EXPIRY_WARNING


@dataclass(frozen=True)
class OfferLine:
    """A service the provider offers, at a price, against the market reference."""

    service: str
    price: float
    market_price: float | None = None
    unit_zh: str = "次"  # what the price is per (the retest found every new offer "/次")
    unit_en: str = "visit"


@dataclass(frozen=True)
class Details:
    """What staff type about a new provider. ``contact`` is private: shown only on the
    application's own page to staff, never in the audit, a log or a chat."""

    provider_id: str
    name_zh: str
    name_en: str
    contact: str
    buildings: tuple[str, ...] = ()
    offers: tuple[OfferLine, ...] = ()


@dataclass(frozen=True)
class Known:
    """What the details are checked against: the catalogue's services, the community's
    buildings and the providers that already exist."""

    services: frozenset[str]
    buildings: frozenset[str]
    providers: frozenset[str]


PROVIDER_ID = re.compile(r"^[a-z][a-z0-9_]{1,29}$")
MAX_PRICE = 100_000.0


def detail_problems(details: Details, known: Known) -> list[str]:
    """Every problem of the details (problem keys, in form order); empty when they are fine."""
    found: list[str] = []
    if not PROVIDER_ID.match(details.provider_id):
        found.append("id_format")
    elif details.provider_id in known.providers:
        found.append("id_taken")
    if not details.name_zh.strip() or len(details.name_zh) > 40 or len(details.name_en) > 60:
        found.append("name")
    if not details.contact.strip() or len(details.contact) > 100:
        found.append("contact")
    if any(b not in known.buildings for b in details.buildings):
        found.append("buildings")
    if not details.offers:
        found.append("no_offers")
    services = [o.service for o in details.offers]
    if any(s not in known.services for s in services) or len(set(services)) != len(services):
        found.append("offer_service")
    for offer in details.offers:
        market = offer.market_price
        if not 0 <= offer.price <= MAX_PRICE or (market is not None and market < offer.price):
            found.append("offer_price")
            break
    return found


@dataclass(frozen=True)
class DocumentInfo:
    """A stored document, without its bytes."""

    id: int
    kind: DocKind
    content_type: str
    size: int
    expires: date


@dataclass(frozen=True)
class Application:
    """An application as stored: its state, details and documents."""

    id: int
    state: State
    details: Details
    documents: tuple[DocumentInfo, ...] = field(default_factory=tuple)

    def expiry(self, kind: DocKind) -> date | None:
        """The latest expiry among the documents of this kind (None without one)."""
        dates = [d.expires for d in self.documents if d.kind is kind]
        return max(dates) if dates else None


def problems(application: Application, known: Known, today: date) -> list[str]:
    """Why the application is not complete: the details' problems, then a missing or expired
    licence or insurance. Empty: it may be submitted and approved."""
    found = detail_problems(application.details, known)
    for kind in DocKind:
        expires = application.expiry(kind)
        if expires is None:
            found.append(f"missing_{kind.value}")
        elif expires <= today:
            found.append(f"expired_{kind.value}")
    return found
