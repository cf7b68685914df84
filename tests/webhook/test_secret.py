"""The webhook's secret token: derived from the key alone, in Telegram's alphabet, compared
in constant time (pure)."""

from __future__ import annotations

import pytest

from bot.webhook.secret import ALLOWED, is_genuine, secret_token

KEYS = [
    "test-secret-key-0123456789",
    "another key, with spaces and 中文",
    "x" * 1000,
    "k",
]


@pytest.mark.parametrize("key", KEYS)
def test_the_token_is_in_telegrams_alphabet_and_short_enough(key: str) -> None:
    """1-256 characters of A-Za-z0-9_- (setWebhook refuses anything else)."""
    token = secret_token(key)
    assert ALLOWED.match(token), token
    assert len(token) == 43


@pytest.mark.parametrize("key", KEYS)
def test_every_instance_derives_the_same_token(key: str) -> None:
    """Same key, same token (a copy of the key, as another process reads it): instances
    agree with no setting of their own."""
    assert secret_token(key) == secret_token("".join(list(key)))


def test_different_keys_give_different_tokens_that_do_not_contain_the_key() -> None:
    """The token is neither the key nor shared between deployments."""
    tokens = {secret_token(key) for key in KEYS}
    assert len(tokens) == len(KEYS)
    assert all(key not in secret_token(key) for key in KEYS)


def test_a_known_key_gives_a_known_token() -> None:
    """The derivation is fixed: an upgrade that changed it would make instances of two
    versions refuse each other's deliveries (and Telegram's, until setWebhook ran again)."""
    assert (
        secret_token("test-secret-key-0123456789") == "alI9FbzDgS3XBCgzdPmT9xCL4SOxkWRgf6W441-26GE"
    )


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (None, False),
        ("", False),
        ("wrong", False),
        ("TOKEN", True),
        ("TOKEN ", False),
        ("token", False),
        ("TOKE", False),
        ("令牌", False),
    ],
)
def test_only_the_exact_token_is_genuine(given: str | None, expected: bool) -> None:
    """A missing, empty, shorter, longer or differently-cased header is refused."""
    assert is_genuine(given, "TOKEN") is expected
