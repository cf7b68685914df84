"""The console's decision pages (Tool cabinet, Demand, Care, provider scorecards, CSV): a pure
:mod:`.model`, the reads in :mod:`.repo`, the use cases in :mod:`.service`."""

from __future__ import annotations

from bot.domain.console.insight.service import Insight

__all__ = ["Insight"]
