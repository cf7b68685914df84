"""The webhook's secret token, derived from ``CONCIERGE_SECRET_KEY``.

Telegram sends the token given to ``setWebhook`` in the ``X-Telegram-Bot-Api-Secret-Token``
header of every delivery; a request without it did not come from Telegram. Deriving it from the
secret key (HMAC-SHA256 with a fixed label, base64url without padding: 43 characters of
``A-Za-z0-9_-``, the characters Telegram allows, up to 256) means every instance computes the
same token with no setting of its own, and the token reveals nothing about the key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re

HEADER = "X-Telegram-Bot-Api-Secret-Token"
_LABEL = b"concierge/telegram-webhook-secret/v1"
ALLOWED = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # what Telegram accepts as a secret_token


def secret_token(secret_key: str) -> str:
    """The token for this key: the same on every instance, different for every key."""
    digest = hmac.new(secret_key.encode("utf-8"), _LABEL, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def is_genuine(given: str | None, expected: str) -> bool:
    """Whether a delivery's header carries the token (compared in constant time)."""
    if not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


__all__ = ["ALLOWED", "HEADER", "is_genuine", "secret_token"]
