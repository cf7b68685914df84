"""An elder's last 30 days at a glance, for the Care page: one mark per local day.

Pure: the day's check-ins in, one :class:`DayMark` out. The worst check-in of the day names it
(missed before waiting before late before answered before paused), so a day with one answered
and one missed check-in reads missed. "Missed" is what the weekly report calls unheard: the
ladder reached her grid worker or staff, a help call carried it, or someone else confirmed she
was safe. "Late": she answered herself, but only after the reminder's time.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import NamedTuple

UNHEARD = ("grid", "escalated", "help")  # nobody heard from her herself
WAITING = ("pinged", "reminded")  # asked, no answer yet


class DayMark(StrEnum):
    """What one day of check-ins came to, worst first."""

    MISSED = "missed"
    WAITING = "waiting"  # today's, not answered yet
    LATE = "late"
    ANSWERED = "answered"
    PAUSED = "paused"
    NONE = "none"  # nothing was due (not enrolled yet, or no check-in that day)


class DayCheckin(NamedTuple):
    """One check-in as the Care page reads it (a tuple: a page builds 1,500 of them, and a
    frozen dataclass's construction cost several times more)."""

    day: date  # its local day (its slot's date)
    state: str
    closed_by: str | None
    due_at: datetime
    closed_at: datetime | None


def checkin_mark(c: DayCheckin, reminder_after: timedelta) -> DayMark:
    """One check-in's mark."""
    if c.state == "skipped":
        return DayMark.PAUSED
    if c.state in UNHEARD or c.closed_by == "confirmed":
        return DayMark.MISSED
    if c.state in WAITING or c.closed_at is None:
        return DayMark.WAITING
    late = c.closed_at - c.due_at > reminder_after
    return DayMark.LATE if late else DayMark.ANSWERED


_RANK = {mark: n for n, mark in enumerate(DayMark)}  # worst first


def day_mark(checkins: Iterable[DayCheckin], reminder_after: timedelta) -> DayMark:
    """A day's mark: its worst check-in's (NONE with none)."""
    marks = [checkin_mark(c, reminder_after) for c in checkins]
    return min(marks, key=_RANK.__getitem__) if marks else DayMark.NONE


def last_days(
    checkins: Iterable[DayCheckin], today: date, reminder_after: timedelta, days: int = 30
) -> tuple[tuple[date, DayMark], ...]:
    """The ``days`` days up to today, oldest first, each with its mark."""
    by_day: dict[date, list[DayCheckin]] = {}
    for c in checkins:
        by_day.setdefault(c.day, []).append(c)
    span = [today - timedelta(days=n) for n in range(days - 1, -1, -1)]
    return tuple((d, day_mark(by_day.get(d, []), reminder_after)) for d in span)
