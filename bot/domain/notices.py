"""Community notices posted to every bound group: recurring ones from the file, one-offs by staff.

Exactly once per group: each posting is a deadline with a deterministic name
(``notice:<id>:<YYYY-MM-DD>`` for the file's notices, ``notice:once<n>`` for staff ones) and each
group's message an outbox row with a deterministic key (``notice:<id>:<date>:<chat id>``). The
planner schedules today's and tomorrow's postings again and again; scheduling an existing name
changes nothing, and a deadline runs once. A posting that fell due while the bot was down runs
at start, unless it is more than ``policy.notice_stale_after`` (default 3h) late: "the vegetable
stall is here today" at 2 pm would be wrong, so a stale notice is skipped and audited instead.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot import deadlines
from bot.clock import from_db, to_db
from bot.config import WEEKDAYS
from bot.deadlines import Deadline
from bot.domain.people import Person
from bot.i18n import T
from bot.runtime import Runtime
from bot.storage import Tx

_LOGGER = logging.getLogger(__name__)

KIND_RECURRING, KIND_ONCE = "notice", "notice_once"


class Notices:
    """Plans and posts notices; messages go through the outbox."""

    def __init__(self, rt: Runtime) -> None:
        self._rt = rt

    def _stale(self, due: datetime) -> bool:
        return self._rt.clock.now() - due > self._rt.community.policy.notice_stale_after

    async def plan(self, tx: Tx, now: datetime) -> None:
        """Planner: schedule today's and tomorrow's postings of the file's notices."""
        tz = self._rt.community.tz
        today = now.astimezone(tz).date()
        for notice in self._rt.community.notices:
            for offset in (0, 1):
                day = today + timedelta(days=offset)
                if WEEKDAYS[day.weekday()] not in notice.days:
                    continue
                due = datetime.combine(day, notice.post_at, tzinfo=tz)
                await deadlines.schedule(
                    tx, f"notice:{notice.id}:{day.isoformat()}", KIND_RECURRING, due, notice.id
                )

    async def post_recurring(self, tx: Tx, deadline: Deadline) -> None:
        """Deadline: post a file notice to every bound group, unless it is stale."""
        notice = next((n for n in self._rt.community.notices if n.id == deadline.ref), None)
        if notice is None:
            return  # removed from the community file since it was planned
        day = deadline.due_at.astimezone(self._rt.community.tz).date().isoformat()
        subject = f"notice:{notice.id}"
        if self._stale(deadline.due_at):
            _LOGGER.warning("Skipped notice %s of %s: too late to post", notice.id, day)
            await self._rt.audit.record(tx, "deadline", "notice_skipped_stale", subject, day=day)
            return
        text = T("notices.recurring", zh=notice.text_zh, en=notice.text_en)
        chats = await self._rt.groups.bound_chats(tx)
        for chat_id in chats:
            await self._rt.outbox.send(
                tx, chat_id, text, key=f"notice:{notice.id}:{day}:{chat_id}"
            )
        await self._rt.audit.record(
            tx, "deadline", "notice_posted", subject, day=day, groups=len(chats)
        )

    async def schedule_once(self, tx: Tx, text: str, post_at: datetime, by: Person) -> int:
        """Staff: post this text (as written) to every bound group at post_at."""
        now = self._rt.clock.now()
        notice_id = await tx.execute(
            "INSERT INTO notices (text, post_at, created_by, created_at) VALUES (?, ?, ?, ?)",
            (text, to_db(post_at), by.id, to_db(now)),
        )
        await deadlines.schedule(
            tx, f"notice:once{notice_id}", KIND_ONCE, max(post_at, now), str(notice_id)
        )
        await self._rt.audit.record(
            tx,
            f"person:{by.id}",
            "notice_scheduled",
            f"notice:once{notice_id}",
            post_at=to_db(post_at),
        )
        return notice_id

    async def post_once(self, tx: Tx, deadline: Deadline) -> None:
        """Deadline: post a staff notice to every bound group, unless it is stale."""
        row = await tx.one("SELECT * FROM notices WHERE id = ?", (int(deadline.ref),))
        if row is None or row["status"] != "scheduled":
            return
        subject = f"notice:once{row['id']}"
        creator = await self._rt.people.by_id(tx, row["created_by"])
        if self._stale(from_db(row["post_at"])):
            await tx.execute("UPDATE notices SET status = 'skipped' WHERE id = ?", (row["id"],))
            await self._rt.audit.record(tx, "deadline", "notice_skipped_stale", subject)
            if creator is not None:
                await self._rt.outbox.send(
                    tx,
                    creator.telegram_id,
                    T("notices.skipped", text=row["text"]),
                    key=f"{subject}:skipped",
                )
            return
        day = deadline.due_at.astimezone(self._rt.community.tz).date().isoformat()
        chats = await self._rt.groups.bound_chats(tx)
        text = T("notices.once", text=row["text"])
        for chat_id in chats:
            await self._rt.outbox.send(tx, chat_id, text, key=f"{subject}:{day}:{chat_id}")
        await tx.execute("UPDATE notices SET status = 'posted' WHERE id = ?", (row["id"],))
        await self._rt.audit.record(tx, "deadline", "notice_posted", subject, groups=len(chats))
        if creator is not None:
            await self._rt.outbox.send(
                tx,
                creator.telegram_id,
                T("notices.posted", groups=len(chats)),
                key=f"{subject}:posted",
            )
