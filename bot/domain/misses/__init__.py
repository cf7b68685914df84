"""The learning loop: request-like messages that matched nothing, counted by text.

Only the text is kept, with phone numbers, door codes and room numbers redacted (the building
stays: it is where, not who; no sender, no chat), so staff can add aliases for what residents
actually say.

Rooms: :mod:`.model` (pure: :class:`Miss`, how a text is cleaned), :mod:`.repo` (the only
SQL), :mod:`.service` (:func:`record_miss`, :func:`top_misses`; :func:`record_unserved` and
:func:`unserved` for a service asked for that no provider could take). Every existing
``from bot.domain.misses import ...`` keeps working.
"""

from __future__ import annotations

from bot.domain.misses.model import MAX_TEXT, Miss, Unserved, clean
from bot.domain.misses.repo import MissesRepo
from bot.domain.misses.service import record_miss, record_unserved, top_misses, unserved

__all__ = [
    "MAX_TEXT",
    "Miss",
    "MissesRepo",
    "Unserved",
    "clean",
    "record_miss",
    "record_unserved",
    "top_misses",
    "unserved",
]
