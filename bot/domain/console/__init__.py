"""The staff web console's domain side: sign-in, access, page data and actions.

Rooms: :mod:`.model` (pure: tokens, the Mini App signature check, access, urgency, pages),
:mod:`.today` (pure: the Today page), :mod:`.repo` (the only SQL), :mod:`.service`
(:class:`Console`, the use cases). The HTTP side is :mod:`bot.web`.
"""

from __future__ import annotations

from bot.domain.console.model import Access, InitDataProblem, Viewer
from bot.domain.console.service import Console

__all__ = ["Access", "Console", "InitDataProblem", "Viewer"]
