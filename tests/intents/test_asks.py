"""Two asks read before the catalogue (intents/data/asks.toml): a whole building without water
or power (the property's common-area work order, never a paid home repair) and asking for the
worker's phone number (about one's own booking, label ``status``); both are model features."""

from __future__ import annotations

import pytest

from intents import asks_worker_contact, building_outage
from intents.asks import common_fault
from intents.pipeline import Understander

WHOLE_BUILDING = [
    "我们5栋整栋楼都停水了，一滴水都没有，怎么回事啊",
    "5栋停水了，整栋楼都没水",
    "我们楼整栋停水了",
    "Building 6 has had no water since this morning",
    "4栋整栋楼停电了",
    "整栋楼都没电了 电梯也停了",
    "3号楼全楼停水了 快来看看",
    "the whole building has no power",
]


WORKER_PHONE = [
    "师傅电话多少",
    "阿姨电话给我一下",
    "what's the cleaner's phone number?",
    "can I have the worker's number",
    "师傅的手机号是多少？",
    "把保洁阿姨的联系方式发我",
]


@pytest.mark.parametrize("text", WHOLE_BUILDING)
def test_a_whole_building_without_water_or_power_is_read(
    understander: Understander, text: str
) -> None:
    """Read from the words, and given to the model as a feature (whether it is answered, and
    as which work order, is the model's and the corpus's: see intents/corpus/p-tables.jsonl)."""
    assert building_outage(text)
    assert "f:outage" in understander.read(text, "group", None)[1]


@pytest.mark.parametrize("text", WORKER_PHONE)
def test_asking_for_the_workers_number_is_read(understander: Understander, text: str) -> None:
    assert asks_worker_contact(text)
    assert "f:contact" in understander.read(text, "group", None)[1]


@pytest.mark.parametrize(
    "text",
    [
        "我的电话改成13800138000",
        "我的手机号是13912345678",
        "my phone number is 13800138000",
        "师傅 我电话 13800138000 到了打我",
        "师傅说他电话打不通的话就敲门",  # told, not asked
        "水电费多少",
        "物业电话多少",  # the office's number: community information
    ],
)
def test_not_asking_for_the_workers_number(text: str) -> None:
    assert not asks_worker_contact(text)


@pytest.mark.parametrize(
    "text",
    ["水管维修的师傅电话是多少", "谁有靠谱的保洁阿姨电话", "does anyone have a plumber's number?"],
)
def test_a_kind_of_worker_or_anyones_number_is_not_ones_own_worker(text: str) -> None:
    assert not asks_worker_contact(text)


def test_ones_own_booked_worker_still_is() -> None:
    assert asks_worker_contact("我约的师傅电话多少")


# The tester's words: a building without water or power, a broken lift or entrance door.
COMMON_AREA = [
    ("我们楼停水了", "group"),
    ("整栋楼停电了", "group"),
    ("3号楼没水了", "group"),
    ("我们楼停电了", "group"),
    ("楼里没水了", "private"),
    ("单元门坏了关不上", "group"),
    ("3栋的大门关不上了", "group"),
    ("电梯坏了", "group"),
    ("3栋的电梯又停了", "group"),
    ("the lift is out of order", "group"),
    ("our building entrance door won't close", "private"),
]


@pytest.mark.parametrize(("text", "chat"), COMMON_AREA)
def test_a_building_outage_or_broken_lift_is_the_work_order_in_any_chat(
    understander: Understander, text: str, chat: str
) -> None:
    """Never a home booking (plumbing, electrics) and never silence in the group."""
    got = understander.understand(text, chat=chat)  # type: ignore[arg-type]
    assert (got.intent, got.target) == ("service_request", "common_area_repair")


@pytest.mark.parametrize(
    "text",
    [
        "明天上午9点到12点停水检修",
        "电梯昨天坏了，已经修好了",
        "我家的门锁坏了",
        "电梯里有人被困住了",
    ],
)
def test_not_a_broken_common_area_work_order(understander: Understander, text: str) -> None:
    """A notice, advice, one's own door, or an entrapment (an emergency) is no work order."""
    got = understander.understand(text, chat="group")
    assert got.target != "common_area_repair"


def test_common_fault_words() -> None:
    assert common_fault("电梯坏了") and common_fault("单元门关不上")
    assert not common_fault("电梯很干净") and not common_fault("门锁坏了")
