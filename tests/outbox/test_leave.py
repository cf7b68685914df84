"""Telegram's limits counted as requests leave (``RateLimiter.leave_wait``, asked by
``bot.paced_request.PacedRequest`` just before each send or edit is written).

Counting only when the sender picked a chat let requests bunch on their way out: a district's
twenty senders commit their claims after different delays, and a starved event loop writes
what it counted together after a stall (215 answers 429 in 10,000 district pings under a load
average of 10–12; bench/district_bench.py). A pure table on a virtual clock: each ask is
(chat or None, time, the wait expected; 0 means it leaves and is counted)."""

from __future__ import annotations

import pytest
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

from bot.config import RateLimits
from bot.lanes import RateLimiter
from bot.paced_request import chat_of

TEN = RateLimits(global_per_second=10, per_chat_interval=1.0, group_per_minute=2)
T = 0.1  # TEN's interval

Ask = tuple[int | None, float, float]

CASES: dict[str, list[Ask]] = {
    # three may leave back to back; the fourth waits for its place in the even pace
    "a burst of three, then one per interval": [
        (None, 0.0, 0.0),
        (None, 0.0, 0.0),
        (None, 0.0, 0.0),
        (None, 0.0, T),
        (None, 0.1, 0.0),
        (None, 0.1, T),
    ],
    # evenly spaced at the rate: nobody ever waits
    "requests at the pace never wait": [(None, k * T, 0.0) for k in range(30)],
    # after a stall only the burst goes at once: the rest leave spaced, not bunched
    "a stall lets only the burst through at once": [
        (None, 0.0, 0.0),
        (None, 5.0, 0.0),
        (None, 5.0, 0.0),
        (None, 5.0, 0.0),
        (None, 5.0, T),
        (None, 5.05, 0.05),
    ],
    # the burst plus the pace would make 11 in [0, 1): the eleventh waits for the second
    "never more than the rate in any second": [
        *[(None, 0.0, 0.0)] * 3,
        *[(None, k * T, 0.0) for k in range(1, 8)],
        (None, 0.8, 0.2),
        (None, 1.0, 0.0),
    ],
    # a request told to wait takes no place: asking again at its time, it goes
    "a refused ask is not counted": [
        *[(None, 0.0, 0.0)] * 3,
        (None, 0.05, 0.05),
        (None, 0.07, 0.03),
        (None, 0.1, 0.0),
    ],
    # a chat's own interval, counted at the request; another chat is not held back
    "one chat waits its interval, another does not": [
        (7, 0.0, 0.0),
        (7, 0.5, 0.5),
        (8, 0.5, 0.0),
        (7, 1.0, 0.0),
    ],
    # a group's minute: two per minute here
    "a group waits for its minute": [
        (-5, 0.0, 0.0),
        (-5, 1.0, 0.0),
        (-5, 2.0, 58.0),
        (-5, 60.0, 0.0),
    ],
}


@pytest.mark.parametrize("asks", CASES.values(), ids=CASES.keys())
def test_requests_leave_evenly_within_every_limit(asks: list[Ask]) -> None:
    limiter = RateLimiter(TEN, leave_burst=3)
    got = [limiter.leave_wait(chat, at) for chat, at, _ in asks]
    assert got == pytest.approx([wait for _, _, wait in asks])


def test_a_turn_taken_over_waits_a_second_before_its_first_request() -> None:
    """The previous holder's last second is not in this limiter: nothing leaves meanwhile."""
    limiter = RateLimiter(TEN)
    limiter.hold(11.0)
    assert limiter.leave_wait(3, 10.2) == pytest.approx(0.8)
    assert limiter.leave_wait(3, 11.0) == 0.0


def test_the_chat_wait_alone_counts_nothing() -> None:
    limiter = RateLimiter(TEN)
    assert limiter.chat_leave_wait(7, 0.0) == 0.0
    assert limiter.chat_leave_wait(7, 0.0) == 0.0  # asked twice, still free
    assert limiter.leave_wait(7, 0.0) == 0.0
    assert limiter.chat_leave_wait(7, 0.4) == pytest.approx(0.6)
    assert limiter.chat_leave_wait(None, 0.4) == 0.0


def test_picking_and_leaving_are_counted_apart() -> None:
    """The pick-time count (lanes) does not use up the request's turn, nor the other way."""
    limiter = RateLimiter(RateLimits(global_per_second=1))
    limiter.record(7, 0.0)
    assert limiter.leave_wait(7, 0.0) == 0.0
    assert limiter.chat_wait(8, 0.0) == 0.0


def _data(**params: object) -> RequestData:
    return RequestData([RequestParameter.from_input(k, v) for k, v in params.items()])


@pytest.mark.parametrize(
    ("method", "params", "expected"),
    [
        ("sendMessage", {"chat_id": 5, "text": "hi"}, (True, 5)),
        ("editMessageText", {"chat_id": -100123, "text": "x"}, (True, -100123)),
        ("copyMessage", {"chat_id": "-42", "from_chat_id": 1}, (True, -42)),
        ("sendMessage", {"chat_id": "@channel", "text": "hi"}, (True, None)),
        ("sendPhoto", {"chat_id": 9}, (True, 9)),
        ("answerCallbackQuery", {"callback_query_id": "1"}, (False, None)),
        ("getUpdates", {"offset": 3}, (False, None)),
        ("deleteMessage", {"chat_id": 5, "message_id": 1}, (False, None)),
    ],
)
def test_sends_and_edits_are_paced_by_their_chat(
    method: str, params: dict[str, object], expected: tuple[bool, int | None]
) -> None:
    assert chat_of(f"http://127.0.0.1/botTOKEN/{method}", _data(**params)) == expected


def test_a_call_without_arguments_is_not_paced() -> None:
    assert chat_of("http://127.0.0.1/botTOKEN/getMe", None) == (False, None)
