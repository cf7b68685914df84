"""What must never reach a log: phones, addresses, door codes, in messages or tracebacks."""

from __future__ import annotations

import io
import logging

import pytest

from bot.privacy import RedactingFilter, redact


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("call me at 13812345678", "13812345678"),
        ("电话 138-1234-5678 找我", "138-1234-5678"),
        ("+86 21 6123 4567", "6123 4567"),
        ("我住3栋2单元501", "2单元501"),
        ("address 3-2-501 please", "3-2-501"),
        ("door code 908172", "908172"),
    ],
)
def test_redact_removes_private_data(text: str, secret: str) -> None:
    """Phones, addresses and long digit runs are replaced."""
    assert secret not in redact(text)


def test_redact_keeps_ordinary_text() -> None:
    """Times, prices and short numbers stay readable."""
    assert redact("booking 12 at 09:00 for ¥180") == "booking 12 at 09:00 for ¥180"


def test_log_lines_and_tracebacks_are_redacted() -> None:
    """A handler with the filter prints neither the message's nor the exception's secrets."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactingFilter())
    logger = logging.getLogger("tests.privacy")
    logger.addHandler(handler)
    try:
        try:
            raise ValueError("could not parse 3栋2单元501 or 13812345678")
        except ValueError:
            logger.error("failed for %s", "13912345678", exc_info=True)
    finally:
        logger.removeHandler(handler)
    output = stream.getvalue()
    assert "ValueError" in output and "failed for" in output
    for secret in ("13812345678", "13912345678", "2单元501"):
        assert secret not in output
