"""Cost as the community's history grows: 1k / 10k / 100k residents (and as many bookings).

For each size, in a fresh interpreter (so RSS is that size's own): seed a database through the
product's migrations (:mod:`bench.scale_seed`), start Concierge on it against the in-memory
Bot API and time the restart until its first ``getUpdates``; then per-update cost of each path
(as in :mod:`bench.updates_bench`), and the planner ten minutes later (a routine round) and a
day later (tomorrow's pings for every elder): its longest hold of the database lock (nothing is
handled meanwhile) and the event loop's longest stall (statements run on the loop, and so does
garbage collection: a stall pauses everything, the lock's holder included).

    python -m bench.scale_bench [--sizes 1000,10000,100000] [--rounds N]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any, Literal

from bench.checkins_bench import START
from bench.offline import OfflineRequest, offline_bot_request
from bench.scale_seed import seed
from bench.updates_bench import (
    GROUP_ID,
    LAST_CPU,
    PATHS,
    RESIDENT_ID,
    STAFF_ID,
    Concierge,
    join_crew,
    settings,
    timed,
)
from bot.app import build_application, running
from bot.clock import FakeClock
from bot.lifecycle import settle_heap
from bot.runtime import Runtime

SIZES = (1_000, 10_000, 100_000)
ROUNDS = 100


class TimedLock(asyncio.Lock):
    """The database lock, remembering its longest hold."""

    def __init__(self) -> None:
        super().__init__()
        self.longest = 0.0
        self._since = 0.0

    async def acquire(self) -> Literal[True]:
        """Acquire, and note when."""
        await super().acquire()
        self._since = time.perf_counter()
        return True

    def release(self) -> None:
        """Release, and keep the hold if it was the longest."""
        self.longest = max(self.longest, time.perf_counter() - self._since)
        super().release()


def _rss_mb() -> tuple[float, float]:
    """Resident set size now and its high-water mark, in MB (Linux)."""
    found = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(value.split()[0]) / 1024
    return found.get("VmRSS", float("nan")), found.get("VmHWM", float("nan"))


async def _longest_stall(stop: asyncio.Event, found: list[float]) -> None:
    """Wake every millisecond until `stop`; keep the longest time the loop kept us waiting
    beyond that millisecond (statements run on the loop: a long one stalls everything)."""
    while not stop.is_set():
        began = time.perf_counter()
        await asyncio.sleep(0.001)
        found[0] = max(found[0], time.perf_counter() - began - 0.001)


async def _planner_hold(
    runtime: Runtime, clock: FakeClock, step: timedelta
) -> tuple[float, float, float]:
    """Move the clock, run the planner; its longest lock hold, its duration and the longest
    stall of the event loop meanwhile, in ms."""
    lock = TimedLock()
    runtime.db._lock = lock  # bench-only instrumentation
    clock.advance(step)
    stop, stall = asyncio.Event(), [0.0]
    watcher = asyncio.create_task(_longest_stall(stop, stall))
    await asyncio.sleep(0.01)
    began = time.perf_counter()
    await runtime.plan()
    took = time.perf_counter() - began
    stop.set()
    await watcher
    runtime.db._lock = asyncio.Lock()
    return lock.longest * 1000, took * 1000, stall[0] * 1000


async def _settled(runtime: Runtime) -> float:
    """Wait until what start-up left running in the background is done — the catch-up of
    overdue deadlines (after polling began) and the WAL checkpoint of what start-up wrote (in
    the checkpointer's thread) — so the paths are timed in steady state, not beside a one-off
    start-up (at 100k residents it overlapped the first path timed, chatter, and doubled its
    figure); how long that took, in s. Bench-only: reads private attributes."""
    began = time.perf_counter()
    catch_up = runtime._catch_up
    if catch_up is not None:
        await asyncio.wait([catch_up])
    checkpoints = runtime.db._checkpoints
    while checkpoints._running is not None:
        await asyncio.wait([checkpoints._running])
    return time.perf_counter() - began


async def measure(size: int, rounds: int) -> dict[str, Any]:
    """Every figure for one size."""
    figures: dict[str, Any] = {"size": size}
    with tempfile.TemporaryDirectory(prefix="concierge-scale-") as name:
        folder = Path(name)
        began = time.perf_counter()
        await seed(folder / "bench.db", size, START)
        figures["seed_s"] = time.perf_counter() - began
        clock = FakeClock(START)
        request = OfflineRequest()
        app = build_application(settings(folder), clock=clock)
        offline_bot_request(app.bot, request)
        began = time.perf_counter()
        async with running(app):
            await request.polled.wait()
            assert request.first_get_updates is not None
            figures["restart_s"] = request.first_get_updates - began
            settle_heap()  # as `concierge run` does once it runs
            runtime: Runtime = app.bot_data.runtime
            figures["settle_s"] = await _settled(runtime)
            async with runtime.db.tx() as tx:
                await runtime.groups.bind(tx, GROUP_ID, "业主群", STAFF_ID)
                await runtime.people.ensure(tx, RESIDENT_ID, "小李")
                await join_crew(runtime, tx)
            concierge = Concierge(app, runtime, request)
            for path in PATHS:
                await timed(app, concierge.updates(path, 10), concierge.drain)
                figures[path] = await timed(app, concierge.updates(path, rounds), concierge.drain)
                figures[f"cpu {path}"] = LAST_CPU[0]
            figures["plan_10m"] = await _planner_hold(runtime, clock, timedelta(minutes=10))
            figures["plan_1d"] = await _planner_hold(runtime, clock, timedelta(days=1))
            figures["rss_mb"], figures["hwm_mb"] = _rss_mb()
    return figures


def _run_one(size: int, rounds: int) -> dict[str, Any]:
    """Measure one size in a fresh interpreter; its figures."""
    command = [sys.executable, "-m", "bench.scale_bench", "--one", str(size)]
    done = subprocess.run(
        [*command, "--rounds", str(rounds)], check=True, capture_output=True, text=True
    )
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def report(results: list[dict[str, Any]]) -> None:
    """Print one column per size, and the growth from the smallest to the largest."""
    sizes = [f"{r['size']:,}" for r in results]
    print(f"{'residents':<34}" + "".join(f"{s:>12}" for s in sizes) + f"{'growth':>9}")

    def row(label: str, values: list[float], fmt: str = "{:12.0f}") -> None:
        growth = values[-1] / values[0] if values[0] else float("nan")
        print(f"{label:<34}" + "".join(fmt.format(v) for v in values) + f"{growth:8.2f}×")

    for path in PATHS:
        row(f"{path} (µs/update)", [r[path] for r in results])
        row("  the same, CPU µs/update", [r.get(f"cpu {path}", float("nan")) for r in results])
    row("restart to first getUpdates (s)", [r["restart_s"] for r in results], "{:12.2f}")
    row("start-up's background work (s)", [r["settle_s"] for r in results], "{:12.2f}")
    row("planner +10 min: longest hold (ms)", [r["plan_10m"][0] for r in results], "{:12.1f}")
    row("planner +10 min: whole round (ms)", [r["plan_10m"][1] for r in results], "{:12.1f}")
    row("planner +10 min: longest stall (ms)", [r["plan_10m"][2] for r in results], "{:12.1f}")
    row("planner +1 day: longest hold (ms)", [r["plan_1d"][0] for r in results], "{:12.1f}")
    row("planner +1 day: whole round (ms)", [r["plan_1d"][1] for r in results], "{:12.1f}")
    row("planner +1 day: longest stall (ms)", [r["plan_1d"][2] for r in results], "{:12.1f}")
    row("RSS at the end (MB)", [r["rss_mb"] for r in results], "{:12.1f}")
    row("RSS high-water mark (MB)", [r["hwm_mb"] for r in results], "{:12.1f}")
    row("seeding (s, not a product figure)", [r["seed_s"] for r in results], "{:12.1f}")


def main(argv: list[str] | None = None) -> None:
    """Measure each size in its own interpreter and print the table."""
    parser = argparse.ArgumentParser(prog="python -m bench.scale_bench")
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    if argv is None:
        argv = sys.argv[1:] if __name__ == "__main__" else []
    args = parser.parse_args(argv)
    logging.getLogger().setLevel(logging.ERROR)
    if args.one:
        print(json.dumps(asyncio.run(measure(args.one, args.rounds))))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"scale: {', '.join(f'{s:,}' for s in sizes)} residents, {args.rounds} updates a path")
    report([_run_one(size, args.rounds) for size in sizes])


if __name__ == "__main__":
    main()
