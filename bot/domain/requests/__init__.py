"""Requests recognised in a group chat, carried into a private chat by a deep-link token.

Rooms: :mod:`.model` (pure: :class:`GroupRequest`, the :class:`Pacing` of a member's answers),
:mod:`.repo` (the only SQL), :mod:`.service` (:class:`Requests`: record one, find it by token,
pace a member's answers). Every existing ``from bot.domain.requests import ...`` keeps working.
"""

from __future__ import annotations

from bot.domain.requests.model import Burst, GroupRequest, Pace, Pacing
from bot.domain.requests.repo import RequestsRepo
from bot.domain.requests.service import Requests

__all__ = ["Burst", "GroupRequest", "Pace", "Pacing", "Requests", "RequestsRepo"]
