"""Numbers as people write them in times ("三", "十一", "两", "3", "a couple of") and the one
normal form every time pattern reads."""

from __future__ import annotations

import re
from functools import lru_cache

from intents.normalize import simplified

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_EN_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fourteen": 14,
    "couple of": 2,
    "a couple of": 2,
}
# A number in Chinese or Arabic digits, and in English words.
NUM = r"(?:\d+|[零〇一二两三四五六七八九十]+)"
EN_NUM = (
    r"(?:\d+|a couple of|couple of|an|a|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|fourteen)"
)


@lru_cache(maxsize=64)
def prepare(text: str) -> str:
    """Full-width to half-width, simplified Chinese, lower case, day and part-of-day words
    typed in pinyin as Chinese ("mingtian xiawu" -> "明天 下午"); punctuation kept for clocks.

    Cached: one message is read for a reschedule, a time and a duration, each from its raw
    text; converting it once instead of three times saves a tenth of a long post's reading.
    """
    text = simplified(text).lower()
    return _PINYIN.sub(lambda m: _PINYIN_WORDS[m.group()], text)


# Day and part-of-day words typed in pinyin ("mingtian xiawu"), read as the Chinese they spell.
_PINYIN_WORDS = {
    "jintian": "今天",
    "mingtian": "明天",
    "houtian": "后天",
    "zuotian": "昨天",
    "shangwu": "上午",
    "xiawu": "下午",
    "zhongwu": "中午",
    "wanshang": "晚上",
    "zaoshang": "早上",
    "bangwan": "傍晚",
}
_PINYIN = re.compile(r"(?<![a-z])(?:" + "|".join(_PINYIN_WORDS) + r")(?![a-z])")


def chinese_number(token: str) -> int | None:
    """Read '3', '十一', '二十五', '两' as an int; None when it is not a number."""
    if token.isdigit():
        return int(token)
    if not token or any(ch not in _DIGITS and ch != "十" for ch in token):
        return None
    if "十" in token:
        tens, _, ones = token.partition("十")
        if "十" in ones:
            return None
        high = _DIGITS.get(tens, 0) if tens else 1
        if tens and tens not in _DIGITS:
            return None
        low = _DIGITS.get(ones, 0) if ones else 0
        if ones and ones not in _DIGITS:
            return None
        return high * 10 + low
    value = 0
    for ch in token:
        value = value * 10 + _DIGITS[ch]
    return value


def number(token: str) -> int | None:
    """Read a Chinese, Arabic or English number word."""
    token = token.strip()
    if token in _EN_NUMBERS:
        return _EN_NUMBERS[token]
    return chinese_number(token)
