"""The buttons of browsing the catalogue in private: a category, then one of its items.

Minted here so the start-up check (``bot/wiring.py``) sees them; ``handlers/requests.py``
handles both, and the cabinet's /borrow menu mints :attr:`Action.ITEM` for its tools too.
"""

from __future__ import annotations

from enum import StrEnum


class Action(StrEnum):
    """Button actions of the catalogue (the first part of signed callback data)."""

    CATEGORY = "cat"  # category name: list its services or tools
    ITEM = "item"  # service or tool id: continue as a request for it
