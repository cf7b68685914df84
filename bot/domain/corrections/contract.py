"""The buttons of corrections: dismissing a group reply, and staff's /misses pages and labels.

Minted here so the start-up check (``bot/wiring.py``) sees them; ``handlers/corrections.py``
handles them.
"""

from __future__ import annotations

from enum import StrEnum


class Action(StrEnum):
    """Button actions of corrections (the first part of signed callback data)."""

    DISMISS = "dis"  # group reply id: [✖ 不是找服务] under a group reply
    PAGE = "msp"  # page number: another page of /misses
    LABEL = "lbl"  # kind (m: a miss, e: an example), id, label ("none" or a service id)


NOT_A_REQUEST = "none"  # the label "this was not a request"
