"""What a miss keeps of a text (pure): words with one space between them, nothing private, at
most MAX_TEXT characters, so the same request written twice counts once."""

from __future__ import annotations

import pytest

from bot.domain.misses import MAX_TEXT, clean


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("马桶堵了", "马桶堵了"),
        ("  马桶  堵了\n怎么办 ", "马桶 堵了 怎么办"),  # whitespace folded, ends trimmed
        ("马桶 堵了 怎么办", "马桶 堵了 怎么办"),  # ... so both spellings count as one
        ("我的电话13812345678", "我的电话***"),  # a phone number
        ("住3号楼2单元501", "住3号楼2单元***"),  # an address: the room masked
        ("4栋停水了，从早上开始就没水", "4栋停水了，从早上开始就没水"),  # a building is no secret
        ("3-2-501 马桶堵了", "3-2-*** 马桶堵了"),
        ("门禁密码是 1234", "门禁密码是 ***"),  # a door code
        ("快递单号 4402 1188 3301", "快递单号 ***"),  # a long run of digits may be a code
        ("   ", ""),  # nothing left: the service does not count it
    ],
)
def test_clean(text: str, kept: str) -> None:
    assert clean(text) == kept


def test_a_long_text_is_cut_after_redacting() -> None:
    """Cut after redaction, so a number at the cut is never kept half (and half readable)."""
    text = "很" * (MAX_TEXT - 5) + " 13812345678"
    assert clean(text) == "很" * (MAX_TEXT - 5) + " ***"
    assert len(clean("长" * 1000)) == MAX_TEXT
