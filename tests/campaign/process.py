"""`concierge run` as a real process for the fault campaign: started, SIGKILLed, started again.

The process runs the production entry point (``python -m bot.cli run``) against the in-test
sandbox, a temporary SQLite file and the campaign's community file, with the dev clock
(:class:`bot.clock.ScaledClock`) so that ladders and offer windows fall due within seconds, the
same across restarts. Its stderr is kept whole (every run appended) to be scanned for tracebacks.
After each kill the database file is checked with ``PRAGMA integrity_check``.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from bot.clock import ScaledClock
from bot.devtools.sandbox import Sandbox
from bot.devtools.sandbox.ptb import SANDBOX_TOKEN

ROOT = Path(__file__).resolve().parents[2]
STOP_GUARD = 30.0  # a graceful stop that takes longer is a hang (it fails the campaign)


@dataclass
class Downtime:
    """From a kill (real wall time) to the next time the bot polled again."""

    start: float
    end: float | None = None


@dataclass
class BotProcess:
    """One bot at a time; kills, restarts and what they left behind."""

    sb: Sandbox
    db_path: Path | str  # a SQLite file, or a postgresql:// URL (several instances share it)
    community: Path
    clock: ScaledClock
    stderr_path: Path
    kills: int = 0
    starts: int = 0
    exits: list[int] = field(default_factory=list)  # statuses of runs that ended by themselves
    integrity: list[str] = field(default_factory=list)  # PRAGMA integrity_check after each kill
    downtimes: list[Downtime] = field(default_factory=list)
    # More of the environment, e.g. webhook mode's port, public URL and instance name.
    extra_env: dict[str, str] = field(default_factory=dict)
    options: tuple[str, ...] = ()  # after `concierge run`, e.g. ("--webhook",)
    _process: asyncio.subprocess.Process | None = None
    _watch: asyncio.Future[None] | None = None

    def env(self) -> dict[str, str]:
        """The environment an operator would set, plus the dev clock (and its dev flag)."""
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "TELEGRAM_BOT_TOKEN": SANDBOX_TOKEN,
            "CONCIERGE_SECRET_KEY": "Xq7-pL2vN9sK4mR8tW1yB6cD",
            "CONCIERGE_DB": str(self.db_path),
            "CONCIERGE_COMMUNITY": str(self.community),
            "TELEGRAM_API_URL": self.sb.root_url,
            "CONCIERGE_DEV": "1",
            "CONCIERGE_DEV_CLOCK": self.clock.spec(),
            **self.extra_env,
        }
        return env

    async def start(self) -> None:
        """Start `concierge run` (stderr appended to the campaign's log)."""
        with self.stderr_path.open("ab") as log:
            self._process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot.cli",
                "run",
                *self.options,
                cwd=ROOT,
                env=self.env(),
                stdout=asyncio.subprocess.DEVNULL,
                stderr=log,
            )
        self.starts += 1

    @property
    def alive(self) -> bool:
        """Whether the process is running."""
        return self._process is not None and self._process.returncode is None

    async def reap(self) -> None:
        """A run that ended by itself (a start that gave up) is noted; a supervisor restarts it."""
        if self._process is not None and self._process.returncode is not None:
            self.exits.append(self._process.returncode)
            self._process = None
            await self.start()

    async def kill(self) -> None:
        """SIGKILL, then check the database file as the next start will find it."""
        if self._process is None:
            return
        if self._process.returncode is None:
            self._process.send_signal(signal.SIGKILL)
            await self._process.wait()
            self.kills += 1
            self.downtimes.append(Downtime(time.time()))
        else:
            self.exits.append(self._process.returncode)
        self._process = None
        self.integrity.append(self.check_integrity())

    async def restart(self) -> None:
        """Start again; the downtime ends when the new process polls."""
        calls = len(self.sb.calls("getUpdates"))
        await self.start()
        if self.options:  # webhook mode: no polling to see it back by
            return
        if self.downtimes and self.downtimes[-1].end is None:
            self._watch = asyncio.ensure_future(self._mark_up(self.downtimes[-1], calls))

    async def _mark_up(self, down: Downtime, calls: int) -> None:
        await self.sb.wait_for(lambda: len(self.sb.calls("getUpdates")) > calls, STOP_GUARD)
        down.end = time.time()

    async def stop(self) -> int:
        """SIGTERM, as a supervisor stops it; the exit status (0 expected)."""
        assert self._process is not None
        self._process.send_signal(signal.SIGTERM)
        try:
            code = await asyncio.wait_for(self._process.wait(), STOP_GUARD)
        except TimeoutError:
            self._process.kill()
            await self._process.wait()
            raise AssertionError("concierge run did not stop on SIGTERM") from None
        self._process = None
        return code

    def check_integrity(self) -> str:
        """``PRAGMA integrity_check`` of the file (with its write-ahead log) as it was left."""
        if not isinstance(self.db_path, Path):
            return "ok"  # PostgreSQL: the server keeps its own files sound
        if not self.db_path.exists():
            return "ok"  # killed before the database was created
        conn = sqlite3.connect(self.db_path, timeout=10)
        try:
            return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
        finally:
            conn.close()

    def stderr(self) -> str:
        """Everything every run wrote to stderr."""
        return self.stderr_path.read_text("utf-8", "replace") if self.stderr_path.exists() else ""
