"""Group chats: bound to the community by staff, or politely ignored.

Rooms: :mod:`.repo` (the only SQL), :mod:`.service` (:class:`Groups`, which chats the bot
serves). Every existing ``from bot.domain.groups import Groups`` keeps working.
"""

from __future__ import annotations

from bot.domain.groups.repo import GroupsRepo
from bot.domain.groups.service import Groups

__all__ = ["Groups", "GroupsRepo"]
