"""When check-ins happen, as pure rules: which pings to plan (slots, quiet hours, pauses), the
greeting of the hour, how long a pause or a trip lasts, how often and when an elder is visited.

The calendar side of the model (:mod:`.model` holds the states, the ladder and the /care order);
:mod:`.planning`, :mod:`.pauses` and :mod:`.visits` apply these. No SQL, no I/O, no Telegram."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, tzinfo

from bot.config import CheckinPolicy
from bot.domain.checkins.model import Enrolled, Risk


def in_quiet_hours(moment: time, start: time, end: time) -> bool:
    """Whether a time of day falls in quiet hours (which may wrap past midnight)."""
    if start == end:
        return False
    if start < end:
        return start <= moment < end
    return moment >= start or moment < end


NIGHT_FROM = time(21, 0)
"""From when "today" is over for a grid worker's call: asking for one "today" at 22:48 leaves
an hour, off duty (tester1 W6). Quiet hours count as night too."""


def at_night(moment: datetime, tz: tzinfo, policy: CheckinPolicy) -> bool:
    """Whether a moment is night for a follow-up: quiet hours (the community file's), or
    from 21:00 until quiet hours end."""
    local = moment.astimezone(tz).time()
    if in_quiet_hours(local, policy.quiet_start, policy.quiet_end):
        return True
    return in_quiet_hours(local, NIGHT_FROM, policy.quiet_end)


def slot_name(day: date, at: time) -> str:
    """A check-in's slot: its day and time of day to the minute (``2026-03-02T08:30``)."""
    return f"{day.isoformat()}T{at.strftime('%H:%M')}"


def pings_to_plan(
    elder: Enrolled,
    now: datetime,
    tz: tzinfo,
    policy: CheckinPolicy,
    since: datetime | None = None,
) -> list[tuple[str, datetime]]:
    """The pings of yesterday..tomorrow to schedule: from enrolment on, not older than a day,
    never in quiet hours or a pause. Every time of day is its own slot (08:00 and 08:30 both).
    With `since` (a pause just ended), none before it: the paused day's slots were never
    missed, so they must not go out late as "系统刚恢复…没能按时发出" (tester2 #5)."""
    today = now.astimezone(tz).date()
    planned = []
    for offset in (-1, 0, 1):
        day = today + timedelta(days=offset)
        for at in elder.times:
            moment = datetime.combine(day, at, tzinfo=tz)
            if moment < max(elder.created_at, since or elder.created_at, now - timedelta(days=1)):
                continue
            if in_quiet_hours(at, policy.quiet_start, policy.quiet_end):
                continue
            if not elder.paused_at(moment):
                planned.append((slot_name(day, at), moment))
    return planned


def day_over(due: datetime, now: datetime, tz: tzinfo, policy: CheckinPolicy) -> bool:
    """Whether a greeting due at ``due`` can no longer go at ``now``: its day has ended, or
    quiet hours have begun. Until then a late greeting (the bot was down) still goes: a late
    "今天都好吗" beats none, and her one-tap answer beats a grid worker's call."""
    local_now = now.astimezone(tz)
    if local_now.date() != due.astimezone(tz).date():
        return True
    return in_quiet_hours(local_now.time(), policy.quiet_start, policy.quiet_end)


def superseded(times: tuple[time, ...], due: datetime, now: datetime, tz: tzinfo) -> bool:
    """Whether a late greeting is covered by a later check-in time of the same day that is due
    too (down from 06:00 to 12:00: one greeting at 12:00, not the 06:30 and the 08:30 both)."""
    local_due = due.astimezone(tz)
    for at in times:
        later = datetime.combine(local_due.date(), at, tzinfo=tz)
        if due < later <= now:
            return True
    return False


def ladder_start(due: datetime, now: datetime) -> datetime:
    """When the ladder after a greeting starts: the moment it is actually sent, so a late
    greeting gets its full reminder and grid-worker spans instead of every step at once."""
    return max(due, now)


def greeting(due: datetime, tz: tzinfo) -> str:
    """Morning, afternoon or evening, by the check-in's local hour."""
    hour = due.astimezone(tz).hour
    return "morning" if hour < 11 else "afternoon" if hour < 18 else "evening"


def pause_span(
    now: datetime, start: datetime, until: datetime, cap: timedelta
) -> tuple[datetime, datetime]:
    """The pause actually applied: never starting in the past, never longer than the cap."""
    begin = max(start, now)
    return begin, min(until, begin + cap)


DEFAULT_PAUSE = timedelta(days=3)

# "下个月初回老家", "early next month": a trip that starts next month (session 15 retest #15);
# not "下个月回来" (away now, back next month) nor "back next month".
_NEXT_MONTH = re.compile(
    r"下个?月(?:初|头|中旬?|底)?(?![^ ]{0,3}(?:回来|才回|就回|回家))|(?<!back )\bnext month\b",
    re.I,
)


def next_month(words: str, now: datetime, tz: tzinfo) -> tuple[datetime, None] | None:
    """The first of next month when the words put a trip then ("下个月初回老家梅州过年"), so
    the pause starts there and not today; None otherwise."""
    if not _NEXT_MONTH.search(words):
        return None
    today = now.astimezone(tz)
    year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
    return datetime(year, month, 1, tzinfo=tz), None


def trip_span(
    now: datetime,
    span: tuple[datetime, datetime | None] | None,
    length: timedelta | None,
    several: bool = False,
    away: bool = False,
) -> tuple[datetime, datetime] | None:
    """A trip's pause from what the words said: a moment or span, a length, or both.

    The pause starts at the moment said if it is in the future, else now; it lasts the length
    said, else to the end of the span said, else three days. A length said only as "a few
    days" (`several`) is three days from the start, never the one day named ("下礼拜一…住几天");
    a longer span said ("下周…住几天") still stands. With neither said, words known to be a
    trip (`away`: "我要出去旅游几天") pause three days from now, and the answer says how to
    change it; other words (a /pause without a length) pause nothing: None.
    """
    if span is None and length is None:
        return (now, now + DEFAULT_PAUSE) if away else None
    start = span[0] if span is not None and span[0] > now else now
    if length is not None:
        return start, start + length
    one_day = span is not None and span[1] is not None and span[1] - start <= timedelta(days=1)
    if span is not None and span[1] is not None and not (several and one_day):
        return start, span[1]
    return start, start + DEFAULT_PAUSE


def visit_every(risk: str, policy: CheckinPolicy) -> timedelta:
    """How often an elder is visited: weekly for high risk, monthly otherwise (the file's)."""
    return policy.visit_every_high if risk == Risk.HIGH else policy.visit_every_normal


def visit_plan(base: datetime, every: timedelta) -> tuple[datetime, datetime, datetime]:
    """The next visit from the last one done (or enrolment): (due, remind at, missed at).

    The reminder comes a day before, or half-way for visits more often than every two days;
    a visit is missed a day after it was due.
    """
    due = base + every
    return due, due - min(timedelta(days=1), every / 2), due + timedelta(days=1)
