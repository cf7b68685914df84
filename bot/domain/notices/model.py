"""Community notices' pure core: one-off notices' states, when postings fall, and the time rules.

No SQL, no I/O, no Telegram. A file notice is posted on its weekdays at its time (the planner
looks at today and tomorrow); a staff one-off is posted once at the time staff wrote. A posting
that comes more than ``policy.notice_stale_after`` late is skipped: "the vegetable stall is here
today" at 2 pm would be wrong.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.config import WEEKDAYS, Notice
from bot.domain.notices.dates import on_day, written_date
from intents import parse_when
from intents.times import says_day

DAY = timedelta(days=1)
FAR_AHEAD = timedelta(days=366)  # further than this is a typo ("2099"), not a plan
NOW_WORDS = frozenset({"", "现在", "立即", "马上", "now"})
PAST_DAYS = ("昨天", "昨日", "昨晚", "前天", "yesterday")  # never a time to post at


class OneOffStatus(StrEnum):
    """A staff notice: waiting for its time, then posted, (too late) skipped, or cancelled."""

    SCHEDULED = "scheduled"
    POSTED = "posted"
    SKIPPED = "skipped"
    CANCELLED = "cancelled"  # staff took it back before its time (issue 15)


class OneOffEvent(StrEnum):
    """What happens to a staff notice at its time."""

    POST = "post"
    SKIP = "skip"
    CANCEL = "cancel"


TRANSITIONS: Mapping[tuple[OneOffStatus, OneOffEvent], OneOffStatus] = {
    (OneOffStatus.SCHEDULED, OneOffEvent.POST): OneOffStatus.POSTED,
    (OneOffStatus.SCHEDULED, OneOffEvent.SKIP): OneOffStatus.SKIPPED,
    (OneOffStatus.SCHEDULED, OneOffEvent.CANCEL): OneOffStatus.CANCELLED,
}


def next_status(status: OneOffStatus, event: OneOffEvent) -> OneOffStatus | None:
    """The notice's status after the event, or None when forbidden (posted once, at most)."""
    return TRANSITIONS.get((status, event))


@dataclass(frozen=True)
class OneOff:
    """A notice staff scheduled with /notice: posted as written."""

    id: int
    text: str
    post_at: datetime
    created_by: int
    status: OneOffStatus
    chats: tuple[int, ...] | None = None  # the groups it goes to; None: every bound group


@dataclass(frozen=True)
class Posting:
    """One posting of a file notice: which notice, on which local day, at which moment."""

    notice_id: str
    day: date
    due: datetime


def postings(notices: Iterable[Notice], now: datetime, tz: ZoneInfo) -> list[Posting]:
    """Today's and tomorrow's postings (community time) of the file's notices."""
    today = now.astimezone(tz).date()
    found = []
    for notice in notices:
        for offset in (0, 1):
            day = today + timedelta(days=offset)
            if WEEKDAYS[day.weekday()] in notice.days:
                found.append(Posting(notice.id, day, datetime.combine(day, notice.post_at, tz)))
    return found


def is_stale(due: datetime, now: datetime, stale_after: timedelta) -> bool:
    """Too late to post: more than stale_after past its moment."""
    return now - due > stale_after


class TimeProblem(StrEnum):
    """Why a /notice time was not accepted."""

    UNCLEAR = "unclear_time"  # no time, or a whole day without an hour ("明天")
    PAST = "past_time"
    FAR = "far_time"  # more than a year ahead


def post_time(words: str, now: datetime, tz: ZoneInfo) -> datetime | TimeProblem:
    """When staff want a one-off posted: "现在"/"now", or a moment read from their words.

    A date in digits ("2026-12-20 09:00", "12/20 9:00") is that day (:mod:`.dates`). A whole
    day alone ("明天") would mean midnight, so it is refused as unclear; a moment that has
    passed is refused too, and one more than a year ahead (a typo, surely).
    """
    if words.strip().lower() in NOW_WORDS:
        return now
    if any(day in words.lower() for day in PAST_DAYS):  # the time reader skips these days
        return TimeProblem.PAST
    at = _moment(words, now, tz)
    if isinstance(at, TimeProblem):
        return at
    if at < now:
        return TimeProblem.PAST
    return TimeProblem.FAR if at - now > FAR_AHEAD else at


def _moment(words: str, now: datetime, tz: ZoneInfo) -> datetime | TimeProblem:
    """The moment the words give, the date in digits first; unclear without an hour."""
    dated = written_date(words, now.astimezone(tz).date())
    if dated is not None:
        day, rest = dated
        if day is None or not rest or says_day(rest, now, tz):  # no such day, or two days
            return TimeProblem.UNCLEAR
        span = parse_when(rest, now, tz)
        if span is None or not span.has_time:
            return TimeProblem.UNCLEAR
        return on_day(day, span.start.astimezone(tz))
    span = parse_when(words, now, tz)
    if span is None or (span.end is not None and span.end - span.start >= DAY):
        return TimeProblem.UNCLEAR
    return span.start


def target_chats(bound: list[int], chosen: tuple[int, ...] | None) -> list[int]:
    """The groups a one-off goes to: every bound group, or the chosen ones still bound (a
    group unbound since is never written to)."""
    return bound if chosen is None else [c for c in bound if c in chosen]
