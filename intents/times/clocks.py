"""Parts of the day ("下午", "morning") and clock times ("下午3点半", "at 4pm", "06:00").

The hour rule, for a clock said without am/pm and without a part of the day:

- 1 to 6 o'clock written bare ("3点", "6:00", "at 4") is in the afternoon (13:00-18:59):
  nobody books a plumber for 3 a.m., and the early morning is said "早上6点", "6am" or written
  zero-padded "06:00";
- a zero-padded hour ("06:00", "08:30") or one from 13 to 23 is a 24-hour clock, as written;
- 7 to 12 o'clock is read as written (the morning, or noon);
- "晚上12点" / "tonight at 12" is midnight at the end of that day.

So "今天 6:00" written at 07:00 is 18:00 today, and "今天 06:00" written at 05:00 is 06:00.
"""

from __future__ import annotations

import re

from intents.times.numbers import NUM, chinese_number

# Parts of the day: (start hour, end hour) on the same day.
PARTS_ZH = {
    "凌晨": (0, 6),
    "早上": (6, 9),
    "早晨": (6, 9),
    "清早": (6, 9),
    "一早": (6, 9),
    "上午": (9, 12),
    "中午": (11, 13),
    "午后": (13, 18),
    "下午": (13, 18),
    "傍晚": (17, 19),
    "黄昏": (17, 19),
    "下班后": (18, 22),
    "晚上": (18, 22),
    "晚": (18, 22),
    "夜里": (20, 24),
    "白天": (8, 18),
    # Cantonese: "朝早" morning, "下昼" / "晏昼" afternoon
    "朝早": (6, 9),
    "下昼": (13, 18),
    "晏昼": (13, 18),
}
PARTS_EN = {
    "first thing": (8, 10),
    "morning": (9, 12),
    "noon": (12, 13),
    "midday": (12, 13),
    "lunchtime": (11, 13),
    "afternoon": (13, 18),
    "evening": (18, 22),
    "tonight": (18, 22),
    "night": (18, 22),
}
_PM_PARTS = {"午后", "下午", "傍晚", "黄昏", "下班后", "晚上", "晚", "今晚", "明晚", "夜里"}
_PM_PARTS |= {"下昼", "晏昼", "听晚"}  # Cantonese
_PM_PARTS |= {"afternoon", "evening", "night", "tonight"}
_MIDNIGHT_PARTS = {"晚上", "晚", "今晚", "明晚", "夜里", "night", "tonight"}
# A day and its part in one word.
_DAY_PART = re.compile("今晚|明晚|今早|明早|听朝|今朝|听晚")

# "晚" alone is the evening ("晚饭" too), but not "三晚" (nights), "晚点" / "晚一点" (later),
# "晚了" (late), "晚安" (good night) or "晚一个小时" (an hour later).
_PART_ZH_RE = re.compile(
    "|".join(p for p in sorted(PARTS_ZH, key=len, reverse=True) if p != "晚")
    + r"|(?<![\d零〇一二两三四五六七八九十几这那])晚"
    r"(?![点些了安]|\s?[\d一两二三四五六七八九十半]+\s?个?半?\s?(?:小时|钟头|钟|分钟|分))"
)
_PART_EN_RE = re.compile(
    r"\b(first thing|morning|noon|midday|lunchtime|afternoon|evening|tonight)\b"
    r"|\b(?:tomorrow|this|at|on \w+day|\w+day) night\b"
)
# A minute after the hour, but not a count that follows it ("10点 3个小时", "9点2个人").
_NOT_MINUTE = (
    r"(?![\d零〇一二两三四五六七八九十]"
    r"|\s?(?:个|小时|钟头|天|人|位|次|岁|块|元|号|楼|栋|层|平|间))"
)
_CLOCK_ZH = re.compile(rf"({NUM})\s?(?:点|點|时)(?:\s?(半|一刻|三刻|({NUM}){_NOT_MINUTE}\s?分?))?")
# The first hour of an English range whose am/pm is said only at its end: "7-10pm",
# "7 to 10pm", "9:30-11am". It takes the end's half of the day ("11-2pm" keeps 11 am).
_CLOCK_EN_SPAN = re.compile(
    r"\b(\d{1,2})(?::(\d{2}))?\s?(?:-|–|~|to)\s?"
    r"(?=(\d{1,2})(?::\d{2})?\s?(am|pm|a\.m\.|p\.m\.))"
)
_CLOCK_COLON = re.compile(r"(?<!\d)(\d{1,2}):(\d{2})\s?(am|pm|a\.m\.|p\.m\.)?")
_CLOCK_EN = re.compile(r"\b(\d{1,2})\s?(am|pm|a\.m\.|p\.m\.|o'?clock)\b")
_CLOCK_AT = re.compile(
    r"\b(?:at|around|about|approximately|roughly|say|after)(?: around| about)? (\d{1,2})\b"
    r"(?!:|\s?(?:am|pm|a\.m|p\.m|o'?clock)|\s?(?:min|hour|day|week|month|year|people|person|of|yuan|rmb|kg|km|floor|time|percent)\w*)"
    r"|\b(\d{1,2})(?= in the (?:morning|afternoon|evening)\b)"
)
# "一点" after these is "a little" ("早一点", "快一点", "有一点"), not one o'clock.
_A_LITTLE = "快早晚慢多少好大小高低贵宜有差便再"


