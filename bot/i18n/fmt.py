"""Language-aware formatting of times and money, kept apart from the catalogues."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.i18n import Lang

_WEEKDAYS = {
    "zh": ("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}


def money(value: float) -> str:
    """¥180, ¥0.5: no trailing .0."""
    return f"¥{value:g}"


def day(moment: datetime, lang: Lang) -> str:
    """11月29日 周日 / Sun 29 Nov."""
    weekday = _WEEKDAYS[lang][moment.weekday()]
    if lang == "zh":
        return f"{moment.month}月{moment.day}日 {weekday}"
    return f"{weekday} {moment.day} {moment.strftime('%b')}"


def when(start: datetime, end: datetime | None, tz: ZoneInfo, lang: Lang) -> str:
    """A slot in the community's timezone: '11月29日 周日 09:00-12:00'."""
    start = start.astimezone(tz)
    text = f"{day(start, lang)} {start:%H:%M}"
    if end is not None:
        end = end.astimezone(tz)
        text += (
            f"-{end:%H:%M}" if end.date() == start.date() else f" - {day(end, lang)} {end:%H:%M}"
        )
    return text


def when_both(start: datetime, end: datetime | None, tz: ZoneInfo) -> dict[str, str]:
    """The slot in both languages, for a Text parameter."""
    return {"zh": when(start, end, tz, "zh"), "en": when(start, end, tz, "en")}


def duration(delta: timedelta, lang: Lang) -> str:
    """3天 / 3 days; 2小时 / 2 hours; 30分钟 / 30 min."""
    seconds = int(delta.total_seconds())
    for size, zh, en in ((86400, "天", "days"), (3600, "小时", "hours"), (60, "分钟", "min")):
        if seconds >= size and seconds % size == 0:
            count = seconds // size
            return f"{count}{zh}" if lang == "zh" else f"{count} {en}"
    return f"{seconds}秒" if lang == "zh" else f"{seconds} s"
