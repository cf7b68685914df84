"""Session 14, item 4: a help call closed from the ladder's own button (the grid worker asked
at the grid step, who pressed 需要支援 there and later ✅ 已确认平安 on the same message) asks
for a short note of what happened, as closing from the help call's alert does; the note is
kept in the call's trail. Before, she read "已记录：平安。谢谢您！" while her next words were
silently taken as the note."""

from __future__ import annotations

from datetime import timedelta

from bot.i18n import T, render
from tests.e2e.test_checkins import Cast, care, incident_timeline  # noqa: F401  (the fixture)


async def test_a_help_call_closed_from_the_ladder_asks_for_the_note(care: Cast) -> None:  # noqa: F811
    await care.advance(timedelta(minutes=30))
    await care.ping(care.wang)
    await care.advance(timedelta(minutes=60))
    ask = await care.bot.sb.wait_for_message(care.zhang.id, contains="一直没有回复")
    await care.bot.sb.press(care.zhang, ask, "🚑 需要支援")
    await care.bot.sb.wait_for_message(care.bot.staff.id, contains="请求支援")
    await care.idle()
    await care.bot.sb.press(care.zhang, ask, "✅ 已确认平安")
    asked = render(T("incidents.ask_note"), "zh")
    await care.bot.sb.wait_for_message(care.zhang.id, contains=asked)
    await care.bot.say(care.zhang, "她在邻居家打牌，手机没电了")
    await care.bot.sb.wait_for_message(
        care.zhang.id, contains=render(T("incidents.note_saved"), "zh")
    )
    steps = [e.action for e in await incident_timeline(care.bot, 1)]
    assert "confirmed_safe" in steps and steps[-1] == "note"
    await care.bot.sb.wait_for_message(care.daughter.id, contains="她在邻居家打牌")


async def test_a_plain_checkin_confirmed_from_the_ladder_asks_nothing(care: Cast) -> None:  # noqa: F811
    await care.advance(timedelta(minutes=30))
    await care.ping(care.wang)
    await care.advance(timedelta(minutes=60))
    ask = await care.bot.sb.wait_for_message(care.zhang.id, contains="一直没有回复")
    await care.bot.sb.press(care.zhang, ask, "✅ 已确认平安")
    await care.bot.sb.wait_for_message(care.zhang.id, contains="已记录：平安。谢谢您！")
    await care.idle()
    assert not any(render(T("incidents.ask_note"), "zh") in t for t in care.texts(care.zhang))
