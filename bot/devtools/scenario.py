"""A running bot inside an in-process sandbox, shared by `concierge demo` and `concierge shell`.

It runs the real Application against the sandbox over HTTP, on a throw-away database, with a
clock the script can move, and prints every event as a transcript line as it happens.
"""

from __future__ import annotations

import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path

from bot.app import build_application, running
from bot.clock import FakeClock
from bot.config import RateLimits, Settings, load_community, web_settings
from bot.devtools.sandbox import (
    Sandbox,
    SandboxChat,
    SandboxEvent,
    SandboxMessage,
    SandboxUser,
    render_event,
)
from bot.devtools.sandbox.ptb import SANDBOX_TOKEN
from bot.i18n.fmt import day
from bot.runtime import Runtime

DEMO_LIMITS = RateLimits(global_per_second=1000, per_chat_interval=0.0, group_per_minute=1000)


@dataclass
class Scenario:
    """The sandbox, the running bot's runtime and the clock."""

    sb: Sandbox
    runtime: Runtime
    clock: FakeClock

    async def settle(self) -> None:
        """Wait until the bot has finished answering."""
        await self.sb.wait_idle(quiet=0.15, timeout=15)
        assert self.runtime.sender is not None
        await self.runtime.sender.drain()
        await self.sb.wait_idle(quiet=0.1, timeout=15)

    async def say(
        self, user: SandboxUser, text: str, chat: SandboxChat | None = None
    ) -> SandboxMessage:
        """Someone writes; wait for the bot to finish answering."""
        message = await self.sb.send(user, text, chat=chat)
        await self.settle()
        return message

    async def press(self, user: SandboxUser, message: SandboxMessage, button: int | str) -> None:
        """Someone presses a button; wait for the bot to finish answering."""
        await self.sb.press(user, message, button)
        await self.settle()

    async def scene(self, title: str, *, after: timedelta | None = None) -> None:
        """Print a scene heading stamped with the community time it happens at.

        With ``after``, time passes first by that much (whatever falls due is printed under the
        heading), so the stamp always tells the truth.
        """
        at = self.runtime.local_now() + (after or timedelta(0))
        stamp = f"{day(at, 'zh')} {at:%H:%M}"
        heading = f"── {stamp} · {title} "
        print(f"\n{heading}" + "─" * max(0, 72 - len(heading)))
        if after:
            await self.advance(after)

    def until(self, hour: int, minute: int = 0, *, days: int = 0) -> timedelta:
        """How long until hour:minute, `days` days from today (community time); 0 if past."""
        now = self.runtime.local_now()
        target = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
        return max(target + timedelta(days=days) - now, timedelta(0))

    async def advance(
        self, delta: timedelta, stamp: Callable[[datetime], None] | None = None
    ) -> None:
        """Let time pass as it would for a bot that keeps running (:func:`walk_time`), each
        stop stamped with its local time by ``stamp`` before the bot acts."""
        await walk_time(self.runtime, self.clock, delta, self.settle, stamp)

    def last_from_bot(self, chat_id: int) -> SandboxMessage:
        """The bot's latest message in a chat."""
        return self.sb.sent(chat_id)[-1]

    async def tap(self, user: SandboxUser, label: str) -> None:
        """Press the newest button in the user's private chat whose label starts with label."""
        for message in reversed(self.sb.sent(user.id)):
            for index, text in enumerate(message.button_texts):
                if text.startswith(label):
                    await self.press(user, message, index)
                    return
        raise RuntimeError(f"no {label!r} button in the private chat of {user.name}")

    async def follow_link(self, user: SandboxUser, chat_id: int) -> None:
        """The person taps the t.me deep link on the bot's latest message in a chat."""
        link = next(b["url"] for b in self.last_from_bot(chat_id).buttons if "url" in b)
        await self.say(user, f"/start {link.rsplit('start=', 1)[1]}")

    async def invite(self, staff: SandboxUser, user: SandboxUser, role: str, ref: str) -> None:
        """Staff create a one-time invite link; the person opens it."""
        await self.say(staff, f"/invite {role} {ref}")
        await self.follow_link(user, staff.id)


async def walk_time(
    runtime: Runtime,
    clock: FakeClock,
    delta: timedelta,
    settle: Callable[[], Awaitable[None]],
    stamp: Callable[[datetime], None] | None = None,
) -> None:
    """Move a fake clock forward as time passes for a bot that keeps running, letting it act
    on what fell due, each thing at its own time.

    The clock stops at every deadline on the way (and at each local midnight, when the planner
    plans a new day), so a ping is sent at its check-in time and its ladder runs from there:
    jumping straight to the end would make the bot look as if it had been down the whole time
    (late pings, "系统刚恢复" notes). ``settle`` waits for the bot to finish at each stop;
    ``stamp`` is called with the local time before the bot acts at each stop on the way.
    """
    target = clock.now() + delta
    while True:
        await runtime.plan()
        stop = min(target, await _next_stop(runtime, clock))
        if stop > clock.now():
            clock.advance(stop - clock.now())
        if stamp is not None and stop < target:
            stamp(runtime.local_now())
        await runtime.plan()
        await runtime.tick()
        await settle()
        if clock.now() >= target:
            return


async def _next_stop(runtime: Runtime, clock: FakeClock) -> datetime:
    """The next moment the bot would act: its next deadline or the next local midnight, at
    least a second on (a deadline that stays pending can never stall the walk)."""
    local = runtime.local_now()
    midnight = datetime.combine(local.date() + timedelta(days=1), time(), tzinfo=local.tzinfo)
    due = await runtime.deadlines.next_due()
    soonest = clock.now() + timedelta(seconds=1)
    return max(midnight if due is None else min(due, midnight), soonest)


@asynccontextmanager
async def scenario(
    start: datetime,
    printer: Callable[[str], None] | None = print,
    env: Mapping[str, str] | None = None,
) -> AsyncIterator[Scenario]:
    """Start a sandbox and the bot on a fresh database, printing the transcript live.

    The console listens where ``env``'s CONCIERGE_WEB_HOST / _PORT / CONCIERGE_PUBLIC_URL say
    (the shell passes the environment, so staff reach it where they expect); without them, on
    a free port, so a demo never fights for 8080."""
    clock = FakeClock(start)
    with tempfile.TemporaryDirectory(prefix="concierge-demo-") as folder:
        async with Sandbox(bot_username="xiangxi_concierge_bot") as sb:
            if printer is not None:

                def show(event: SandboxEvent) -> None:
                    if event.kind in (
                        "bot_message",
                        "edit",
                        "user_message",
                        "press",
                        "callback_answer",
                    ):
                        printer("  " + render_event(event).replace("\n", "\n      "))

                sb.on_event(show)
            settings = Settings(
                token=SANDBOX_TOKEN,
                api_url=sb.root_url,
                db_path=Path(folder) / "demo.db",
                community=load_community(),
                community_path=None,
                secret_key="demo-secret-key-not-for-production",
                tick_seconds=0.1,
                rate_limits=DEMO_LIMITS,
                **web_settings(env or {}, default_port=0),
            )
            app = build_application(settings, clock=clock)
            async with running(app):
                yield Scenario(sb, app.bot_data.runtime, clock)
