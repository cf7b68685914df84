"""Questions about one's own booking (`status`) and moving it (`reschedule`), label contract of
round 2 (../shared/eval/labels.toml): the intent, the service when one is named, and the
chatter that only looks like them."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from intents import address_answer, address_change, written_in
from intents.addresses import names_building, placeless
from intents.pipeline import Understander
from intents.times import says_day


def test_reschedule_carries_the_new_time(understander: Understander, now: datetime) -> None:
    """'能不能改到下午' names no service, but its new time is read."""
    got = understander.understand("能不能改到下午", chat="private", now=now)
    assert got.intent == "reschedule" and got.when is not None
    assert (got.when.start.hour, got.when.end and got.when.end.hour) == (13, 18)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("我的地址改成3栋2单元501", "3栋2单元501"),
        ("地址换成 5-1-302 了", "5-1-302"),
        ("我搬到了6栋3单元1201", "6栋3单元1201"),
        ("my address is now 3-2-501", "3-2-501"),
        ("I moved to 4-1-202, please update", "4-1-202"),
        ("地址换了 2-2-202", "2-2-202"),
        ("我搬家了，新地址是3栋2单元501", "3栋2单元501"),
        ("我的地址是什么", None),  # no door number
        ("3栋2单元501的灯坏了", None),  # a place, not the writer's address
        ("帮我租出去的房子约个保洁 地址6栋2单元1501", None),  # this booking's, not a move
    ],
)
def test_address_change_words(text: str, said: str | None) -> None:
    assert address_change(text) == said


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("my address is 2-1-803", "2-1-803"),
        ("地址换了 2-2-202", "2-2-202"),
        ("1栋1单元101 我妈家", "1栋1单元101"),
        ("3-2-501", "3-2-501"),
        ("三栋二单元一一零二", "3栋2单元1102"),  # numerals read
        ("我住在三号楼二单元1102，门口有鞋柜", "3号楼2单元1102"),
        ("Building 6, unit 1, room 2203", "6-1-2203"),
        ("my address is Building 6, unit 1, room 2203", "6-1-2203"),
        # a request naming the address after "地址" (session-15 verify F8): that door number
        ("帮我租出去的房子约个保洁 地址6栋2单元1501 明天下午", "6栋2单元1501"),
        ("保洁 上门地址在6-2-1501", "6-2-1501"),
        ("cleaning tomorrow, address 6-2-1501 please", "6-2-1501"),
        ("不知道", "不知道"),  # nothing to pick out: the words as they are
    ],
)
def test_address_answer(text: str, said: str) -> None:
    """Answering "your address?": the door number in the words, said how people say it."""
    assert address_answer(text) == said


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("我家在三号楼二单元，门口有个鞋柜", True),
        ("3栋的", True),
        ("building 3, near the gate", True),
        ("水已经漫到客厅了", False),
        ("come quickly please", False),
        ("师傅你到哪了", False),
    ],
)
def test_names_building(text: str, names: bool) -> None:
    """A building named at the address question is an unfinished address, not a request."""
    assert names_building(text) is names


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("我们6号楼整栋都停电了", "我们楼整栋都停电了"),
        ("我们4号楼1单元楼下的防盗门坏了", "我们楼楼下的防盗门坏了"),
        ("我家在三号楼二单元，门口有个鞋柜", "我家在楼，门口有个鞋柜"),
        ("The lift in building 1 stopped", "The lift in the building stopped"),
        ("Building 2 has no water at all", "the building has no water at all"),
        ("I live in building 3, unit 2", "I live in the building"),
        ("马桶堵了", "马桶堵了"),
    ],
)
def test_placeless(text: str, rest: str) -> None:
    """What the words say besides the building they name: read again at an address
    question, a fault is still a fault and an unfinished address says nothing more."""
    assert placeless(text) == rest


def test_moving_home_with_a_new_address_is_no_moving_booking(
    understander: Understander, now: datetime
) -> None:
    """'我搬家了，新地址是…' tells the new address; it books no removal van."""
    got = understander.understand("我搬家了，新地址是3栋2单元501", chat="private", now=now)
    assert got.intent == "none", got


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("马桶堵了", "zh"),
        ("the toilet is blocked, can someone come", "en"),
        ("need a plumber 急", "zh"),
        # tester3 item 13: the address is copied, the sentence is English
        ("anyone know a good plumber? my sink is leaking, 6栋1单元302, call me 13800138000", "en"),
        ("the lift in 3号楼 is stuck", "en"),
        ("6栋1单元302 水管漏了", "zh"),
        ("👍", None),
        ("3-2-501", None),
    ],
)
def test_written_in(text: str, lang: str | None) -> None:
    assert written_in(text) == lang


@pytest.mark.parametrize(
    ("text", "day"),
    [("后天", True), ("周六上午", True), ("on Friday", True), ("下午3点", False), ("9点", False)],
)
def test_says_day(now: datetime, tz: ZoneInfo, text: str, day: bool) -> None:
    """An hour typed after "which time on 后天?" keeps that day; a day typed replaces it."""
    assert says_day(text, now, tz) is day
