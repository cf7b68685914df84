"""The invite link's token format: what ``/start <payload>`` carries to join with a role."""

from __future__ import annotations

import secrets

INVITE_PREFIX = "inv_"


def new_invite_token() -> str:
    """A fresh, unguessable token; only letters, digits and the prefix's underscore."""
    return INVITE_PREFIX + secrets.token_urlsafe(12).replace("-", "x").replace("_", "y")
