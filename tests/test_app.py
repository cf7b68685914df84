"""The application as a whole: `concierge run` against any Bot API URL, command menus,
idempotent update handling."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from telegram import Update

from bot.app import _until_stopped
from bot.devtools.sandbox import Sandbox
from tests.harness import Harness


async def test_concierge_run_serves_a_bot_api_url_and_stops_on_sigterm(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """The real `concierge run` process long-polls TELEGRAM_API_URL and exits 0 on SIGTERM."""
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": "123:ABC",
        "TELEGRAM_API_URL": sandbox.root_url,
        "CONCIERGE_SECRET_KEY": "Xq7-pL2vN9sK4mR8tW1yB6cD",
        "CONCIERGE_DB": str(tmp_path / "run.sqlite"),
    }
    env.pop("CONCIERGE_COMMUNITY", None)
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "run",
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        # Up once post_init set the menus. (The sandbox logs a call when it returns, so waiting
        # for getUpdates itself would wait out a whole idle long poll.)
        await sandbox.wait_for(lambda: bool(sandbox.calls("setMyCommands")), timeout=30)
        resident = sandbox.user(6001, "小李")
        await sandbox.press_start(resident)
        welcome = await sandbox.wait_for_message(resident.id, contains="您好，小李", timeout=15)
        assert "前台" in welcome.content
        assert sandbox.calls("getUpdates"), "the /start came in through long polling"
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert process.returncode == 0, stderr.decode()
    assert (tmp_path / "run.sqlite").exists()


async def test_command_menus_per_scope_and_language(bot: Harness) -> None:
    """Private chats, groups and each staff member get their own menu, in both languages."""
    calls = bot.sb.calls("setMyCommands")
    scopes = {(c.params["scope"]["type"], c.params.get("language_code")) for c in calls}
    assert ("all_private_chats", None) in scopes and ("all_private_chats", "en") in scopes
    assert ("all_group_chats", None) in scopes
    staff_menu = [c for c in calls if c.params["scope"]["type"] == "chat"]
    names = {cmd["command"] for c in staff_menu for cmd in c.params["commands"]}
    assert {"invite", "misses"} <= names


async def test_the_same_update_twice_changes_nothing_the_second_time(bot: Harness) -> None:
    """A redelivered update (e.g. after a crash before Telegram was told) is ignored."""
    chat = await bot.group()
    resident = bot.person(6001, "小李")
    message = await bot.say(resident, "马桶堵了，能找人来通一下吗", chat)
    await bot.sb.wait_for_message(chat.id, after=message.message_id)
    await bot.sb.wait_idle()
    assert bot.app is not None
    # A minute later, so the member's pace (one answer a minute in a group) is not what is tested.
    await bot.advance(timedelta(seconds=61))
    payload = {"update_id": 424242, "message": message.to_api()}
    for _ in range(2):
        await bot.app.process_update(Update.de_json(payload, bot.app.bot))
    await bot.sb.wait_idle()
    replies = [
        m
        for m in bot.sb.sent(chat.id)
        if m.reply_to and m.reply_to.message_id == message.message_id
    ]
    assert len(replies) == 2  # the original delivery and the redelivery, not a third
    async with bot.runtime.db.read() as tx:
        requests = await tx.scalar("SELECT COUNT(*) FROM requests")
    assert requests == 2


async def test_a_scheduled_job_cut_short_by_the_stop_is_not_an_error(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """APScheduler cancels a job still running at stop and logs that as the job's error (it
    failed the suite now and then, a tick caught mid-transaction); the job ends quietly."""
    started = asyncio.Event()

    async def slow() -> None:
        started.set()
        await asyncio.sleep(60)

    job = asyncio.ensure_future(_until_stopped(slow(), "deadlines"))
    await started.wait()
    job.cancel()
    with caplog.at_level(logging.INFO):
        assert await job is None
    assert [r.levelno for r in caplog.records] == [logging.INFO]
    assert "still due" in caplog.records[0].getMessage()
