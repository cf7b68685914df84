"""What people's use cases share with the outside: the invite link's token format, the
buttons onboarding mints and the answer it waits for."""

from __future__ import annotations

import secrets
from enum import StrEnum

INVITE_PREFIX = "inv_"


def new_invite_token() -> str:
    """A fresh, unguessable token; only letters, digits and the prefix's underscore."""
    return INVITE_PREFIX + secrets.token_urlsafe(12).replace("-", "x").replace("_", "y")


class Action(StrEnum):
    """Button actions onboarding mints (the first part of signed callback data)."""

    LANGUAGE = "lang"  # language code
    ADDRESS_LATER = "addr_later"  # no arguments: give the address at the first booking


class Pending(StrEnum):
    """Free-text answers onboarding waits for."""

    ADDRESS = "address"  # building-unit-room, after the welcome
