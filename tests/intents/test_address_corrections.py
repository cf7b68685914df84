"""Session 15, finding 3: room and address corrections written the way a renter writes them,
as a table. "房号改成1102" is the room corrected (it was read as a new time: "没有可以改时间的预
约"); "地址错了 应该是4栋2单元1102" and "房号写错了 是2栋1单元302 不是301" give the whole corrected
address (they went to the note, or to "for the worker or a new booking?"); all are corrections,
so bookings already sent follow."""

from __future__ import annotations

import pytest

from intents import address_change, corrects_address, door_fix


@pytest.mark.parametrize(
    ("text", "fix"),
    [
        ("不对 房号写错了 是1102不是1101", {"room": "1102"}),
        ("房号改成1102", {"room": "1102"}),
        ("房间号改为1102", {"room": "1102"}),
        ("门牌号改成502", {"room": "502"}),
        ("房号应该是1102", {"room": "1102"}),
        ("改到1102", None),  # no room named: not a door
        ("改成下午3点", None),
    ],
)
def test_a_room_corrected_by_name(text: str, fix: dict[str, str] | None) -> None:
    assert door_fix(text) == fix


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("地址错了 应该是4栋2单元1102", "4栋2单元1102"),
        ("不好意思 房号写错了 是2栋1单元302 不是301", "2栋1单元302"),
        ("地址不对，是3-2-502", "3-2-502"),
        ("门牌号写错了 应该是4栋2单元1102", "4栋2单元1102"),
        ("房号错了 4栋2单元1102", "4栋2单元1102"),
        ("地址错了", None),
    ],
)
def test_a_whole_address_after_it_is_said_wrong(text: str, where: str | None) -> None:
    assert address_change(text) == where
    assert corrects_address(text)
