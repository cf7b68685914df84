"""The community's setup staff edit while the bot runs (staff, housekeepers, providers and
their offers, elders and their check-in times, recurring notices): kept in the database,
seeded from the community file, every change audited and applied without a restart."""

from __future__ import annotations

from bot.domain.setup.model import Difference, Sections, SetupError
from bot.domain.setup.service import Setup

__all__ = ["Difference", "Sections", "Setup", "SetupError"]
