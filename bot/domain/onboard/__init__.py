"""Onboarding a new provider from the console: an application (details, documents with expiry
dates) staff save, hand in and approve or reject; approval makes the provider live and mints a
one-time invite for its worker.

Rooms: :mod:`.model` (pure: states and moves, detail and document rules), :mod:`.repo` (the
only SQL; documents' bytes kept in the database), :mod:`.service` (the use cases). The HTTP
side is :mod:`bot.web.provider_pages`.
"""

from __future__ import annotations

from bot.domain.onboard.model import Application, Details, DocKind, Move, OfferLine, State
from bot.domain.onboard.service import Outcome, ProviderOnboarding

__all__ = [
    "Application",
    "Details",
    "DocKind",
    "Move",
    "OfferLine",
    "Outcome",
    "ProviderOnboarding",
    "State",
]
