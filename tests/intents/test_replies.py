"""Declining to add a note: the words that mean "nothing to add", and what is a real note."""

from __future__ import annotations

import pytest

from intents.replies import declines_note


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
