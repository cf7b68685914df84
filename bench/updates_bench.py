"""Per-update cost, side by side in one process: a bare python-telegram-bot echo bot against
Concierge on each path, both answered by the same in-memory Bot API (:mod:`bench.offline`).

Paths: group chatter the bot stays silent on, a group request (reply quoting the resident with
a private-chat link), a private button press (a catalogue item: starts a draft and ranks the
providers), a private text (a request written in private). Each run times ``ROUNDS`` updates
per path through ``Application.process_update`` and waits until the outbox has delivered every
answer; three runs, the median reported. Ratio = Concierge's updates/s over the echo bot's.

    python -m bench.updates_bench [--rounds N] [--runs N]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import logging
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from telegram import Bot, Update
from telegram.ext import Application, CallbackQueryHandler, ContextTypes, MessageHandler, filters

from bench.checkins_bench import START
from bench.offline import (
    OfflineRequest,
    button_press,
    group_text,
    offline_bot_request,
    private_text,
)
from bot.app import build_application
from bot.clock import FakeClock
from bot.config import RateLimits, Settings, load_community
from bot.devtools.sandbox.ptb import SANDBOX_TOKEN
from bot.domain.people import Role
from bot.runtime import Runtime
from bot.storage import Tx
from handlers.context import ConciergeApp

ROUNDS = 300
RUNS = 3
GROUP_ID = -100_500
RESIDENT_ID = 50_001
STAFF_ID = 1001
FAST = RateLimits(global_per_second=1e6, per_chat_interval=0.0, group_per_minute=1_000_000)
CHATTER = "今天天气真不错，晚上一起去散步吗"
GROUP_REQUEST = "马桶堵了，谁能来通一下"
PRIVATE_REQUEST = "明天上午想找人洗一下油烟机"
ITEM = "range_hood_cleaning"
# Someone works for each provider, and a housekeeper, as if joined by invite (join_crew).
CREW: list[tuple[int, str, Role, str]] = [
    (3001, "赵阿姨", "provider", "jiejia"),
    (3002, "孙师傅", "provider", "kuaixiu"),
    (3003, "王师傅", "provider", "property_team"),
    (2001, "张管家", "housekeeper", "hk_zhang"),
]
PATHS = ("group chatter", "group request", "private button press", "private text")
ISSUE = {  # the figures in the issue, for comparison
    "group chatter": 830.0,
    "group request": 2000.0,
    "private button press": 3100.0,
    "private text": 6300.0,
}
TARGET = {"group chatter": 0.5, "group request": 0.25}
CALLS: dict[str, dict[str, float]] = {}  # Bot API calls per update, by path (last run)
LAST_CPU = [0.0]  # CPU µs per update of the last timed() call
STATEMENTS: dict[str, float] = {}  # SQL statements per update (the sender's included)


@dataclass
class Concierge:
    """A running Concierge (not polling) and what it needs to make updates."""

    app: ConciergeApp
    runtime: Runtime
    request: OfflineRequest
    statements: int = 0  # SQL statements run so far (BEGIN and COMMIT included)
    members: Iterator[int] = field(default_factory=lambda: itertools.count(RESIDENT_ID + 1))

    def count_statements(self) -> None:
        """Count every SQL statement the connection runs."""

        def counted(_sql: str) -> None:
            self.statements += 1

        self.runtime.db.conn.set_trace_callback(counted)

    async def drain(self) -> None:
        """Wait until every queued message went out (polled every millisecond, so the wait
        adds little to the figure; the sender's own drain polls every 20 ms)."""
        while True:
            async with self.runtime.db.read() as tx:
                left = await tx.scalar("SELECT COUNT(*) FROM outbox WHERE status = 'pending'")
            if not left:
                return
            await asyncio.sleep(0.001)

    def updates(self, path: str, n: int) -> list[Update]:
        """`n` fresh updates of one path."""
        bot = self.app.bot
        makers: dict[str, Callable[[], Update]] = {
            "group chatter": lambda: group_text(bot, GROUP_ID, RESIDENT_ID, "小李", CHATTER),
            # Each request from another member: one member's burst is paced (one answer a
            # minute, then quiet), and a paced request is not the answered path measured here.
            "group request": lambda: group_text(
                bot, GROUP_ID, next(self.members), "小王", GROUP_REQUEST
            ),
            "private button press": lambda: button_press(
                bot, RESIDENT_ID, "小李", self.runtime.signer.make("item", ITEM)
            ),
            "private text": lambda: private_text(bot, RESIDENT_ID, "小李", PRIVATE_REQUEST),
        }
        return [makers[path]() for _ in range(n)]


def settings(folder: Path, db_name: str = "bench.db", **changes: Any) -> Settings:
    """Settings for a bench Concierge on the bundled sample community."""
    values: dict[str, Any] = {
        "token": SANDBOX_TOKEN,
        "api_url": "http://offline.invalid",
        "db_path": folder / db_name,
        "community": load_community(),
        "community_path": None,
        "secret_key": "bench-secret-key-0123456789",
        "tick_seconds": 3600.0,
        "rate_limits": FAST,
        "web_port": 0,  # any free port: benches run beside each other and other work
    }
    values.update(changes)
    return Settings(**values)


async def join_crew(runtime: Runtime, tx: Tx) -> None:
    """Someone joins each provider (a provider nobody joined is never offered: the private
    paths would end at "nobody offers this" before any draft)."""
    for telegram_id, name, role, ref in CREW:
        member, _ = await runtime.people.ensure(tx, telegram_id, name)
        await runtime.people.grant(tx, member.id, role, ref)


async def start_concierge(stack: AsyncExitStack, values: Settings, clock: FakeClock) -> Concierge:
    """Build, initialise and post-init Concierge (no polling: updates are fed directly)."""
    request = OfflineRequest()
    app = build_application(values, clock=clock)
    offline_bot_request(app.bot, request)
    await stack.enter_async_context(app)
    assert app.post_init is not None and app.post_stop is not None
    await app.post_init(app)
    post_stop = app.post_stop
    stack.push_async_callback(post_stop, app)
    runtime: Runtime = app.bot_data.runtime
    async with runtime.db.tx() as tx:
        await runtime.groups.bind(tx, GROUP_ID, "业主群", STAFF_ID)
        await runtime.people.ensure(tx, RESIDENT_ID, "小李")
        await join_crew(runtime, tx)
    concierge = Concierge(app, runtime, request)
    concierge.count_statements()
    return concierge


async def _echo(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is not None and message.text:
        await message.reply_text(message.text)


async def _press(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.callback_query is not None
    await update.callback_query.answer()


async def start_echo(stack: AsyncExitStack) -> Application[Any, Any, Any, Any, Any, Any]:
    """The floor: a bare python-telegram-bot bot that echoes text and answers presses."""
    request = OfflineRequest()
    app = (
        Application.builder()
        .token(SANDBOX_TOKEN)
        .request(request)
        .get_updates_request(request)
        .updater(None)
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, _echo))
    app.add_handler(CallbackQueryHandler(_press))
    await stack.enter_async_context(app)
    return app


async def timed(
    app: Application[Any, Any, Any, Any, Any, Any], updates: list[Update], drain: Any = None
) -> float:
    """Microseconds per update: process every update, then wait for what they sent. The CPU
    time of the process (every thread) per update is left in ``LAST_CPU``: on a shared machine
    it moves less than the wall clock."""
    began, cpu = time.perf_counter(), time.process_time()
    for update in updates:
        await app.process_update(update)
    if drain is not None:
        await drain()
    LAST_CPU[0] = (time.process_time() - cpu) * 1e6 / len(updates)
    return (time.perf_counter() - began) * 1e6 / len(updates)


async def one_run(rounds: int) -> dict[str, float]:
    """One run: each Concierge path right after the echo bot (so a change in the machine's
    load hits both alike); µs/update by name, the echo bot's as ``echo <path>``."""
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="concierge-bench-") as folder:
        async with AsyncExitStack() as stack:
            echo = await start_echo(stack)
            bot: Bot = echo.bot
            await timed(echo, [private_text(bot, RESIDENT_ID, "小李", CHATTER) for _ in range(20)])
            concierge = await start_concierge(stack, settings(Path(folder)), FakeClock(START))
            for path in PATHS:
                texts = [group_text(bot, GROUP_ID, RESIDENT_ID, "小李", CHATTER)] * rounds
                figures[f"echo {path}"] = await timed(echo, texts)
                figures[f"echo cpu {path}"] = LAST_CPU[0]
                await timed(concierge.app, concierge.updates(path, 20), concierge.drain)
                updates = concierge.updates(path, rounds)
                before, statements = dict(concierge.request.calls), concierge.statements
                figures[path] = await timed(concierge.app, updates, concierge.drain)
                figures[f"cpu {path}"] = LAST_CPU[0]
                STATEMENTS[path] = (concierge.statements - statements) / rounds
                CALLS[path] = {
                    k: (v - before.get(k, 0)) / rounds
                    for k, v in concierge.request.calls.items()
                    if v != before.get(k, 0)
                }
    return figures


def report(runs: list[dict[str, float]]) -> dict[str, float]:
    """Print per path the median over the runs of µs/update (wall clock and CPU) and of the
    ratio to the echo bot measured just before it; return the medians."""
    medians: dict[str, float] = {}
    head = f"{'path':<22} {'wall µs':>8} {'runs':>26} {'echo':>5} {'ratio':>7}"
    print(head + f" {'cpu µs':>7} {'echo':>5} {'ratio':>7} {'target':>7} {'issue µs':>9}")
    for name in PATHS:
        for kind in ("", "cpu "):
            mine = [run[f"{kind}{name}"] for run in runs]
            echo = [run[f"echo {kind}{name}"] for run in runs]
            medians[f"{kind}{name}"] = statistics.median(mine)
            medians[f"{kind}echo {name}"] = statistics.median(echo)
            ratios = [e / m for e, m in zip(echo, mine, strict=True)]
            medians[f"{kind}ratio {name}"] = statistics.median(ratios)
        each = " ".join(f"{run[name]:8.0f}" for run in runs)
        print(
            f"{name:<22} {medians[name]:8.0f} {each:>26} {medians[f'echo {name}']:5.0f}"
            f" {medians[f'ratio {name}']:6.3f}× {medians[f'cpu {name}']:7.0f}"
            f" {medians[f'cpu echo {name}']:5.0f} {medians[f'cpu ratio {name}']:6.3f}×"
            f" {TARGET.get(name, 0.2):6.2f}× {ISSUE[name]:9.0f}"
        )
    for name in PATHS:
        calls = ", ".join(f"{k} {v:.1f}" for k, v in sorted(CALLS.get(name, {}).items()))
        statements = STATEMENTS.get(name, float("nan"))
        print(f"  {name}: SQL statements {statements:.1f}; Bot API calls {calls or 'none'}")
    return medians


def main(argv: list[str] | None = None) -> None:
    """Run the side-by-side benchmark and print µs/update and ratios."""
    parser = argparse.ArgumentParser(prog="python -m bench.updates_bench")
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--runs", type=int, default=RUNS)
    if argv is None:
        argv = sys.argv[1:] if __name__ == "__main__" else []
    args = parser.parse_args(argv)
    logging.getLogger().setLevel(logging.ERROR)
    runs = [asyncio.run(one_run(args.rounds)) for _ in range(args.runs)]
    print(f"per-update cost, {args.rounds} updates per path, {args.runs} runs (median shown)")
    report(runs)


if __name__ == "__main__":
    main()
