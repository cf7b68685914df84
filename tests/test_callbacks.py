"""Signed button data from outside: whatever Telegram delivers, verification answers yes or no
and arguments read as an id or as "no such id" (-1), never an exception."""

from __future__ import annotations

import pytest

from bot.callbacks import Callback, CallbackSigner

SIGNER = CallbackSigner("test-secret-key-0123456789")


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "|",
        "bk_acc:1:1|forgedsig",
        "bk_acc:1:1|签名",  # a non-ASCII signature (hmac.compare_digest refuses str like this)
        "确认:1|abcdefgh",
        "bk_acc:1:1|é",
        "\x00|\x00",
        "bk_acc:1:1|" + "😀" * 8,
        "a" * 500 + "|" + "b" * 500,
    ],
)
def test_forged_or_foreign_data_is_refused(data: str | None) -> None:
    """Unsigned, malformed or non-ASCII data is simply not ours."""
    assert SIGNER.verify(data) is None


def test_our_own_data_verifies() -> None:
    """What the signer makes, it accepts, with the action and arguments back."""
    assert SIGNER.verify(SIGNER.make("bk_acc", 12, 3)) == Callback("bk_acc", ("12", "3"))


def test_a_signature_over_non_ascii_arguments_still_verifies() -> None:
    """Arguments may be Chinese (a category name); the signature still matches."""
    data = SIGNER.make("cat", "维修")
    assert SIGNER.verify(data) == Callback("cat", ("维修",))
    assert SIGNER.verify(data[:-1] + "é") is None


@pytest.mark.parametrize(
    ("arg", "number"),
    [
        ("12", 12),
        ("0", 0),
        ("", -1),
        ("abc", -1),
        ("-3", -1),
        ("²", -1),  # passes str.isdigit, fails int()
        ("①", -1),
        ("١٢", -1),  # Arabic-Indic digits: not an id the bot ever made
        ("9" * 19, -1),  # beyond SQLite's 64-bit integers
        ("9" * 5000, -1),  # beyond int()'s digit limit
        ("123456789012345678", 123456789012345678),
    ],
)
def test_an_argument_is_an_id_or_minus_one(arg: str, number: int) -> None:
    """Only plain ASCII digits that fit SQLite are an id; anything else matches no row."""
    assert Callback("x", (arg,)).number(0) == number
