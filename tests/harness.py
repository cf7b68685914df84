"""A running Concierge against the sandbox, for tests: real Application, real SQLite file.

The clock is a FakeClock moved by the test; :meth:`Harness.advance` moves it and wakes the
deadline runner the same way the scheduler does, so ladders and reminders run in milliseconds
without sleeping.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.app import build_application, running
from bot.clock import FakeClock
from bot.config import Community, RateLimits, Settings, load_community
from bot.devtools.sandbox import Sandbox, SandboxChat, SandboxMessage, SandboxUser
from bot.devtools.sandbox.ptb import SANDBOX_TOKEN
from bot.devtools.sandbox.server import WAIT
from bot.runtime import Runtime
from bot.storage.dialect import is_postgres
from handlers.context import ConciergeApp

SHANGHAI = ZoneInfo("Asia/Shanghai")
# A Saturday morning: 2026-11-28 08:00 in Shanghai.
START = datetime(2026, 11, 28, 8, 0, tzinfo=SHANGHAI)
STAFF_ID = 1001
FAST_LIMITS = RateLimits(global_per_second=10_000, per_chat_interval=0.0, group_per_minute=10_000)


def make_settings(
    sb: Sandbox, db_path: Path | str, community: Community | None = None, **overrides: object
) -> Settings:
    """Settings pointing at the sandbox, with a fast tick and relaxed flood limits."""
    values: dict[str, object] = {
        "token": SANDBOX_TOKEN,
        "api_url": sb.root_url,
        "db_path": db_path,
        "community": community or load_community(),
        "community_path": None,
        "secret_key": "test-secret-key-0123456789",
        "tick_seconds": 0.05,
        "rate_limits": FAST_LIMITS,
        "web_port": 0,  # the console on a free port: suites side by side never share 8080
    }
    values.update(overrides)
    if is_postgres(db_path):  # the `store` fixture's PostgreSQL half
        values["db_url"], values["db_path"] = str(db_path), Path("concierge.db")
    return Settings(**values)  # type: ignore[arg-type]


class Harness:
    """The bot, the sandbox and the clock, with helpers that read like what people do."""

    def __init__(self, sb: Sandbox, settings: Settings, clock: FakeClock) -> None:
        self.sb = sb
        self.settings = settings
        self.clock = clock
        self.app: ConciergeApp | None = None
        self.staff = sb.user(STAFF_ID, "刘主任", language_code="zh-hans")

    @property
    def runtime(self) -> Runtime:
        """The running bot's runtime."""
        assert self.app is not None, "the bot is not running"
        runtime: Runtime = self.app.bot_data.runtime
        return runtime

    @asynccontextmanager
    async def running(self) -> AsyncIterator[Harness]:
        """Run the bot (long polling against the sandbox) for the duration of the block."""
        self.app = build_application(self.settings, clock=self.clock)
        try:
            async with running(self.app):
                yield self
        finally:
            self.app = None

    def with_settings(self, **changes: object) -> None:
        """Change settings for the next start (e.g. another community file)."""
        self.settings = replace(self.settings, **changes)  # type: ignore[arg-type]

    # -- people ----------------------------------------------------------------------------

    def person(self, user_id: int, name: str, language: str = "zh-hans") -> SandboxUser:
        """Someone in the sandbox."""
        return self.sb.user(user_id, name, language_code=language)

    async def say(
        self, user: SandboxUser, text: str, chat: SandboxChat | None = None
    ) -> SandboxMessage:
        """The person writes text (privately by default)."""
        return await self.sb.send(user, text, chat=chat)

    async def ask(
        self, user: SandboxUser, text: str, *, contains: str | None = None, timeout: float = WAIT
    ) -> SandboxMessage:
        """The person writes privately (once the bot is quiet); return the bot's next reply."""
        await self.sb.wait_idle(quiet=0.05)
        sent = await self.sb.send(user, text)
        return await self.sb.wait_for_message(
            user.id, contains=contains, after=sent.message_id, timeout=timeout
        )

    async def group(self, chat_id: int = -1001, title: str = "香溪美地业主群") -> SandboxChat:
        """A group the bot was added to and staff bound."""
        chat = self.sb.group(chat_id, title, admins=[self.staff])
        await self.sb.add_bot_to_group(self.staff, chat)
        await self.sb.wait_for_message(chat.id, contains="/bind")
        bind = await self.sb.send(self.staff, "/bind", chat=chat)
        await self.sb.wait_for_message(chat.id, after=bind.message_id)
        return chat

    async def join(self, user: SandboxUser, role: str, ref: str = "") -> SandboxMessage:
        """Staff invites the person to a role and the person opens the link."""
        await self.settle_staff()
        link = await self.ask(self.staff, f"/invite {role} {ref}".strip())
        url = next(b["url"] for b in link.buttons if "url" in b)
        token = url.rsplit("start=", 1)[1]
        started = await self.sb.press_start(user, token)
        return await self.sb.wait_for_message(user.id, after=started.message_id)

    async def settle_staff(self) -> None:
        """Make sure staff has opened a private chat with the bot."""
        if not self.sb.state.messages.get(self.staff.id):
            started = await self.sb.press_start(self.staff)
            await self.sb.wait_for_message(self.staff.id, after=started.message_id)
            # The welcome is out, so the rest of that update is in the outbox: send it, then a
            # short quiet spell (as ask() does) instead of a 0.2 s one per story.
            assert self.runtime.sender is not None
            await self.runtime.sender.drain()
            await self.sb.wait_idle(quiet=0.05)

    # -- time ------------------------------------------------------------------------------

    async def advance(self, delta: timedelta) -> None:
        """Move time forward and let the bot act on whatever fell due."""
        self.clock.advance(delta)
        await self.runtime.plan()
        await self.runtime.tick()
