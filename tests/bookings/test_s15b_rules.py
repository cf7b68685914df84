"""Session 15 fixes of the session 14 tester's leftovers (issue 13) as pure tables: the
language a short English message shows, given the person's Telegram language."""

from __future__ import annotations

import pytest

from bot.domain.people.language import followed_language


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
