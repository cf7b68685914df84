"""When a booking happens, as people say it (pure): as soon as possible, an hour on a day,
days of care priced per day, and reminders kept out of the night.

Issue 13. A time is read by ``intents.times.parse_when`` (a :class:`~intents.TimeSpan`); this
module decides what it means for a booking: a slot, ``asap`` (dispatched at once, no slot),
or a day still needing its hour (never a midnight visit). Tested as tables in
``tests/bookings/test_slots.py``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from typing import Any

from bot.clock import from_db
from bot.config import Offer
from bot.domain.bookings.model import DEFAULT_LENGTH, Booking
from bot.domain.bookings.policy import reminder_at
from bot.domain.catalogue import PER_DAY
from intents import TimeSpan

ASAP = "asap"  # the slot choice "as soon as possible"
# Parts of a day offered for a day said without an hour (the usual visiting hours).
PARTS = {"am": (time(9), time(12)), "pm": (time(14), time(17)), "ev": (time(18), time(20))}
_DAY_CHOICE = re.compile(r"^d(\d{8})(am|pm|ev)$")

# Columns added by migration 0012, as the repository sets and reads them.
FLOW_COLUMNS = frozenset(
    {"asap", "units", "wanted_day", "proposed_start", "proposed_end", "proposal"}
)


def flow_fields(row: Mapping[str, Any]) -> dict[str, Any]:
    """The issue-13 fields of a booking row (see the migration for what each means)."""
    moment = row["proposed_start"], row["proposed_end"]
    return {
        "asap": bool(row["asap"]),
        "units": int(row["units"]),
        "wanted_day": date.fromisoformat(row["wanted_day"]) if row["wanted_day"] else None,
        "proposed_start": from_db(moment[0]) if moment[0] else None,
        "proposed_end": from_db(moment[1]) if moment[1] else None,
        "proposal": int(row["proposal"]),
        "days_done": int(row["days_done"]),
        "hours": int(row["hours"]) if row["hours"] else None,
    }


def per_day(offer: Offer | None) -> bool:
    """Whether an offer is priced per day (pet sitting ¥50/天): days of care are its units."""
    return offer is not None and (offer.unit_zh in PER_DAY or offer.unit_en in PER_DAY)


def total(price: float, units: int) -> float:
    """What N units cost."""
    return price * max(units, 1)


# -- choices carried by buttons ---------------------------------------------------------------


def day_choice(day: date, part: str) -> str:
    """The button choice 'that day, that part': ``d20261204am``."""
    return f"d{day:%Y%m%d}{part}"


def day_slot(choice: str, tz: tzinfo, now: datetime) -> tuple[datetime, datetime] | None:
    """The slot of a day-and-part choice; None when malformed or already over."""
    m = _DAY_CHOICE.match(choice)
    if m is None:
        return None
    try:
        day = datetime.strptime(m.group(1), "%Y%m%d").date()
    except ValueError:
        return None
    begin, end = PARTS[m.group(2)]
    start, stop = datetime.combine(day, begin, tz), datetime.combine(day, end, tz)
    return (max(start, now), stop) if stop > now else None


def parts_left(day: date, tz: tzinfo, now: datetime) -> list[str]:
    """The parts of a day still to come (this evening only, late in the day)."""
    return [p for p, (_, end) in PARTS.items() if datetime.combine(day, end, tz) > now]


# -- typed times --------------------------------------------------------------------------------


# Parts of the day as words say them (intents' hours) and the visit part each means: the
# hours of the buttons, so "下午" typed and the 下午 button agree and "明早" (06:00-09:00 in
# words) is never a visit inside the quiet hours.
_SAID_PARTS = {(6, 9): "am", (9, 12): "am", (13, 18): "pm", (18, 22): "ev"}


def visit_part(start: datetime, end: datetime, now: datetime) -> tuple[datetime, datetime]:
    """A span that is a whole part of the day said in words, as the visit part of the
    buttons (a part already begun keeps its start: what is left of it); any other span (a
    clock time, "4点到6点") as it is."""
    said = (start.hour, end.hour)
    whole = start.minute == end.minute == 0 and start.date() == end.date()
    if not whole or said not in _SAID_PARTS:
        return start, end
    begin, finish = PARTS[_SAID_PARTS[said]]
    if start > now:
        start = start.replace(hour=begin.hour)
    return start, end.replace(hour=finish.hour)


class Pick(StrEnum):
    """What a typed time means for a booking."""

    SLOT = "slot"  # a slot: start and end
    ASAP = "asap"  # as soon as possible
    HOUR = "hour"  # a day (or days) without an hour: ask for it
    DAY = "day"  # a window ("下周"): ask which day
    PAST = "past"  # already over
    NONE = "none"  # no time in the words


@dataclass(frozen=True)
class SlotPick:
    """A typed time, decided: the slot (or the day that still needs an hour) and the units."""

    kind: Pick
    start: datetime | None = None
    end: datetime | None = None
    day: date | None = None
    units: int = 1


def shifted(booking: Booking, by: timedelta | None, now: datetime) -> SlotPick | None:
    """The draft's time moved by an amount said ("提前半小时", "30 minutes earlier" while the
    time step offers 15:00-17:00: 14:30-16:30); None when no amount is said or no time is on
    the draft yet (the words are then read as any other time)."""
    if by is None or booking.slot_start is None or booking.slot_end is None:
        return None
    start, end = booking.slot_start + by, booking.slot_end + by
    if end <= now:
        return SlotPick(Pick.PAST)
    return SlotPick(Pick.SLOT, max(start, now), end, units=booking.units)


def read_typed(
    span: TimeSpan | None,
    now: datetime,
    *,
    daily: bool,
    wanted_day: date | None = None,
    names_day: bool = False,
    units: int = 1,
) -> SlotPick:
    """Decide a typed time at the time step.

    `daily`: the service is priced per day, so days said are its units. `wanted_day`: the day
    the resident gave before (an hour alone, ``names_day`` False, is on that day). `units`:
    the units already asked for, kept when the words say no new count.
    """
    if span is None:
        return SlotPick(Pick.NONE)
    days = span.days if daily and span.days > 1 else units if daily else 1
    if span.asap:
        return SlotPick(Pick.ASAP)
    if not span.has_time:
        if span.days == 0:
            return SlotPick(Pick.DAY, day=span.day)
        return SlotPick(Pick.HOUR, day=span.day, units=days)
    start, end = visit_part(span.start, span.end or span.start + DEFAULT_LENGTH, now)
    if wanted_day is not None and not names_day:
        shift = datetime.combine(wanted_day, start.timetz()) - start
        start, end = start + shift, end + shift
    if end <= now:
        return SlotPick(Pick.PAST)
    return SlotPick(Pick.SLOT, max(start, now), end, units=days)


@dataclass(frozen=True)
class DraftTime:
    """What a draft starts with from the request's time."""

    start: datetime | None = None
    end: datetime | None = None
    asap: bool = False
    units: int = 1
    wanted_day: date | None = None


