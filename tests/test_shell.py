"""`concierge shell` survives what people type into it: a URL button to the bot opens the
private chat as Telegram would (/start PAYLOAD) instead of crashing, and a mistake is told
instead of ending the session. (Which links open the bot: test_retest13_rules.py.)"""

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
