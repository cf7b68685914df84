"""How much of a service a request asks for, beyond its time: "4个小时" of cleaning, and a
second service in the same message ("洗下油烟机，顺便空调也洗一下"), and a part that only
describes the person ("她一个人住") and is no second service.

Pure text reading (no catalogue state): the booking flow decides what an amount means for a
service (hours of an hourly one) and offers the second service after the first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from intents.lexicon import names_service_verb
from intents.times.numbers import chinese_number

_NUMBERS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8}
_NUMBERS |= {"九": 9, "十": 10, "半": 0}
_HOURS = re.compile(
    r"(?<![0-9.])(?P<n>[0-9]{1,2}|十[一二]?|[一两二三四五六七八九])\s*(?:个)?\s*(?:半)?\s*"
    r"(?:小时|钟头)(?!后|以后|之后|内|以内|前)"
    r"|\b(?P<e>[0-9]{1,2})\s*(?:hours?|hrs?)\b(?! (?:later|from now|ago))",
    re.IGNORECASE,
)
# Where a message goes on to another thing: "顺便", "还有", "另外", "以及", "also", "plus". The
# part split off keeps that word (a split before it), so the part still says it asks for more.
_GOES_ON = r"顺便|还有|另外|以及|\balso\b|\bplus\b"
CLAUSES = re.compile(rf"[，,。；;！!？?\n]|(?=(?:{_GOES_ON}))", re.IGNORECASE)
# A later part asking for something of its own: going on to another thing, "also/too"
# words, asking words. Without one (or a service verb), the part only goes on describing the
# first thing: "马桶堵了，水漫出来了" is one blocked toilet, not a plumber next.
_ASKS_MORE = re.compile(
    rf"{_GOES_ON}|也|还要|还想|还得|还需|再(?:帮|约|找|来|请|叫|订|弄|修|洗)|想|帮|约|找|请"
    r"|需要|麻烦|\b(?:too|as well|another|need\w*|want\w*|book\w*|please"
    r"|can (?:you|someone|somebody)|could (?:you|someone|somebody))\b",
    re.IGNORECASE,
)


# Someone living alone, said of the person a service is for ("她一个人住", "he lives alone"),
# and what would make it a request of its own (company, a visit, someone to look in).
_ALONE = re.compile(
    r"一个人(?:住|生活|过|在家)|独居|独自(?:住|生活|在家)|自己一个人|空巢"
    r"|\b(?:lives?|living|stays?|staying) (?:all )?(?:alone|on (?:his|her|their) own"
    r"|by (?:him|her|them)sel(?:f|ves))\b",
    re.IGNORECASE,
)
_ALONE_ASKS = re.compile(
    r"陪|照顾|照看|看看|看望|探望|帮|约|请|找|需要|想要|安排|上门"
    r"|\b(?:visit\w*|company|companion\w*|check(?:ing)? on|look(?:ing)? (?:in on|after)"
    r"|need\w*|want\w*|book\w*|arrange\w*|someone|somebody|can you|could you|please)\b",
    re.IGNORECASE,
)


def says_lives_alone(text: str) -> bool:
    """Whether a part of a message only says someone lives alone ("她一个人住", "she lives
    alone"): a word about the person a service is for, not a second request. A part that
    also asks for company or a visit ("独居，想找人陪陪她") is a request."""
    return _ALONE.search(text) is not None and _ALONE_ASKS.search(text) is None


def asks_more(part: str) -> bool:
    """Whether a later part of a message asks for something of its own ("顺便空调也洗一下",
    "热水器也坏了", "also fix the tap", "修下马桶"): an asking or also-word, or a service verb.
    A part that only goes on describing the first thing ("水漫出来了", "地上全是水", "water
    everywhere") asks nothing more: it is never offered as a second service."""
    return _ASKS_MORE.search(part) is not None or names_service_verb(part)


def hours_asked(text: str) -> int | None:
    """The whole hours a request asks for ("4个小时", "三个钟头", "for 3 hours"), 1-12; None
    when it names none (or a delay such as "两小时后" / "in 2 hours from now")."""
    found = _HOURS.search(text)
    if found is None:
        return None
    words = found["n"] or found["e"]
    if words.isdigit():
        count = int(words)
    elif words.startswith("十"):
        count = 10 + (_NUMBERS[words[1]] if len(words) > 1 else 0)
    else:
        count = _NUMBERS[words]
    return count if 1 <= count <= 12 else None


def clauses(text: str) -> list[str]:
    """The message's parts, split where it goes on to another thing (each stripped, none
    empty): the booking flow reads each for a second service."""
    return [part.strip() for part in CLAUSES.split(text) if part and part.strip()]


# A count before a measure word ("两台", "3 units"): the measure words are the service's own.
_COUNT = r"(?P<n>[0-9]{1,2}|十[一二三四五六七八九]?|[一两二三四五六七八九])"
_COUNT_EN = r"(?P<e>[0-9]{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)"
_EN_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_EN_NUMBERS |= {"eight": 8, "nine": 9, "ten": 10}
# Up to two words between an English count and what it counts ("2 dirty air conditioners",
# "two old ACs"), never a time word ("at 3 tomorrow morning the AC" counts nothing).
_EN_FILLER = (
    r"(?:(?!(?:am|pm|tomorrow|today|tonight|morning|afternoon|evening|night|noon|o'?clock"
    r"|hours?|hrs?|days?|weeks?|months?|minutes?|mins?|times?|people|persons?)\b)[a-z'-]+\s+){0,2}"
)
# "个" counts anything, but not people, hours or days ("一个人住", "两个小时", "三个月").
_NOT_COUNTED_AFTER_GE = r"(?!\s*(?:人|小时|钟头|月|星期|礼拜|工作日|多?小时|半))"


def _count_words(words: str) -> int:
    if words.isdigit():
        return int(words)
    if words in _EN_NUMBERS:
        return _EN_NUMBERS[words]
    if words.startswith("十"):
        return 10 + (_NUMBERS[words[1]] if len(words) > 1 else 0)
    return _NUMBERS[words]


# Square metres as people write them: "25平方", "大概40平", "30平米", "25㎡", "40 m2", "40 sqm".
AREA_UNITS = frozenset({"平方米", "平米", "平方", "㎡", "m²", "m2", "sqm", "square meter"})
_AREA = re.compile(
    r"(?<![0-9.])(?P<n>[0-9]{1,4}(?:\.[0-9]+)?|[一两二三四五六七八九十]{1,3})\s*"
    r"(?:平方米|平米|平方|平(?![安时常台板])|㎡|m²|m2\b|sqm\b|sq\.? ?m\b|square met(?:er|re)s?\b)",
    re.IGNORECASE,
)


def area_asked(text: str) -> int | None:
    """The square metres a request names ("客厅+两个卧室大概25平方" → 25, "大概40平" → 40,
    "30 sqm" → 30), rounded, 1-2000; None when it names no area. A count of rooms ("两个卧室")
    is no area."""
    found = _AREA.search(text)
    if found is None:
        return None
    words = found["n"]
    area = round(float(words)) if words[0].isdigit() else chinese_number(words) or 0
    return area if 1 <= area <= 2000 else None


def count_asked(text: str, measures: Iterable[str]) -> int | None:
    """How many items a request asks for, counted in the service's own measure words
    (`measures`: "台" and "unit" for air conditioners, and the English words for the things
    themselves, "ac", "air conditioner"): "两台空调要清洗" → 2, "3个空调" → 3, "clean 2 units"
    → 2, "two ACs" → 2; None when it names no count of them (or a count over 20). A service
    priced per square metre counts only an area (:func:`area_asked`), never rooms."""
    measures = tuple(measures)
    if AREA_UNITS.intersection(measures):
        return area_asked(text)
    zh = [re.escape(m) for m in measures if m and not m.isascii()]
    en = [re.escape(m) for m in measures if m and m.isascii()]
    found = None
    if zh:
        measure = "|".join([*zh, rf"个{_NOT_COUNTED_AFTER_GE}"])
        found = re.search(rf"(?<![0-9.]){_COUNT}\s*(?:{measure})", text)
    if found is None and en:
        measure = "|".join(sorted(en, key=len, reverse=True))
        pattern = rf"\b{_COUNT_EN}\s+{_EN_FILLER}(?:{measure})(?:e?s)?\b"
        found = re.search(pattern, text, re.IGNORECASE)
    if found is None:
        return None
    count = _count_words((found["n"] if "n" in found.re.groupindex else found["e"]).lower())
    return count if 1 <= count <= 20 else None


# "clean our range hood and the AC units", "想洗油烟机和空调": a second thing joined to the first
# inside one clause.
_AND = re.compile(r"\band\b|\b&\b|和|跟|与", re.IGNORECASE)
_TOKEN = re.compile(r"[A-Za-z0-9'’]+|\S")
_MAX_HEADS = 8


def joined_asks(part: str) -> list[str]:
    """Ways to read what an 'and' joins to the first thing of a clause as an ask of its own:
    the words after it behind the clause's start, cut back one word at a time from the first
    thing ("could someone clean our range hood and the AC units" → "could someone clean our
    range the AC units", …, "could someone clean the AC units"). The caller reads each and
    keeps the first that names another service; nothing after no 'and'."""
    found: list[str] = []
    for joint in _AND.finditer(part):
        before, after = part[: joint.start()], part[joint.end() :].strip()
        if not after:
            continue
        cuts = [m.start() for m in _TOKEN.finditer(before)][::-1][:_MAX_HEADS]
        found.extend(f"{before[:cut].rstrip()} {after}".strip() for cut in cuts)
    return found
