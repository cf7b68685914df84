"""How much a request asks for beyond its time, and where it goes on to another thing."""

from __future__ import annotations

import pytest

from intents.amounts import clauses, hours_asked


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("周六下午想找人打扫卫生，4个小时", 4),
        ("打扫三个钟头", 3),
        ("两小时就够", 2),
        ("做十个小时", 10),
        ("cleaning for 3 hours please", 3),
        ("2 hrs", 2),
        ("两小时后来", None),  # a delay, not a length
        ("半小时内到", None),
        ("in 2 hours from now", None),
        ("明天上午打扫一下", None),
        ("30个小时", None),  # no visit lasts that long
    ],
)
def test_hours_asked(text: str, hours: int | None) -> None:
    assert hours_asked(text) == hours


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("明天上午想洗下油烟机，顺便空调也洗一下", ["明天上午想洗下油烟机", "空调也洗一下"]),
        ("clean the range hood, also the AC", ["clean the range hood", "the AC"]),
        ("马桶堵了", ["马桶堵了"]),
    ],
)
def test_clauses(text: str, parts: list[str]) -> None:
    """Where a message goes on to another thing: each part is read for a second service."""
    assert clauses(text) == parts
