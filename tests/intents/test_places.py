"""Places named in the words of an emergency or a report (intents/places.py)."""

from __future__ import annotations

import pytest

from intents.places import SaidPlace, Where, said_place, where_said

BUILDINGS = ["1", "2", "3", "4", "5", "6"]


@pytest.mark.parametrize(
    ("text", "building", "words"),
    [
        ("3栋电梯困人", "3", "3栋电梯"),
        ("2号楼1单元门口有人摔倒", "2", "2号楼1单元门口"),
        ("三号楼的大门口有人晕倒了", "3", "三号楼的大门口"),
        ("5幢地下室进水了", "5", "5幢地下室"),
        ("someone collapsed at building 4 entrance", "4", "building 4"),
        ("6栋有人被困在电梯里", "6", "6栋"),
        # a particle after the place is not part of it (the confirmation said "📍 地点：2栋的")
        ("2栋的陈爷爷一个人住，三天没见到他了", "2", "2栋"),
        ("5号楼的孙奶奶摔倒了", "5", "5号楼"),
        ("2号楼1单元的老人晕倒了", "2", "2号楼1单元"),
        ("3栋的楼道里有人摔倒了", "3", "3栋的楼道"),
    ],
)
def test_a_place_in_the_words(text: str, building: str, words: str) -> None:
    assert said_place(text, BUILDINGS) == SaidPlace(building, words)


@pytest.mark.parametrize(
    "text",
    ["有人摔倒了", "电梯困人了！", "99栋门口有人摔倒", "我家3楼的水管爆了", "the lift is stuck"],
)
def test_no_place_of_ours(text: str) -> None:
    """No building, a building the community does not have, or a floor ("3楼")."""
    assert said_place(text, BUILDINGS) is None


KNOWN = ("1", "2", "3", "4", "5", "6")


@pytest.mark.parametrize(
    ("text", "where"),
    [
        # tester3: "地点：未说明" for a door in building 7 of a six-building community
        ("my neighbour in 7-1-402 fell and is not answering", Where(None, "7-1-402", None)),
        ("building 7 unit 1 room 402 old man fell", Where(None, "7-1-402", None)),
        ("7栋1单元402的老人摔倒了", Where(None, "7-1-402", None)),
        ("七栋一单元四零二的老人摔倒了", Where(None, "7-1-402", None)),
        ("my neighbour in 3-1-402 fell", Where("3", "3-1-402", None)),
        # the whole door, not just "building 3" (responders need the flat)
        (
            "the lady in building 3, unit 1, room 402 collapsed",
            Where("3", "3-1-402", "building 3"),
        ),
        ("3栋1单元402的老人摔倒了", Where("3", "3-1-402", "3栋1单元")),
        # a spot in a building beats a door, which may be the writer's own
        ("我住3-1-402 3栋电梯困人了", Where("3", "3栋电梯", "3栋电梯")),
        ("2号楼1单元门口有人摔倒", Where("2", "2号楼1单元门口", "2号楼1单元门口")),
        ("west gate someone collapsed", Where(None, "west gate", "west gate")),
        ("501那个老太太摔了", Where(None, "501", "501", room_only=True)),
        ("有人摔倒了", Where(None, None, None)),
        # session 15 (tester 1, M4): a flat number said with the words is the place
        ("楼下502门口一股怪味 好几天没见人了", Where(None, "502", "502", room_only=True)),
        ("1203户里有人喊救命", Where(None, "1203", "1203", room_only=True)),
        ("对面601屋里冒烟了", Where(None, "601", "601", room_only=True)),
        # an emergency number is no flat ("打了120 门口等着")
        ("老人晕倒了 打了120 门口等救护车", Where(None, None, None)),
    ],
)
def test_where_an_emergency_is(text: str, where: Where) -> None:
    assert where_said(text, KNOWN) == where
