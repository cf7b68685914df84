"""A part of the door number corrected on its own ("是502不是501", "不对，是3单元", "room 1202
not 1201"), as a table: which part changes to what; None when nothing is corrected."""

from __future__ import annotations

import pytest

from intents import corrects_address, door_fix


@pytest.mark.parametrize(
    ("text", "fix"),
    [
        ("是502不是501", {"room": "502"}),
        ("不是501，是502", {"room": "502"}),
        ("门牌号写错了，应该是502", {"room": "502"}),
        ("不对，是3单元", {"unit": "3"}),
        ("不对 应该是5栋", {"building": "5"}),
        ("是五零二不是五零一", {"room": "502"}),
        ("写错了 是1202室", {"room": "1202"}),
        ("room 1202 not 1201", {"room": "1202"}),
        ("it's room 1202, not 1201", {"room": "1202"}),
        ("wrong room, should be 1202", {"room": "1202"}),
        ("unit 3 not unit 2", {"unit": "3"}),
        ("sorry, building 5 not 4", {"building": "5"}),
        # not a correction of a door number
        ("502", None),
        ("3-2-502", None),  # a whole address: read as one elsewhere
        ("我的地址改成3栋2单元501", None),
        ("不是明天，是后天", None),
        ("不对，是下午3点", None),
        ("not 2pm, 3pm", None),
        ("电话是13812345678不是13812345679", None),
        ("门锁密码是1234不是4321", None),
        ("是502", None),  # no correction said
    ],
)
def test_a_part_of_the_door_number_corrected(text: str, fix: dict[str, str] | None) -> None:
    """'是502不是501' at the address step or under the summary was "for the worker or a new
    booking?": only the room (or unit, or building) of the saved address changes."""
    assert door_fix(text) == fix


@pytest.mark.parametrize(
    ("text", "corrects"),
    [
        ("门牌号写错了，应该是502", True),
        ("地址写错了 是3栋2单元502", True),
        ("是502不是501", True),
        ("sorry wrong address, it's 3-2-502", True),
        ("我搬到5栋1单元302了", False),
        ("我们搬家了 新家在5栋1单元302", False),
        ("my new address is 6-1-1202", False),
    ],
)
def test_a_corrected_address_is_told_from_a_move(text: str, corrects: bool) -> None:
    """A correction is the same home: bookings already sent go there too (they kept the
    wrong door); a move may not be, so those are only offered the new address."""
    assert corrects_address(text) is corrects
