"""Check-in pings at scale: N elders with the same check-in minute, against a sandbox that
enforces Telegram's flood limits, with the bot's default rate limits (30 messages/s overall).

Reports the time from the check-in minute until every ping was delivered, the number of 429
answers (must be 0) and the physical minimum at 30 messages/s. 10,000 elders take about 333 s
at that rate, so the default run uses 1,000 and extrapolates; ``--elders 10000`` runs it all.

    python -m bench.checkins_bench [--elders N] [--rate MSG_PER_S]

``--rate 300`` raises the overall limit tenfold on both sides (the sandbox's flood limit and the
bot's ``RateLimits``): then the line is no longer the bottleneck unless the bot is, and the
efficiency says which. The sandbox serves HTTP in the same process and event loop, so its own
cost is counted against the bot's.

Measured on the development machine: 1,000 elders delivered in 33.4 s (minimum 33.3 s);
10,000 in 353.9 s (minimum 333.3 s, 94 % of the line rate); no 429s in either run.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.app import build_application, running
from bot.clock import FakeClock
from bot.config import RateLimits, Settings, load_community
from bot.devtools.sandbox import Sandbox
from bot.devtools.sandbox.faults import FloodLimits
from bot.devtools.sandbox.ptb import SANDBOX_TOKEN
from bot.runtime import Runtime

DEFAULT_ELDERS = 1_000
FULL_ELDERS = 10_000
START = datetime(2026, 11, 28, 8, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
FIRST_ID = 10_000_000
TELEGRAM_RATE = 30.0  # messages/s overall, Telegram's limit


def community_text(elders: int) -> str:
    """A community whose elders all check in at 08:30."""
    head = """
[community]
name_zh = "压测小区"
name_en = "Load Test"

[[staff]]
telegram_id = 1001
name = "刘主任"

[[housekeepers]]
key = "hk_zhang"
name = "张管家"
buildings = ["1"]
"""
    rows = [
        f'[[elders]]\nkey = "e{i}"\nname = "老人{i}"\ncheckin_times = ["08:30"]\n'
        f'grid_worker = "hk_zhang"\n'
        for i in range(elders)
    ]
    return head + "\n".join(rows)


async def _seed(runtime: Runtime, elders: int) -> None:
    """Give every elder a Telegram account (as the invite flow would)."""
    async with runtime.db.tx() as tx:
        for i in range(elders):
            person, _ = await runtime.people.ensure(tx, FIRST_ID + i, f"老人{i}")
            await runtime.people.grant(tx, person.id, "elder", f"e{i}")


async def _delivered(sb: Sandbox, seen: int, elders: int, timeout: float) -> None:
    """Wait until every elder got a message, reading only the calls made since the last look
    (every 10 ms): the wait must cost the bench little, or it measures itself."""
    calls, waiting = sb.state.calls, {FIRST_ID + i for i in range(elders)}
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while waiting:
        for call in calls[seen:]:
            if call.method == "sendMessage" and call.ok:
                waiting.discard(int(call.params.get("chat_id", 0)))
        seen = len(calls)
        if loop.time() > deadline:
            raise AssertionError(f"{len(waiting)} elders got no ping within {timeout:.0f} s")
        await asyncio.sleep(0.01)


async def run(elders: int, rate: float = TELEGRAM_RATE) -> dict[str, float]:
    """Deliver one morning's pings to `elders` elders at `rate` messages/s overall (on both
    sides); return the figures."""
    clock = FakeClock(START)
    flood = FloodLimits(overall_per_second=rate)
    with tempfile.TemporaryDirectory(prefix="concierge-bench-") as folder:
        async with Sandbox(
            bot_username="bench_bot", enforce_flood_limits=True, flood_limits=flood
        ) as sb:
            for i in range(elders):  # each elder has opened a chat with the bot
                sb.private_chat(sb.user(FIRST_ID + i, f"老人{i}"))
            settings = Settings(
                token=SANDBOX_TOKEN,
                api_url=sb.root_url,
                db_path=Path(folder) / "bench.db",
                community=load_community(text=community_text(elders)),
                community_path=None,
                secret_key="bench-secret-key-0123456789",
                tick_seconds=0.05,
                rate_limits=RateLimits(global_per_second=rate),
                web_port=0,  # any free port: benches run beside each other and other work
            )
            app = build_application(settings, clock=clock)
            async with running(app):
                runtime: Runtime = app.bot_data.runtime
                await _seed(runtime, elders)
                assert runtime.sender is not None
                await runtime.sender.drain()
                before = len(sb.state.calls)
                clock.advance(timedelta(minutes=30))
                began, cpu = time.perf_counter(), time.process_time()
                await runtime.tick()
                await _delivered(sb, before, elders, timeout=elders / 10 + 120)
                elapsed = time.perf_counter() - began
                cpu = time.process_time() - cpu
                calls = [c for c in sb.state.calls[before:] if c.method == "sendMessage"]
                too_many = sum(1 for c in calls if c.error_code == 429)
    return {
        "elders": elders,
        "seconds": elapsed,
        "cpu": cpu,
        "429s": too_many,
        "minimum": elders / rate,
    }


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(prog="python -m bench.checkins_bench")
    parser.add_argument("--elders", type=int, default=DEFAULT_ELDERS)
    parser.add_argument("--rate", type=float, default=TELEGRAM_RATE)
    logging.getLogger("apscheduler").setLevel(logging.ERROR)
    if argv is None:  # `python -m bench` passes module names in sys.argv: use the defaults
        argv = sys.argv[1:] if __name__ == "__main__" else []
    args = parser.parse_args(argv)
    figures = asyncio.run(run(args.elders, args.rate))
    n = int(figures["elders"])
    seconds, minimum = figures["seconds"], figures["minimum"]
    rate = args.rate
    print(f"check-in pings, {n} elders at the same minute, limit {rate:g} msg/s on both sides")
    print(f"  all delivered after   {seconds:8.1f} s")
    print(
        f"  physical minimum      {minimum:8.1f} s  ({n} / {rate:g} msg/s; the first"
        f" ~{rate:g} go as a burst)"
    )
    print(f"  efficiency            {minimum / seconds:8.1%}")
    print(f"  429 answers           {int(figures['429s']):8d}")
    cpu_ms = figures["cpu"] * 1000 / n
    print(
        f"  CPU per ping          {cpu_ms:8.2f} ms (bot and sandbox, one process: at most"
        f" {1000 / cpu_ms:,.0f} msg/s on one free core)"
    )
    if n != FULL_ELDERS:
        scaled = seconds * FULL_ELDERS / n
        print(
            f"  extrapolated to {FULL_ELDERS:,}: {scaled:.0f} s "
            f"(minimum {FULL_ELDERS / rate:.0f} s) — measured with N={n}, run with --elders "
            f"{FULL_ELDERS} for the full figure"
        )


if __name__ == "__main__":
    main()
