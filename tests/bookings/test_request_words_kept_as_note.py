"""Pure rules of the final recheck's booking items: a request's words kept as its note, the
time asked carried by the buttons of "which booking?"."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.bookings.onsite.talk import Heard, Route, route
from bot.domain.bookings.retime import carried, uncarried
from bot.domain.bookings.stepwords import kept_words
from intents import TimeSpan


@pytest.mark.parametrize(
    ("words", "note"),
    [
        ("马桶堵了，水漫出来了，下午在家", "马桶堵了，水漫出来了，下午在家"),
        ("  厨房下水道堵住了 ", "厨房下水道堵住了"),
        ("后天喂猫，门锁密码是778899", "后天喂猫，门锁密码是***"),
        ("师傅来之前打我电话 138 1234 5678", "师傅来之前打我电话 ***"),
        ("下午3点到5点在家，3-2-501", "下午3点到5点在家，3-2-501"),
    ],
)
def test_a_requests_words_as_its_note(words: str, note: str) -> None:
    """The words stay as written; a door code and a phone number are hidden."""
    assert kept_words(words) == note


SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(
    ("span", "names_day"),
    [
        (TimeSpan(datetime(2026, 12, 5, 15, 0, tzinfo=SHANGHAI), None, ""), True),
        (
            TimeSpan(
                datetime(2026, 12, 5, 14, 0, tzinfo=SHANGHAI),
                datetime(2026, 12, 5, 17, 0, tzinfo=SHANGHAI),
                "",
            ),
            False,
        ),
        (
            TimeSpan(
                datetime(2026, 12, 7, 0, 0, tzinfo=SHANGHAI),
                datetime(2026, 12, 8, 0, 0, tzinfo=SHANGHAI),
                "",
                has_time=False,
            ),
            True,
        ),
    ],
)
def test_the_time_asked_rides_on_the_which_booking_buttons(
    span: TimeSpan, names_day: bool
) -> None:
    """ "改到周六下午三点" with two bookings: the time goes on each button and comes back the
    same, short enough for Telegram's 64-byte button data."""
    arg = carried(span, names_day)
    assert len(arg) <= 24
    back = uncarried(arg, SHANGHAI)
    assert back is not None
    got, named = back
    assert (got.start, got.end, got.has_time, named) == (
        span.start,
        span.end,
        span.has_time,
        names_day,
    )


@pytest.mark.parametrize("arg", ["", "x", "2613451500", "261205150", "2612051500-"])
def test_a_button_without_a_time_asks_for_one(arg: str) -> None:
    """No time carried (the 🕑 of my bookings) or a malformed one: asked as before."""
    assert uncarried(arg, SHANGHAI) is None


@pytest.mark.parametrize(
    ("intent", "text", "their_job", "expected"),
    [
        ("none", "进门请穿鞋套，孩子在睡觉", True, Route.ASK),
        ("service_request", "猫粮在阳台柜子里 猫砂在卫生间", True, Route.ASK),
        ("service_request", "我想再约个保洁", True, Route.BOT),  # booking words: a request
        ("service_request", "帮我爸约个保洁 明天上午", True, Route.BOT),
        ("none", "大约十点到家，门口等我一下", True, Route.ASK),
        ("status", "师傅几点到", True, Route.BOT),  # for the bot itself
        ("status", "师傅你到了楼下打我电话", True, Route.ASK),  # tells the worker
        ("status", "师傅到了楼下会打我电话吗", True, Route.BOT),  # a question
        ("status", "师傅怎么还没来，到了记得敲门", True, Route.BOT),
        ("status", "师傅你到了楼下打我电话", False, Route.BOT),
        ("price_query", "洗空调多少钱", True, Route.BOT),
        ("none", "结束对话", True, Route.BOT),
        ("none", "进门请穿鞋套，孩子在睡觉", False, Route.BOT),  # no job in progress
    ],
)
def test_words_that_may_be_for_the_worker_are_asked_about(
    intent: str, text: str, their_job: bool, expected: Route
) -> None:
    """A resident of a job in progress, nobody writing: plain words and a request without
    booking words are asked about; questions to the bot and clear requests are not."""
    heard = Heard(True, False, False, intent, text, their_job=their_job)
    assert route(heard) is expected
