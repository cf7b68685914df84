"""The webhook inbox: the one place that reads and writes ``webhook_inbox``.

A delivery is recorded (:func:`record`) before Telegram is answered, so an update Telegram
considers delivered is on disk; it is then claimed (:func:`claim`), handled, and removed
(:func:`done`). Handling twice is harmless (``processed_updates``); losing an update is not.

A claim is a lease: the claiming instance's name (``claimed_by``) and a time (``lease_until``)
after which the claim is taken to belong to an instance that died, and is taken again. Several
instances may share one PostgreSQL, so a claim there never frees another instance's live
claim: at start an instance frees only its own (:func:`release_mine`: it restarted), and
claimers take turns (a transaction-scoped advisory lock, held for the few milliseconds of a
claim) over rows read ``FOR UPDATE SKIP LOCKED`` (a row a finishing handler is deleting is
passed over, not waited for). On SQLite this process is the only user: :func:`release_all` at
start frees every claim, as before.

A chat's updates are handled in update order, never two of one chat at once: a row is claimed
only when no earlier row of its chat (``chat_key``) is held by someone else.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.clock import to_db
from bot.storage.db import Tx

# The advisory lock claimers take turns on: one class number, and the schema's hash as the
# second key, so two deployments (or two tests) in separate schemas of one database never
# wait for each other.
_CLAIM_LOCK = 7_344_116
SCAN = 10  # rows read per row claimed: room to pass over chats held elsewhere


@dataclass(frozen=True)
class Delivery:
    """A recorded update: its id and the JSON body Telegram posted."""

    update_id: int
    body: str


def chat_of(data: Any) -> int | None:
    """The chat an update is about (its message's, a button's message's, a member change's),
    else the person's (an inline query); None when it names neither."""
    if not isinstance(data, dict):
        return None
    for key, value in data.items():
        if key == "update_id" or not isinstance(value, dict):
            continue
        for holder in (value, value.get("message")):
            chat = holder.get("chat") if isinstance(holder, dict) else None
            if isinstance(chat, dict) and isinstance(chat.get("id"), int):
                return int(chat["id"])
        person = value.get("from") or value.get("user")
        if isinstance(person, dict) and isinstance(person.get("id"), int):
            return int(person["id"])
    return None


async def record(tx: Tx, update_id: int, body: str, now: datetime) -> bool:
    """Record a delivery; False if it is already waiting or was already handled (a
    redelivery: nothing to do)."""
    try:
        chat = chat_of(json.loads(body))
    except ValueError:
        chat = None
    changed = await tx.changes(
        "INSERT INTO webhook_inbox (update_id, body, received_at, chat_key)"
        " SELECT ?, ?, ?, ? WHERE NOT EXISTS"
        " (SELECT 1 FROM processed_updates WHERE update_id = ?)"
        " ON CONFLICT (update_id) DO NOTHING",
        (update_id, body, to_db(now), chat, update_id),
    )
    return changed > 0


async def _take_turn(tx: Tx) -> None:
    """On PostgreSQL, wait for the other instances' claims in flight (none on SQLite)."""
    if tx.postgres:
        await tx.scalar(
            "SELECT pg_advisory_xact_lock(?, hashtext(current_schema()))", (_CLAIM_LOCK,)
        )


async def claim(
    tx: Tx, now: datetime, lease: timedelta, limit: int, holder: str = ""
) -> list[Delivery]:
    """Claim for ``holder`` until ``now + lease`` the oldest waiting deliveries, in update
    order: unclaimed ones and ones whose lease ran out, passing over every row of a chat
    whose earlier update someone else holds."""
    await _take_turn(tx)
    at = to_db(now)
    held = {  # chat -> its first update someone holds: its later updates wait for it
        r["chat_key"]: int(r["first"])
        for r in await tx.all(
            "SELECT chat_key, MIN(update_id) AS first FROM webhook_inbox"
            " WHERE lease_until >= ? AND chat_key IS NOT NULL GROUP BY chat_key",
            (at,),
        )
    }
    lock = " FOR UPDATE SKIP LOCKED" if tx.postgres else ""
    rows = await tx.all(
        "SELECT update_id, body, chat_key FROM webhook_inbox"
        " WHERE lease_until IS NULL OR lease_until < ?"
        f" ORDER BY update_id LIMIT ?{lock}",
        (at, limit * SCAN),
    )
    taken: list[Delivery] = []
    for row in rows:
        chat, update_id = row["chat_key"], int(row["update_id"])
        if chat is not None and held.get(chat, update_id) < update_id:
            continue
        taken.append(Delivery(update_id, str(row["body"])))
        if len(taken) >= limit:
            break
    await renew(tx, [d.update_id for d in taken], holder, now + lease)
    return taken


async def renew(tx: Tx, update_ids: list[int], holder: str, until: datetime) -> None:
    """Hold these deliveries for ``holder`` until ``until`` (a claim, or its extension while
    a long batch is handled)."""
    await tx.executemany(
        "UPDATE webhook_inbox SET claimed_by = ?, lease_until = ?, claimed_at = ?"
        " WHERE update_id = ?",
        [(holder, to_db(until), to_db(until), i) for i in update_ids],
    )


async def done(tx: Tx, update_id: int) -> None:
    """The delivery was handled: forget it."""
    await tx.execute("DELETE FROM webhook_inbox WHERE update_id = ?", (update_id,))


async def release_all(tx: Tx) -> int:
    """Free every claim (at start on SQLite: the claims of a process that died); how many
    were held."""
    return await tx.changes(
        "UPDATE webhook_inbox SET claimed_by = NULL, lease_until = NULL, claimed_at = NULL"
        " WHERE lease_until IS NOT NULL"
    )


async def release_mine(tx: Tx, holder: str) -> int:
    """Free the claims an earlier run of this same instance left (at start when several
    instances share the database: the others' live claims are theirs); how many."""
    await _take_turn(tx)
    return await tx.changes(
        "UPDATE webhook_inbox SET claimed_by = NULL, lease_until = NULL, claimed_at = NULL"
        " WHERE claimed_by = ?",
        (holder,),
    )


async def waiting(tx: Tx) -> int:
    """How many deliveries wait to be handled (claimed or not)."""
    return int(await tx.scalar("SELECT COUNT(*) FROM webhook_inbox") or 0)


__all__ = [
    "Delivery",
    "chat_of",
    "claim",
    "done",
    "record",
    "release_all",
    "release_mine",
    "renew",
    "waiting",
]
