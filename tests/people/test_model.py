"""People's pure core as tables: addresses, the invite rule, the token format."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.people import Address, parse_address, read_address
from bot.domain.people.contract import INVITE_PREFIX, new_invite_token
from bot.domain.people.model import Redeem, redeem
from bot.i18n import T

NOW = datetime(2026, 11, 28, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3栋2单元501", Address("3", "2", "501")),
        ("3-2-501", Address("3", "2", "501")),
        ("3 2 501", Address("3", "2", "501")),
        ("12号楼3单元1101室", Address("12", "3", "1101")),
        ("a座b单元301号", Address("A", "B", "301")),
        ("　3/2/501　", Address("3", "2", "501")),  # full-width spaces
        ("３－２－５０１", Address("3", "2", "501")),  # full-width digits
        ("三栋二单元一一零二", Address("3", "2", "1102")),  # Chinese numerals, digit by digit
        ("三号楼二单元1102", Address("3", "2", "1102")),
        ("十二栋一单元三零一室", Address("12", "1", "301")),
        ("Building 6, unit 1, room 2203", Address("6", "1", "2203")),
        ("bldg 6 unit 1 #2203", Address("6", "1", "2203")),
        ("Room 2203, Unit 1, Building 6", Address("6", "1", "2203")),
        ("99-9-9999", Address("99", "9", "9999")),  # a plausible shape (the building: below)
        # words, not a door number: the tester's sentences at the address step
        ("come quickly please", None),
        ("the dog is friendly", None),
        ("call me when", None),
        ("a座b单元3号", None),  # a one-digit room is no flat of a tower
        ("3 2 5", None),
        ("3栋501", None),
        ("我家在三号楼二单元", None),  # no room
        ("明天上午", None),
        ("", None),
    ],
)
def test_parse_address(text: str, expected: Address | None) -> None:
    """Building, unit and room in the usual Chinese, numeral, compact and English forms;
    anything not shaped like a door number None."""
    assert parse_address(text) == expected


SIX = ("1", "2", "3", "4", "5", "6")


@pytest.mark.parametrize(
    ("text", "buildings", "expected"),
    [
        ("3-2-501", SIX, Address("3", "2", "501")),
        ("三栋二单元一一零二", SIX, Address("3", "2", "1102")),
        ("99-9-9999", SIX, T("onboarding.address_no_building", building="99", buildings="1-6")),
        ("7栋1单元301", ("1", "7", "A"), Address("7", "1", "301")),
        (
            "8-1-301",
            ("1", "7", "A"),
            T("onboarding.address_no_building", building="8", buildings="1, 7, A"),
        ),
        ("99-9-9999", (), Address("99", "9", "9999")),  # a community listing none: any
        ("come quickly please", SIX, T("onboarding.address_unclear")),
    ],
)
def test_read_address(text: str, buildings: tuple[str, ...], expected: object) -> None:
    """Only a building of this community makes an address; otherwise the question again,
    naming the buildings there are."""
    assert read_address(text, buildings) == expected


def test_address_label_is_compact() -> None:
    """The private-chat form: 3-2-501."""
    assert Address("3", "2", "501").label() == "3-2-501"


@pytest.mark.parametrize(
    ("used_by", "expires", "expected"),
    [
        (None, NOW + timedelta(days=1), Redeem.OK),
        (None, NOW, Redeem.OK),  # the last moment still counts
        (None, NOW - timedelta(seconds=1), Redeem.EXPIRED),
        (7, NOW + timedelta(days=1), Redeem.AGAIN),  # the same person again
        (8, NOW + timedelta(days=1), Redeem.USED),
        (7, NOW - timedelta(days=1), Redeem.AGAIN),  # used in time, pressed again later
    ],
)
def test_an_invite_is_used_once_by_one_person_before_it_expires(
    used_by: int | None, expires: datetime, expected: Redeem
) -> None:
    """Once, by one person, before it expires; the same person again is fine."""
    assert redeem(used_by, 7, expires, NOW) is expected


def test_invite_tokens_are_fresh_and_fit_a_start_payload() -> None:
    """Prefixed, unguessable, only characters Telegram allows in /start payloads."""
    tokens = {new_invite_token() for _ in range(50)}
    assert len(tokens) == 50
    assert all(re.fullmatch(rf"{INVITE_PREFIX}[A-Za-z0-9]{{16}}", t) for t in tokens)
