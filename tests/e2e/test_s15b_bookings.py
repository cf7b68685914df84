"""Session 15 fixes of the session 14 tester's leftovers (issue 13), end to end: short English
after Chinese, a corrected room number, a corrected address reaching the worker, shifts by an
amount, "改成周六" on a Saturday and Cantonese times typed at a later step."""

from __future__ import annotations

from tests.booking_steps import book, crew
from tests.harness import Harness


async def test_short_english_after_chinese_gets_english_when_telegram_is_english(
    bot: Harness,
) -> None:
    """An expat (Telegram in English) books in Chinese, then writes 'cancel it' and 'ok':
    English replies (they were Chinese: three English words were needed to switch); Chinese
    again as soon as they write Chinese."""
    await crew(bot)
    expat = bot.person(6501, "Tom", "en")
    await book(bot, expat)
    cancel = await bot.ask(expat, "cancel it")
    assert "Which booking" in cancel.content or "cancel" in cancel.content.lower(), cancel.content
    assert "取消" not in cancel.content, cancel.content
    mine = await bot.ask(expat, "我的预约")
    assert "您的预约" in mine.content, mine.content
    ok = await bot.ask(expat, "ok")
    assert "您需要" not in ok.content, ok.content
