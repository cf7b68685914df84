"""A one-off notice's date written out in digits: "2026-12-20", "12-20", "12/20", "2026.12.20",
"2026年12月20日".

The project's time reader (``intents.times``) reads how residents speak ("明天 18:00",
"12月20日"), not the digits staff type in a form, and it would take "2026-12-20 09:00" for
09:00 tomorrow. So a notice's time is first looked at for a date in digits: when there is one,
it is that day (a year-less one is this year's, or next year's when it is in the next half
year: "01-05" typed in December), and the rest of the words must give the hour.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

DAY_WITHOUT_YEAR_AHEAD = timedelta(days=183)  # "01-05" in December is next January's

# year? month day; never part of a clock ("9:00-10:00") nor a range of hours ("3-5点").
# A year-less "7.30" is a clock, not July 30: a dot separates a month only after a year.
_DATED = re.compile(
    r"(?<![\d:：.])(?:(\d{4})\s*[-/.年]\s*)?(\d{1,2})\s*([-/.月])\s*(\d{1,2})\s*[日号]?"
    r"(?![\d:：点點时時])"
)


def written_date(words: str, today: date) -> tuple[date | None, str] | None:
    """The date written in digits in these words (None for one that does not exist, like
    02-30) and the words without it; None when no date is written so."""
    m = _DATED.search(words)
    if m is None or (m.group(3) == "." and not m.group(1)):
        return None
    rest = (words[: m.start()] + " " + words[m.end() :]).strip()
    year, month, day = (int(g) if g else 0 for g in m.group(1, 2, 4))
    try:
        if year:
            return date(year, month, day), rest
        found = date(today.year, month, day)
        if found < today:
            later = date(today.year + 1, month, day)
            found = later if later - today <= DAY_WITHOUT_YEAR_AHEAD else found
        return found, rest
    except ValueError:
        return None, rest


def on_day(day: date, moment: datetime) -> datetime:
    """The moment's local time of day on that day (in its zone)."""
    return datetime.combine(day, moment.timetz())