def from_request(
    span: TimeSpan | None,
    now: datetime,
    *,
    daily: bool,
    urgent: bool = False,
    morning: date | None = None,
) -> DraftTime:
    """The request's time kept for the draft: a slot still ahead, as soon as possible, or a
    day whose hour is asked at the time step (with its days of care). `morning`: it is the
    quiet hours and the service is not urgent, so "now" means that day's daytime."""
    if span is None:
        return DraftTime()
    picked = read_typed(span, now, daily=daily)
    if picked.kind is Pick.ASAP and morning is not None:
        return DraftTime(wanted_day=morning)
    if picked.kind is Pick.ASAP:
        return DraftTime(asap=True)
    if picked.kind is Pick.HOUR:
        return DraftTime(units=picked.units, wanted_day=picked.day)
    if picked.kind is Pick.SLOT and picked.start is not None and picked.start > now:
        return DraftTime(picked.start, picked.end, units=picked.units)
    if picked.kind is Pick.SLOT and urgent:
        return DraftTime(asap=True)  # "下午" said at 15:00 for a burst pipe: now
    return DraftTime(units=picked.units)


# -- reminders ----------------------------------------------------------------------------------


def _in_quiet(moment: time, quiet_start: time, quiet_end: time) -> bool:
    if quiet_start <= quiet_end:
        return quiet_start <= moment < quiet_end
    return moment >= quiet_start or moment < quiet_end


def night_morning(local_now: datetime, quiet: tuple[time, time], urgent: bool) -> date | None:
    """Only urgent services are sent out at once during the quiet hours (22:00-07:00): for the
    others "as soon as possible" is the first daytime, the day those hours end (None: now
    is fine)."""
    quiet_start, quiet_end = quiet
    moment = local_now.time()
    if urgent or not _in_quiet(moment, quiet_start, quiet_end):
        return None
    return local_now.date() if moment < quiet_end else local_now.date() + timedelta(days=1)


def out_of_quiet(
    remind: datetime | None,
    slot_start: datetime | None,
    quiet: tuple[time, time],
    tz: tzinfo,
) -> datetime | None:
    """A reminder that would fall in the quiet hours (22:00-07:00) goes at their end when that
    is still before the slot, otherwise just before they begin, the evening before; never in
    the night, never after the slot."""
    if remind is None or slot_start is None:
        return remind
    local = remind.astimezone(tz)
    quiet_start, quiet_end = quiet
    if not _in_quiet(local.timetz().replace(tzinfo=None), quiet_start, quiet_end):
        return remind
    day = local.date() if local.time() < quiet_end else local.date() + timedelta(days=1)
    morning = datetime.combine(day, quiet_end, tz)
    if morning < slot_start:
        return morning
    evening = datetime.combine(day - timedelta(days=1), quiet_start, tz) - timedelta(minutes=30)
    return evening if evening < remind else None


def reminder_time(
    slot_start: datetime | None,
    before: timedelta,
    now: datetime,
    quiet: tuple[time, time],
    tz: tzinfo,
) -> datetime | None:
    """When to remind both sides of an accepted job: `before` the slot (at once when that has
    passed, never once it began), moved out of the quiet hours."""
    return out_of_quiet(reminder_at(slot_start, before, now), slot_start, quiet, tz)


def asked_hours(
    hours: int | None, start: datetime | None, end: datetime | None, n: int, per_hour: bool
) -> tuple[int, datetime | None, int | None]:
    """Hours asked ("4个小时"): a slot that long; the units of an hourly service, else
    the visit's length (units, end, length)."""
    if hours is None or hours < 2:
        return n, end, None
    long = start + timedelta(hours=hours) if start is not None else end
    if per_hour:
        return hours, long, None
    return n, long, (hours if n == 1 else None)


def fitted_end(booking: Booking, start: datetime, end: datetime, per_hour: bool) -> datetime:
    """The end of a slot of an hourly booking asked for N hours: N hours after its start
    (a part of the day, 14:00-17:00, is 3 hours; "4个小时" asked for 4)."""
    if booking.units > 1 and per_hour:
        return start + timedelta(hours=booking.units)
    return start + timedelta(hours=booking.hours) if booking.hours else end
