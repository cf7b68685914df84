"""Where a plain private text goes when no line is open for the writer (issue 13, tester's
finding 6): an answer to a relayed message goes through the line, a new request or a question
to the bot does not, "结束对话" ends the conversation."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.bookings.onsite.talk import (
    GONE_FOR,
    Heard,
    Route,
    adds_to_visit,
    ends_line,
    relayed_on,
    route,
    starts_request,
    still_gone,
)

RELAY, BOT, END = Route.RELAY, Route.BOT, Route.END


@pytest.mark.parametrize(
    ("resident", "answering", "writing", "intent", "text", "expected"),
    [
        # the worker answers a relayed message without pressing 💬 回复
        (False, True, False, "none", "好的，我微信是 sunsf2024", RELAY),
        (False, True, False, "service_request", "好的，我微信是 sunsf2024", RELAY),
        (False, True, False, "none", "给我打电话 13912345678", RELAY),
        (False, True, False, "none", "我快到了", RELAY),
        (False, True, False, "status", "你家几点有人", RELAY),  # a worker's question is theirs
        (False, True, False, "cancel", "业主说要取消吗？", RELAY),
        # the resident answers the worker
        (True, True, False, "none", "好的，我在家等你", RELAY),
        (True, True, False, "service_request", "水已经漫到客厅了", RELAY),
        # ... but asks the bot about the booking itself
        (True, True, False, "status", "师傅几点到", BOT),
        (True, True, False, "reschedule", "能不能改到下午", BOT),
        (True, True, False, "cancel", "算了，取消吧", BOT),
        # a new request, clearly started, goes to the bot
        (True, True, False, "service_request", "我还想约个保洁", BOT),
        (False, True, False, "service_request", "帮我找个修空调的", BOT),
        (True, True, False, "service_request", "I need a cleaner tomorrow", BOT),
        # the other side has the line open on the only live job
        (False, False, True, "none", "收到，马上到", RELAY),
        (True, False, True, "none", "门没锁，直接进", RELAY),
        # done talking
        (False, True, False, "none", "结束对话", END),
        (True, False, True, "none", "end chat", END),
        # nothing relayed, nobody writing: understood as usual
        (False, False, False, "none", "我快到了", BOT),
        (True, False, False, "service_request", "马桶堵了", BOT),
    ],
)
def test_route(
    resident: bool, answering: bool, writing: bool, intent: str, text: str, expected: Route
) -> None:
    assert route(Heard(resident, answering, writing, intent, text)) == expected


@pytest.mark.parametrize(
    ("intent", "text", "expected"),
    [
        # a worker's plain words on their only live job are for the resident
        ("none", "您好，我明天上午九点左右到", RELAY),
        ("none", "I'll be there around 10", RELAY),
        ("status", "你家几点有人？", RELAY),
        # ... giving the job up is confirmed first, never relayed
        ("cancel", "这单我退了", Route.WITHDRAW),
        ("none", "不好意思，明天来不了了", Route.WITHDRAW),
        ("none", "I can't make it, withdraw", Route.WITHDRAW),
        ("cancel", "cancel this job please", Route.WITHDRAW),
        # a new request of their own still goes to the bot
        ("service_request", "我想约个保洁", BOT),
    ],
)
def test_a_workers_words_on_their_only_job(intent: str, text: str, expected: Route) -> None:
    assert route(Heard(False, False, False, intent, text, own_job=True)) == expected


@pytest.mark.parametrize("text", ["这单我退了", "来不了了", "I can't make it", "withdraw"])
def test_giving_up_a_job_while_answering_is_asked_too(text: str) -> None:
    """Even as an answer to a relayed message."""
    assert route(Heard(False, True, False, "none", text)) == Route.WITHDRAW


@pytest.mark.parametrize("text", ["退了吗？", "业主说要取消吗？", "门打不开", "好的，马上到"])
def test_not_giving_up(text: str) -> None:
    assert route(Heard(False, True, False, "none", text)) == RELAY


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("结束对话", True),
        ("结束对话。", True),
        ("好，结束聊天吧", True),
        ("退出对话", True),
        ("end chat", True),
        ("End the conversation, please", True),
        ("stop chat", True),
        ("对话什么时候结束", False),
        ("结束了吗", False),
        ("we can end the chat after the job", False),
        ("好的", False),
    ],
)
def test_ends_line(text: str, ends: bool) -> None:
    assert ends_line(text) is ends


@pytest.mark.parametrize(
    ("text", "intent", "starts"),
    [
        ("我想约个保洁", "service_request", True),
        ("我还想再约一次", "service_request", True),
        ("帮我找个修空调的", "service_request", True),
        ("预约明天上午洗油烟机", "service_request", True),
        ("I'd like to book a cleaner", "service_request", True),
        ("I need a plumber", "service_request", True),
        ("好的，我微信是 sunsf2024", "service_request", False),
        ("水已经漫到客厅了", "service_request", False),
        ("我想约个保洁", "none", False),  # booking words, but no service understood
    ],
)
def test_starts_request(text: str, intent: str, starts: bool) -> None:
    assert starts_request(text, intent) is starts


@pytest.mark.parametrize(
    ("key", "booking"),
    [
        ("bk7:line:1002:55", 7),
        ("bk7:line:1002:55:h", 7),
        ("bk12:line:held:3:0", 12),
        ("bk7:line:open:1002:2026-12-03T13:00", None),
        ("bk7:linehidden:3", None),
        ("bk7:r:accepted:1", None),
        (None, None),
    ],
)
def test_relayed_on(key: str | None, booking: int | None) -> None:
    assert relayed_on(key) == booking


def test_a_job_taken_away_is_remembered_for_a_while() -> None:
    ended = datetime(2026, 12, 3, 13, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert still_gone(ended, ended + timedelta(minutes=5))
    assert not still_gone(ended, ended + GONE_FOR)


@pytest.mark.parametrize(
    ("text", "also"),
    [
        ("顺便帮我看看卫生间的水龙头，一直在滴水", True),
        ("师傅，顺便看看客厅的灯也不亮", True),
        ("让师傅也看看热水器", True),
        ("please ask him to bring a new tap as well, the old one is leaking", True),
        ("can he also look at the sink?", True),
        ("猫粮在阳台柜子里 猫砂在卫生间", False),
        ("我想约个保洁", False),
        ("师傅几点到", False),
        ("明天上午想洗下空调", False),
    ],
)
def test_something_more_for_this_visit(text: str, also: bool) -> None:
    """Asking the worker on the job to also see to something: asked (this visit or a new
    booking), never a new booking unasked, even of another service."""
    assert adds_to_visit(text) is also


@pytest.mark.parametrize(
    ("intent", "text"),
    [
        # session-15 verify F6: access words for the worker read as a lock request
        ("service_request", "门没锁 直接推门进来"),
        ("service_request", "谢谢师傅 门没锁 直接推门进来"),
        ("none", "门开着 自己进来就行"),
        ("service_request", "the door is unlocked, just come in"),
    ],
)
def test_a_residents_words_telling_their_worker_go_to_the_worker(intent: str, text: str) -> None:
    """On their job in progress, words telling the worker how to get in are relayed, never a
    new (lock) booking and never a which-is-it question."""
    heard = Heard(True, False, False, intent, text, their_job=True)
    assert route(heard) == RELAY


@pytest.mark.parametrize(
    ("intent", "text", "expected"),
    [
        ("status", "师傅几点到", BOT),
        ("service_request", "我还想约个开锁的", BOT),
        ("service_request", "门锁坏了 打不开", Route.ASK),
        ("status", "师傅你到了楼下打我电话", Route.ASK),  # asked, as before
        ("status", "门没锁吗？", BOT),  # a question is the bot's
    ],
)
def test_a_resident_asking_or_booking_on_their_job_is_not_relayed(
    intent: str, text: str, expected: Route
) -> None:
    assert route(Heard(True, False, False, intent, text, their_job=True)) == expected
