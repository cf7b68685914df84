"""Requests recognised in a group chat, carried into a private chat by a deep-link token.

Rooms: :mod:`.model` (pure: :class:`GroupRequest`), :mod:`.repo` (the only SQL),
:mod:`.service` (:class:`Requests`: record one, find it by token). Every existing
``from bot.domain.requests import ...`` keeps working.
"""

from __future__ import annotations

from bot.domain.requests.model import GroupRequest
from bot.domain.requests.repo import RequestsRepo
from bot.domain.requests.service import Requests

__all__ = ["GroupRequest", "Requests", "RequestsRepo"]
