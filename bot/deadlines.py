"""Deadlines live in the database; the scheduler only wakes the runner.

Each deadline has a deterministic name (``checkin:elder_wang:2026-11-28T08:30``), so scheduling
the same thing twice is harmless. :meth:`DeadlineRunner.run_due` handles every pending deadline
whose time has come, oldest first, each in its own transaction together with the messages it
causes: a deadline that fell due while the bot was down is handled at start, in order.

On SQLite this process is the only writer. On PostgreSQL several instances may run deadlines
at once: each claims one with ``FOR UPDATE SKIP LOCKED`` inside the transaction that handles
it, so a deadline is handled once and a dead instance's claim ends with its session.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from bot.clock import Clock, from_db, to_db
from bot.storage import Database, Tx
from bot.storage.db import Row

_LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True)
class Deadline:
    """A moment at which something must happen."""

    id: int
    name: str
    kind: str
    ref: str
    due_at: datetime


Handler = Callable[[Tx, Deadline], Awaitable[None]]


async def schedule(tx: Tx, name: str, kind: str, due_at: datetime, ref: str = "") -> bool:
    """Add a deadline unless one with this name exists; return whether it was added."""
    changed = await tx.changes(
        "INSERT OR IGNORE INTO deadlines (name, kind, ref, due_at) VALUES (?, ?, ?, ?)",
        (name, kind, ref, to_db(due_at)),
    )
    return changed > 0


async def schedule_many(tx: Tx, rows: Iterable[tuple[str, str, datetime, str]]) -> None:
    """Add deadlines (name, kind, due_at, ref) unless one with that name exists, in one call
    to the database (a planner schedules many at once)."""
    await tx.executemany(
        "INSERT OR IGNORE INTO deadlines (name, kind, ref, due_at) VALUES (?, ?, ?, ?)",
        [(name, kind, ref, to_db(due_at)) for name, kind, due_at, ref in rows],
    )


async def restore(tx: Tx, prefix: str, kind: str, since: datetime) -> int:
    """Make the cancelled deadlines of this kind under a name prefix (one object's: an
    elder's pings) due from `since` on pending again (their names are taken, so scheduling
    alone could not bring them back); how many. Found by a range of the unique name index,
    like :func:`cancel_prefix`: the cancelled deadlines of every other object (until
    retention prunes them, every cancelled ping of the community) are not walked."""
    low, high = name_range(prefix)
    if high is None:
        raise ValueError("restore needs a prefix: one object's deadlines")
    return await tx.changes(
        "UPDATE deadlines SET status = 'pending' WHERE name >= ? AND name < ?"
        " AND +status = 'cancelled' AND kind = ? AND due_at >= ?",
        (low, high, kind, to_db(since)),
    )


async def move(tx: Tx, name: str, due_at: datetime) -> bool:
    """Change when a pending deadline falls due (a notice staff rescheduled); whether one was
    pending under that name."""
    changed = await tx.changes(
        "UPDATE deadlines SET due_at = ? WHERE name = ? AND status = 'pending'",
        (to_db(due_at), name),
    )
    return changed > 0


async def cancel(tx: Tx, name: str) -> None:
    """Cancel a pending deadline by name (no-op if absent or done)."""
    await tx.execute(
        "UPDATE deadlines SET status = 'cancelled' WHERE name = ? AND status = 'pending'", (name,)
    )


def name_range(prefix: str) -> tuple[str, str | None]:
    """The names that start with `prefix` as a half-open range [low, high) of the name index
    (``high`` is None for the empty prefix: every name). Names compare by their UTF-8 bytes,
    whose order is the code points', so the prefix with its last character advanced by one is
    the first name past every name that starts with it."""
    if not prefix:
        return "", None
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _pending_sql(prefix: str) -> tuple[str, tuple[str, ...]]:
    """The WHERE clause of pending deadlines under a prefix, and its parameters. With a prefix
    the status test is written ``+status`` so that SQLite searches the unique name index by
    range (a handful of rows: one object's deadlines) instead of walking every pending row
    through the status index, which it would otherwise prefer."""
    low, high = name_range(prefix)
    if high is None:
        return "status = 'pending'", ()
    return "+status = 'pending' AND name >= ? AND name < ?", (low, high)


async def cancel_prefix(tx: Tx, prefix: str) -> None:
    """Cancel every pending deadline whose name starts with prefix (a range of the unique
    name index: the pending deadlines of other objects are not read)."""
    where, params = _pending_sql(prefix)
    await tx.execute(f"UPDATE deadlines SET status = 'cancelled' WHERE {where}", params)


async def pending(tx: Tx, prefix: str = "") -> list[Deadline]:
    """Pending deadlines (optionally by name prefix), soonest first."""
    where, params = _pending_sql(prefix)
    rows = await tx.all(
        f"SELECT id, name, kind, ref, due_at FROM deadlines WHERE {where} ORDER BY due_at, id",
        params,
    )
    return [Deadline(r["id"], r["name"], r["kind"], r["ref"], from_db(r["due_at"])) for r in rows]


def _deadline(row: Row) -> Deadline:
    return Deadline(row["id"], row["name"], row["kind"], row["ref"], from_db(row["due_at"]))


class _Failed(Exception):
    """A deadline's handler raised (its transaction rolled back)."""

    def __init__(self, deadline: Deadline) -> None:
        super().__init__(deadline.name)
        self.deadline = deadline


async def _claim_shared(tx: Tx, now: str) -> Deadline | None:
    """PostgreSQL, several instances: lock the oldest due deadline no other instance holds
    (``FOR UPDATE SKIP LOCKED``: the row lock is the claim, held by the transaction that
    handles it and released when that commits, rolls back, or its instance's session ends)
    and mark it done; None when none is free. A deadline waits while an earlier pending one
    of the same object (``ref``: an elder's ladder) is held elsewhere, so one object's steps
    run in order even when two instances catch up at once."""
    row = await tx.one(
        "SELECT id, name, kind, ref, due_at FROM deadlines d WHERE d.status = 'pending'"
        " AND d.due_at <= ? AND NOT (d.ref <> '' AND EXISTS (SELECT 1 FROM deadlines e"
        " WHERE e.ref = d.ref AND e.status = 'pending' AND (e.due_at < d.due_at"
        " OR (e.due_at = d.due_at AND e.id < d.id))))"
        " ORDER BY d.due_at, d.id LIMIT 1 FOR UPDATE SKIP LOCKED",
        (now,),
    )
    if row is None:
        return None
    await tx.execute(
        "UPDATE deadlines SET status = 'done', done_at = ? WHERE id = ?", (now, row["id"])
    )
    return _deadline(row)


class DeadlineRunner:
    """Runs due deadlines through the handler registered for their kind."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock
        self._handlers: dict[str, Handler] = {}
        self._after_commit: list[Callable[[], None]] = []

    def register(self, kind: str, handler: Handler) -> None:
        """Say what to do when a deadline of this kind falls due."""
        if kind in self._handlers:
            raise ValueError(f"deadline kind {kind!r} registered twice")
        self._handlers[kind] = handler

    def kinds(self) -> set[str]:
        """The deadline kinds that have a handler."""
        return set(self._handlers)

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Call this after each handled deadline commits (e.g. wake the outbox sender)."""
        self._after_commit.append(callback)

    async def run_due(self, limit: int = 1000) -> int:
        """Handle due deadlines oldest first; return how many were handled.

        A handler that raises is rolled back, logged and marked failed, so one broken deadline
        cannot block the ones behind it.
        """
        handled = 0
        while handled < limit:
            now = to_db(self._clock.now())
            try:
                if self._db.local:
                    deadline = await self._run_local(now)
                else:
                    deadline = await self._run_shared(now)
            except _Failed as failed:
                deadline = failed.deadline
                _LOGGER.exception("Deadline %s failed", deadline.name)
                async with self._db.tx() as tx:
                    await tx.execute(
                        "UPDATE deadlines SET status = 'failed', done_at = ?"
                        " WHERE id = ? AND status = 'pending'",
                        (now, deadline.id),
                    )
            if deadline is None:
                break
            handled += 1
            for callback in self._after_commit:
                callback()
        return handled

    async def _run_shared(self, now: str) -> Deadline | None:
        """PostgreSQL: claim the next free due deadline and handle it in one transaction
        (see :func:`_claim_shared`); the deadline, or None when none is free."""
        async with self._db.tx() as tx:
            deadline = await _claim_shared(tx, now)
            if deadline is not None:
                try:
                    await self._handle(tx, deadline)
                except Exception as exc:
                    raise _Failed(deadline) from exc
        return deadline

    async def _run_local(self, now: str) -> Deadline | None:
        """SQLite (this process the only writer): find the next due deadline, then mark it
        done and handle it in one transaction; the deadline, or None when none is due."""
        async with self._db.read() as tx:
            row = await tx.one(
                "SELECT id, name, kind, ref, due_at FROM deadlines WHERE status = 'pending'"
                " AND due_at <= ? ORDER BY due_at, id LIMIT 1",
                (now,),
            )
        if row is None:
            return None
        deadline = _deadline(row)
        try:
            async with self._db.tx() as tx:
                claimed = await tx.changes(
                    "UPDATE deadlines SET status = 'done', done_at = ?"
                    " WHERE id = ? AND status = 'pending'",
                    (now, deadline.id),
                )
                if claimed:
                    await self._handle(tx, deadline)
        except Exception as exc:
            raise _Failed(deadline) from exc
        return deadline

    async def _handle(self, tx: Tx, deadline: Deadline) -> None:
        handler = self._handlers.get(deadline.kind)
        if handler is None:
            _LOGGER.error("No handler for deadline kind %s (%s)", deadline.kind, deadline.name)
            return
        await handler(tx, deadline)

    async def next_due(self) -> datetime | None:
        """When the next pending deadline falls due, if any."""
        async with self._db.read() as tx:
            value = await tx.scalar("SELECT MIN(due_at) FROM deadlines WHERE status = 'pending'")
        return from_db(value) if value else None
