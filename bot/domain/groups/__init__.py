"""Group chats: bound to the community by staff, or politely ignored.

Rooms: :mod:`.repo` (the only SQL), :mod:`.service` (:class:`Groups`, which chats the bot
serves). Every existing ``from bot.domain.groups import Groups`` keeps working.

No ``model.py``: a group has no states to move between and no rule to decide (it is bound or
not, listed in the community file or not, and a supergroup migration just renames its id), so a
model would be an empty room. No ``contract.py`` either: groups mint no buttons, deadlines or
awaited answers. Should a group gain a life cycle (suspended, archived), its table goes in a
model then.
"""

from __future__ import annotations

from bot.domain.groups.repo import GroupsRepo
from bot.domain.groups.service import Groups

__all__ = ["Groups", "GroupsRepo"]
