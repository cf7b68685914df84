"""Small talk: a message that is only a greeting, thanks, an "I'm fine" or an "ok" ("我很好",
"你好", "谢谢", "在吗", "hello", "I'm fine, thanks").

A question the bot asked (the address after /start) is answered politely when the words are
only this, not told "没看懂这个地址". Pure: plain strings in, a :class:`SmallTalk` (or None) out.
Anything more in the words ("你好，我想约保洁") is no small talk.
"""

from __future__ import annotations

import re
from enum import StrEnum


class SmallTalk(StrEnum):
    """What the words only were."""

    FINE = "fine"  # "我很好", "I'm fine": how they are (a sign of life)
    THANKS = "thanks"
    GREETING = "greeting"  # "你好", "在吗", "hello": a greeting or "anyone there?"
    OK = "ok"  # "好的", "嗯", "ok", "哈哈"


# Read in this order (a greeting's "好" is not "I'm fine"); said first is the strongest kind.
_KINDS: tuple[tuple[SmallTalk, str], ...] = (
    (
        SmallTalk.GREETING,
        r"你好|您好|大家好|嗨|哈喽|哈啰|早上好|上午好|中午好|下午好|晚上好|早安|晚安|早"
        r"|在吗|在不在|有人吗|(?:hi|hello|hey|hiya)(?: there)?"
        r"|good (?:morning|afternoon|evening|night)|(?:is )?any(?:one|body) there",
    ),
    (
        SmallTalk.THANKS,
        r"谢谢(?:你|您|啦|了)?|多谢|感谢|谢啦|thank(?:s| you)(?: a lot| so much)?|thx|\bty\b",
    ),
    (
        SmallTalk.FINE,
        r"(?:我|我们|家里)?(?:一切|身体)?(?:都|也)?(?:很|挺|蛮|还|特别)(?:好|不错|健康|可以|行)的?"
        r"|(?:我|我们)?(?:一切)?都好|好着呢|好好的|没事儿?"
        r"|i'?m (?:fine|good|ok(?:ay)?|well|alright|all right)|i am (?:fine|good|ok(?:ay)?|well)"
        r"|(?:all |doing )?(?:fine|well)|not bad"
        r"|(?:all|everything)(?:'s| is)? (?:good|fine|well|ok(?:ay)?)",
    ),
    (
        SmallTalk.OK,
        r"好的?|好滴|好嘞|嗯+|哦+|噢+|喔+|知道了|收到|明白了?|了解|行|哈+|呵+|嘿+"
        r"|ok(?:ay)?|\bk\b|yes|yeah|yep|sure|got it|cool|great|good|nice|lol|haha\w*",
    ),
)
_ORDER = (SmallTalk.FINE, SmallTalk.THANKS, SmallTalk.GREETING, SmallTalk.OK)
_FILLER = r"[\s,，.。!！?？~～、…:：;；'\"“”()（）]|[啊呀呢吧啦哈嘛哦]|\bso\b|\bvery\b|\bthe\b"
_EMOJI = re.compile(r"[\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F]")


def _pattern(alternatives: str) -> re.Pattern[str]:
    return re.compile(rf"(?:{alternatives})", re.IGNORECASE)


_PATTERNS = [(kind, _pattern(words)) for kind, words in _KINDS]
_REST = re.compile(_FILLER, re.IGNORECASE)


def small_talk(text: str) -> SmallTalk | None:
    """What the words only are (a greeting, thanks, "I'm fine", an "ok"), the strongest said
    first ("我很好，谢谢" is how they are); None when they say anything more, or nothing."""
    rest = _EMOJI.sub(" ", text.strip().lower())
    if len(rest) > 40:
        return None
    if not rest.strip():
        return SmallTalk.OK if text.strip() else None  # "👍"
    found: list[SmallTalk] = []
    for kind, pattern in _PATTERNS:
        rest, n = pattern.subn(" ", rest)
        if n:
            found.append(kind)
    if not found or _REST.sub("", rest):
        return None
    return min(found, key=_ORDER.index)
