"""Normalisation: width, script, case, punctuation, emoji, whitespace."""

from __future__ import annotations

import pytest

from intents.normalize import ascii_words, has_cjk, normalize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ＡＢＣ　１２３", "abc 123"),  # full-width letters, digits and space
        ("空調壞了", "空调坏了"),  # traditional -> simplified
        ("開鎖，謝謝！", "开锁 谢谢"),
        ("Can Someone HELP", "can someone help"),
        ("马桶堵了！！！急😭😭", "马桶堵了 急"),
        ("  多个   空格\t和\n换行  ", "多个 空格 和 换行"),
        ("I'm locked out", "im locked out"),
        ("能来吗？", "能来吗?"),  # question marks survive, half-width
        ("【通知】明天停水", "通知 明天停水"),
        ("👍👍👍", ""),
        ("", ""),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("唔該搵個電工嚟睇吓", "麻烦找个电工来看一下"),
        ("廚房有曱甴，有冇人除蟲？", "厨房有蟑螂 有没有人除虫?"),
        ("跳咗掣，成間屋冇電", "跳了闸 成间屋没电"),
        ("聽日可唔可以嚟通渠", "明天可不可以来疏通下水道"),
        # Mandarin words that share a character are left alone
        ("吓死我了，联系物业", "吓死我了 联系物业"),
        ("你呢？冷气开了吗", "你呢?空调开了吗"),
    ],
)
def test_written_cantonese_folds_to_mandarin(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_normalize_is_idempotent() -> None:
    text = normalize("空調很久沒洗了，想約人清洗！ Please?")
    assert normalize(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("water my plants", ("water", "my", "plant")),
        ("two batteries", ("two", "battery")),
        ("glass brushes", ("glass", "brush")),
        ("马桶 toilets 堵", ("toilet",)),
    ],
)
def test_ascii_words_fold_plurals(text: str, expected: tuple[str, ...]) -> None:
    assert ascii_words(text) == expected


@pytest.mark.parametrize(("text", "expected"), [("abc", False), ("a马", True), ("", False)])
def test_has_cjk(text: str, expected: bool) -> None:
    assert has_cjk(text) is expected
