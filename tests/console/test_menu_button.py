"""The console as a Telegram Mini App from the menu button of staff chats (issue 15): with an
https ``CONCIERGE_PUBLIC_URL`` each staff chat's menu button opens ``/app`` (the page that
posts Telegram's signed data); without https (Telegram opens Mini Apps over https only) none
is set and ``/console`` links are the way in."""

from __future__ import annotations

import json
from pathlib import Path

from bot.clock import FakeClock
from bot.devtools.sandbox import Sandbox
from tests.harness import STAFF_ID, Harness, make_settings


async def test_staff_chats_get_the_console_as_their_menu_button(
    sandbox: Sandbox, db_path: Path, clock: FakeClock
) -> None:
    settings = make_settings(sandbox, db_path, public_url="https://console.example.org")
    harness = Harness(sandbox, settings, clock)
    async with harness.running():
        await harness.settle_staff()  # the staff chat is open (Telegram's scope needs it)
        await harness.ask(harness.staff, "/console", contains="/login/")
        await sandbox.wait_for(lambda: bool(sandbox.calls("setChatMenuButton")), timeout=30)
        calls = sandbox.calls("setChatMenuButton")
    staff = [c for c in calls if c.params.get("chat_id") == STAFF_ID]
    assert staff, [c.params for c in calls]
    raw = staff[0].params["menu_button"]
    button = json.loads(raw) if isinstance(raw, str) else raw  # as the bot sent it
    assert button["type"] == "web_app"
    assert button["web_app"]["url"] == "https://console.example.org/app"
    assert button["text"]  # a label in the staff member's language


async def test_no_menu_button_without_https(bot: Harness) -> None:
    await bot.settle_staff()
    await bot.ask(bot.staff, "/console", contains="/login/")
    await bot.sb.wait_idle(quiet=0.2)
    assert not bot.sb.calls("setChatMenuButton")
