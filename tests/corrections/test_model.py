"""Corrections' pure core as tables: who may dismiss, how /misses groups what was asked, and
the training lines the community's confirmed examples become."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from bot.domain.corrections import Example, Role, Source, export_lines
from bot.domain.corrections.grouping import (
    Asked,
    containing,
    distinct,
    fuzzy_key,
    group,
    topic_key,
)
from bot.domain.corrections.model import GroupReply, ReplyStatus, clean, dismisser
from tests.harness import START

WRITER, NEIGHBOUR, STAFF = 6001, 6002, 1001


def _reply() -> GroupReply:
    return GroupReply(
        1,
        -1001,
        WRITER,
        "想洗油烟机",
        "service_request",
        "range_hood_cleaning",
        "req_x",
        ReplyStatus.SHOWN,
        START,
    )


@pytest.mark.parametrize(
    ("presser", "is_staff", "role"),
    [
        (WRITER, False, Role.WRITER),
        (STAFF, True, Role.STAFF),
        (WRITER, True, Role.STAFF),  # staff writing in the group: their press is staff's
        (NEIGHBOUR, False, None),
    ],
)
def test_who_may_dismiss(presser: int, is_staff: bool, role: Role | None) -> None:
    assert dismisser(_reply(), presser, is_staff) is role


def test_clean_keeps_words_not_numbers() -> None:
    kept = clean("谁会修空调  打我电话 13812345678\n3栋2单元501")
    assert "13812345678" not in kept and "3栋2单元501" not in kept and "谁会修空调" in kept


def _asked(
    kind: str, n: int, text: str, target: str | None = None, count: int = 1, ago: int = 0
) -> Asked:
    intent = "service_request" if target else "none"
    at = START - timedelta(minutes=ago)
    return Asked("m" if kind == "m" else "e", n, text, intent, target, count, at)


def test_near_wordings_understood_alike_are_one_group() -> None:
    groups = group(
        [
            _asked("e", 1, "晚上一起吃饭吗", "cooking"),
            _asked("e", 2, "晚上一起吃饭去吗？", "cooking"),
            _asked("e", 3, "晚上一起吃饭吗", "cleaning"),  # understood as something else
            _asked("m", 4, "晚上一起吃饭吗"),  # a miss is another kind
            _asked("e", 5, "家里的猫谁帮忙看两天", "cooking"),
        ]
    )
    ids = sorted(sorted(i.id for i in g.items) for g in groups)
    assert ids == [[1, 2], [3], [4], [5]]


def test_groups_come_most_asked_first_then_latest() -> None:
    groups = group(
        [
            _asked("m", 1, "飞碟坏了", count=1, ago=1),
            _asked("m", 2, "帮我修一下时光机", count=3, ago=50),
            _asked("m", 3, "帮忙修一下时光机！", count=1, ago=5),
            _asked("m", 4, "我想养一只恐龙", count=1, ago=0),
        ]
    )
    assert [g.lead.id for g in groups] == [2, 4, 1]
    assert groups[0].count == 4 and groups[0].last_at == START - timedelta(minutes=5)
    assert containing(groups, "m", 3) is groups[0] and containing(groups, "e", 3) is None


def test_the_ask_is_stripped_before_wordings_are_compared() -> None:
    groups = group(
        [
            _asked("m", 1, "谁会修手表？"),
            _asked("m", 2, "谁能修手表啊"),
            _asked("m", 3, "有人会修手表吗"),
            _asked("m", 4, "有没有人会修钢琴？"),
            _asked("m", 5, "哪里可以修钢琴啊"),
            _asked("m", 6, "谁会修电视？"),  # another thing to mend
        ]
    )
    ids = sorted(sorted(i.id for i in g.items) for g in groups)
    assert ids == [[1, 2, 3], [4, 5], [6]]
    assert topic_key("有没有人会修钢琴？") == "修 钢 琴"


def test_a_group_shows_each_wording_once() -> None:
    items = [
        _asked("e", 1, "谁会修手表？"),
        _asked("e", 2, "谁会修手表?"),
        _asked("e", 3, "谁能修手表"),
    ]
    assert [i.id for i in distinct(items)] == [1, 3]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("晚上一起吃饭吗？", "晚上一起吃饭吗"),
        ("Can ANYONE fix a drone?!", "cananyonefixadrone"),
        ("晚上壹起吃飯嗎", "晚上壹起吃饭吗"),
    ],
)
def test_fuzzy_key(text: str, key: str) -> None:
    assert fuzzy_key(text) == key


def _example(n: int, text: str, intent: str, target: str | None, confirmed: bool) -> Example:
    source = Source.DISMISSED if intent == "none" else Source.STAFF
    return Example(
        n,
        text,
        "group",
        "service_request",
        "cooking",
        intent,
        target,
        source,
        Role.STAFF,
        confirmed,
        datetime(2026, 11, 28, tzinfo=START.tzinfo),
    )


def test_export_writes_confirmed_examples_as_community_lines() -> None:
    lines = export_lines(
        [
            _example(1, "晚上一起吃饭吗", "none", None, True),
            _example(2, "还没确认的", "none", None, False),
            _example(3, "油烟机该洗了", "service_request", "range_hood_cleaning", True),
            _example(4, "晚上一起吃饭吗", "none", None, True),  # the same text once
        ]
    ).splitlines()
    rows = [json.loads(line) for line in lines]
    assert rows == [
        {
            "text": "油烟机该洗了",
            "intent": "service_request",
            "target": "range_hood_cleaning",
            "chat": "group",
            "writer": "community",
        },
        {
            "text": "晚上一起吃饭吗",
            "intent": "none",
            "target": None,
            "chat": "group",
            "writer": "community",
        },
    ]
    assert "晚上" in lines[1]  # written as characters, not \\u escapes


def test_export_of_nothing_is_empty() -> None:
    assert export_lines([]) == ""
