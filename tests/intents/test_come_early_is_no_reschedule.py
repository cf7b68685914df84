"""Session 14 tester's booking words (issue 13), read by the understanding alone: a new request
that says "come early" is no reschedule when nothing is booked."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from intents import address_change
from intents.context import Context
from intents.pipeline import Understander
from intents.times import parse_when


@pytest.mark.parametrize(
    ("words", "service"),
    [
        ("明天早点来修一下水龙头", "plumbing_repair"),
        ("星期天早点来打扫卫生", "home_cleaning"),
    ],
)
def test_come_early_with_a_service_and_nothing_booked_is_a_new_request(
    understander: Understander, now: datetime, words: str, service: str
) -> None:
    """'早点来' reads as "come earlier": with nothing booked the words are a new request
    (the group used to stay silent on them), with a booking a reschedule as before."""
    nothing = understander.understand(
        words, chat="group", now=now, context=Context(open_booking=False)
    )
    assert (nothing.intent, nothing.target) == ("service_request", service)
    booked = understander.understand(
        words, chat="group", now=now, context=Context(open_booking=True)
    )
    assert booked.intent == "reschedule"


def test_words_that_move_a_booking_stay_a_reschedule_with_nothing_booked(
    understander: Understander, now: datetime
) -> None:
    """'保洁能挪到周一下午三点吗' asks to move one: with nothing open it stays silent in a group
    (about something else), never a new booking."""
    nothing = understander.understand(
        "保洁能挪到周一下午三点吗", chat="group", now=now, context=Context(open_booking=False)
    )
    assert nothing.intent == "none"


SATURDAY_8AM = datetime(2026, 11, 28, 8, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.mark.parametrize(
    ("words", "start", "end", "days"),
    [
        # a night-shift nurse: "after work" is her morning; the part of the day said wins
        ("下班后 早上9点", "2026-11-28 09:00", None, 1),
        ("下班后", "2026-11-28 18:00", "2026-11-28 22:00", 1),
        # "after 7" tonight is 19:00, not the whole evening from 18:00
        ("tonight after 7", "2026-11-28 19:00", None, 1),
        ("after 7 tonight", "2026-11-28 19:00", None, 1),
        # "早点" after a day: early in that day, its morning
        ("今天早点来", "2026-11-28 09:00", "2026-11-28 12:00", 1),
        ("星期天早点", "2026-11-29 09:00", "2026-11-29 12:00", 1),
        ("tomorrow early", "2026-11-29 09:00", "2026-11-29 12:00", 1),
        # a range whose last weekday is a bare number: "周一至三"
        ("下個禮拜一至三", "2026-11-30 00:00", "2026-12-03 00:00", 3),
        ("周二到四", "2026-12-01 00:00", "2026-12-04 00:00", 3),
        ("周一到三点", "2026-11-30 15:00", None, 1),  # until three o'clock, no range
        # a Cantonese grandmother: 听日 tomorrow, 朝早 morning, 下昼 afternoon, 听晚 tomorrow night
        ("听日朝早", "2026-11-29 06:00", "2026-11-29 09:00", 1),
        ("礼拜日下昼", "2026-11-29 13:00", "2026-11-29 18:00", 1),
        ("听日下昼三点", "2026-11-29 15:00", None, 1),
        ("听晚八点", "2026-11-29 20:00", None, 1),
    ],
)
def test_times_said_as_people_say_them(words: str, start: str, end: str | None, days: int) -> None:
    """Times the tester typed that were booked wrong without a word: "下班后 早上9点" was
    21:00, "tonight after 7" 18:00-20:00, "下個禮拜一至三" one day; "今天早点来" was no time."""
    tz = ZoneInfo("Asia/Shanghai")
    span = parse_when(words, SATURDAY_8AM, tz)
    assert span is not None
    assert span.start.strftime("%Y-%m-%d %H:%M") == start
    assert (span.end.strftime("%Y-%m-%d %H:%M") if span.end else None) == end
    assert span.days == days


@pytest.mark.parametrize("words", ["what did I book", "what did I order", "what have I booked?"])
def test_what_did_i_book_asks_about_ones_bookings(
    understander: Understander, now: datetime, words: str
) -> None:
    """An expat's 'what did I book' was answered "I can't answer that one yet" and the menu."""
    assert understander.understand(words, chat="private", now=now).intent == "status"


@pytest.mark.parametrize(
    ("words", "address"),
    [
        ("我搬到5栋1单元302了", "5栋1单元302"),
        ("地址写错了 是3栋2单元502", "3栋2单元502"),
        ("我们搬家了 新家在5栋1单元302", "5栋1单元302"),
    ],
)
def test_a_new_address_in_plain_words_is_no_moving_job(
    understander: Understander, now: datetime, words: str, address: str
) -> None:
    """'我搬到5栋1单元302了' started a booking of movers; '地址写错了 是…' was a message for
    the worker. Both say the writer's address."""
    assert address_change(words) == address
    assert understander.understand(words, chat="private", now=now).intent == "none"


@pytest.mark.parametrize("words", ["能晚一个小时吗", "晚两个小时来吧", "晚半小时到"])
def test_later_by_hours_is_not_the_evening(words: str) -> None:
    """'能晚一个小时吗' read 晚 as the evening: a booking asked an hour later was proposed to
    the worker for 18:00-22:00."""
    span = parse_when(words, SATURDAY_8AM, ZoneInfo("Asia/Shanghai"))
    assert span is None or span.start.hour < 18, span


@pytest.mark.parametrize(
    "words", ["push it back an hour", "提前半小时", "can you come an hour later"]
)
def test_moving_by_an_amount_is_a_reschedule_in_private(
    understander: Understander, now: datetime, words: str
) -> None:
    """'push it back an hour' was taken for a message to the worker (or the menu)."""
    assert understander.understand(words, chat="private", now=now).intent == "reschedule"


@pytest.mark.parametrize("words", ["明天不行了，后天吧", "周日有事 周一吧"])
def test_another_day_instead_is_a_reschedule_in_private(
    understander: Understander, now: datetime, words: str
) -> None:
    """'明天不行了，后天吧': "不行了" is no fault here, the booking moves to the day said."""
    assert understander.understand(words, chat="private", now=now).intent == "reschedule"


def test_cantonese_now_is_as_soon_as_possible() -> None:
    """'廁所塞咗，而家可唔可以嚟': 而家 is "now"."""
    span = parse_when("廁所塞咗，而家可唔可以嚟", SATURDAY_8AM, ZoneInfo("Asia/Shanghai"))
    assert span is not None and span.asap


@pytest.mark.parametrize(
    ("words", "day"),
    [
        ("我明天有事，后天来修水管吧", 30),
        ("明天不行了，后天吧", 30),
        ("周日没空 周一来打扫吧", 30),
        ("明天有事", 29),  # no other day said: the day said
    ],
)
def test_the_day_asked_is_the_one_after_the_day_that_does_not_suit(words: str, day: int) -> None:
    """'我明天有事，后天来修水管吧' asks for 后天: the new request started on 明天."""
    span = parse_when(words, SATURDAY_8AM, ZoneInfo("Asia/Shanghai"))
    assert span is not None and span.start.day == day
