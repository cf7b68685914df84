"""After the accept, pure rules as tables: arrival promises, typed arrival times, what makes a
work order urgent, where it is, when it escalates."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.config import load_community
from bot.domain.bookings.model import Event, OfferOutcome, Status, next_status, offer_outcome
from bot.domain.bookings.onsite.model import (
    Issue,
    Priority,
    default_promise,
    escalate_after,
    guess_issue,
    late_check_at,
    parse_building,
    parse_eta,
    priority_of,
    promised_by,
    said_arrival,
    same_fault,
    work_order_window,
)

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 28, 13, 27, tzinfo=TZ)
H = timedelta(hours=1)
M = timedelta(minutes=1)
BUILDINGS = ["1", "2", "3", "4", "5", "6"]


@pytest.mark.parametrize(
    ("choice", "start", "end", "promise"),
    [
        ("30", None, None, NOW + 30 * M),
        ("60", None, None, NOW + H),
        ("120", NOW + 5 * H, NOW + 8 * H, NOW + 2 * H),  # the worker's word, not the slot
        # the slot: arriving within its window, by its end ...
        ("slot", NOW + H, NOW + 3 * H, NOW + 3 * H),
        # ... but a two-day care booking is not two days to turn up
        ("slot", NOW + H, NOW + 49 * H, NOW + 4 * H),
        ("slot", NOW + H, None, NOW + H),
        ("slot", None, None, None),  # no slot to keep
        ("slot", NOW - 5 * H, NOW - 2 * H, None),  # a slot already over
        ("45", None, None, None),  # not a choice the buttons offer (forged)
    ],
)
def test_promised_by(
    choice: str, start: datetime | None, end: datetime | None, promise: datetime | None
) -> None:
    """What each arrival button promises."""
    assert promised_by(choice, NOW, start, end) == promise


@pytest.mark.parametrize(
    ("start", "end", "promise"),
    [
        (None, None, NOW + 2 * H),  # as soon as possible, nothing said yet
        (NOW + 20 * H, NOW + 23 * H, NOW + 23 * H),  # tomorrow morning's slot
        (NOW - H, NOW + H, NOW + H),  # inside the slot already
        (NOW - 4 * H, NOW - H, NOW + 2 * H),  # a slot that has passed: from now
    ],
)
def test_default_promise(start: datetime | None, end: datetime | None, promise: datetime) -> None:
    """Until the worker says, the slot is the promise (or two hours from the accept)."""
    assert default_promise(NOW, start, end) == promise


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("30分钟内到", 30 * M),
        ("二十分钟到", 20 * M),
        ("半小时", 30 * M),
        ("一个小时后到", H),
        ("两小时左右", 2 * H),
        ("大概40分", 40 * M),
        ("in 20 min", 20 * M),
        ("1 hour", H),
        ("half an hour", 30 * M),
        ("two hours", 2 * H),
        ("好的", None),
        ("马上到", None),  # no length said: the buttons are there for it
        ("0分钟", None),
        ("30小时", None),  # not an arrival time
    ],
)
def test_parse_eta(text: str, length: timedelta | None) -> None:
    """Arrival times as workers type them."""
    assert parse_eta(text) == length


@pytest.mark.parametrize(
    ("text", "eta"),
    [
        ("姐 路上有点堵 大概四点到", datetime(2026, 11, 28, 16, 0, tzinfo=TZ)),  # tester 2 #10
        ("4点半左右到", datetime(2026, 11, 28, 16, 30, tzinfo=TZ)),
        ("四点二十分到", datetime(2026, 11, 28, 16, 20, tzinfo=TZ)),  # not 20 minutes
        ("be there by 3pm", datetime(2026, 11, 28, 15, 0, tzinfo=TZ)),
        ("大概20分钟到", NOW + 20 * M),
        ("明天上午十点到", None),  # beyond twelve hours: no promise for today's job
        ("路上有点堵", None),
    ],
)
def test_said_arrival(text: str, eta: datetime | None) -> None:
    """A worker's typed arrival: a clock time or a length (now is 13:27)."""
    assert said_arrival(text, NOW, TZ) == eta


def test_late_check_is_the_promise_plus_grace() -> None:
    """Late once the grace after the promise has passed."""
    assert late_check_at(NOW, 10 * M) == NOW + 10 * M


