"""One-off notices from the console: scheduled, edited or cancelled, or why not, said so that
the page can put each problem next to its field and never overwrite what someone else did.

An edit or cancel form carries the version of the notice it showed (:func:`notice_version`, a
digest of its text, time and state): when the notice was changed by someone else meanwhile,
or has gone out or been cancelled, nothing is done and the outcome says which (the page
answers 409 with a link back). A form without a version (a script) is still refused once the
notice is no longer scheduled.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Sequence
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.domain.console.forms import MAX_TEXT
from bot.domain.notices import Notices
from bot.domain.notices.model import OneOff, OneOffStatus, TimeProblem, post_time
from bot.domain.people import Person
from bot.storage import Tx


class NoticeOutcome(StrEnum):
    """What became of a one-off notice form."""

    DONE = "done"
    UNCLEAR = "unclear_time"  # the time's words were not understood (or a day without an hour)
    PAST = "past_time"
    FAR = "far_time"  # more than a year ahead (a typo like 2099, surely)
    EMPTY = "empty"  # no text
    LONG = "long"  # longer than a Telegram message should be
    GROUPS = "groups"  # a group ticked that is not a bound group (a forged id)
    MISSING = "missing"  # no such notice
    POSTED = "posted"  # it went out already (or was skipped, too late)
    CANCELLED = "cancelled"
    CHANGED = "changed"  # someone else changed it since the form was shown


CONFLICTS = (NoticeOutcome.POSTED, NoticeOutcome.CANCELLED, NoticeOutcome.CHANGED)


def notice_version(text: str, post_at: datetime, status: str) -> str:
    """A short digest of what a form showed of a notice: any edit, post or cancel changes it."""
    seen = f"{status}\n{post_at.isoformat()}\n{text}".encode()
    return hashlib.sha256(seen).hexdigest()[:16]


def _time_problem(problem: TimeProblem) -> NoticeOutcome:
    return NoticeOutcome(problem.value)


def problems(
    when: str,
    text: str,
    ticked: Sequence[str],
    bound: Collection[int],
    now: datetime,
    tz: ZoneInfo,
) -> dict[str, NoticeOutcome]:
    """Every problem of a notice form, by field (its time, its text, the groups ticked: each a
    bound group, never a forged id); empty when it can be saved."""
    found: dict[str, NoticeOutcome] = {}
    at = post_time(when, now, tz) if when.strip() else TimeProblem.UNCLEAR  # "" is "now"
    if isinstance(at, TimeProblem):
        found["when"] = _time_problem(at)
    if not text.strip():
        found["text"] = NoticeOutcome.EMPTY
    elif len(text.strip()) > MAX_TEXT:
        found["text"] = NoticeOutcome.LONG
    if any(not c.lstrip("-").isdigit() or int(c) not in bound for c in ticked):
        found["chat"] = NoticeOutcome.GROUPS
    return found


def standing(notice: OneOff | None, seen: str) -> NoticeOutcome | None:
    """Why this notice may not be changed now (gone, posted, cancelled, changed since the
    form showed it), or None."""
    if notice is None:
        return NoticeOutcome.MISSING
    if notice.status is OneOffStatus.CANCELLED:
        return NoticeOutcome.CANCELLED
    if notice.status is not OneOffStatus.SCHEDULED:
        return NoticeOutcome.POSTED
    if seen and seen != notice_version(notice.text, notice.post_at, notice.status.value):
        return NoticeOutcome.CHANGED
    return None


class NoticeEdits:
    """The console's one-off notice use cases (staff checked by the caller)."""

    def __init__(self, notices: Notices, clock: Clock, tz: ZoneInfo) -> None:
        self.notices = notices
        self.clock = clock
        self.tz = tz

    async def schedule(
        self, tx: Tx, by: Person, when: str, text: str, ticked: Sequence[str], bound: set[int]
    ) -> dict[str, NoticeOutcome]:
        """A one-off notice at the time the words give (as ``/notice`` reads them), to the
        groups ticked (none: every bound group); else every problem by field."""
        found = problems(when, text, ticked, bound, self.clock.now(), self.tz)
        if found:
            return found
        chats = tuple(int(c) for c in ticked) or None
        done = await self.notices.schedule(tx, when, text.strip(), by, chats)
        return {"when": _time_problem(done)} if isinstance(done, TimeProblem) else {}

    async def edit(
        self, tx: Tx, by: Person, notice_id: int, when: str, text: str, seen: str
    ) -> dict[str, NoticeOutcome]:
        """Change a scheduled one-off's time and text; else every problem by field, or under
        ``""`` why it may not be changed now (it went out, was cancelled or was changed since
        ``seen``; compare-and-set underneath: a notice posting now is posted as it was)."""
        notice = await self.notices.one_off(tx, notice_id)
        if (refused := standing(notice, seen)) is not None:
            return {"": refused}
        if found := problems(when, text, (), (), self.clock.now(), self.tz):
            return found
        done = await self.notices.edit_once(tx, notice_id, when, text.strip(), f"person:{by.id}")
        if isinstance(done, TimeProblem):
            return {"when": _time_problem(done)}
        return {} if done else {"": NoticeOutcome.POSTED}

    async def cancel(self, tx: Tx, by: Person, notice_id: int, seen: str) -> NoticeOutcome:
        """Take back a scheduled one-off (never posted), unless it went out, was cancelled or
        was changed since ``seen``."""
        notice = await self.notices.one_off(tx, notice_id)
        if (refused := standing(notice, seen)) is not None:
            return refused
        done = await self.notices.cancel_once(tx, notice_id, f"person:{by.id}")
        return NoticeOutcome.DONE if done else NoticeOutcome.POSTED
