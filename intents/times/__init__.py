"""Dates, times and durations in Chinese and English, relative to a given ``now``.

``parse_when`` returns a :class:`TimeSpan` in the community timezone: a moment ("下午3点半",
"at 3pm"), hours ("上午", "tomorrow morning", "4点到6点"), days without a time ("明天",
"on Friday", "下周三到周五", "后天开始出差两天": ``has_time`` False, never a midnight visit) or
as soon as possible ("尽快", "急", "now": ``asap``). ``TimeSpan.days`` counts the days of care
asked for. ``parse_duration`` reads how long care is needed ("出差三天", "for 5 days");
``is_reschedule`` tells a request to move a booking ("能不能改到下午").

Rooms: ``numbers`` (numerals), ``days`` and ``ranges`` (which days), ``clocks`` (parts of the
day, clock times and the bare-hour rule), ``durations``, ``cues`` (urgency and reschedule words
from ``intents/data/times.toml``) and ``when`` (``parse_when`` putting them together).
"""

from intents.times.cues import another_day_instead, is_reschedule, only_sooner_or_later
from intents.times.durations import days_asked, parse_duration, shift_asked
from intents.times.numbers import chinese_number
from intents.times.when import TimeSpan, other_day, parse_when, says_day, today_or_next_week

__all__ = [
    "TimeSpan",
    "another_day_instead",
    "chinese_number",
    "days_asked",
    "is_reschedule",
    "only_sooner_or_later",
    "other_day",
    "parse_duration",
    "parse_when",
    "says_day",
    "shift_asked",
    "today_or_next_week",
]
