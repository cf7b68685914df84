"""The staff console's pages with 10,000 bookings: p50 and p95 of each page, target p95 ≤ 100 ms.

A database seeded through the product's migrations (:mod:`bench.scale_seed`: 10,000 residents,
10,000 bookings with their offers and ratings, a thousand elders), plus what the pages read
beyond it: 500 of the bookings still open (offered, waiting), 30 days of check-ins for every
elder, and a few hundred tool loans. Concierge starts on it against the in-memory Bot API with
its console on a free port; a signed-in staff session then fetches every page over HTTP
(aiohttp's client, in the same loop: the figure includes the client's share, so it errs high).

    python -m bench.console_bench [--size 10000] [--rounds 50]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp

from bench.checkins_bench import START
from bench.offline import OfflineRequest, offline_bot_request
from bench.scale_seed import seed
from bench.updates_bench import STAFF_ID, settings
from bot.app import build_application
from bot.clock import FakeClock, to_db
from bot.domain.onboard import Details, DocKind, OfferLine
from bot.lifecycle import running, settle_heap
from bot.runtime import Runtime
from bot.storage import Database
from bot.web.routes import COOKIE

TARGET_MS = 100.0
PAGES = (
    "/",
    "/bookings",
    "/bookings?status=offered",
    "/bookings?service=drain_unclogging",
    "/bookings?page=100",
    "/bookings/5000",
    "/people",
    "/notices",
    "/providers",
    "/tools",
    "/demand",
    "/care",
    "/providers/applications",
    "/providers/applications/new",
    "/providers/applications/1",
)


async def _more(path: Path, size: int) -> None:
    """Open jobs, a month of check-ins and some loans on top of the scale seed."""
    db = Database(path)
    await db.open()
    try:
        async with db.tx() as tx:
            await tx.execute(
                "UPDATE bookings SET status = 'offered', updated_at = ? WHERE id > ?",
                (to_db(START - timedelta(minutes=20)), size - 500),
            )
            await tx.execute(
                "UPDATE booking_offers SET outcome = NULL, answered_at = NULL,"
                " offered_at = ? WHERE booking_id > ?",
                (to_db(START - timedelta(minutes=20)), size - 500),
            )
            elders = [r[0] for r in await tx.all("SELECT key FROM elders")]
            rows = []
            for day in range(1, 31):
                due = START - timedelta(days=day)
                for i, key in enumerate(elders):
                    state = ("fine", "fine", "fine", "unwell", "escalated", "skipped")[
                        (i + day) % 6
                    ]
                    slot = (due.date()).isoformat() + "T08:00"
                    rows.append((key, slot, to_db(due), state, to_db(due), to_db(due)))
            await tx.executemany(
                "INSERT OR IGNORE INTO checkins (elder_key, slot, due_at, state, created_at,"
                " closed_at) VALUES (?, ?, ?, ?, ?, ?)",
                rows,
            )
    finally:
        await db.close()


async def _loans(runtime: Runtime) -> None:
    """A few hundred loans of the cabinet's units (the bot made the units at start)."""
    async with runtime.db.tx() as tx:
        units = [r[0] for r in await tx.all("SELECT id FROM tool_units")]
        rows = []
        for n in range(300):
            unit = units[n % len(units)]
            made = START - timedelta(days=n)
            status = "lent" if n < len(units) else "returned"
            rows.append((unit, "ladder", 10 + n, to_db(made), to_db(made), to_db(made),
                         to_db(made + timedelta(days=3)), status))  # fmt: skip
        await tx.executemany(
            "INSERT INTO tool_loans (unit_id, tool_id, person_id, reserved_at, hold_until,"
            " lent_at, due_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


async def _application(runtime: Runtime) -> None:
    """One provider application with a 1.5 MB licence and an insurance (new-provider pages)."""
    onboard = runtime.servers[0].onboard  # type: ignore[attr-defined]
    offers = (OfferLine("range_hood_cleaning", 150, 240), OfferLine("home_cleaning", 40, 55))
    details = Details("qingjie", "清洁快手", "Quick Clean", "13800000000", ("1", "3"), offers)
    later = (START + timedelta(days=365)).date()
    async with runtime.db.tx() as tx:
        app_id = await onboard.create(tx, STAFF_ID, details)
        big = b"%PDF-1.4\n" + b"0" * 1_500_000
        await onboard.upload(tx, STAFF_ID, app_id, DocKind.LICENCE, big, later)
        await onboard.upload(tx, STAFF_ID, app_id, DocKind.INSURANCE, b"%PDF-1.4\n", later)


async def _session(runtime: Runtime) -> str:
    """A signed-in staff session, as a /console link would make."""
    console = runtime.servers[0].console  # type: ignore[attr-defined]
    async with runtime.db.tx() as tx:
        person, _ = await runtime.people.ensure(tx, STAFF_ID, "刘主任")
        token = await console.login_link_token(tx, person)
        session = await console.redeem_login(tx, token)
    assert session is not None
    return str(session)


async def measure(size: int, rounds: int) -> dict[str, list[float]]:
    """Milliseconds per fetch of each page."""
    with tempfile.TemporaryDirectory(prefix="concierge-console-") as name:
        folder = Path(name)
        await seed(folder / "bench.db", size, START)
        await _more(folder / "bench.db", size)
        request = OfflineRequest()
        app = build_application(settings(folder, web_port=0), clock=FakeClock(START))
        offline_bot_request(app.bot, request)
        async with running(app):
            await request.polled.wait()
            runtime: Runtime = app.bot_data.runtime
            await _loans(runtime)
            settle_heap()  # as `concierge run` does once it runs
            base = runtime.servers[0].base_url  # type: ignore[attr-defined]
            cookies = {COOKIE: await _session(runtime)}
            await _application(runtime)
            times: dict[str, list[float]] = {}
            async with aiohttp.ClientSession(cookies=cookies) as http:
                for page in PAGES:
                    for _ in range(3):  # warm
                        async with http.get(base + page) as response:
                            assert response.status == 200, (page, response.status)
                            await response.read()
                    spent = times.setdefault(page, [])
                    for _ in range(rounds):
                        began = time.perf_counter()
                        async with http.get(base + page) as response:
                            await response.read()
                        spent.append((time.perf_counter() - began) * 1000)
    return times


def _p(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(times: dict[str, Any], size: int) -> None:
    """One line per page: p50, p95, and whether p95 meets the target."""
    print(f"console pages with {size:,} bookings (ms; target p95 ≤ {TARGET_MS:.0f})")
    print(f"{'page':<38}{'p50':>8}{'p95':>8}")
    for page, spent in times.items():
        p95 = _p(spent, 0.95)
        mark = "" if p95 <= TARGET_MS else "  over target"
        print(f"{page:<38}{statistics.median(spent):8.1f}{p95:8.1f}{mark}")


def main(argv: list[str] | None = None) -> None:
    """Seed, start, fetch every page, print the figures."""
    parser = argparse.ArgumentParser(prog="python -m bench.console_bench")
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args(argv if argv is not None else [])
    logging.basicConfig(level=logging.WARNING)
    report(asyncio.run(measure(args.size, args.rounds)), args.size)


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
