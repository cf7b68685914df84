"""A community with years of history, for the scale benchmark.

The schema comes from the product's own migrations (``Database.open``); the rows are written
straight into it, as the product would have left them: ``n`` residents with addresses, one
elder per ten residents, ``n`` finished bookings with their offers and half of them rated,
pending and finished deadlines, sent outbox rows, processed updates, audit and requests.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator, Sequence
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

from bot.clock import to_db
from bot.domain.checkins.contract import SlotDeadline
from bot.domain.checkins.schedule import slot_name
from bot.storage import Database, Tx

PROVIDERS = ("jiejia", "kuaixiu", "property_team")
SERVICES = ("range_hood_cleaning", "drain_unclogging", "plumbing_repair", "lock_service")
FIRST_TELEGRAM_ID = 2_000_000
CHUNK = 5_000
SEEDED_UPDATES = 10**9  # far from the update ids the bench sends


def _chunks(rows: Iterator[Sequence[Any]]) -> Iterator[list[Sequence[Any]]]:
    chunk: list[Sequence[Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


async def _insert(tx: Tx, sql: str, rows: Iterator[Sequence[Any]]) -> None:
    for chunk in _chunks(rows):
        await tx.executemany(sql, chunk)


def _people(n: int, at: str) -> Iterator[Sequence[Any]]:
    for i in range(n):
        yield (10 + i, FIRST_TELEGRAM_ID + i, f"居民{i}", "zh", 0, at, at)


def _addresses(n: int) -> Iterator[Sequence[Any]]:
    for i in range(n):
        yield (10 + i, str(1 + i % 12), str(1 + i % 3), f"{1 + i % 30:02d}{1 + i % 4:02d}")


def _elder_time(i: int) -> time:
    return time(7 + i % 4, (i * 5) % 60)


def _elders(n: int, at: str) -> Iterator[Sequence[Any]]:
    for i in range(n // 10):
        keeper = "hk_zhang" if i % 2 else "hk_chen"
        when = _elder_time(i).strftime("%H:%M")
        yield (f"s{i}", f"老人{i}", f"{1 + i % 12}栋", when, keeper, "normal", 1, "staff", at)


def _pings(n: int, start: datetime) -> Iterator[Sequence[Any]]:
    """Yesterday's to tomorrow's pings, as a bot that was running planned them (and ran the
    past ones)."""
    tz = start.tzinfo
    for i in range(n // 10):
        for offset in (-1, 0, 1):
            day = start.date() + timedelta(days=offset)
            moment = datetime.combine(day, _elder_time(i), tzinfo=tz)
            ping = SlotDeadline(f"s{i}", slot_name(day, _elder_time(i)), "ping")
            done = moment <= start
            status, at = ("done", to_db(moment)) if done else ("pending", None)
            yield (ping.name, ping.kind, f"s{i}", to_db(moment), status, at)


def _visits(n: int, start: datetime, at: str) -> Iterator[Sequence[Any]]:
    """Each elder's next visit, already planned."""
    for i in range(n // 10):
        yield (f"s{i}", to_db(start + timedelta(days=1 + i % 20)), at)


def _bookings(n: int, start: datetime) -> Iterator[Sequence[Any]]:
    rng = random.Random(7)
    for i in range(n):
        made = start - timedelta(minutes=5 * (n - i))
        provider = PROVIDERS[i % 3]
        slot = to_db(made + timedelta(days=1))
        yield (
            i + 1, 10 + rng.randrange(n), SERVICES[i % 4], "rated" if i % 2 else "done",
            "confirm", provider, json.dumps([provider]), 0, slot, slot, to_db(made), to_db(made),
        )  # fmt: skip


def _offers(n: int, start: datetime) -> Iterator[Sequence[Any]]:
    rng = random.Random(8)
    for i in range(n):
        made = start - timedelta(minutes=5 * (n - i))
        answered = made + timedelta(seconds=rng.randrange(60, 1800))
        yield (i + 1, 0, PROVIDERS[i % 3], "[]", to_db(made), to_db(answered), "accepted")


def _ratings(n: int, start: datetime) -> Iterator[Sequence[Any]]:
    rng = random.Random(9)
    for i in range(1, n, 2):
        made = start - timedelta(minutes=5 * (n - i))
        stars = rng.choice((3, 4, 4, 5, 5, 5))
        yield (i + 1, PROVIDERS[i % 3], 10 + i % n, stars, to_db(made + timedelta(days=1)))


def _deadlines(n: int, start: datetime) -> Iterator[Sequence[Any]]:
    for i in range(n):  # finished: one offer window per booking
        due = to_db(start - timedelta(minutes=5 * (n - i)))
        yield (f"bk:{i + 1}:offer:0", "bk_offer", f"{i + 1}:0", due, "done", due)
    for i in range(n // 2):  # pending, in the future: tool loans' due dates
        due = to_db(start + timedelta(days=3, seconds=i))
        yield (f"tl:{i + 1}:due", "tool_due", str(i + 1), due, "pending", None)


def _outbox(n: int, start: datetime) -> Iterator[Sequence[Any]]:
    payload = json.dumps({"text": "已完成", "buttons": None})
    for i in range(n):
        at = to_db(start - timedelta(minutes=5 * (n - i)))
        yield (f"seed:{i}", FIRST_TELEGRAM_ID + i % n, "send", payload, "sent", at, at, at)


def _audit(n: int, start: datetime) -> Iterator[Sequence[Any]]:
    for i in range(2 * n):
        at = to_db(start - timedelta(minutes=2 * (2 * n - i)))
        yield (at, f"person:{10 + i % n}", "confirmed", f"booking:{1 + i // 2}", "{}")


SQL = {
    "people": "INSERT INTO people (id, telegram_id, name, language, language_set, created_at,"
    " private_since) VALUES (?, ?, ?, ?, ?, ?, ?)",
    "addresses": "INSERT INTO addresses (person_id, building, unit, room) VALUES (?, ?, ?, ?)",
    "elders": "INSERT INTO elders (key, name, address, times, grid_worker, risk, has_telegram,"
    " source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "visits": "INSERT INTO visits (elder_key, due_at, created_at) VALUES (?, ?, ?)",
    "bookings": "INSERT INTO bookings (id, resident_id, service, status, step, provider_id, plan,"
    " attempt, slot_start, slot_end, created_at, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "offers": "INSERT INTO booking_offers (booking_id, attempt, provider_id, recipients,"
    " offered_at, answered_at, outcome) VALUES (?, ?, ?, ?, ?, ?, ?)",
    "ratings": "INSERT INTO ratings (booking_id, provider_id, resident_id, stars, at)"
    " VALUES (?, ?, ?, ?, ?)",
    "deadlines": "INSERT INTO deadlines (name, kind, ref, due_at, status, done_at)"
    " VALUES (?, ?, ?, ?, ?, ?)",
    "outbox": "INSERT INTO outbox (dedupe_key, chat_id, method, payload, status, not_before,"
    " created_at, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    "updates": "INSERT INTO processed_updates (update_id, processed_at) VALUES (?, ?)",
    "audit": "INSERT INTO audit (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)",
}


async def _planned_today(tx: Tx, start: datetime) -> None:
    """Where elders remember the day they were planned for (migration 0010), say today, as a
    running bot would have (a release without the column plans everyone every round)."""
    columns = {row["name"] for row in await tx.all("PRAGMA table_info(elders)")}
    if "planned_day" in columns:
        day = start.date().isoformat()
        await tx.execute("UPDATE elders SET planned_day = ?", (day,))


async def _offer_recipients(tx: Tx) -> None:
    """Who each seeded offer went to, one row a person (migration 0030), as the repository
    writes it with each offer."""
    tables = await tx.all("SELECT name FROM sqlite_master WHERE name = 'offer_recipients'")
    if tables:
        await tx.execute(
            "INSERT OR IGNORE INTO offer_recipients (person_id, booking_id, attempt)"
            " SELECT CAST(j.value AS INTEGER), o.booking_id, o.attempt"
            " FROM booking_offers o, json_each(o.recipients) j"
        )


async def seed(path: Path, n: int, start: datetime) -> None:
    """Create the database at `path` through the migrations and fill it for `n` residents."""
    db = Database(path)
    await db.open()
    long_ago = to_db(start - timedelta(days=400))
    try:
        async with db.tx() as tx:
            await _insert(tx, SQL["people"], _people(n, long_ago))
            await _insert(tx, SQL["addresses"], _addresses(n))
            await _insert(tx, SQL["elders"], _elders(n, long_ago))
            await _insert(tx, SQL["visits"], _visits(n, start, long_ago))
            await _insert(tx, SQL["bookings"], _bookings(n, start))
            await _insert(tx, SQL["offers"], _offers(n, start))
            await _insert(tx, SQL["ratings"], _ratings(n, start))
            await _insert(tx, SQL["deadlines"], _deadlines(n, start))
            await _insert(tx, SQL["deadlines"], _pings(n, start))
            await _insert(tx, SQL["outbox"], _outbox(n, start))
            updates = ((SEEDED_UPDATES + i, long_ago) for i in range(n))
            await _insert(tx, SQL["updates"], updates)
            await _insert(tx, SQL["audit"], _audit(n, start))
            await _planned_today(tx, start)
            await _offer_recipients(tx)
    finally:
        await db.close()
