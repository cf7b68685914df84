"""Delivery outcomes waiting to be recorded, committed in batches with the next claims.

The sender settles each attempt in memory; this batch writes them (sent rows with their
message ids, retries, failures with staff notices) in the same transaction that claims the
next rows, so a busy sender makes about one transaction per round, not two per message. When
the database refuses a write (full disk, read-only), everything stays in memory and nothing
new is claimed until a write works again: a message is never sent that cannot be recorded.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence

from bot.clock import Clock
from bot.storage import Database, Tx
from bot.storage.outbox import OutboxStore, Outcome

_LOGGER = logging.getLogger(__name__)

OnUndelivered = Callable[[Tx, Outcome], Awaitable[None]]


class OutcomeBatch:
    """Outcomes not yet committed, and whether the database currently accepts writes."""

    FLUSH_DELAY = 0.05
    SIZE = 64

    def __init__(
        self,
        db: Database,
        store: OutboxStore,
        clock: Clock,
        on_undelivered: OnUndelivered | None,
    ) -> None:
        self._db = db
        self._store = store
        self._clock = clock
        self._on_undelivered = on_undelivered
        self.waiting: list[Outcome] = []
        self.recent: dict[str, int] = {}  # sent, not yet recorded: dedupe key -> message id
        self._stands_for: dict[int, str] = {}  # row id -> key of the message it replaced
        self.flush_at = 0.0
        self.blocked_until = 0.0  # the database refused a write: wait before trying again
        self.refusals = 0  # in total, for the figures
        self.claimed: set[int] = set()  # the rows the last commit claimed (to be sent)
        self._in_a_row = 0

    def add(self, outcome: Outcome, now: float, stands_for: str | None = None) -> None:
        """Keep an outcome for the next commit (`stands_for`: an edit sent as a new message,
        the key of the message it replaces, whose id later edits then use)."""
        if not self.waiting:
            self.flush_at = now + self.FLUSH_DELAY
        if outcome.status == "sent":
            self.recent[outcome.row.key] = outcome.message_id or 0
            if stands_for is not None:
                self.recent[stands_for] = outcome.message_id or 0
                self._stands_for[outcome.row.id] = stands_for
        self.waiting.append(outcome)

    def due(self, now: float, stopping: bool) -> bool:
        """Whether the waiting outcomes should be committed even with nothing to claim."""
        if not self.waiting:
            return False
        return len(self.waiting) >= self.SIZE or now >= self.flush_at or stopping

    async def commit(self, now: float, claims: Sequence[int]) -> bool:
        """One transaction: the waiting outcomes (with staff notices) and the claims."""
        outcomes, self.waiting = self.waiting, []
        try:
            async with self._db.tx() as tx:
                if outcomes:
                    await self._store.record(tx, outcomes, self._clock.now())
                    await self.notify(tx, outcomes)
                claimed = await self._store.claim(tx, claims)
        except Exception as exc:
            self.waiting = outcomes + self.waiting
            self.refused(now, exc)
            return False
        self._in_a_row = 0
        self.claimed = claimed
        for outcome in outcomes:
            self.recent.pop(outcome.row.key, None)
            if (replaced := self._stands_for.pop(outcome.row.id, None)) is not None:
                self.recent.pop(replaced, None)
        return True

    def refused(self, now: float, exc: Exception) -> None:
        """The database refused a write: hold everything back a little longer each time."""
        self.refusals += 1
        self._in_a_row += 1
        self.blocked_until = now + min(5.0, 0.1 * 2.0 ** min(self._in_a_row, 10))
        if self._in_a_row == 1 or self._in_a_row % 20 == 0:
            _LOGGER.error(
                "Outbox: the database refused a write (%s); nothing is sent until it works", exc
            )

    async def notify(self, tx: Tx, outcomes: Sequence[Outcome]) -> None:
        """Tell staff about alerts and job offers that ended failed or uncertain."""
        if self._on_undelivered is None:
            return
        for outcome in outcomes:
            if outcome.status in ("failed", "uncertain") and outcome.row.kind:
                try:
                    await self._on_undelivered(tx, outcome)
                except Exception:
                    _LOGGER.exception(
                        "Could not queue the staff notice for row %s", outcome.row.id
                    )
