"""Declining to add a note: the words that mean "nothing to add", and what is a real note."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from intents import Catalogue, Understander
from intents.replies import (
    confirms,
    declines_door_code,
    declines_note,
    door_code_said,
    without_codes,
)

UNDERSTANDER = Understander(Catalogue.default(), ZoneInfo("Asia/Shanghai"))


@pytest.mark.parametrize(
    ("text", "declines"),
    [
        ("无", True),
        ("没有", True),
        ("不用", True),
        ("No", True),
        (" none ", True),
        ("-", True),
        ("skip", True),
        ("Skip.", True),
        ("nothing", True),
        ("跳过", True),
        ("没有受伤，已送回家", False),  # a note that starts like a refusal is a note
        ("no injuries, back home", False),
        ("已处理", False),
    ],
)
def test_declines_note(text: str, declines: bool) -> None:
    assert declines_note(text) is declines


@pytest.mark.parametrize(
    ("text", "declines"),
    [
        ("不用了", True),
        ("好了", True),
        ("没有", True),
        ("不需要", True),
        ("no", True),
        ("skip", True),
        ("No thanks.", True),
        ("家里有人", True),
        ("778899#", False),
        ("钥匙在门口地垫下面", False),  # where the key is: kept, shown to the worker
        ("密码 4321", False),
    ],
)
def test_declines_door_code(text: str, declines: bool) -> None:
    """At the door-code step refusal words skip it; they are never stored as the code."""
    assert declines_door_code(text) is declines


@pytest.mark.parametrize(
    ("text", "yes"),
    [
        ("确认", True),
        ("好了", True),
        ("ok", True),
        ("OK!", True),
        ("是的", True),
        ("好的，谢谢", True),
        ("confirm", True),
        ("好的师傅下午来吗", False),
        ("确认一下价格是多少", False),
        ("不确认", False),
    ],
)
def test_confirms(text: str, yes: bool) -> None:
    """Words under a summary that confirm it; a question that starts like a yes does not."""
    assert confirms(text) is yes


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("门锁密码是 778899", "778899"),
        ("密码778899#", "778899#"),
        ("the door code is 4321", "4321"),
        ("778899#", "778899#"),
        ("我家在3栋", None),
        ("12月5日下午", None),
        ("778899 号楼", None),  # digits in a sentence without a cue are not a code
        # tester 2 #11: the code after its cue, never the phone number before it
        ("家里有小孩 来之前打我电话13912345678 门禁密码是2580#", "2580#"),
        ("来之前打我电话*** 门禁密码是2580#", "2580#"),
        ("***", None),  # a number already masked is no code
    ],
)
def test_door_code_said(text: str, code: str | None) -> None:
    """A door code said at the summary: with a cue, or the message is only the code."""
    assert door_code_said(text) == code


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # a code given names no broken entrance: the resident's own lock (session 8, problem 5)
        ("我家门锁坏了进不去…门禁密码1234#", "lock_service"),
        ("家里门锁坏了，门禁密码是1234", "lock_service"),
        ("门锁坏了进不去了，单元门密码 2580", "lock_service"),
        # the entrance itself broken stays the property's work order
        ("单元门禁坏了进不去", "common_area_repair"),
        ("门禁坏了，刷卡没反应", "common_area_repair"),
        ("单元门禁坏了，密码1234也按不开", "common_area_repair"),
    ],
)
def test_a_code_given_does_not_name_what_to_fix(text: str, target: str) -> None:
    understood = UNDERSTANDER.understand(text, chat="group")
    assert (understood.intent, understood.target) == ("service_request", target)


@pytest.mark.parametrize(
    ("normalized", "left"),
    [
        ("我家门锁坏了进不去 门禁密码1234", "我家门锁坏了进不去  "),
        ("门禁码 8866 麻烦开下锁", "  麻烦开下锁"),
        ("locked out door code is 4321", "locked out  "),
        ("门禁坏了", "门禁坏了"),  # no code given: nothing blanked
        ("密码忘了", "密码忘了"),
    ],
)
def test_without_codes(normalized: str, left: str) -> None:
    assert without_codes(normalized) == left
