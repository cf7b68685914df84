"""`concierge run --webhook` as an operator meets it, in a real process against the sandbox:
refused without a public URL; otherwise it registers the webhook, answers deliveries and
health checks, survives SIGKILL (what Telegram could not deliver meanwhile arrives after the
restart) and stops on SIGTERM with the database closed. Timeouts only guard against a hang."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
from pathlib import Path

import httpx

from bot.devtools.sandbox import Sandbox
from bot.webhook.routes import PATH
from tests.test_run import HANG_GUARD, _closed_cleanly, _ended, _env, _spawn
from tests.webhook.conftest import free_port


async def _until_ready(public: str) -> None:
    """/readyz answers 200 once the start finished (menus set, jobs planned)."""
    async with httpx.AsyncClient(base_url=public) as client:
        for _ in range(int(HANG_GUARD / 0.05)):
            if (await client.get("/readyz")).status_code == 200:
                return
            await asyncio.sleep(0.05)
    raise AssertionError("never ready")


async def test_webhook_mode_without_a_public_url_is_exit_2_in_one_line(tmp_path: Path) -> None:
    """Telegram must be told where to post: without CONCIERGE_PUBLIC_URL, say so and stop."""
    env = _env(tmp_path, "http://127.0.0.1:9", CONCIERGE_PUBLIC_URL="")
    ended = await _ended(await _spawn(env, "--webhook"))
    assert ended.code == 2
    ended.assert_one_line_explains("concierge run --webhook needs CONCIERGE_PUBLIC_URL")


async def test_a_killed_webhook_instance_gets_what_it_missed_after_a_restart(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """Registered, answering, killed with SIGKILL; a message sent while it is down is delivered
    once it is back; SIGTERM then stops it with the database closed and the inbox empty."""
    port = free_port()
    public = f"http://127.0.0.1:{port}"
    env = _env(
        tmp_path, sandbox.root_url, CONCIERGE_WEB_PORT=str(port), CONCIERGE_PUBLIC_URL=public
    )
    alice = sandbox.user(6001, "小李", language_code="zh-hans")

    first = await _spawn(env, "--webhook")
    try:
        await sandbox.wait_for(lambda: bool(sandbox.calls("setWebhook")), HANG_GUARD)
        assert sandbox.state.webhook_url == f"{public}{PATH}"
        started = await sandbox.start(alice)
        await sandbox.wait_for_message(alice.id, after=started.message_id, timeout=HANG_GUARD)
        await _until_ready(public)
    finally:
        first.send_signal(signal.SIGKILL)
        await first.wait()

    asked = await sandbox.send(alice, "/help")  # nobody listens: Telegram keeps it
    await sandbox.wait_for(lambda: sandbox.state.webhook_error is not None, HANG_GUARD)
    assert sandbox.pending_updates

    second = await _spawn(env, "--webhook")
    try:
        await sandbox.wait_for_message(alice.id, after=asked.message_id, timeout=HANG_GUARD)
        await sandbox.wait_for(lambda: not sandbox.pending_updates, HANG_GUARD)
    finally:
        second.send_signal(signal.SIGTERM)
        assert (await _ended(second)).code == 0
    db = tmp_path / "concierge.db"
    _closed_cleanly(db)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM webhook_inbox").fetchone() == (0,)
