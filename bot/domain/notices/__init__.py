"""Community notices posted to every bound group: recurring ones from the file, one-offs by staff.

Rooms: :mod:`.model` (pure: one-off states, posting days, staleness, the /notice time rules),
:mod:`.repo` (the only SQL), :mod:`.service` (planning and posting), :mod:`.messages` (texts),
:mod:`.contract` (deadline kinds, names, refs and outbox keys). Nothing here imports Telegram.
"""

from __future__ import annotations

from bot.domain.notices.service import Notices, Scheduled

__all__ = ["Notices", "Scheduled"]