# "今天早点来", "星期天早点", "tomorrow early": early in the day named, its morning. (Alone,
# "早点来" asks for earlier than booked, and names no part of the day.)
_EARLY_ON = re.compile(
    r"(?<=[天日一二三四五六末])早点"
    r"|\b(?:today|tomorrow|\w+day) early\b|\bearly (?:today|tomorrow)\b"
)
# "下班后" is the writer's own evening, unless they said another part ("下班后 早上9点": a
# night-shift nurse's morning).
_AFTER_WORK = "下班后"


def find_part(text: str) -> tuple[str, tuple[int, int]] | None:
    """Find a part of the day ("下午", "morning") and its hours."""
    m0 = _DAY_PART.search(text)
    if m0:
        return m0.group(), PARTS_ZH["晚上" if m0.group().endswith("晚") else "早上"]
    m = _PART_ZH_RE.search(text.replace(_AFTER_WORK, " " * len(_AFTER_WORK)))
    if m:
        return m.group(), PARTS_ZH[m.group()]
    if _AFTER_WORK in text:
        return _AFTER_WORK, PARTS_ZH[_AFTER_WORK]
    early = _EARLY_ON.search(text)
    if early:
        return early.group(), PARTS_ZH["上午"]
    m2 = _PART_EN_RE.search(text)
    if m2:
        name = m2.group(1) or "night"
        return name, PARTS_EN[name]
    return None


def _clock_at(m: re.Match[str], kind: str) -> tuple[int, int] | None:
    """Hour and minute of one clock match, before the hour rule."""
    if kind == "zh":
        hour = chinese_number(m.group(1))
        extra = m.group(2) or ""
        minute = {"半": 30, "一刻": 15, "三刻": 45}.get(extra)
        if minute is None:
            minute = chinese_number(m.group(3)) if m.group(3) else 0
    elif kind == "at":
        hour, minute = int(m.group(1) or m.group(2)), 0
    elif kind == "span":
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        pm, last = m.group(4).startswith("p"), int(m.group(3))
        if pm and hour < 12 and (hour <= last or last == 12):
            hour += 12
        elif not pm and hour == 12:
            hour = 0
    else:
        hour = int(m.group(1))
        minute = int(m.group(2)) if kind == "colon" else 0
        suffix = (m.group(3) if kind == "colon" else m.group(2)) or ""
        if suffix.startswith("p") and hour < 12:
            hour += 12
        elif suffix.startswith("a") and hour == 12:
            hour = 0
    if hour is None or minute is None or hour > 24 or minute > 59:
        return None
    return hour, minute


def _a_little(text: str, m: re.Match[str], kind: str) -> bool:
    """'早一点', '有一点', '一点儿', '一点都不热': an amount, not one o'clock."""
    if kind != "zh" or m.group(1) != "一" or m.group(2):
        return False
    before = text[m.start() - 1] if m.start() else ""
    return before in _A_LITTLE or _NOT_AT_ALL.match(text, m.start()) is not None


# "一点儿", "一点点", "一点都不", "一点也没": a little, or not at all ("一点不行" stays 1 pm).
_NOT_AT_ALL = re.compile(r"一点(?:儿|点|\s?[都也]\s?[不没])")


def _explicit(m: re.Match[str], kind: str) -> bool:
    """The clock says its half of the day: am/pm, or a zero-padded 24-hour hour ("06:00")."""
    if kind == "span":
        return True
    if kind not in ("colon", "en"):
        return False
    if any(s in m.group() for s in ("am", "pm", "a.m", "p.m")):
        return True
    return kind == "colon" and m.group(1).startswith("0") and len(m.group(1)) == 2


def find_clocks(text: str) -> list[tuple[int, int, str, bool]]:
    """All clock times in order: (hour, minute, words, half of the day said)."""
    found: list[tuple[int, int, int, str, bool]] = []
    patterns = (
        (_CLOCK_EN_SPAN, "span"),
        (_CLOCK_ZH, "zh"),
        (_CLOCK_COLON, "colon"),
        (_CLOCK_EN, "en"),
        (_CLOCK_AT, "at"),
    )
    for pattern, kind in patterns:
        for m in pattern.finditer(text):
            hm = _clock_at(m, kind)
            if hm is None or _a_little(text, m, kind):
                continue
            if any(start <= m.start() < start + len(words) for start, _, _, words, _ in found):
                continue
            words = m.group().strip(" -–~to") if kind == "span" else m.group().strip()
            found.append((m.start(), hm[0], hm[1], words, _explicit(m, kind)))
    found.sort()
    return [(h, mi, words, explicit) for _, h, mi, words, explicit in found]


def adjust_hour(hour: int, part: str | None, explicit: bool) -> int:
    """Apply the hour rule of this module's docstring."""
    if explicit:
        return hour
    if part in _MIDNIGHT_PARTS and hour == 12:
        return 24
    if part in _PM_PARTS and hour < 12:
        return hour + 12
    if part == "中午" and hour < 3:
        return hour + 12
    if part is None and 1 <= hour <= 6:
        return hour + 12
    return hour
