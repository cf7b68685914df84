"""Check-in pings of a whole district (issue 16, acceptance 4): 20 communities in one
deployment, 500 elders each, every elder checking in at the same minute, against a sandbox
that enforces Telegram's flood limits (30 messages/s for the bot as a whole).

Each community runs on its own store (a SQLite file, or with ``--store postgres`` a schema of
its own on the PostgreSQL test server), with its own runtime, deadline runner and outbox
sender; the senders share one rate limiter, so the bot as a whole stays within the limit.
Reports the time from the check-in minute until every ping was delivered, against the
physical minimum (pings / 30 msg/s; the target is within 1.1× of it) and the 429 answers
(must be 0).

    python -m bench district_bench [--communities 20] [--elders 500] [--store sqlite|postgres]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import tempfile
import time
from contextlib import AsyncExitStack
from datetime import timedelta
from pathlib import Path

from bench.checkins_bench import FIRST_ID, START, TELEGRAM_RATE, _delivered, community_text
from bot.app import build_application, running
from bot.clock import FakeClock
from bot.config import RateLimits, Settings, Site, load_community
from bot.devtools.sandbox import Sandbox
from bot.devtools.sandbox.faults import FloodLimits
from bot.devtools.sandbox.ptb import SANDBOX_TOKEN
from bot.district.app import runners
from bot.runtime import Runtime

COMMUNITIES = 20
ELDERS = 500  # each: 10,000 pings in all
TARGET = 1.1  # within 1.1× of the physical minimum


def write_files(folder: Path, communities: int, elders: int) -> list[Path]:
    """One community file per community (``c00.toml`` …), each with its own name, staff
    member and `elders` elders checking in at 08:30."""
    paths = []
    for c in range(communities):
        text = (
            community_text(elders)
            .replace("压测小区", f"压测小区{c:02d}")
            .replace("Load Test", f"Load Test {c:02d}")
            .replace("telegram_id = 1001", f"telegram_id = {1001 + c}")
        )
        path = folder / f"c{c:02d}.toml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


async def _seed(runtime: Runtime, first: int, elders: int) -> None:
    """Give each of this community's elders a Telegram account (as the invite flow would)."""
    async with runtime.db.tx() as tx:
        for i in range(elders):
            person, _ = await runtime.people.ensure(tx, first + i, f"老人{i}")
            await runtime.people.grant(tx, person.id, "elder", f"e{i}")


async def _stores(stack: AsyncExitStack, kind: str, folder: Path, n: int) -> list[Path | str]:
    """Each community's store: a SQLite file in `folder`, or a fresh PostgreSQL schema."""
    if kind == "sqlite":
        return [folder / f"c{c:02d}.db" for c in range(n)]
    from tests.stores import pg_schema

    return [await stack.enter_async_context(pg_schema()) for _ in range(n)]


def _settings(sb: Sandbox, paths: list[Path], stores: list[Path | str]) -> Settings:
    """The district's settings: every community of the folder, the first one's in front."""
    sites = tuple(
        Site(path.stem, load_community(path), path, store)
        for path, store in zip(paths, stores, strict=True)
    )
    first = stores[0]
    return Settings(
        token=SANDBOX_TOKEN,
        api_url=sb.root_url,
        db_path=first if isinstance(first, Path) else Path("concierge.db"),
        db_url=first if isinstance(first, str) else "",
        community=sites[0].community,
        community_path=paths[0],
        secret_key="bench-secret-key-0123456789",
        tick_seconds=1.0,  # the deployment's default: twenty schedulers tick, not just one
        rate_limits=RateLimits(global_per_second=TELEGRAM_RATE),
        web_port=0,
        district=sites,
    )


async def run(communities: int, elders: int, store: str) -> dict[str, float]:
    """Deliver one morning's pings to every elder of every community; return the figures."""
    total = communities * elders
    clock = FakeClock(START)
    flood = FloodLimits(overall_per_second=TELEGRAM_RATE)
    with tempfile.TemporaryDirectory(prefix="concierge-district-") as name:
        folder = Path(name)
        async with (
            AsyncExitStack() as stack,
            Sandbox(bot_username="bench_bot", enforce_flood_limits=True, flood_limits=flood) as sb,
        ):
            for i in range(total):  # each elder has opened a chat with the bot
                sb.private_chat(sb.user(FIRST_ID + i, f"老人{i}"))
            paths = write_files(folder, communities, elders)
            settings = _settings(sb, paths, await _stores(stack, store, folder, communities))
            app = build_application(settings, clock=clock)
            async with running(app):
                home: Runtime = app.bot_data.runtime
                runtimes = [home, *(r.runtime for r in runners(home))]
                assert len(runtimes) == communities
                for c, runtime in enumerate(runtimes):
                    await _seed(runtime, FIRST_ID + c * elders, elders)
                    assert runtime.sender is not None
                    await runtime.sender.drain()
                before = len(sb.state.calls)
                clock.advance(timedelta(minutes=30))
                began = time.perf_counter()
                for runtime in runtimes:
                    await runtime.tick()
                await _delivered(sb, before, total, timeout=total / 10 + 120)
                elapsed = time.perf_counter() - began
                calls = [c for c in sb.state.calls[before:] if c.method == "sendMessage"]
                too_many = sum(1 for c in calls if c.error_code == 429)
                pings = sum(1 for c in calls if c.ok)
    return {
        "pings": total,
        "sent": pings,
        "seconds": elapsed,
        "429s": too_many,
        "busiest": busiest_second([c.time for c in calls]),
    }


def busiest_second(times: list[float]) -> int:
    """The most requests the Bot API received within any one second."""
    times, most, first = sorted(times), 0, 0
    for last, at in enumerate(times):
        while at - times[first] >= 1.0:
            first += 1
        most = max(most, last - first + 1)
    return most


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(prog="python -m bench.district_bench")
    parser.add_argument("--communities", type=int, default=COMMUNITIES)
    parser.add_argument("--elders", type=int, default=ELDERS, help="per community")
    parser.add_argument("--store", choices=("sqlite", "postgres"), default="sqlite")
    logging.getLogger("apscheduler").setLevel(logging.ERROR)
    if argv is None:  # `python -m bench` passes module names in sys.argv: use the defaults
        argv = sys.argv[1:] if __name__ == "__main__" else []
    args = parser.parse_args(argv)
    figures = asyncio.run(run(args.communities, args.elders, args.store))
    n, seconds = int(figures["pings"]), figures["seconds"]
    minimum = n / TELEGRAM_RATE
    print(
        f"district check-in pings: {args.communities} communities × {args.elders} elders at the"
        f" same minute ({args.store}), limit {TELEGRAM_RATE:g} msg/s for the bot as a whole"
    )
    print(f"  pings delivered       {int(figures['sent']):8d} of {n}")
    print(f"  all delivered after   {seconds:8.1f} s")
    print(f"  physical minimum      {minimum:8.1f} s  ({n} / {TELEGRAM_RATE:g} msg/s)")
    print(f"  × the minimum         {seconds / minimum:8.3f}  (target ≤ {TARGET:g})")
    print(f"  429 answers           {int(figures['429s']):8d}")
    print(f"  busiest second        {int(figures['busiest']):8d} requests at the Bot API")


if __name__ == "__main__":
    main()
