"""Whether words typed at a booking step are a time and nothing more (retest of issue 13).

People type what they could have tapped: a time at any step ("7pm" at the provider step,
"改到明天下午3点吧" at the address step). A pure rule, tested as a table; the steps decide
what to do with a yes. (Typed button labels: :func:`bot.i18n.labels.says_label`.)
"""

from __future__ import annotations

import re

from bot.i18n.labels import squeeze as _squeeze
from intents import TimeSpan

# Words around a time that say nothing else: "改到明天下午3点吧", "make it 7pm please".
_AROUND_TIME = re.compile(
    r"改到|改成|改为|换到|换成|调到|时间|那就|就|吧|呢|呀|啊|可以吗|行吗|好吗|可以|麻烦|请|"
    r"上门|过来|来|点钟|左右|前后|"
    r"\b(?:make it|change (?:it )?to|how about|at|on|in the|around|about|please|pls|ok|okay)\b",
    re.IGNORECASE,
)
# What a time is written with, when the parser's tokens are not the words as typed ("下午三点"
# is read as "下午 3点"): numbers, day and hour words.
_TIME_CHARS = re.compile(
    r"[0-9一二三四五六七八九十两零〇点半分刻钟号日月周星期礼拜天今明后早中午晚上下夜凌晨傍:：]"
)


def only_a_time(text: str, span: TimeSpan | None) -> bool:
    """Whether the words are a time and nothing more ("7pm", "改到明天下午3点吧", "尽快"); a
    note that mentions a time ("下午3点前到，家里有狗") is not."""
    if span is None:
        return False
    rest = text
    for token in span.text.split():
        rest = re.sub(re.escape(token), " ", rest, count=1, flags=re.IGNORECASE)
    return not _squeeze(_TIME_CHARS.sub(" ", _AROUND_TIME.sub(" ", rest)))


__all__ = ["only_a_time"]
