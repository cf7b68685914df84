"""Signed callback data for inline buttons.

Button data is ``<action>:<arg>:<arg>..|<sig>`` where ``sig`` is a short HMAC over the rest with
the bot's secret key. A press whose signature does not match was forged (or made for another
deployment) and changes nothing. Signing does not replace the checks each handler makes on who
pressed and whether the object is still in the state the button was made for; it just makes
those checks the only thing an attacker can probe.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass

_SIG_BYTES = 6  # 8 base64 characters; keeps data well under Telegram's 64-byte limit
MAX_DATA = 64
_MAX_ID_DIGITS = 18  # every id of 18 digits fits SQLite's signed 64-bit integers


def parse_id(value: str) -> int:
    """An id typed or carried in button data: plain ASCII digits that fit SQLite, else -1.

    ``str.isdigit`` alone is not enough: "²" passes it and fails ``int``, and a run of 20 nines
    passes ``int`` and fails SQLite. -1 matches no row, so such input reads as a stale id.
    """
    if value.isascii() and value.isdigit() and len(value) <= _MAX_ID_DIGITS:
        return int(value)
    return -1


@dataclass(frozen=True)
class Callback:
    """A verified button press: the action and its arguments."""

    action: str
    args: tuple[str, ...]

    def arg(self, index: int) -> str:
        """The argument at index, or '' when missing."""
        return self.args[index] if index < len(self.args) else ""

    def number(self, index: int) -> int:
        """The argument at index as an id; -1 (which matches no row) when missing or not a
        number, so a malformed press is treated like a stale one instead of crashing."""
        return parse_id(self.arg(index))


class CallbackSigner:
    """Makes and checks button data."""

    def __init__(self, secret: str) -> None:
        self._key = hashlib.sha256(("callbacks:" + secret).encode()).digest()

    def _sig(self, body: str) -> str:
        # hmac.digest: the one-shot HMAC in C (hmac.new builds a Python object per call;
        # a draft's prompt signs four buttons).
        digest = hmac.digest(self._key, body.encode(), "sha256")[:_SIG_BYTES]
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")

    def make(self, action: str, *args: object) -> str:
        """Button data for an action and its arguments."""
        parts = [action, *(str(a) for a in args)]
        if any(":" in p or "|" in p for p in parts):
            raise ValueError("callback parts may not contain ':' or '|'")
        body = ":".join(parts)
        data = f"{body}|{self._sig(body)}"
        if len(data.encode()) > MAX_DATA:
            raise ValueError(f"callback data too long: {body!r}")
        return data

    def verify(self, data: str | None) -> Callback | None:
        """The press, if the data is well formed and signed by us; None otherwise."""
        if not data or "|" not in data:
            return None
        body, _, sig = data.rpartition("|")
        # Compared as bytes: compare_digest refuses str with non-ASCII characters, and forged
        # data may hold any character Telegram allows.
        if not hmac.compare_digest(sig.encode(), self._sig(body).encode()):
            return None
        action, *args = body.split(":")
        return Callback(action, tuple(args))
