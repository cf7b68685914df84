"""Which words of a reschedule message give the new time (issue 13, retest finding 7).

"周日上午老爷子要去医院复查 保洁能挪到周一下午三点吗" names two times: the reason (周日上午) and
the time asked (周一下午三点). Read as one, the day came from the first and the part of the day
too, so the worker was asked for 周日 03:00. The time asked is the one after the moving words
("挪到", "改成", "move it to"): when such words are there and a time follows them, only that
tail is read.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from intents import TimeSpan
from intents.times.durations import shift_asked
from intents.times.when import parse_when, says_day

# "改到" "挪到" "换成" "推迟到" "延后到" "调到" "提前到" "改在" "改为" "挪去"...
_MOVE_ZH = re.compile(
    r"(?:改|挪|换|推迟?|延后?|延迟|调|移|提前|顺延)(?:一下)?(?:到|成|在|为|去)"
    r"|(?:不行|不方便|没空|没时间|有事|来不了)了?\s?[,，。\s]\s?(?:改|换)?"  # "明天不行了，后天吧"
)
# "move it to", "push the plumber to", "reschedule for", "change it to", "make it"...
_MOVE_EN = re.compile(
    r"\b(?:move|moved|push|pushed|change|changed|reschedule|rescheduled|shift|shifted|"
    r"switch|postpone|postponed|bring|make)\b[^.?!,;]*?\b(?:to|for|till|until|it)\b",
    re.IGNORECASE,
)
_INSTEAD = re.compile(r"\b(?:instead|rather)\b", re.IGNORECASE)


def asked_part(text: str) -> str:
    """The words after the last moving words, or the whole text when there are none."""
    ends = [m.end() for m in _MOVE_ZH.finditer(text)]
    ends += [m.end() for m in _MOVE_EN.finditer(text)]
    if not ends:
        return text
    return _INSTEAD.sub(" ", text[max(ends) :])


def asked_time(text: str, now: datetime, tz: ZoneInfo) -> tuple[TimeSpan, bool] | None:
    """The new time a reschedule message asks for, and whether it names a day; None when the
    words after the moving words name no time (the caller keeps what it read before)."""
    part = asked_part(text)
    if part == text:
        return None
    span = parse_when(part, now, tz)
    if span is None:
        return None
    return span, says_day(part, now, tz)


# The time asked, carried by the buttons of "要改哪个预约的时间？" so it is not asked again:
# "2612051500-2612051800td" (start, optional end, local minutes; t: has a time, d: names a day).
_CARRIED = re.compile(r"(\d{10})(?:-(\d{10}))?(t?)(d?)")
_STAMP = "%y%m%d%H%M"


def carried(span: TimeSpan, names_day: bool) -> str:
    """The asked time as a button argument (short: button data is at most 64 bytes)."""
    end = f"-{span.end.strftime(_STAMP)}" if span.end is not None else ""
    flags = ("t" if span.has_time else "") + ("d" if names_day else "")
    return f"{span.start.strftime(_STAMP)}{end}{flags}"


def uncarried(arg: str, tz: ZoneInfo) -> tuple[TimeSpan, bool] | None:
    """The asked time back from a button argument (None: no time carried, or malformed)."""
    found = _CARRIED.fullmatch(arg)
    if found is None:
        return None
    try:
        start, end = (
            datetime.strptime(s, _STAMP).replace(tzinfo=tz) if s else None
            for s in found.group(1, 2)
        )
    except ValueError:
        return None
    assert start is not None
    return TimeSpan(start, end, "", has_time=bool(found.group(3))), bool(found.group(4))


__all__ = ["asked_part", "asked_time", "carried", "shift_asked", "uncarried"]
