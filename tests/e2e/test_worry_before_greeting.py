"""Session 14, item 5: an elder who writes a worry shortly before her check-in greeting is not
then greeted "今天都好吗" as if nothing was said. "我头晕" at 08:50 reaches her grid worker at once
and answers the 09:00 greeting (no question, nobody told twice); a fall she wrote at 08:50 is
a help call, which carries the 09:00 check-in: no greeting while someone is on the way, no
"还没收到您的回复" reminders, and the check-in is settled when the call is confirmed safe."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.e2e.test_checkins import Cast, care  # noqa: F401  (the fixture)

GREETING = "今天都好吗"


async def _to_0850(care: Cast) -> None:  # noqa: F811
    """Let the morning pass to 08:50 local, 10 minutes before 李大爷's 09:00 greeting."""
    tz = care.bot.runtime.settings.community.tz
    while care.bot.clock.now().astimezone(tz).strftime("%H:%M") < "08:50":
        await care.advance(timedelta(minutes=10))


@pytest.mark.parametrize("words", ["我头晕", "腿疼走不了"])
async def test_a_worry_just_before_answers_the_greeting(care: Cast, words: str) -> None:  # noqa: F811
    await _to_0850(care)
    await care.bot.say(care.li, words)
    await care.bot.sb.wait_for_message(care.chen.id, contains=words)
    await care.advance(timedelta(hours=2))
    assert care.count(care.li, GREETING) == 0
    assert care.count(care.chen, words) == 1 and care.count(care.son, "不太舒服") == 1
    assert care.count(care.li, "还没收到您的回复") == 0


async def test_a_help_call_just_before_carries_the_greeting(care: Cast) -> None:  # noqa: F811
    await _to_0850(care)
    await care.bot.say(care.li, "我摔倒了 起不来")
    alert = await care.bot.sb.wait_for_message(care.chen.id, contains="我摔倒了")
    await care.advance(timedelta(minutes=15))
    assert care.count(care.li, GREETING) == 0
    async with care.bot.runtime.db.read() as tx:
        state = await tx.scalar("SELECT state FROM checkins WHERE elder_key = 'elder_li'")
    assert state == "help"
    await care.bot.sb.press(care.chen, alert, "✅ 已确认平安")
    await care.advance(timedelta(hours=2))
    assert care.count(care.li, GREETING) == 0 and care.count(care.li, "还没收到您的回复") == 0
    async with care.bot.runtime.db.read() as tx:
        state = await tx.scalar("SELECT state FROM checkins WHERE elder_key = 'elder_li'")
    assert state == "fine"
