"""The application's moves, pair by pair, and the rules its details and documents meet."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.domain.onboard.model import (
    MAX_DOCUMENT_BYTES,
    Application,
    Details,
    DocKind,
    DocumentInfo,
    Known,
    Move,
    OfferLine,
    State,
    after,
    detail_problems,
    document_problem,
    expiring,
    problems,
    sniff,
)

TODAY = date(2026, 12, 3)
PDF = b"%PDF-1.4\n..."
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 16
KNOWN = Known(
    frozenset({"home_cleaning", "range_hood_cleaning"}),
    frozenset({"1", "2", "3"}),
    frozenset({"jiejia"}),
)
GOOD = Details(
    "qingjie", "清洁快手", "Quick Clean", "138 0000 0000", ("1", "3"),
    (OfferLine("range_hood_cleaning", 150, 240),),
)  # fmt: skip

ALLOWED = {
    (State.DRAFT, Move.EDIT): State.DRAFT,
    (State.DRAFT, Move.SUBMIT): State.SUBMITTED,
    (State.DRAFT, Move.REJECT): State.REJECTED,
    (State.SUBMITTED, Move.EDIT): State.SUBMITTED,
    (State.SUBMITTED, Move.REOPEN): State.DRAFT,
    (State.SUBMITTED, Move.APPROVE): State.APPROVED,
    (State.SUBMITTED, Move.REJECT): State.REJECTED,
}


@pytest.mark.parametrize("state", list(State))
@pytest.mark.parametrize("move", list(Move))
def test_every_state_and_move(state: State, move: Move) -> None:
    """Each pair leads where the table says, or nowhere: a draft is never approved without
    being handed in, and approved and rejected are final."""
    assert after(state, move) == ALLOWED.get((state, move))


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (PDF, "application/pdf"),
        (PNG, "image/png"),
        (JPEG, "image/jpeg"),
        (b"GIF89a....", None),
        (b"PK\x03\x04 a zip named licence.pdf", None),
        (b"<html>%PDF-</html>", None),  # the magic must come first
        (b"", None),
    ],
)
def test_the_type_is_told_by_the_first_bytes(data: bytes, kind: str | None) -> None:
    assert sniff(data) == kind


@pytest.mark.parametrize(
    ("data", "expires", "problem"),
    [
        (PDF, TODAY + timedelta(days=365), None),
        (JPEG, TODAY + timedelta(days=1), None),
        (b"", TODAY + timedelta(days=365), "doc_empty"),
        (PDF + b"\0" * MAX_DOCUMENT_BYTES, TODAY + timedelta(days=365), "doc_too_big"),
        (b"%PDF" + b"\0" * (MAX_DOCUMENT_BYTES - 4), TODAY + timedelta(days=9), "doc_type"),
        (b"%PDF-" + b"\0" * (MAX_DOCUMENT_BYTES - 5), TODAY + timedelta(days=9), None),
        (b"MZ\x90\x00 an .exe renamed", TODAY + timedelta(days=365), "doc_type"),
        (PNG, None, "doc_expiry_missing"),
        (PNG, TODAY, "doc_expired"),
        (PNG, TODAY - timedelta(days=1), "doc_expired"),
        # retest 15: 2099-12-31 was accepted and would silence the expiry warnings for good
        (PNG, TODAY + timedelta(days=3653), None),  # ten years (and a leap day) ahead
        (PNG, TODAY + timedelta(days=3654), "doc_expiry_far"),
        (PDF, date(2099, 12, 31), "doc_expiry_far"),
    ],
)
def test_document_rules(data: bytes, expires: date | None, problem: str | None) -> None:
    """At most 2 MB, PDF/PNG/JPEG by magic bytes, with an expiry date still ahead."""
    assert document_problem(data, expires, TODAY) == problem


@pytest.mark.parametrize(
    ("days", "flagged"), [(-1, True), (0, True), (29, True), (30, True), (31, False)]
)
def test_expiring_within_thirty_days(days: int, flagged: bool) -> None:
    assert expiring(TODAY + timedelta(days=days), TODAY) is flagged
    assert not expiring(None, TODAY)


def _with(**changes: object) -> Details:
    values = {**GOOD.__dict__, **changes}
    return Details(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("details", "found"),
    [
        (GOOD, []),
        (_with(provider_id="QingJie"), ["id_format"]),
        (_with(provider_id="x"), ["id_format"]),
        (_with(provider_id="jiejia"), ["id_taken"]),
        (_with(name_zh=" "), ["name"]),
        (_with(contact=""), ["contact"]),
        (_with(contact="x" * 101), ["contact"]),
        (_with(buildings=("9",)), ["buildings"]),
        (_with(offers=()), ["no_offers"]),
        (_with(offers=(OfferLine("flying_saucer", 10),)), ["offer_service"]),
        (
            _with(offers=(OfferLine("home_cleaning", 40), OfferLine("home_cleaning", 45))),
            ["offer_service"],
        ),
        (_with(offers=(OfferLine("home_cleaning", -1),)), ["offer_price"]),
        (_with(offers=(OfferLine("home_cleaning", 60, 50),)), ["offer_price"]),
        (_with(offers=(OfferLine("home_cleaning", 100_001),)), ["offer_price"]),
    ],
)
def test_detail_rules(details: Details, found: list[str]) -> None:
    assert detail_problems(details, KNOWN) == found


def _doc(kind: DocKind, days: int, doc_id: int = 1) -> DocumentInfo:
    return DocumentInfo(doc_id, kind, "application/pdf", 10, TODAY + timedelta(days=days))


@pytest.mark.parametrize(
    ("documents", "found"),
    [
        ((_doc(DocKind.LICENCE, 300), _doc(DocKind.INSURANCE, 200)), []),
        ((_doc(DocKind.LICENCE, 300),), ["missing_insurance"]),
        ((), ["missing_licence", "missing_insurance"]),
        ((_doc(DocKind.LICENCE, 0), _doc(DocKind.INSURANCE, 9)), ["expired_licence"]),
        (  # a renewed licence counts: the latest expiry of a kind
            (_doc(DocKind.LICENCE, -5), _doc(DocKind.LICENCE, 400, 2), _doc(DocKind.INSURANCE, 9)),
            [],
        ),
    ],
)
def test_an_application_is_complete_with_both_documents_valid(
    documents: tuple[DocumentInfo, ...], found: list[str]
) -> None:
    application = Application(1, State.DRAFT, GOOD, documents)
    assert problems(application, KNOWN, TODAY) == found
