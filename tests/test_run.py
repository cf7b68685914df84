"""`concierge run` as an operator meets it: a start that fails ends with one line and an exit
status (2 configuration, 3 Bot API, 4 storage), and any number of stop signals end it with the
database closed. Each test runs the real command in a subprocess, against the sandbox, a closed
port or a bad file; the timeouts only guard against a hang, they measure nothing.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.devtools.sandbox import Sandbox
from bot.devtools.sandbox.ptb import SANDBOX_TOKEN

HANG_GUARD = 30.0
SAMPLE = Path(__file__).parents[1] / "bot" / "data" / "sample-community.toml"


@dataclass
class Ended:
    """How the command ended."""

    code: int
    stderr: str

    @property
    def last_line(self) -> str:
        lines = self.stderr.strip().splitlines()
        return lines[-1] if lines else ""

    def assert_one_line_explains(self, start: str) -> None:
        """No traceback; the last line explains; anything above it is a one-line log record."""
        assert "Traceback" not in self.stderr, self.stderr
        assert self.last_line.startswith(f"concierge: {start}"), self.stderr
        for line in self.stderr.strip().splitlines()[:-1]:
            assert " INFO " in line or " WARNING " in line, self.stderr


def _env(tmp_path: Path, api_url: str, **changes: str) -> dict[str, str]:
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": SANDBOX_TOKEN,
        "CONCIERGE_SECRET_KEY": "Xq7-pL2vN9sK4mR8tW1yB6cD",
        "CONCIERGE_DB": str(tmp_path / "concierge.db"),
        "TELEGRAM_API_URL": api_url,
        "CONCIERGE_WEB_PORT": "0",
    }
    env.pop("CONCIERGE_COMMUNITY", None)
    env.update(changes)
    return env


async def _spawn(env: dict[str, str], *options: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "run",
        *options,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )


async def _ended(process: asyncio.subprocess.Process) -> Ended:
    """Wait for the command to end; a hang is killed and fails the test."""
    assert process.stderr is not None
    try:
        stderr = await asyncio.wait_for(process.stderr.read(), HANG_GUARD)
        code = await asyncio.wait_for(process.wait(), HANG_GUARD)
    except TimeoutError:
        process.kill()
        await process.wait()
        raise AssertionError(f"concierge run did not end within {HANG_GUARD:.0f} s") from None
    return Ended(code, stderr.decode("utf-8", "replace"))


async def _run(env: dict[str, str]) -> Ended:
    return await _ended(await _spawn(env))


def _closed_port() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


async def _polling(sb: Sandbox) -> None:
    await sb.wait_for(lambda: bool(sb.calls("getUpdates")) and sb.state.polling > 0, HANG_GUARD)


def _closed_cleanly(db: Path) -> None:
    """The last connection closed: SQLite removed the write-ahead log, and the file is sound."""
    assert db.exists() and not Path(f"{db}-wal").exists()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


async def test_unreachable_bot_api_is_retried_then_exit_3(tmp_path: Path) -> None:
    ended = await _run(_env(tmp_path, _closed_port()))
    assert ended.code == 3, ended.stderr
    ended.assert_one_line_explains("cannot reach the Bot API at http://127.0.0.1:")
    assert ended.stderr.count("retrying") >= 2


async def test_missing_database_folder_is_exit_4(tmp_path: Path) -> None:
    env = _env(tmp_path, _closed_port(), CONCIERGE_DB=str(tmp_path / "nope" / "c.db"))
    ended = await _run(env)
    assert ended.code == 4, ended.stderr
    ended.assert_one_line_explains(f"database {tmp_path / 'nope' / 'c.db'}: folder ")
    assert "does not exist" in ended.last_line


async def test_a_file_that_is_not_a_database_is_exit_4(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is a spreadsheet, honestly" * 200)
    ended = await _run(_env(tmp_path, _closed_port(), CONCIERGE_DB=str(junk)))
    assert ended.code == 4, ended.stderr
    ended.assert_one_line_explains(f"database {junk}: file is not a database")


async def test_community_file_not_utf8_is_exit_2(tmp_path: Path) -> None:
    community = tmp_path / "community.toml"
    community.write_bytes(SAMPLE.read_text("utf-8").encode("gb18030"))
    ended = await _run(_env(tmp_path, _closed_port(), CONCIERGE_COMMUNITY=str(community)))
    assert ended.code == 2, ended.stderr
    assert ended.stderr.strip() == ended.last_line
    ended.assert_one_line_explains(f"community file {community}: not UTF-8")


async def test_a_5xx_that_persists_at_start_is_exit_3_and_storage_is_closed(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    sandbox.faults.add(method="setMyCommands", kind="500", times=1000)
    ended = await _run(_env(tmp_path, sandbox.root_url))
    assert ended.code == 3, ended.stderr
    ended.assert_one_line_explains(f"cannot reach the Bot API at {sandbox.root_url}")
    assert "Internal Server Error" in ended.last_line
    _closed_cleanly(tmp_path / "concierge.db")


async def test_a_brief_5xx_at_start_is_retried_then_sigterm_exits_0(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    sandbox.faults.add(method="setMyCommands", kind="500", times=2)
    process = await _spawn(_env(tmp_path, sandbox.root_url))
    await _polling(sandbox)
    process.send_signal(signal.SIGTERM)
    ended = await _ended(process)
    assert ended.code == 0, ended.stderr
    assert "Traceback" not in ended.stderr
    _closed_cleanly(tmp_path / "concierge.db")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
async def test_two_stop_signals_at_once_still_stop_with_storage_closed(
    sandbox: Sandbox, tmp_path: Path, signum: signal.Signals
) -> None:
    process = await _spawn(_env(tmp_path, sandbox.root_url))
    await _polling(sandbox)
    process.send_signal(signum)
    await asyncio.sleep(0.005)
    process.send_signal(signum)
    ended = await _ended(process)
    assert ended.code == 0, ended.stderr
    assert "Traceback" not in ended.stderr
    _closed_cleanly(tmp_path / "concierge.db")


async def test_a_stop_signal_while_start_is_retrying_ends_it(tmp_path: Path) -> None:
    process = await _spawn(_env(tmp_path, _closed_port()))
    assert process.stderr is not None
    line = b"-"
    while line and b"retrying" not in line:
        line = await asyncio.wait_for(process.stderr.readline(), HANG_GUARD)
    assert b"retrying" in line, "start was not retried"
    for _ in range(3):
        process.send_signal(signal.SIGTERM)
    ended = await _ended(process)
    assert ended.code == 0, ended.stderr
    assert "Traceback" not in ended.stderr


async def test_polling_failures_are_one_line_each(sandbox: Sandbox, tmp_path: Path) -> None:
    """A 5xx or a dropped connection answering getUpdates is routine (polling
    tries again): python-telegram-bot logged each with a traceback (found by the fault
    campaign). Now one warning line each, and the bot goes on polling."""
    process = await _spawn(_env(tmp_path, sandbox.root_url))
    await _polling(sandbox)
    for kind in ("500", "drop", "502"):
        sandbox.faults.add(method="getUpdates", kind=kind)  # type: ignore[arg-type]
    await sandbox.press_start(sandbox.user(7001, "居民"))  # ends the long poll in hand
    await sandbox.wait_for(lambda: sandbox.faults.pending == 0, HANG_GUARD)
    await sandbox.wait_for(lambda: not sandbox.pending_updates, HANG_GUARD)
    process.send_signal(signal.SIGTERM)
    ended = await _ended(process)
    assert ended.code == 0, ended.stderr
    assert "Traceback" not in ended.stderr, ended.stderr
    assert ended.stderr.count("Polling failed") >= 3, ended.stderr


async def test_the_dev_clock_is_refused_without_the_dev_flag(tmp_path: Path) -> None:
    """A clock sixty times too fast is one stray variable away from firing every ladder of a
    real community: without CONCIERGE_DEV=1 it is a configuration error."""
    env = _env(tmp_path, _closed_port(), CONCIERGE_DEV_CLOCK="2026-11-28T09:00:00+08:00,0,60")
    env.pop("CONCIERGE_DEV", None)
    ended = await _run(env)
    assert ended.code == 2, ended.stderr
    ended.assert_one_line_explains("CONCIERGE_DEV_CLOCK is a fast clock")


@pytest.mark.parametrize("kind", ["500", "drop", "429"])
async def test_one_failed_delete_webhook_at_start_is_one_line(
    sandbox: Sandbox, tmp_path: Path, kind: str
) -> None:
    """python-telegram-bot logs a failed ``deleteWebhook`` (its start-up call before polling)
    with a traceback before raising it; our retry already says it in one line."""
    sandbox.faults.add(method="deleteWebhook", kind=kind)  # type: ignore[arg-type]
    process = await _spawn(_env(tmp_path, sandbox.root_url))
    await _polling(sandbox)
    process.send_signal(signal.SIGTERM)
    ended = await _ended(process)
    assert ended.code == 0, ended.stderr
    assert "Traceback" not in ended.stderr, ended.stderr
    assert ended.stderr.count("Start failed") == 1, ended.stderr


async def test_a_delete_webhook_that_keeps_failing_is_exit_3_in_one_line_each(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    sandbox.faults.add(method="deleteWebhook", kind="500", times=1000)
    ended = await _run(_env(tmp_path, sandbox.root_url))
    assert ended.code == 3, ended.stderr
    ended.assert_one_line_explains(f"cannot reach the Bot API at {sandbox.root_url}")
    _closed_cleanly(tmp_path / "concierge.db")


async def test_stopping_during_a_long_poll_is_quiet(sandbox: Sandbox, tmp_path: Path) -> None:
    """The last getUpdates python-telegram-bot makes at stop (confirming what was fetched)
    raced the cancelled long poll for the one connection: an intermittent PoolTimeout logged
    with three chained tracebacks. Stopped mid-poll a few times, each stop is quiet."""
    for run in range(5):
        process = await _spawn(_env(tmp_path, sandbox.root_url))
        polls = len(sandbox.calls("getUpdates"))
        await _polling(sandbox)
        await sandbox.wait_for(lambda: sandbox.state.polling > 0, HANG_GUARD)
        await sandbox.wait_for(lambda n=polls: len(sandbox.calls("getUpdates")) > n, HANG_GUARD)
        process.send_signal(signal.SIGTERM)
        ended = await _ended(process)
        assert ended.code == 0, (run, ended.stderr)
        assert "Traceback" not in ended.stderr, (run, ended.stderr)
        assert " ERROR " not in ended.stderr, (run, ended.stderr)


async def _catches_sigterm(pid: int) -> None:
    """Wait until the process has its SIGTERM handler (``SigCgt`` in /proc): the first thing
    ``bot.cli`` does, before it imports the rest of the bot. A fixed sleep raced the
    interpreter's own start on a loaded machine (the signal came before any Python ran)."""
    status = Path(f"/proc/{pid}/status")
    for _ in range(int(HANG_GUARD / 0.002)):
        text = status.read_text()  # noqa: ASYNC240 - /proc is memory, not disk
        fields = dict(line.split(":", 1) for line in text.splitlines())
        if int(fields["SigCgt"].strip(), 16) & (1 << (signal.SIGTERM - 1)):
            return
        await asyncio.sleep(0.002)
    raise AssertionError("concierge run never installed its SIGTERM handler")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("after", [0.0, 0.3])
async def test_a_stop_signal_while_importing_and_migrating_exits_0(
    tmp_path: Path, after: float
) -> None:
    """A SIGTERM before the signal handling was installed killed the process (status -15);
    one right after it is installed (still importing) or during migration ends it with 0."""
    process = await _spawn(_env(tmp_path, _closed_port()))
    await _catches_sigterm(process.pid)
    await asyncio.sleep(after)
    process.send_signal(signal.SIGTERM)
    ended = await _ended(process)
    assert ended.code == 0, ended.stderr
    assert "Traceback" not in ended.stderr, ended.stderr


def test_the_cli_module_imports_only_the_standard_library() -> None:
    """``bot.cli`` installs the stop-signal handling; everything heavy is imported after it, so
    the window in which a SIGTERM kills the process is the interpreter's own start only."""
    heavy = "('telegram', 'aiosqlite', 'bot.app', 'intents')"
    probe = f"import sys, bot.cli; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout
