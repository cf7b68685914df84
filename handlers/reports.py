"""The weekly report: /report (staff, private) sends it on demand; the Monday digest is a
deadline the reports feature plans.

Thin: the handler checks the sender is staff (others get a polite refusal) and calls one use
case; the figures, the five lines and the chart live in :mod:`bot.domain.reports`.
"""

from __future__ import annotations

from telegram import Update

from bot.domain.reports import Reports
from bot.storage import Tx
from handlers.base import staff_sender
from handlers.context import Context, Feature


class ReportHandlers:
    """The Telegram side of reports, built with its use cases (``bot/app.py``)."""

    def __init__(self, reports: Reports) -> None:
        self.reports = reports

    async def report_command(self, update: Update, context: Context, tx: Tx) -> None:
        """Staff: send the last seven days' report (chart and five lines) to this chat."""
        person = await staff_sender(update, context, tx)
        if person is None:
            return
        await self.reports.on_demand(tx, person, key=f"u{update.update_id}:report")


def feature(h: ReportHandlers) -> Feature:
    """The Monday digest's deadline and its planner (/report is listed in bot/app.py)."""
    return Feature(deadlines=h.reports.deadline_handlers(), planners=(h.reports.plan,))
