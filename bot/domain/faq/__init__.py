"""Community questions answered from the community file's ``[[faq]]`` list.

Rooms: :mod:`.service` (:class:`CommunityFaq`: which entry a message asks about, in a group
or in private, and its answer today — from a notice on the notice's days). The matching
itself is pure text understanding, in :mod:`intents.faq`.
"""

from __future__ import annotations

from bot.domain.faq.service import CommunityFaq

__all__ = ["CommunityFaq"]
