"""People's pure core as tables: addresses, the invite rule, the token format."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.people import Address, parse_address
from bot.domain.people.contract import INVITE_PREFIX, new_invite_token
from bot.domain.people.model import Redeem, redeem

NOW = datetime(2026, 11, 28, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3栋2单元501", Address("3", "2", "501")),
        ("3-2-501", Address("3", "2", "501")),
        ("3 2 501", Address("3", "2", "501")),
        ("12号楼3单元1101室", Address("12", "3", "1101")),
        ("a座b单元3号", Address("A", "B", "3")),
        ("　3/2/501　", Address("3", "2", "501")),  # full-width spaces
        ("3栋501", None),
        ("明天上午", None),
        ("", None),
    ],
)
def test_parse_address(text: str, expected: Address | None) -> None:
    """Building, unit and room in the usual Chinese and compact forms; anything else None."""
    assert parse_address(text) == expected


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
