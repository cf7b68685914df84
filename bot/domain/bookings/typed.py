"""Whether words typed at a booking step are a time, or a count, and nothing more (issue 13).

People type what they could have tapped: a time at any step ("7pm" at the provider step,
"改到明天下午3点吧" at the address step), or a count ("三台", "for 3 days"). Pure rules, tested
as tables; the steps decide what to do with a yes. (Typed button labels:
:func:`bot.i18n.labels.says_label`.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.i18n.labels import squeeze as _squeeze
from intents import TimeSpan
from intents.times.numbers import prepare

# Words around a time that say nothing else: "改到明天下午3点吧", "make it 7pm please".
_AROUND_TIME = re.compile(
    r"改到|改成|改为|换到|换成|调到|时间|那就|就|吧|呢|呀|啊|可以吗|行吗|好吗|可以|麻烦|请|"
    r"上门|过来|来|点钟|左右|前后|能不能|能否|能|吗|"
    r"\b(?:make it|change (?:it )?to|how about|at|on|in the|around|about|please|pls|ok|okay"
    r"|can (?:you|someone|anyone|somebody)|could (?:you|someone)|come)\b"
    r"|可唔可以|得唔得|好唔好|唔该|嚟|啦|喇|咯",  # Cantonese: "听日下昼得唔得"
    re.IGNORECASE,
)
# Words that only press for someone now, around an as-soon-as-possible time: "急！能快点吗",
# "hurry, can you come now".
_PRESSING = re.compile(r"快点|快|急|赶紧|\b(?:hurry(?: up)?|quick(?:ly)?|fast)\b", re.IGNORECASE)
# What a time is written with, when the parser's tokens are not the words as typed ("下午三点"
# is read as "下午 3点"): numbers, day and hour words.
_TIME_CHARS = re.compile(
    r"[0-9一二三四五六七八九十两零〇点半分刻钟号日月周星期礼拜天今明后早中午晚上下夜凌晨傍:："
    r"听朝昼晏黑而家]"  # Cantonese: 听日, 朝早, 下昼, 晏昼, 今晚黑, 而家
)


def only_a_time(text: str, span: TimeSpan | None) -> bool:
    """Whether the words are a time and nothing more ("7pm", "改到明天下午3点吧", "尽快"); a
    note that mentions a time ("下午3点前到，家里有狗") is not."""
    if span is None:
        return False
    rest = prepare(text)  # as the parser read it: "聽日朝早" is the tokens "听日 朝早"
    for token in span.text.split():
        rest = re.sub(re.escape(token), " ", rest, count=1, flags=re.IGNORECASE)
    if span.asap:
        rest = _PRESSING.sub(" ", rest)
    return not _squeeze(_TIME_CHARS.sub(" ", _AROUND_TIME.sub(" ", rest)))


# Words around a count that say nothing else: "一共三台", "就两个吧", "3 units please", "for
# 3 days", and the numbers themselves.
_AROUND_COUNT = re.compile(
    r"一共|总共|共|就|吧|呢|啊|呀|要|是|有|个|台|天|[0-9]+|[一两二三四五六七八九十]"
    r"|算了|还是|改成|改为|换成|我|大概|左右"  # "算了，还是两台": a new count
    r"|出差|出门|出远门|旅游|旅行|回老家|不在家|外出|出去|去"  # "我要出差两天": days away
    r"|\b(?:for|of them|in total|total|please|pls|just|only|days?|units?|make it|it'?s"
    r"|i'?m|i'?ll be|i will be|away|travel\w*|on a trip|out of town|gone|be"
    r"|one|two|three|four|five|six|seven|eight|nine|ten)\b",
    re.IGNORECASE,
)


def only_a_count(text: str, measures: Iterable[str]) -> bool:
    """Whether the words are a count and nothing more ("三台", "two ACs", "for 3 days"), in
    the service's `measures` ("台", "unit", "ac"); a note that gives one ("三台，其中一台漏水")
    is more."""
    rest = text
    for word in sorted(measures, key=len, reverse=True):
        edge = r"\b" if word.isascii() else ""
        rest = re.sub(rf"{edge}{re.escape(word)}(?:e?s)?{edge}", " ", rest, flags=re.IGNORECASE)
    return not _squeeze(_AROUND_COUNT.sub(" ", rest))


__all__ = ["only_a_count", "only_a_time"]
