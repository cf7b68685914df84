"""`concierge shell` survives what people type into it: a URL button to the bot opens the
private chat as Telegram would (/start PAYLOAD) instead of crashing, and a mistake is told
instead of ending the session. (Which links open the bot:
tests/bookings/test_typed_times_labels_and_asap_overdue.py.)"""

from __future__ import annotations

import pytest

from bot.devtools.scenario import scenario
from bot.devtools.shell import Shell
from tests.harness import START


async def test_the_shell_follows_the_private_link_and_survives_bad_input(
    capsys: pytest.CaptureFixture[str],
) -> None:
    async with scenario(START, None, {}) as s:
        shell = Shell(s)
        assert await shell.handle(":group")
        assert await shell.handle(":as 小王")
        assert await shell.handle("家里水管漏水了 明天上午能来修吗")
        group = s.sb.sent(-1001001)[-1]
        assert group.button_texts[0].startswith("私聊继续")
        assert await shell.handle("1")  # the URL button: once a crash, now the private chat
        assert shell.chat is None
        private = s.sb.sent(shell.current.id)
        # the same request goes on in private (nobody works for a plumber in this bare
        # scenario, so the honest answer is that none can be booked yet)
        assert private and "水管维修" in private[-1].content
        assert await shell.handle(":group")  # back to the group reply and its button
        for bad in (":press x", ":press 99", ":wait zz", ":as"):
            assert await shell.handle(bad)  # told why, the session goes on
        out = capsys.readouterr().out
        assert "usage: :press N" in out and "that message has buttons 1.." in out
        assert "usage: :as NAME" in out
        assert not await shell.handle(":quit")


async def test_waiting_days_in_the_shell_is_a_bot_that_kept_running(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`:wait 1d` walks the time: each day's greeting goes at the check-in time (08:30 in the
    sample community), its ladder follows from there, and the grid worker never gets the
    "系统刚恢复" note of a bot that was down; each stop is stamped with its time, so a message
    is never read as sent at the time of the previous prompt (tester3's "no staff step")."""
    async with scenario(START, None, {}) as s:
        shell = Shell(s)
        staff = shell.people["刘主任"]
        await s.say(staff, "/start")
        elder, worker = s.sb.user(3001, "老马"), s.sb.user(2001, "张管家")
        await s.invite(staff, elder, "elder", "elder_wang")
        await s.invite(staff, worker, "housekeeper", "hk_zhang")
        for _ in range(3):
            assert await shell.handle(":wait 1d")
        greetings = [m for m in s.sb.sent(elder.id) if "早上好" in m.content]
        assert len(greetings) == 3
        async with s.runtime.db.read() as tx:
            events = await s.runtime.audit.timeline(tx, "elder:elder_wang")
        tz = s.runtime.community.tz
        pinged = [f"{e.at.astimezone(tz):%d %H:%M}" for e in events if e.action == "pinged"]
        assert pinged == ["28 08:30", "29 08:30", "30 08:30"]
        staff = [f"{e.at.astimezone(tz):%H:%M}" for e in events if e.action == "staff_alerted"]
        assert staff == ["10:30"] * 3  # greeting +120 min, each day
        assert not any("系统刚恢复" in m.content for m in s.sb.sent(worker.id))
        out = capsys.readouterr().out
        assert "⏱ 2026-11-29 08:30" in out and "⏱ 2026-11-30 10:30" in out


async def test_join_makes_the_current_person_who_the_community_file_names(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`:join elder elder_wang` as 王阿姨: staff invite her and she opens the link, so her
    words in a group are an enrolled elder's (her distress reaches her grid worker); a wrong
    key is told by the bot and the session goes on."""
    async with scenario(START, None, {}) as s:
        shell = Shell(s)
        await s.say(shell.people["刘主任"], "/start")
        assert await shell.handle(":join elder elder_wang")  # as 刘主任: refused, told why
        assert await shell.handle(":as 张管家")
        assert await shell.handle(":join housekeeper hk_zhang")
        zhang = shell.current
        assert await shell.handle(":as 王阿姨")
        assert await shell.handle(":join elder no_such_elder")  # the bot says no such key
        assert await shell.handle(":join elder elder_wang")
        assert await shell.handle(":group")
        assert await shell.handle("我头晕，站不起来了")
        assert any("我头晕" in m.content for m in s.sb.sent(zhang.id))
        out = capsys.readouterr().out
        assert "speak as the person first" in out
