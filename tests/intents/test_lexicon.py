"""Object + symptom / object + verb lexicon, and the cues added with it (generic examples)."""

from __future__ import annotations

import pytest

from intents.lexicon import Lexicon, refers_back
from intents.normalize import normalize
from intents.pipeline import Understander


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.default()


@pytest.mark.parametrize(
    ("text", "service", "kind"),
    [
        ("烘干机不加热", "appliance_repair", "symptom"),
        ("the dryer has no display", "appliance_repair", "symptom"),
        ("阀门一直往下滴", "plumbing_repair", "symptom"),
        ("漏水的水管", "plumbing_repair", "symptom"),  # symptom before the object
        ("开关冒烟", "electrical_repair", "symptom"),
        ("门禁刷不开", "common_area_repair", "symptom"),
        ("钥匙锁在屋里", "lock_service", "symptom"),
        ("柜机有股霉味", "ac_cleaning", "symptom"),
        ("鞋柜要组装", "home_installation", "verb"),
        ("预约骨科", "medical_escort", "verb"),
        ("叫两桶桶装水", "water_delivery", "verb"),
    ],
)
def test_object_near_symptom_or_verb(lexicon: Lexicon, text: str, service: str, kind: str) -> None:
    hits = lexicon.hits(normalize(text))
    assert hits, text
    assert (hits[0].service, hits[0].kind) == (service, kind)


@pytest.mark.parametrize(
    "text",
    [
        "洗衣机在阳台",  # an object alone describes nothing
        "今天不亮的天",  # a symptom alone names no object
        "冰箱是新买的，放在厨房里面，邻居说不制冷",  # too far apart
        "洗衣机",  # "洗" inside the object is not a verb
        "新冰箱一点噪音都没有",  # a denied symptom
        "冰箱里的剩菜坏了",  # the symptom belongs to what is inside
    ],
)
def test_no_description(lexicon: Lexicon, text: str) -> None:
    assert lexicon.hits(normalize(text)) == []


def test_dirt_is_not_broken(lexicon: Lexicon) -> None:
    (hit,) = lexicon.hits(normalize("空调滤网全是灰"))
    assert hit.service == "ac_cleaning"
    assert not hit.broken


def test_bad_lexicon_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown symptom class"):
        Lexicon({"symptoms": {}, "services": {"x": {"objects": ["a"], "symptoms": ["nope"]}}})
    with pytest.raises(ValueError, match="no objects"):
        Lexicon({"services": {"x": {"objects": []}}})
    with pytest.raises(ValueError, match="list of non-empty strings"):
        Lexicon({"symptoms": {"broken": "坏了"}})


# A cleaning asked of the object a word back: the leak is the reason, cleaning the ask (retest
# of issue 13, F10). Said as a repair, or with no verb pointing back, it stays a repair.
ASKED_OF_IT = [
    ("the aircon in my bedroom is dripping water, need someone to clean it", "ac_cleaning"),
    ("my ac is leaking water, can someone come and clean it", "ac_cleaning"),
    ("the ac is dripping onto the floor, it probably needs a clean", "ac_cleaning"),
    ("空调一直滴水 找人来清洗一下", "ac_cleaning"),
    ("空调滴水 是不是该洗了 约个人来洗洗", "ac_cleaning"),
    ("the aircon is dripping water", "appliance_repair"),
    ("空调漏水了 来修一下", "appliance_repair"),
    ("明天上午想洗下油烟机，顺便空调也洗一下", "range_hood_cleaning"),  # the first named first
]


@pytest.mark.parametrize(("text", "service"), ASKED_OF_IT)
def test_what_is_asked_of_it_outweighs_its_symptom(
    understander: Understander, text: str, service: str
) -> None:
    got = understander.understand(text, chat="private")
    assert (got.intent, got.target) == ("service_request", service)
    grouped = understander.understand(text, chat="group")
    assert grouped.intent == "none" or grouped.target == service


@pytest.mark.parametrize(
    ("part", "back"),
    [
        ("need someone to clean it", True),
        ("找人来清洗一下", True),
        ("can you wash them", True),
        ("空调也洗一下", False),  # names its own object: a second service
        ("and clean the windows too", False),
        ("please hurry", False),
    ],
)
def test_a_part_that_asks_of_something_named_before(part: str, back: bool) -> None:
    """Such a part of a message is the same request again, never a second service."""
    assert refers_back(part) is back