@pytest.mark.parametrize(
    ("text", "issue"),
    [
        ("3栋单元门坏了，关不上", Issue.DOOR),
        ("小区大门坏了", Issue.DOOR),
        ("门禁刷不开", Issue.DOOR),
        ("整栋楼停水了", Issue.WATER),
        ("我们楼停电了", Issue.POWER),
        ("电梯坏了", Issue.LIFT),
        ("the entrance door is broken", Issue.DOOR),
        ("no water in building 3", Issue.WATER),
        ("lift is broken, nobody inside", Issue.LIFT),
        ("the power is out in our whole building", Issue.POWER),  # retest of issue 13, F4
        ("our building's water has been off all morning", Issue.WATER),
        ("4号楼到现在还没来水", Issue.WATER),
        ("我们一单元的大门关不上了", Issue.DOOR),
        # stairwell lights: their own issue, kept (second retest of #13: not "公共设施损坏")
        ("我们单元楼道的灯坏了好几天了", Issue.LIGHTS),
        ("the stairwell light on floor 3 is out", Issue.LIGHTS),
        ("楼道扶手松了", None),  # nothing named: the resident is asked
        ("对讲机没声音", None),
    ],
)
def test_guess_issue(text: str, issue: Issue | None) -> None:
    """What a request names, so the resident is not asked again."""
    assert guess_issue(text) == issue


@pytest.mark.parametrize(
    ("issue", "priority"),
    [
        (Issue.DOOR, Priority.URGENT),
        (Issue.WATER, Priority.URGENT),
        (Issue.POWER, Priority.URGENT),
        (Issue.LIFT, Priority.URGENT),
        (Issue.OTHER, Priority.NORMAL),
        ("forged", Priority.NORMAL),
    ],
)
def test_priority_of(issue: str, priority: Priority) -> None:
    """Doors, water, power and lifts are urgent."""
    assert priority_of(issue) == priority


@pytest.mark.parametrize(
    ("text", "building"),
    [
        ("3栋1单元大门", "3"),
        ("三号楼门口", "3"),
        ("5幢地库入口", "5"),
        ("building 3 entrance", "3"),
        ("3", "3"),
        ("12栋", None),  # not a building of this community
        ("大门口", None),
        ("", None),
    ],
)
def test_parse_building(text: str, building: str | None) -> None:
    """The building a place names, when the community has it."""
    assert parse_building(text, BUILDINGS) == building


@pytest.mark.parametrize(
    ("priority", "after", "window"),
    [
        (Priority.URGENT, timedelta(hours=4), timedelta(minutes=15)),
        (Priority.NORMAL, timedelta(hours=24), timedelta(hours=1)),
        ("", timedelta(hours=24), timedelta(hours=1)),
    ],
)
def test_work_order_windows_come_from_the_community_file(
    priority: str, after: timedelta, window: timedelta
) -> None:
    """[work_orders] escalate_after and response_window, by priority."""
    policy = load_community().work_orders
    assert escalate_after(priority, policy) == after
    assert work_order_window(priority, policy) == window


def test_no_show_moves_an_accepted_job_back_to_offered() -> None:
    """'Nobody came' takes the job from its worker: offered on, the offer marked no-show."""
    assert next_status(Status.ACCEPTED, Event.NO_SHOW) == Status.OFFERED
    assert next_status(Status.ARRIVED, Event.NO_SHOW) is None
    assert offer_outcome(OfferOutcome.ACCEPTED, Event.NO_SHOW) == OfferOutcome.NO_SHOW
    assert offer_outcome(OfferOutcome.OPEN, Event.NO_SHOW) is None


@pytest.mark.parametrize(
    ("issue", "building", "open_issue", "open_building", "same"),
    [
        ("water", "2", "water", "2", True),  # "2号楼停水了" while #2 is open (F17)
        ("power", "5", "power", "5", True),
        ("water", "2", "water", "3", False),  # another building
        ("water", "2", "power", "2", False),  # another fault
        ("water", None, "water", "2", False),  # the building not said: no guessing
        ("door", "2", "door", "2", False),  # one of several doors: its own work order
        ("lift", "2", "lift", "2", False),  # one of several lifts
        ("other", "2", "other", "2", False),
        (None, "2", None, "2", False),
    ],
)
def test_same_fault(
    issue: str | None, building: str | None, open_issue: str, open_building: str, same: bool
) -> None:
    assert same_fault(issue, building, open_issue, open_building) is same
