"""The FAQ matcher as a table: which community questions are answered in a group (few, and
clearly put to the desk), which in private, and which chatter is left alone."""

from __future__ import annotations

import pytest

from bot.config import load_community
from intents.faq import FaqItem, FaqMatcher, is_question

_COMMUNITY = load_community()
MATCHER = FaqMatcher(
    FaqItem(f.id, tuple(f.ask_zh + f.ask_en), tuple(f.keywords_zh + f.keywords_en))
    for f in _COMMUNITY.faq
)


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("物业电话多少？", "office_phone"),
        ("请问物业的电话是多少", "office_phone"),
        ("物业费怎么交", "property_fee"),
        ("快递驿站几点关门啊", "parcel_station"),
        ("有人知道快递驿站几点关门吗", "parcel_station"),  # who *knows*: a question of fact
        ("今天菜摊几点开", "veg_stall"),
        ("明天停水吗", "outage_notice"),
        ("暖气什么时候来？", "heating_start"),
        ("暖气啥时候来", "heating_start"),
        ("when does the parcel station close?", "parcel_station"),
        ("How do I pay the property fee?", "property_fee"),
        ("物業電話多少", "office_phone"),  # traditional characters
        ("驿站几点开门？", "parcel_station"),
        ("今年几号供暖？", "heating_start"),
        ("今天有菜摊吗？", "veg_stall"),
        ("卖菜的今天来不来", "veg_stall"),  # A-not-A asks too
        ("明天停电吗？", "outage_notice"),
        ("Is there a power cut today?", "outage_notice"),
        ("取快递最晚几点？", "parcel_station"),
        ("veg stall today?", "veg_stall"),
    ],
)
def test_clear_questions_to_the_desk_are_answered_in_a_group(text: str, entry: str) -> None:
    found = MATCHER.for_group(text)
    assert found is not None and found.id == entry
    assert MATCHER.for_private(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "菜摊的菜今天真新鲜",  # no question
        "物业电话打了半天没人接，太差了",  # a complaint
        "你们谁去菜摊吗？帮我带把葱",  # put to the neighbours
        "大家觉得物业费是不是太贵了",  # an opinion poll among neighbours
        "哈哈暖气什么时候来啊",  # banter
        "今天天气怎么样",
        "马桶堵了怎么办",  # a request, not a community question
        "我家暖气不热是怎么回事",  # a repair, not the heating season
        "上周三我去菜摊买菜，碰到老王，他说今年的暖气什么时候来还不知道，真让人着急啊",
        "物业",  # a word, not a question
        "我妈问菜摊几点开，我说不知道",  # someone else's question, retold
        "老王说驿站几点关门来着",
        "好几天没见到太阳了 快递也堆在驿站没去拿",  # "好几天" tells, it does not ask
        "物业费是不是又涨了？去年还是2块一平",  # a grumble, rhetorical (tester1)
        "物业费是不是又涨了？",
        "怎么又停水了？",
        "凭什么物业费这么贵？",
        "Why is the property fee so high?",
        "property fee went up again?",
    ],
)
def test_chatter_and_other_questions_are_left_alone_in_a_group(text: str) -> None:
    assert MATCHER.for_group(text) is None


def test_a_long_question_is_answered_only_when_put_to_the_bot() -> None:
    text = "请问一下，我刚搬来不久，对小区还不太熟悉，想知道快递驿站几点关门呢？"
    assert MATCHER.for_group(text) is None
    found = MATCHER.for_group(text, addressed=True)
    assert found is not None and found.id == "parcel_station"


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("物业电话", "office_phone"),
        ("驿站营业时间", "parcel_station"),
        ("物业费在哪里交啊", "property_fee"),
        ("我想给物业打个电话，号码是多少", "office_phone"),
        ("我要交物业费，怎么弄", "property_fee"),
        ("物业费一平米多少钱", "property_fee"),
        ("物业在哪办公", "office_phone"),
        ("how can I reach the management office", "office_phone"),
        ("office phone", "office_phone"),
        ("驿站", "parcel_station"),
        ("取快递的地方在哪儿", "parcel_station"),
        ("供暖", "heating_start"),
        ("菜摊", "veg_stall"),
        ("parcel station opening hours", "parcel_station"),
    ],
)
def test_private_answers_a_bare_topic_or_a_looser_question(text: str, entry: str) -> None:
    found = MATCHER.for_private(text)
    assert found is not None and found.id == entry


@pytest.mark.parametrize(
    "text",
    ["物业电话打不通，太差了", "谢谢", "我刚交完物业费了，挺方便的", "小区游泳池几点开门？"],
)
def test_private_statements_are_not_answered(text: str) -> None:
    assert MATCHER.for_private(text) is None


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("几点关门", True),
        ("关门了", False),
        ("is it open?", True),
        ("what time", True),
        ("thanks a lot", False),
        ("请问", True),
        ("小区能停几辆电动车", True),
        ("卖菜的今天来不来", True),
        ("几乎没人", False),
        ("好几天没见到太阳了 快递也堆在驿站没去拿", False),  # how long, not a question
        ("这几天驿站人好多", False),
        ("前几天去驿站排了好久的队", False),
        ("几天能修好", True),
    ],
)
def test_is_question(text: str, asks: bool) -> None:
    assert is_question(text) is asks


def test_no_entries_match_nothing() -> None:
    assert FaqMatcher([]).best("物业电话多少") is None


@pytest.mark.parametrize(
    ("text", "outweighs"),
    [
        ("明天停电吗？", True),  # a listed question, word for word
        ("Is there a power cut today?", True),
        ("物业费一平米多少钱", True),
        ("我想给物业打个电话，号码是多少", True),  # a topic asked about, no work asked for
        ("供暖", True),  # a topic word alone, in private
        ("能帮我取个快递吗，驿站太远了", False),  # asks for the errand
        ("停电了", False),  # a fault told, not a question
        ("我们5栋整栋楼都停水了，怎么回事啊", False),  # an outage: the property's work order
    ],
)
def test_a_listed_question_outweighs_a_service_reading(text: str, outweighs: bool) -> None:
    found = MATCHER.for_private(text)
    assert (found is not None and found.outweighs_service(text)) is outweighs
