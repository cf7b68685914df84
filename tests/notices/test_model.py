"""Notices' pure core as tables: one-off transitions, posting days, staleness, the time rules,
and the names and keys the contract makes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from bot.config import Notice
from bot.deadlines import Deadline
from bot.domain.notices.contract import OnceRef, RecurringRef, once_of
from bot.domain.notices.model import (
    OneOffEvent,
    OneOffStatus,
    Posting,
    TimeProblem,
    is_stale,
    next_status,
    post_time,
    postings,
    target_chats,
)
from tests.harness import SHANGHAI

SAT_0800 = datetime(2026, 11, 28, 8, 0, tzinfo=SHANGHAI)  # a Saturday
H = timedelta(hours=1)
STALL = Notice(
    id="veg_stall", text_zh="菜", text_en="veg", days=["wed", "sat"], post_at=time(7, 30)
)


@pytest.mark.parametrize(
    ("status", "event", "after"),
    [
        (OneOffStatus.SCHEDULED, OneOffEvent.POST, OneOffStatus.POSTED),
        (OneOffStatus.SCHEDULED, OneOffEvent.SKIP, OneOffStatus.SKIPPED),
        (OneOffStatus.POSTED, OneOffEvent.POST, None),
        (OneOffStatus.POSTED, OneOffEvent.SKIP, None),
        (OneOffStatus.SKIPPED, OneOffEvent.POST, None),
        (OneOffStatus.SKIPPED, OneOffEvent.SKIP, None),
        (OneOffStatus.SCHEDULED, OneOffEvent.CANCEL, OneOffStatus.CANCELLED),
        (OneOffStatus.POSTED, OneOffEvent.CANCEL, None),
        (OneOffStatus.SKIPPED, OneOffEvent.CANCEL, None),
        (OneOffStatus.CANCELLED, OneOffEvent.POST, None),
        (OneOffStatus.CANCELLED, OneOffEvent.SKIP, None),
        (OneOffStatus.CANCELLED, OneOffEvent.CANCEL, None),
    ],
)
def test_one_off_transitions(
    status: OneOffStatus, event: OneOffEvent, after: OneOffStatus | None
) -> None:
    """A staff notice is posted, skipped or cancelled once, from scheduled only."""
    assert next_status(status, event) == after


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (SAT_0800, [date(2026, 11, 28)]),  # Saturday: today; Sunday: no
        (SAT_0800 + 3 * 24 * H, [date(2026, 12, 2)]),  # Tuesday: tomorrow (Wednesday)
        (SAT_0800 + 4 * 24 * H, [date(2026, 12, 2)]),  # Wednesday: today; Thursday: no
        (SAT_0800 + 24 * H, []),  # Sunday and Monday: nothing
        (datetime(2026, 11, 28, 17, 0, tzinfo=UTC), []),  # already Sunday in Shanghai
    ],
)
def test_postings_today_and_tomorrow_on_the_notice_days(
    now: datetime, expected: list[date]
) -> None:
    """Postings fall on the notice's weekdays at its time, in community time."""
    found = postings([STALL], now, SHANGHAI)
    assert found == [
        Posting("veg_stall", day, datetime.combine(day, time(7, 30), SHANGHAI)) for day in expected
    ]


@pytest.mark.parametrize(
    ("late", "stale"),
    [(timedelta(0), False), (3 * H, False), (3 * H + timedelta(seconds=1), True), (-H, False)],
)
def test_stale_after_three_hours(late: timedelta, stale: bool) -> None:
    """More than notice_stale_after late is too late."""
    assert is_stale(SAT_0800, SAT_0800 + late, 3 * H) is stale


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("现在", SAT_0800),
        ("now", SAT_0800),
        ("NOW", SAT_0800),
        ("", SAT_0800),
        ("今天 18:00", SAT_0800.replace(hour=18)),
        ("明天 18:00", SAT_0800.replace(day=29, hour=18)),
        ("明天", TimeProblem.UNCLEAR),  # a whole day would mean midnight
        ("找个时间", TimeProblem.UNCLEAR),
        ("今天 7:00", TimeProblem.PAST),
        ("昨天 10:00", TimeProblem.PAST),  # the time reader skips the day: it read today 10:00
        ("前天晚上8点", TimeProblem.PAST),
        ("yesterday 10:00", TimeProblem.PAST),
    ],
)
def test_post_time(words: str, expected: datetime | TimeProblem) -> None:
    """ "now" words post at once; a moment is read from the words; unclear or past refused."""
    assert post_time(words, SAT_0800, SHANGHAI) == expected


def test_names_keys_and_refs() -> None:
    """Deadline names, refs, audit subjects and outbox keys come from one place."""
    day = date(2026, 11, 28)
    recurring = RecurringRef("veg_stall", day)
    assert (recurring.name, recurring.ref, recurring.subject) == (
        "notice:veg_stall:2026-11-28",
        "veg_stall",
        "notice:veg_stall",
    )
    assert recurring.key(-1001) == "notice:veg_stall:2026-11-28:-1001"
    once = OnceRef(4)
    assert (once.name, once.ref, once.key(day, -1001), once.author_key("posted")) == (
        "notice:once4",
        "4",
        "notice:once4:2026-11-28:-1001",
        "notice:once4:posted",
    )
    assert once_of(Deadline(1, once.name, "notice_once", once.ref, SAT_0800)) == once
    assert once_of(Deadline(1, once.name, "notice_once", "x", SAT_0800)) is None


@pytest.mark.parametrize(
    ("bound", "chosen", "expected"),
    [
        ([-1, -2, -3], None, [-1, -2, -3]),  # not chosen: every bound group
        ([-1, -2, -3], (-2,), [-2]),
        ([-1, -3], (-2, -3), [-3]),  # -2 unbound since: never written to
        ([], (-1,), []),
    ],
)
def test_target_chats(
    bound: list[int], chosen: tuple[int, ...] | None, expected: list[int]
) -> None:
    """A one-off goes to the chosen groups still bound, or to every bound group."""
    assert target_chats(bound, chosen) == expected
