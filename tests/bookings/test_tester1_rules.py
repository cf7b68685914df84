"""Tester 1's draft rules as tables: what a door code said under the summary leaves for the
note, and which words under it say nothing (asked about, never added to the note)."""

from __future__ import annotations

import pytest

from bot.domain.bookings.retime import asked_part
from bot.domain.bookings.stepwords import beside_code, only_fillers


@pytest.mark.parametrize(
    ("words", "code", "note"),
    [
        ("dog is friendly, gate code is 8899", "8899", "dog is friendly, gate code is ***"),
        ("门禁码4321# 到了先打电话", "4321#", "门禁码*** 到了先打电话"),
        ("密码 2580，狗不咬人", "2580", "密码 ***，狗不咬人"),
        ("门锁密码是 778899", "778899", ""),  # only the code
        ("8899#", "8899#", ""),
        ("Door code: 1234", "1234", ""),
        ("the gate code is 1234", "1234", ""),
    ],
)  # fmt: skip
def test_words_beside_a_door_code(words: str, code: str, note: str) -> None:
    assert beside_code(words, code) == note


@pytest.mark.parametrize(
    ("text", "empty"),
    [
        ("嗯嗯好吧", True),
        ("哦", True),
        ("好的谢谢", True),
        ("hmm ok", True),
        ("ok吧", True),
        ("电话13812345678 到了先打电话", False),
        ("狗不咬人", False),
        ("the dog is friendly", False),
        ("好冷 师傅带鞋套", False),
    ],
)
def test_words_that_say_nothing_under_a_summary(text: str, empty: bool) -> None:
    assert only_fillers(text) is empty


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("诶不对 周六要带娃打疫苗，能不能改到周日下午", "周日下午"),
        ("不好意思 能不能改到周一上午", "周一上午"),
        ("周六上午家里没人 下午3点前到", "周六上午家里没人 下午3点前到"),  # no moving words
    ],
)
def test_the_time_asked_by_a_change_of_mind(text: str, part: str) -> None:
    assert asked_part(text) == part
