"""A phone number spelled out in words is hidden on the private line like one in digits
(session 15, finding 2: "text one three nine one two three four five six seven eight" reached
the worker): English number words, mixed with digits ("139 one two…"), and pinyin digits
("yao san jiu…"). Ordinary English with a few numbers in it comes through."""

from __future__ import annotations

import pytest

from bot.domain.bookings.onsite.contacts import MASK, hide_contacts


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        (
            "or text one three nine one two three four five six seven eight, thanks",
            f"or text {MASK}, thanks",
        ),
        ("One Three Nine 1234 5678", MASK),
        ("139 one two three four five six seven eight", MASK),
        ("call 138-one two three four-5678", f"call {MASK}"),
        ("one-three-nine-one-two-three-four-five-six-seven-eight", MASK),
        ("zero five seven one eight eight eight eight six six six six", MASK),
        ("电话one three nine one two three four five six seven eight", f"电话{MASK}"),
        ("yao san jiu yi er san si wu liu qi ba", MASK),
        ("打我 yao san jiu 1234 5678", f"打我 {MASK}"),
    ],
)
def test_spelled_numbers_are_hidden(text: str, masked: str) -> None:
    got = hide_contacts(text)
    assert (got.text, got.hidden) == (masked, True)


@pytest.mark.parametrize(
    "text",
    [
        "one or two hours, maybe three",
        "I have two cats and one dog, feed them at seven",
        "one two three, testing",
        "room 2203, building 6, floor one",
        "can you come at nine or ten tomorrow",
        "san ge ren",
        "we er si",
        "2026-12-05 one of us is home",
        "3-2-1102 one two three",
    ],
)
def test_a_few_number_words_stay(text: str) -> None:
    got = hide_contacts(text)
    assert (got.text, got.hidden) == (text, False)
