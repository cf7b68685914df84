"""Notices' use cases on a real database: deadline rows, the notices table, audit events and
what the outbox queued for each group and for the author."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot import deadlines
from bot.clock import FakeClock
from bot.deadlines import Deadline
from bot.domain.groups import Groups
from bot.domain.notices import Notices, Scheduled
from bot.domain.notices.model import OneOffStatus, TimeProblem
from bot.domain.notices.repo import NoticeRepo
from bot.domain.people import People, Person
from bot.i18n import T
from bot.storage import Tx
from tests.domain_support import DomainWorld, domain_world, rendered
from tests.harness import SHANGHAI

SAT_0700 = datetime(2026, 11, 28, 7, 0, tzinfo=SHANGHAI)
GROUPS = (-1002, -1001)  # as bound_chats lists them: sorted
STAFF_TG = 1001


@dataclass
class Board:
    """Notices wired on a real database, with two bound groups and a staff member."""

    world: DomainWorld
    notices: Notices
    staff: Person

    async def deadline(self, tx: Tx, name: str) -> Deadline:
        """The pending deadline with this name."""
        [found] = [d for d in await deadlines.pending(tx, name) if d.name == name]
        return found


@pytest.fixture
async def board(store: Path | str) -> AsyncIterator[Board]:
    """Saturday 07:00, the sample community (the vegetable stall at 07:30), two bound groups."""
    clock = FakeClock(SAT_0700)
    async with domain_world(store, clock) as world:
        people, groups = People(world.community, clock), Groups(world.community, clock)
        notices = Notices(
            world.community, NoticeRepo(), groups, people, world.outbox, world.audit, clock
        )
        async with world.tx() as tx:
            staff, _ = await people.ensure(tx, STAFF_TG, "刘主任")
            for n, chat in enumerate(GROUPS):
                await groups.bind(tx, chat, f"group {n}", staff.id)
        yield Board(world, notices, staff)


async def test_planning_twice_schedules_each_posting_once(board: Board) -> None:
    """Saturday: today's 07:30 posting (Sunday has none), named by notice and day."""
    async with board.world.tx() as tx:
        await board.notices.plan(tx, board.world.clock.now())
        await board.notices.plan(tx, board.world.clock.now())
        pending = await deadlines.pending(tx, "notice:")
    assert [(d.name, d.kind, d.ref, d.due_at) for d in pending] == [
        ("notice:veg_stall:2026-11-28", "notice", "veg_stall", SAT_0700 + timedelta(minutes=30))
    ]


@pytest.mark.parametrize(
    ("late", "posted"), [(timedelta(hours=2), True), (timedelta(hours=4), False)]
)
async def test_a_file_notice_posts_to_each_group_unless_stale(
    board: Board, late: timedelta, posted: bool
) -> None:
    """On time (or a little late): one message per group; hours late: skipped and audited."""
    async with board.world.tx() as tx:
        await board.notices.plan(tx, board.world.clock.now())
        due = await board.deadline(tx, "notice:veg_stall:2026-11-28")
        board.world.clock.set(due.due_at + late)
        await board.notices.post_recurring(tx, due)
        events = await board.world.audit.timeline(tx, "notice:veg_stall")
    sent = await board.world.queued.all()
    if posted:
        expected = rendered(board.notices.texts.recurring(board.world.community.notices[0]))
        assert [(m.chat_id, m.key, m.text) for m in sent] == [
            (chat, f"notice:veg_stall:2026-11-28:{chat}", expected) for chat in GROUPS
        ]
        assert [(e.action, e.detail) for e in events] == [
            ("notice_posted", {"day": "2026-11-28", "groups": 2})
        ]
    else:
        assert sent == []
        assert [e.action for e in events] == ["notice_skipped_stale"]


@pytest.mark.parametrize(
    ("zh", "en", "posted"),
    [
        ("今晚收大件垃圾", "", "今晚收大件垃圾"),  # English left out
        ("今晚收大件垃圾", "今晚收大件垃圾", "今晚收大件垃圾"),  # the form's copy of it
        ("今晚收大件垃圾", "Bulky waste tonight", "今晚收大件垃圾\n\nBulky waste tonight"),
    ],
)
async def test_a_recurring_notice_in_one_language_is_posted_once(
    board: Board, zh: str, en: str, posted: str
) -> None:
    """A recurring notice staff wrote only in Chinese goes out once, not "X\n\nX"."""
    notice = board.world.community.notices[0].model_copy(update={"text_zh": zh, "text_en": en})
    async with board.world.tx() as tx:
        await board.notices.plan(tx, board.world.clock.now())
        due = await board.deadline(tx, "notice:veg_stall:2026-11-28")
        board.world.community.notices[0] = notice
        board.world.clock.set(due.due_at)
        await board.notices.post_recurring(tx, due)
    sent = await board.world.queued.all()
    assert [m.text for m in sent] == [posted, posted]


