"""Corrected by the chat: group replies residents or staff dismiss, and the community's own
labelled examples that ``concierge train`` folds into its model.

Rooms: :mod:`.model` (pure: a reply, an example, who may dismiss), :mod:`.grouping` (pure: what
/misses groups), :mod:`.export` (pure: the training lines), :mod:`.repo` (the only SQL),
:mod:`.service` (:class:`Corrections`), :mod:`.contract` (its buttons), :mod:`.files` (the
export to a file, for the CLI).
"""

from __future__ import annotations

from bot.domain.corrections.export import export_lines
from bot.domain.corrections.files import export_confirmed
from bot.domain.corrections.model import Example, GroupReply, Outcome, Role, Source
from bot.domain.corrections.service import Corrections, Dismissal

__all__ = [
    "Corrections",
    "Dismissal",
    "Example",
    "GroupReply",
    "Outcome",
    "Role",
    "Source",
    "export_confirmed",
    "export_lines",
]
