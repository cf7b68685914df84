"""How much a request asks for beyond its time, where it goes on to another thing, and a part
that only describes the person (no second service)."""

from __future__ import annotations

import pytest

from intents.amounts import (
    asks_more,
    clauses,
    count_asked,
    hours_asked,
    joined_asks,
    says_lives_alone,
)


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
        ("明天上午想洗下油烟机，顺便空调也洗一下", ["明天上午想洗下油烟机", "顺便空调也洗一下"]),
        ("洗油烟机还有空调", ["洗油烟机", "还有空调"]),
        ("clean the range hood, also the AC", ["clean the range hood", "also the AC"]),
        ("马桶堵了", ["马桶堵了"]),
        ("顺便问一下", ["顺便问一下"]),
    ],
)
def test_clauses(text: str, parts: list[str]) -> None:
    """Where a message goes on to another thing: each part is read for a second service, and
    keeps the word that went on ("顺便…", "also…")."""
    assert clauses(text) == parts


@pytest.mark.parametrize(
    ("part", "asks"),
    [
        ("顺便空调也洗一下", True),
        ("顺便修下马桶", True),
        ("还有空调", True),
        ("热水器也坏了", True),
        ("再帮我约个保洁", True),
        ("also the AC", True),
        ("and can someone fix the tap", True),
        ("the bathroom tap is dripping too", True),
        ("修下马桶", True),  # a service verb asks on its own
        # the same trouble described further: no second service
        ("水漫出来了", False),
        ("地上全是水", False),
        ("臭死了", False),
        ("水还在往外冒", False),
        ("water everywhere on the floor", False),
        ("it's overflowing", False),
        ("周六上午", False),
    ],
)
def test_a_later_part_asks_for_more_only_with_words_that_ask(part: str, asks: bool) -> None:
    """ "马桶堵了，水漫出来了" is one blocked toilet: only a part that goes on, says "也/too",
    asks, or names a service verb may be a second service."""
    assert asks_more(part) is asks


@pytest.mark.parametrize(
    ("part", "describes"),
    [
        ("她一个人住", True),
        ("他独居", True),
        ("老人一个人在家", True),
        ("我爸自己一个人", True),
        ("she lives alone", True),
        ("he lives on his own", True),
        ("my gran lives by herself", True),
        # a request of its own: company, a visit, someone to look in
        ("她一个人住，想找人陪陪她", False),
        ("独居，需要有人每周上门看看", False),
        ("she lives alone, could someone visit her", False),
        ("he lives alone and needs company", False),
        ("顺便修下马桶", False),
        ("空调也洗一下", False),
        ("周六上午", False),
    ],
)
def test_a_part_saying_someone_lives_alone_is_no_second_service(
    part: str, describes: bool
) -> None:
    """ "…，她一个人住" says who the service is for: never ➕ 陪伴探望 next; asking for
    company or a visit is still a request."""
    assert says_lives_alone(part) is describes


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("两台空调要清洗", 2),
        ("家里3台空调想洗一下", 3),
        ("两个空调要洗", 2),
        ("洗空调，两台", 2),
        ("十二台", 12),
        ("clean 2 units please", 2),
        ("two units", 2),
        ("洗空调", None),
        ("我一个人住，空调要洗", None),  # 个 before 人: a person, not an item
        ("两个小时", None),
        ("3栋2单元501的空调", None),  # a building, not a count
        ("21台", None),  # more than a home has: not read as a count
    ],
)
def test_items_counted_in_the_services_measure(text: str, count: int | None) -> None:
    """'两台空调': 2 units of air-conditioner cleaning (priced ¥/台)."""
    assert count_asked(text, ("台", "unit")) == count


AC_WORDS = ("台", "unit", "ac", "aircon", "air conditioner", "air con")


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("clean 2 air conditioners", 2),
        ("two ACs need cleaning tomorrow", 2),
        ("I have two dirty old ACs", 2),
        ("3 aircons please", 3),
        ("three units", 3),
        ("three", None),  # a number alone counts nothing
        ("at 3 tomorrow morning the ac", None),  # a time, not a count
        ("clean the ac at 2 pm", None),
        ("ac cleaning for 2 hours", None),
        ("clean the ac, 2 people at home", None),
    ],
)
def test_english_counts_of_the_things_themselves(text: str, count: int | None) -> None:
    """'two ACs': counted in the service's own English words, with no measure word (tester3
    retest: only "2 units" was read)."""
    assert count_asked(text, AC_WORDS) == count


AREA_WORDS = ("平方米", "m²", "window", "windows")


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("客厅+两个卧室大概25平方", 25),  # tester item 6: not "两个" = 2 m²
        ("大概25平方", 25),
        ("擦玻璃 大概40平 周日下午", 40),
        ("30平米", 30),
        ("25㎡", 25),
        ("about 40 sqm of windows", 40),
        ("二十平", 20),
        ("120平方米的房子", 120),
        ("两个卧室的窗户", None),
        ("3个窗户", None),
        ("平时都在家", None),
    ],
)
def test_a_per_square_metre_service_counts_the_area(text: str, area: int | None) -> None:
    assert count_asked(text, AREA_WORDS) == area


@pytest.mark.parametrize(
    ("part", "among"),
    [
        (
            "could someone clean our range hood and the AC units",
            "could someone clean the AC units",
        ),
        ("想洗油烟机和空调", "想洗 空调"),
    ],
)
def test_what_an_and_joins_is_read_as_an_ask(part: str, among: str) -> None:
    """The second thing of 'X and Y' behind the clause's verb (tester item 10)."""
    assert among in joined_asks(part)


def test_no_and_joins_nothing() -> None:
    assert joined_asks("could someone clean our range hood") == []
