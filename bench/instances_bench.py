"""Updates per second in webhook mode, as deployed: `concierge run --webhook` processes fed by
the sandbox through a round-robin balancer (issue 16, bench figures).

- **throughput**: ``--updates`` updates queued at once (half ``/start`` of a new private chat,
  half group chatter the bot reads and stays silent on), handled by one instance on SQLite,
  one on PostgreSQL, and two on one PostgreSQL. Timed from the first delivery until every
  update is handled (the webhook inbox empty and every update Telegram queued confirmed).
  Answers then leave at Telegram's pace (30 messages/s for the bot as a whole), which is the
  outbox's figure, not the updates'.
- **kills**: the acceptance run (tests/campaign/instances.py) with ``--kill-updates`` updates
  (2,000 by default): two instances on PostgreSQL, one SIGKILLed and restarted three times,
  and its accounting (every figure that must be zero, and the rest).

    python -m bench instances_bench [--updates N] [--kill-updates N] [--skip-kills]

Needs the PostgreSQL test server (CONCIERGE_TEST_PG, by default trust auth on 127.0.0.1:5432,
database ``test``); without it only the SQLite figure is printed.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import tempfile
import time
from pathlib import Path

from bot.devtools.sandbox import Sandbox
from tests.campaign.accounting import _rows, report
from tests.campaign.instances import Balancer, Run, _until_ready, free_port
from tests.campaign.process import BotProcess
from tests.campaign.test_campaign import GROUP_ID, ORIGIN
from tests.campaign.test_campaign import _community as community_file
from tests.stores import PG_URL, pg_reachable, pg_schema

UPDATES = 1000
KILL_UPDATES = 2000
GUARD = 600.0


async def throughput(db: Path | str, instances: int, updates: int, tmp: Path) -> float:
    """Updates/s: `updates` queued at once, handled by `instances` processes on `db`."""
    from bot.clock import ScaledClock

    async with Sandbox(bot_username="concierge_bench_bot") as sb:
        ports = [free_port() for _ in range(instances)]
        balancer = Balancer([f"http://127.0.0.1:{p}" for p in ports])
        await balancer.start()
        community = community_file(tmp, [])
        clock = ScaledClock(ORIGIN, time.time(), 1.0)
        procs = [
            BotProcess(
                sb,
                db,
                community,
                clock,
                tmp / f"bench-{n}.log",
                extra_env={
                    "CONCIERGE_WEB_PORT": str(port),
                    "CONCIERGE_PUBLIC_URL": balancer.url,
                    "CONCIERGE_INSTANCE": f"bench-{n}",
                },
                options=("--webhook",),
            )
            for n, port in enumerate(ports)
        ]
        try:
            for proc in procs:
                await proc.start()
            try:
                for port in ports:
                    await _until_ready(f"http://127.0.0.1:{port}", 180.0)
            except AssertionError:
                for proc in procs:
                    print(proc.stderr()[-3000:], file=sys.stderr)
                raise
            people = [sb.user(70_000 + n, f"居民{n}") for n in range(updates // 2)]
            group = sb.group(GROUP_ID, "故障花园业主群", members=people)
            began = time.perf_counter()
            for n, person in enumerate(people):
                await sb.press_start(person)
                await sb.send(person, "大家早上好" if n % 2 else "收到", chat=group)
            await sb.wait_for(lambda: not sb.pending_updates, GUARD)
            loop = asyncio.get_running_loop()
            end = loop.time() + GUARD
            while loop.time() < end:
                if _rows(db, "SELECT COUNT(*) FROM webhook_inbox")[0][0] == 0:
                    break
                await asyncio.sleep(0.05)
            took = time.perf_counter() - began
        finally:
            for proc in procs:
                if proc.alive:
                    await proc.stop()
            await balancer.stop()
    return 2 * len(people) / took


async def kills(updates: int, tmp: Path) -> None:
    """The acceptance run at full size, with its accounting."""
    async with pg_schema() as url, Sandbox(bot_username="concierge_instances_bot") as sb:
        acc = await Run(sb, tmp, url, updates).run()
    print(report(acc, f"two instances on PostgreSQL, {updates} updates, one killed 3 times"))
    print("  problems:", acc.problems or "none")


async def run(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="concierge-instances-") as folder:
        tmp = Path(folder)
        figures = [("SQLite, one instance", await throughput(tmp / "b.db", 1, args.updates, tmp))]
        if not pg_reachable():
            print(f"PostgreSQL not reachable at {PG_URL}: PostgreSQL figures skipped")
        else:
            for count in (1, 2):
                async with pg_schema() as url:
                    name = f"PostgreSQL, {count} instance{'s' if count > 1 else ''}"
                    figures.append((name, await throughput(url, count, args.updates, tmp)))
        print(f"webhook mode, {args.updates} updates queued at once (updates/s until handled)")
        for name, rate in figures:
            print(f"  {name:<28} {rate:7.1f} updates/s")
        if pg_reachable() and not args.skip_kills:
            await kills(args.kill_updates, tmp)


def main(argv: list[str] | None = None) -> None:
    """Print the figures (see the module docstring)."""
    parser = argparse.ArgumentParser(prog="python -m bench.instances_bench")
    parser.add_argument("--updates", type=int, default=UPDATES)
    parser.add_argument("--kill-updates", type=int, default=KILL_UPDATES)
    parser.add_argument("--skip-kills", action="store_true")
    if argv is None:
        argv = sys.argv[1:] if __name__ == "__main__" else []
    args = parser.parse_args(argv)
    logging.getLogger().setLevel(logging.ERROR)
    asyncio.run(run(args))


if __name__ == "__main__":
    main()
