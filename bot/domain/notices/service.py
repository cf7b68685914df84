"""Notices' use cases: plan the file's postings, post them, and staff one-offs.

Exactly once per group: each posting is a deadline with a deterministic name and each group's
message an outbox row with a deterministic key (see :mod:`.contract`). Planning again changes
nothing, a deadline runs once, and a posting that fell due while the bot was down runs at start
unless it is stale (then it is skipped and audited, and a one-off's author is told).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from bot import deadlines
from bot.audit import Audit
from bot.clock import Clock, to_db
from bot.config import Community
from bot.deadlines import Deadline
from bot.domain.groups import Groups
from bot.domain.notices.contract import DeadlineKind, OnceRef, RecurringRef, once_of, recurring_of
from bot.domain.notices.messages import NoticeTexts
from bot.domain.notices.model import (
    OneOff,
    OneOffEvent,
    TimeProblem,
    is_stale,
    next_status,
    post_time,
    postings,
    target_chats,
)
from bot.domain.notices.repo import NoticeRepo
from bot.domain.people import People, Person
from bot.i18n import Text
from bot.outbox import Outbox
from bot.storage import Tx

_LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True)
class Scheduled:
    """A one-off notice accepted: when it will go out, and to how many groups (now)."""

    notice_id: int
    post_at: datetime
    groups: int


class Notices:
    """Plans and posts notices; messages go through the outbox."""

    def __init__(
        self,
        community: Community,
        repo: NoticeRepo,
        groups: Groups,
        people: People,
        outbox: Outbox,
        audit: Audit,
        clock: Clock,
    ) -> None:
        self._community = community
        self._repo = repo
        self._groups = groups
        self._people = people
        self._outbox = outbox
        self._audit = audit
        self._clock = clock
        self.texts = NoticeTexts(community.tz)

    def _stale(self, due: datetime) -> bool:
        return is_stale(due, self._clock.now(), self._community.policy.notice_stale_after)

    async def plan(self, tx: Tx, now: datetime) -> None:
        """Planner: schedule today's and tomorrow's postings of the file's notices."""
        for posting in postings(self._community.notices, now, self._community.tz):
            ref = RecurringRef(posting.notice_id, posting.day)
            await deadlines.schedule(tx, ref.name, DeadlineKind.RECURRING, posting.due, ref.ref)

    async def post_recurring(self, tx: Tx, deadline: Deadline) -> None:
        """Deadline: post a file notice to every bound group, unless it is stale."""
        notice = next((n for n in self._community.notices if n.id == deadline.ref), None)
        if notice is None:
            return  # removed from the community file since it was planned
        ref = recurring_of(deadline, deadline.due_at.astimezone(self._community.tz).date())
        day = ref.day.isoformat()
        if self._stale(deadline.due_at):
            _LOGGER.warning("Skipped notice %s of %s: too late to post", notice.id, day)
            await self._audit.record(tx, "deadline", "notice_skipped_stale", ref.subject, day=day)
            return
        text = self.texts.recurring(notice)
        chats = await self._groups.bound_chats(tx)
        for chat_id in chats:
            await self._outbox.send(tx, chat_id, text, key=ref.key(chat_id))
        await self._audit.record(
            tx, "deadline", "notice_posted", ref.subject, day=day, groups=len(chats)
        )

    async def schedule(
        self, tx: Tx, words: str, text: str, by: Person, chats: tuple[int, ...] | None = None
    ) -> Scheduled | TimeProblem:
        """Staff: post this text at the time their words give (or say why that time won't do),
        to the chosen groups (None: every bound group)."""
        post_at = post_time(words, self._clock.now(), self._community.tz)
        if isinstance(post_at, TimeProblem):
            return post_at
        notice_id = await self.schedule_once(tx, text, post_at, by, chats)
        bound = await self._groups.bound_chats(tx)
        return Scheduled(notice_id, post_at, len(target_chats(bound, chats)))

    async def schedule_once(
        self,
        tx: Tx,
        text: str,
        post_at: datetime,
        by: Person,
        chats: tuple[int, ...] | None = None,
    ) -> int:
        """Staff: post this text (as written) to the chosen groups (None: every bound group)
        at post_at."""
        now = self._clock.now()
        ref = OnceRef(await self._repo.add(tx, text, post_at, by.id, now, chats))
        await deadlines.schedule(tx, ref.name, DeadlineKind.ONCE, max(post_at, now), ref.ref)
        await self._audit.record(
            tx, f"person:{by.id}", "notice_scheduled", ref.subject, post_at=to_db(post_at)
        )
        return ref.notice_id

    async def post_once(self, tx: Tx, deadline: Deadline) -> None:
        """Deadline: post a staff notice to every bound group, unless it is stale."""
        ref = once_of(deadline)
        notice = await self._repo.one_off(tx, ref.notice_id) if ref else None
        if ref is None or notice is None:
            return
        if self._stale(notice.post_at):
            if await self._move(tx, notice, OneOffEvent.SKIP):
                await self._audit.record(tx, "deadline", "notice_skipped_stale", ref.subject)
                await self._tell_author(
                    tx, notice, ref, "skipped", self.texts.skipped(notice.text)
                )
            return
        if not await self._move(tx, notice, OneOffEvent.POST):
            return
        day = deadline.due_at.astimezone(self._community.tz).date()
        chats = target_chats(await self._groups.bound_chats(tx), notice.chats)
        for chat_id in chats:
            await self._outbox.send(
                tx, chat_id, self.texts.once(notice.text), key=ref.key(day, chat_id)
            )
        await self._audit.record(tx, "deadline", "notice_posted", ref.subject, groups=len(chats))
        await self._tell_author(tx, notice, ref, "posted", self.texts.posted(len(chats)))

    async def edit_once(
        self, tx: Tx, notice_id: int, words: str, text: str, actor: str
    ) -> bool | TimeProblem:
        """Staff change a scheduled one-off's text and time (compare-and-set: a notice posting
        at this moment is posted as it was); its deadline moves with it."""
        post_at = post_time(words, self._clock.now(), self._community.tz)
        if isinstance(post_at, TimeProblem):
            return post_at
        if not text.strip() or not await self._repo.edit(tx, notice_id, text.strip(), post_at):
            return False
        ref = OnceRef(notice_id)
        now = self._clock.now()
        await deadlines.move(tx, ref.name, max(post_at, now))
        await self._audit.record(tx, actor, "notice_edited", ref.subject, post_at=to_db(post_at))
        return True

    async def one_off(self, tx: Tx, notice_id: int) -> OneOff | None:
        """A one-off notice as it stands (the console's edit checks it has not changed)."""
        return await self._repo.one_off(tx, notice_id)

    async def cancel_once(self, tx: Tx, notice_id: int, actor: str) -> bool:
        """Staff take back a one-off before it is posted (compare-and-set: a notice posting at
        this moment is either posted or cancelled, never both); whether it was cancelled."""
        notice = await self._repo.one_off(tx, notice_id)
        if notice is None or not await self._move(tx, notice, OneOffEvent.CANCEL):
            return False
        ref = OnceRef(notice_id)
        await deadlines.cancel(tx, ref.name)
        await self._audit.record(tx, actor, "notice_cancelled", ref.subject)
        return True

    async def _move(self, tx: Tx, notice: OneOff, event: OneOffEvent) -> bool:
        to = next_status(notice.status, event)
        return to is not None and await self._repo.transition(tx, notice.id, notice.status, to)

    async def _tell_author(
        self, tx: Tx, notice: OneOff, ref: OnceRef, what: str, text: Text
    ) -> None:
        author = await self._people.by_id(tx, notice.created_by)
        if author is not None:
            await self._outbox.send(tx, author.telegram_id, text, key=ref.author_key(what))

    def deadline_handlers(self) -> dict[str, deadlines.Handler]:
        """Which use case handles each deadline kind notices schedule."""
        return {DeadlineKind.RECURRING: self.post_recurring, DeadlineKind.ONCE: self.post_once}
