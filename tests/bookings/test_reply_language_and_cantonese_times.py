"""Session 15 fixes of the session 14 tester's leftovers (issue 13) as pure tables: the
language a short English message shows, given the person's Telegram language, and Cantonese
time words typed at a later step."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.bookings.typed import only_a_time
from bot.domain.people.language import followed_language
from intents import parse_when

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 28, 8, 0, tzinfo=TZ)  # a Saturday morning, as the tester's sandbox


@pytest.mark.parametrize(
    ("text", "app", "lang"),
    [
        # Telegram in English: a short English message is clearly English
        ("ok", "en", "en"),
        ("yes please", "en", "en"),
        ("cancel it", "en", "en"),
        ("OK!", "en", "en"),
        ("what time is the worker coming?", "en", "en"),
        ("好的", "en", "zh"),  # back to Chinese when they write Chinese
        ("3-2-501", "en", None),
        ("👍", "en", None),
        ("/cancel", "en", None),
        # Telegram in Chinese: Chinese speakers type "ok"; a sentence still switches
        ("ok", "zh", None),
        ("cancel it", "zh", None),
        ("my bookings", "zh", None),
        ("what time is the worker coming?", "zh", "en"),
        ("好的", "zh", "zh"),
    ],
)
def test_a_short_english_message_follows_when_telegram_is_english(
    text: str, app: str, lang: str | None
) -> None:
    """'ok', 'cancel it' after Chinese messages got Chinese replies: three English words were
    needed to switch. Someone whose Telegram is in English switches on any English word."""
    assert followed_language(text, app) == lang  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "alone"),
    [
        ("听日", True),
        ("後日", True),
        ("朝早", True),
        ("下昼", True),
        ("晏昼", True),
        ("而家", True),
        ("今晚黑", True),
        ("聽日朝早", True),
        ("後日朝早", True),
        ("今晚黑八点", True),
        ("听日下昼得唔得", True),
        ("可唔可以改到听日下昼", True),
        ("改到後日晏昼啦", True),
        # still a note
        ("听日下昼三点前到，屋企有狗", False),
        ("今晚黑有人喺屋企", False),
    ],
)
def test_cantonese_time_words_typed_at_a_later_step_are_a_time(text: str, alone: bool) -> None:
    """'聽日朝早' at the address, note or summary step is a time and nothing more (it was
    kept as a note: the traditional and Cantonese words were compared as typed with the
    parser's simplified ones, '黑' of 今晚黑 and '得唔得' left over)."""
    assert only_a_time(text, parse_when(text, NOW, TZ)) is alone
