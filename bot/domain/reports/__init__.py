"""The weekly report for staff: the week's figures, five lines naming what needs a decision,
and one chart (issue 15).

Rooms: :mod:`.model` (pure: the week, the figures, what needs a decision), :mod:`.repo` (the
only SQL, reads only), :mod:`.messages` (the five lines as Texts, the chart as a spec),
:mod:`.contract` (the Monday deadline's name and keys), :mod:`.service` (:class:`Reports`).
The chart is drawn by :mod:`bot.charts` when the outbox sends it.
"""

from __future__ import annotations

from bot.domain.reports.service import Reports

__all__ = ["Reports"]
