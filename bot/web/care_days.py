"""The Care page's last 30 days of an elder: a row of small day cells, oldest first.

Each cell is a symbol in a colour (never colour alone: ● answered, ◐ late, ✕ missed, ○ not yet
answered today, – paused, · nothing due), with the day and its meaning as its title and for
screen readers. Thirty cells of 10 px fit a 360 px phone inside a Care card.
"""

from __future__ import annotations

from datetime import date

from bot.domain.console.insight.days import DayMark
from bot.i18n import Lang
from bot.web.html import w

SYMBOL = {
    DayMark.ANSWERED: "●",
    DayMark.LATE: "◐",
    DayMark.MISSED: "✕",
    DayMark.WAITING: "○",
    DayMark.PAUSED: "–",
    DayMark.NONE: "·",
}


def day_cells(days: tuple[tuple[date, DayMark], ...], lang: Lang) -> str:
    """One elder's days as a row of cells (empty when there are none)."""
    # Each mark's words looked up once, not twice for each of a page's 1,500 cells.
    words = {mark: w("day." + mark.value, lang) for mark in SYMBOL}
    cells = "".join(
        _cell(mark, f"{day.month:02d}-{day.day:02d} {words[mark]}") for day, mark in days
    )
    return f'<div class="days">{cells}</div>' if cells else ""


def _cell(mark: DayMark, label: str) -> str:
    return (
        f'<span class="d-{mark.value}" title="{label}" aria-label="{label}">{SYMBOL[mark]}</span>'
    )


def day_legend(lang: Lang) -> str:
    """What each cell's symbol means."""
    items = " ".join(
        f'<span class="nowrap"><span class="d-{m.value}">{s}</span> {w("day." + m.value, lang)}'
        "</span>"
        for m, s in SYMBOL.items()
    )
    return f'<p class="note" id="day-legend">{w("last_30", lang)}: {items}</p>'