async def test_staff_words_schedule_a_one_off_or_say_why_not(board: Board) -> None:
    """ "今天 18:00" is scheduled for 18:00 to both groups; "明天" or a past time is refused."""
    async with board.world.tx() as tx:
        done = await board.notices.schedule(tx, "今天 18:00", "停水通知", board.staff)
        unclear = await board.notices.schedule(tx, "明天", "停水通知", board.staff)
        past = await board.notices.schedule(tx, "今天早上6:00", "停水通知", board.staff)
        assert isinstance(done, Scheduled)
        stored = await NoticeRepo().one_off(tx, done.notice_id)
        deadline = await board.deadline(tx, f"notice:once{done.notice_id}")
    assert (unclear, past) == (TimeProblem.UNCLEAR, TimeProblem.PAST)
    assert (done.post_at, done.groups) == (SAT_0700.replace(hour=18), 2)
    assert stored is not None and stored.status is OneOffStatus.SCHEDULED
    assert (deadline.kind, deadline.due_at) == ("notice_once", done.post_at)


@pytest.mark.parametrize(
    ("late", "status"),
    [(timedelta(minutes=20), OneOffStatus.POSTED), (timedelta(hours=5), OneOffStatus.SKIPPED)],
)
async def test_a_one_off_is_posted_or_skipped_once_and_the_author_told(
    board: Board, late: timedelta, status: OneOffStatus
) -> None:
    """At its time: every group, then the author; too late: nothing posted, the author told."""
    async with board.world.tx() as tx:
        notice_id = await board.notices.schedule_once(
            tx, "今晚消防演习", SAT_0700.replace(hour=18), board.staff
        )
        due = await board.deadline(tx, f"notice:once{notice_id}")
        board.world.clock.set(due.due_at + late)
        await board.notices.post_once(tx, due)
        await board.notices.post_once(tx, due)  # run again: nothing more
        stored = await NoticeRepo().one_off(tx, notice_id)
    assert stored is not None and stored.status is status
    to_groups = [m for m in await board.world.queued.all() if m.chat_id < 0]
    [author] = await board.world.queued.all(STAFF_TG)
    if status is OneOffStatus.POSTED:
        once = rendered(T("notices.once", text="今晚消防演习"))
        assert [(m.key, m.text) for m in to_groups] == [
            (f"notice:once{notice_id}:2026-11-28:{chat}", once) for chat in GROUPS
        ]
        assert (author.key, author.text) == (
            f"notice:once{notice_id}:posted",
            rendered(T("notices.posted", groups=2)),
        )
    else:
        assert to_groups == []
        assert (author.key, author.text) == (
            f"notice:once{notice_id}:skipped",
            rendered(T("notices.skipped", text="今晚消防演习")),
        )


async def test_a_cancelled_one_off_is_never_posted(board: Board) -> None:
    """Cancelled before its time: its deadline is cancelled, and even a run of it that was
    already under way posts nothing; a posted notice cannot be cancelled."""
    async with board.world.tx() as tx:
        notice_id = await board.notices.schedule_once(
            tx, "今晚消防演习", SAT_0700.replace(hour=18), board.staff
        )
        due = await board.deadline(tx, f"notice:once{notice_id}")
        assert await board.notices.cancel_once(tx, notice_id, f"person:{board.staff.id}")
        assert not await board.notices.cancel_once(tx, notice_id, "person:1")
        assert [d.name for d in await deadlines.pending(tx, "notice:once")] == []
        board.world.clock.set(due.due_at)
        await board.notices.post_once(tx, due)
        stored = await NoticeRepo().one_off(tx, notice_id)
        trail = await board.world.audit.timeline(tx, f"notice:once{notice_id}")
    assert stored is not None and stored.status is OneOffStatus.CANCELLED
    assert await board.world.queued.all() == []
    assert [e.action for e in trail] == ["notice_scheduled", "notice_cancelled"]
