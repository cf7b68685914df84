"""Days a request asks beyond the one its draft books, said plainly when the draft starts:
"下周三到周五" of a service priced per visit or hour (one visit, the first day), "这周末" (the
Saturday), "这周六或者周日都行" / "Saturday or Sunday" (the first day, and how to move to the
other): never a day silently dropped."""

from __future__ import annotations

from bot.domain.bookings.deps import BookingDeps
from bot.domain.bookings.model import Booking
from bot.i18n import T, Text, both
from bot.i18n.fmt import day as day_words
from intents import TimeSpan
from intents.times import other_day


def days_note(d: BookingDeps, booking: Booking, span: TimeSpan | None, words: str) -> Text | None:
    """What to tell the resident about the days asked, or None when the draft books them all."""
    if span is None:
        return None
    first = both(day_words(span.start, "zh"), day_words(span.start, "en"))
    name = d.services.name(booking.service)
    other = other_day(words, d.now(), d.community.tz) if words and span.days == 1 else None
    if other is not None:
        day, said = other
        start = span.start.replace(year=day.year, month=day.month, day=day.day)
        then = both(day_words(start, "zh"), day_words(start, "en"))
        return T("bookflow.either_day", first=first, other=then, words=said, service=name)
    if span.days <= 1 or d.services.is_per_day(booking.service):
        return None
    saturday = span.days == 2 and span.start.astimezone(d.community.tz).weekday() == 5
    key = "bookflow.weekend_saturday" if saturday else "bookflow.one_visit_only"  # "这周末"
    if not saturday and d.services.visits_of_care(booking.service):
        key = "bookflow.one_visit_care"  # "he can't be alone": a visit is no all-day care
    return T(key, days=span.days, first=first, service=name)
