"""`concierge run --webhook` as an operator meets it, in a real process against the sandbox:
refused without a public URL; otherwise it registers the webhook, answers deliveries and
health checks, survives SIGKILL (what Telegram could not deliver meanwhile arrives after the
restart) and stops on SIGTERM with the database closed. Timeouts only guard against a hang."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import httpx

from bot.devtools.sandbox import Sandbox
from bot.devtools.sandbox.ptb import SANDBOX_TOKEN
from bot.webhook.routes import PATH
from tests.webhook.conftest import free_port

HANG_GUARD = 30.0


def _env(tmp_path: Path, api_url: str, **changes: str) -> dict[str, str]:
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": SANDBOX_TOKEN,
        "CONCIERGE_SECRET_KEY": "Xq7-pL2vN9sK4mR8tW1yB6cD",
        "CONCIERGE_DB": str(tmp_path / "concierge.db"),
        "TELEGRAM_API_URL": api_url,
    }
    env.pop("CONCIERGE_COMMUNITY", None)
    env.pop("CONCIERGE_PUBLIC_URL", None)
    env.update(changes)
    return env


async def _spawn(env: dict[str, str]) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "run",
        "--webhook",
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )


async def _ended(process: asyncio.subprocess.Process) -> int:
    try:
        return await asyncio.wait_for(process.wait(), HANG_GUARD)
    except TimeoutError:
        process.kill()
        await process.wait()
        raise AssertionError("concierge run --webhook did not end") from None


async def _until_ready(public: str) -> None:
    """/readyz answers 200 once the start finished (menus set, jobs planned)."""
    async with httpx.AsyncClient(base_url=public) as client:
        for _ in range(int(HANG_GUARD / 0.05)):
            if (await client.get("/readyz")).status_code == 200:
                return
            await asyncio.sleep(0.05)
    raise AssertionError("never ready")


def test_webhook_mode_without_a_public_url_is_exit_2_in_one_line(tmp_path: Path) -> None:
    """Telegram must be told where to post: without CONCIERGE_PUBLIC_URL, say so and stop."""
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "run", "--webhook"],
        env=_env(tmp_path, "http://127.0.0.1:9"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "CONCIERGE_PUBLIC_URL" in lines[0], done.stderr
    assert "Traceback" not in done.stderr


async def test_a_killed_webhook_instance_gets_what_it_missed_after_a_restart(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """Registered, answering, killed with SIGKILL; a message sent while it is down is delivered
    once it is back; SIGTERM then stops it with the database closed."""
    port = free_port()
    public = f"http://127.0.0.1:{port}"
    env = _env(
        tmp_path, sandbox.root_url, CONCIERGE_WEB_PORT=str(port), CONCIERGE_PUBLIC_URL=public
    )
    alice = sandbox.user(6001, "小李", language_code="zh-hans")

    first = await _spawn(env)
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

    second = await _spawn(env)
    try:
        await sandbox.wait_for_message(alice.id, after=asked.message_id, timeout=HANG_GUARD)
        await sandbox.wait_for(lambda: not sandbox.pending_updates, HANG_GUARD)
    finally:
        second.send_signal(signal.SIGTERM)
        assert await _ended(second) == 0
    _closed_with_an_empty_inbox(tmp_path / "concierge.db")


def _closed_with_an_empty_inbox(db: Path) -> None:
    """The last connection closed (no write-ahead log left), nothing waits in the inbox."""
    assert not Path(f"{db}-wal").exists()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM webhook_inbox").fetchone() == (0,)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
