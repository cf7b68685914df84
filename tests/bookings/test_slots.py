"""When a booking happens, as tables (issue 13): typed times decided for the time step, the
request's time kept for the draft, day-and-part buttons, days of care, quiet-hour reminders,
and the steps an as-soon-as-possible job skips."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.config import Offer
from bot.domain.bookings.model import Step, next_step
from bot.domain.bookings.slots import (
    Pick,
    day_choice,
    day_slot,
    from_request,
    night_morning,
    out_of_quiet,
    parts_left,
    per_day,
    read_typed,
    reminder_time,
)
from intents.times import parse_when

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 2, 13, 27, tzinfo=TZ)  # Wednesday 13:27
QUIET = (time(22), time(7))


def at(day: int, hour: int = 0, minute: int = 0) -> datetime:
    """December `day`, 2026, in Shanghai."""
    return datetime(2026, 12, day, hour, minute, tzinfo=TZ)


@pytest.mark.parametrize(
    ("text", "daily", "kind", "start", "end", "units"),
    [
        ("今天下午4点", False, Pick.SLOT, at(2, 16), at(2, 18), 1),
        ("周六上午", False, Pick.SLOT, at(5, 9), at(5, 12), 1),
        ("尽快", False, Pick.ASAP, None, None, 1),
        ("现在", False, Pick.ASAP, None, None, 1),
        ("now", False, Pick.ASAP, None, None, 1),
        # a day without an hour asks for the hour: never a midnight visit
        ("明天", False, Pick.HOUR, None, None, 1),
        ("on Friday", False, Pick.HOUR, None, None, 1),
        # days of a per-day service are its units
        ("后天想找人上门喂猫，我要出差两天", True, Pick.HOUR, None, None, 2),
        ("下周三到周五", True, Pick.HOUR, None, None, 3),
        ("下周三到周五", False, Pick.HOUR, None, None, 1),  # one visit: the first day
        ("下周三到周五每天上午10点", True, Pick.SLOT, at(9, 10), at(9, 12), 3),
        ("下周", False, Pick.DAY, None, None, 1),  # a window: which day?
        # a part of the day said is the visit part of the buttons (one definition): "明天下午"
        # is 14:00-17:00 like the 下午 button, "明早" the 上午 one (never inside the quiet
        # hours that end at 07:00); "下午" said at 13:27 keeps what is left of it, to 17:00;
        # a clock time keeps its hour
        ("下午", False, Pick.SLOT, NOW, at(2, 17), 1),
        ("明天下午", False, Pick.SLOT, at(3, 14), at(3, 17), 1),
        ("明早保洁", False, Pick.SLOT, at(3, 9), at(3, 12), 1),
        ("明天早上", False, Pick.SLOT, at(3, 9), at(3, 12), 1),
        ("明天晚上", False, Pick.SLOT, at(3, 18), at(3, 20), 1),
        ("明早8点", False, Pick.SLOT, at(3, 8), at(3, 10), 1),
        ("好的谢谢", False, Pick.NONE, None, None, 1),
    ],
)
def test_typed_times(
    text: str,
    daily: bool,
    kind: Pick,
    start: datetime | None,
    end: datetime | None,
    units: int,
) -> None:
    picked = read_typed(parse_when(text, NOW, TZ), NOW, daily=daily)
    assert (picked.kind, picked.start, picked.end, picked.units) == (kind, start, end, units)


def test_an_hour_alone_stays_on_the_day_given_before() -> None:
    """'后天' then '上午10点': 10:00 the day after tomorrow, not tomorrow."""
    picked = read_typed(
        parse_when("上午10点", NOW, TZ), NOW, daily=True, wanted_day=date(2026, 12, 4), units=2
    )
    assert (picked.kind, picked.start, picked.units) == (Pick.SLOT, at(4, 10), 2)


def test_a_day_named_again_replaces_the_one_given_before() -> None:
    span = parse_when("周六下午3点", NOW, TZ)
    picked = read_typed(span, NOW, daily=False, wanted_day=date(2026, 12, 4), names_day=True)
    assert picked.start == at(5, 15)


def test_a_time_already_over_is_refused() -> None:
    span = parse_when("上午9点", NOW, TZ)
    picked = read_typed(span, NOW, daily=False, wanted_day=date(2026, 12, 2))
    assert picked.kind is Pick.PAST


@pytest.mark.parametrize(
    ("text", "urgent", "asap", "start", "units", "day"),
    [
        # "马桶堵了，急！现在能来人吗" at 13:27: as soon as possible, not 明天上午
        ("马桶堵了，急！现在能来人吗", True, True, None, 1, None),
        ("明天上午", False, False, at(3, 9), 1, None),
        ("后天想找人上门喂猫，我要出差两天", False, False, None, 2, date(2026, 12, 4)),
        ("on Friday", False, False, None, 1, date(2026, 12, 4)),
        ("下午", True, True, None, 1, None),  # the afternoon has begun: an urgent job is now
        ("下午", False, False, None, 1, None),  # ... an ordinary one asks
    ],
)
def test_the_requests_time_kept_for_the_draft(
    text: str, urgent: bool, asap: bool, start: datetime | None, units: int, day: date | None
) -> None:
    daily = "喂猫" in text
    kept = from_request(parse_when(text, NOW, TZ), NOW, daily=daily, urgent=urgent)
    assert (kept.asap, kept.start, kept.units, kept.wanted_day) == (asap, start, units, day)


@pytest.mark.parametrize(
    ("choice", "slot"),
    [
        (day_choice(date(2026, 12, 4), "am"), (at(4, 9), at(4, 12))),
        (day_choice(date(2026, 12, 2), "pm"), (at(2, 14), at(2, 17))),
        (day_choice(date(2026, 12, 2), "am"), None),  # over
        ("d20261340am", None),  # no such day
        ("d20261204xx", None),
        ("d2026120", None),
    ],
)
def test_day_and_part_buttons(choice: str, slot: tuple[datetime, datetime] | None) -> None:
    assert day_slot(choice, TZ, NOW) == slot


def test_parts_of_today_still_to_come() -> None:
    assert parts_left(date(2026, 12, 2), TZ, NOW) == ["pm", "ev"]
    assert parts_left(date(2026, 12, 3), TZ, NOW) == ["am", "pm", "ev"]


@pytest.mark.parametrize(
    ("unit_zh", "unit_en", "daily"),
    [("天", "day", True), ("次", "visit", False), ("小时", "hour", False), ("日", "x", True)],
)
def test_per_day_offers(unit_zh: str, unit_en: str, daily: bool) -> None:
    offer = Offer(service="pet_sitting", price=45, unit_zh=unit_zh, unit_en=unit_en)
    assert per_day(offer) is daily


@pytest.mark.parametrize(
    ("remind", "slot", "moved"),
    [
        (at(3, 7), at(3, 9), at(3, 7)),  # 07:00 is after the quiet hours
        (at(3, 6), at(3, 8), at(3, 7)),  # 06:00 waits for 07:00, still before the 08:00 slot
        (at(2, 22), at(3, 0, 30), at(2, 21, 30)),  # a 00:30 slot: just before the night
        (at(3, 5), at(3, 7), at(2, 21, 30)),  # 07:00 would be too late: the evening before
        (at(3, 14), at(3, 16), at(3, 14)),
    ],
)
def test_reminders_keep_out_of_the_night(
    remind: datetime, slot: datetime, moved: datetime
) -> None:
    assert out_of_quiet(remind, slot, QUIET, TZ) == moved


def test_the_reminder_before_a_morning_visit() -> None:
    """An 08:00 visit with the 2h reminder: 07:00, not 06:00."""
    assert reminder_time(at(3, 8), timedelta(hours=2), NOW, QUIET, TZ) == at(3, 7)
    assert reminder_time(None, timedelta(hours=2), NOW, QUIET, TZ) is None


@pytest.mark.parametrize(
    ("service", "done", "asap", "step"),
    [
        ("drain_unclogging", Step.ADDRESS, True, Step.CONFIRM),  # no note: dispatch at once
        ("drain_unclogging", Step.ADDRESS, False, Step.NOTE),
        ("pet_sitting", Step.ADDRESS, True, Step.CONFIRM),
        ("pet_sitting", Step.NOTE, False, Step.DOOR),
    ],
)
def test_asap_goes_from_the_address_to_confirming(
    service: str, done: Step, asap: bool, step: Step
) -> None:
    assert next_step("service", service, done, asap) is step


QUIET = (time(22, 0), time(7, 0))


@pytest.mark.parametrize(
    ("at", "urgent", "expected"),
    [
        (datetime(2026, 12, 2, 23, 58, tzinfo=TZ), False, date(2026, 12, 3)),  # the morning after
        (datetime(2026, 12, 3, 3, 0, tzinfo=TZ), False, date(2026, 12, 3)),  # this morning
        (datetime(2026, 12, 2, 23, 58, tzinfo=TZ), True, None),  # urgent: at once
        (datetime(2026, 12, 2, 21, 59, tzinfo=TZ), False, None),  # before the quiet hours
        (datetime(2026, 12, 3, 7, 0, tzinfo=TZ), False, None),  # they are over
    ],
)
def test_asap_at_night_only_for_urgent_services(
    at: datetime, urgent: bool, expected: date | None
) -> None:
    """In the quiet hours only an urgent service goes out at once; others get the daytime."""
    assert night_morning(at, QUIET, urgent) == expected
