"""The outbox sender: delivers what the writer (:mod:`bot.outbox`) queued, once, in order.

- **Once, as far as Telegram allows.** A row is claimed (``sending``, committed) before its
  Bot API call. A failure Telegram answered, or one before the request left, is retried; an
  answer lost after the request left is never resent: the row ends ``uncertain``, counted and
  logged with its chat id (:mod:`bot.sending` decides which is which). A row found
  ``sending`` at start was interrupted: it ends ``uncertain`` the same way.
- **Every row ends** sent, failed (Telegram's words kept; staff told about alerts and job
  offers), uncertain or migrated (``ChatMigrated``: the group binding and every queued message
  move to the new id). Unknown errors get a few retries with back-off, then ``failed``. A
  crash in the loop is logged and the loop starts again.
- **Fair**: per-chat lanes (:mod:`bot.lanes`) within the global, per-group and per-chat limits.
- **Cheap** (issue 12): rows are read once into memory, only as many per chat as it can send
  soon; outcomes are recorded in batches, in the transaction that claims the next rows.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from telegram import Bot

from bot.clock import Clock
from bot.config import RateLimits
from bot.lanes import Lanes, RateLimiter
from bot.outcomes import OnUndelivered, OutcomeBatch
from bot.sending import REPEAT, Result, SenderStats, Verdict, attempt, retry_delay
from bot.storage import Database, Tx
from bot.storage.outbox import OutboxStore, Outcome, QueuedRow

_LOGGER = logging.getLogger(__name__)

OnMigrate = Callable[[Tx, int, int], Awaitable[None]]


class OutboxSender:
    """Delivers pending outbox rows: one per chat at a time, in order, many chats at once."""

    LANE_CAP = 20  # rows per chat held in memory
    READ_LIMIT = 200
    MAX_IN_MEMORY = 5_000
    RESCAN_SECONDS = 30.0

    def __init__(
        self,
        db: Database,
        bot: Bot,
        clock: Clock,
        limits: RateLimits,
        *,
        concurrency: int = 32,
        on_migrate: OnMigrate | None = None,
        on_undelivered: OnUndelivered | None = None,
        limiter: RateLimiter | None = None,
        poll: float | None = None,
    ) -> None:
        self._db = db
        # Several instances (PostgreSQL): rows another instance wrote wake nobody here, so the
        # outbox is read every `poll` seconds, and read whole every few seconds (a row whose
        # transaction began first may commit after a later one was read).
        self._poll = poll
        self._poll_at = 0.0
        self._rescan_seconds = self.RESCAN_SECONDS if poll is None else max(2.0, 10 * poll)
        self._bot = bot
        self._clock = clock
        self._store = OutboxStore()
        # The senders of a district's communities share one limiter: Telegram's limits are
        # the bot's, whichever community a message is from.
        self.limiter = limiter or RateLimiter(limits)
        self._lanes = Lanes(self.limiter, self.LANE_CAP)
        self._concurrency = concurrency
        self._on_migrate = on_migrate
        self.wake = asyncio.Event()  # set by the writer: new rows may be waiting
        self.stats = SenderStats()
        self._progress = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._tasks: dict[int, asyncio.Task[None]] = {}  # row id -> its send
        self._batch = OutcomeBatch(db, self._store, clock, on_undelivered)
        self._unknown: dict[int, int] = {}  # row id -> unknown errors so far
        self._migrating: dict[int, tuple[int, int]] = {}  # old chat -> (new chat, row id)
        self._moved: dict[int, int] = {}
        self._cursor = 0
        self._rescan_at = 0.0
        self._stopping = False

    # -- lifecycle -----------------------------------------------------------------------

    async def start(self) -> None:
        """Resolve rows a previous run left in flight, then deliver in the background."""
        self._stopping = False
        async with self._db.tx() as tx:
            interrupted = await self._store.interrupted(tx)
            self._moved = await self._store.migrations(tx)
            for row in interrupted:
                _LOGGER.warning(
                    "Outbox row %s to chat %s was interrupted in flight: uncertain, not resent",
                    row.id,
                    row.chat_id,
                )
                await self._batch.notify(tx, [Outcome(row, "uncertain", error="interrupted")])
        self.stats.uncertain += len(interrupted)
        self._task = asyncio.create_task(self._run(), name="outbox-sender")
        self.wake.set()

    async def stop(self) -> None:
        """Stop taking new rows, let in-flight requests finish and record every outcome."""
        self._stopping = True
        self.wake.set()
        if self._task is not None:
            await self._task
            self._task = None
        _LOGGER.info("Outbox sender stopped: %s", self.stats)

    async def drain(self, timeout: float = 10.0) -> None:
        """Wait until nothing is pending (used by the demo and benchmarks)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while loop.time() < deadline:
            async with self._db.read() as tx:
                left = await self._store.unfinished(tx)
            if not (left or self._tasks or self._batch.waiting or self._migrating):
                return
            await asyncio.sleep(0.02)
        raise TimeoutError("outbox did not drain")

    async def _run(self) -> None:
        """Run the loop; a crash is logged and the loop starts again with a fresh read."""
        pause = 0.5
        while True:
            try:
                await self._loop()
                break
            except Exception:
                self.stats.crashes += 1
                _LOGGER.exception("Outbox sender loop crashed; starting again in %.1fs", pause)
                self._lanes.clear(set(self._tasks))
                self._cursor = 0
                await asyncio.sleep(pause)
                pause = min(30.0, pause * 2)
        await self._finish()

    async def _finish(self) -> None:
        if self._tasks:
            await asyncio.gather(*self._tasks.values(), return_exceptions=True)
        await self._migrate()
        for _ in range(3):
            if not self._batch.waiting or await self._batch.commit(self._now(), []):
                return
            await asyncio.sleep(0.2)
        _LOGGER.error(
            "%d delivery outcomes could not be recorded: those rows end uncertain at next start",
            len(self._batch.waiting),
        )

    # -- the loop ------------------------------------------------------------------------

    async def _loop(self) -> None:
        loop = asyncio.get_running_loop()
        while not self._stopping:
            self._progress.clear()
            now = loop.time()
            if self._poll is not None and now >= self._poll_at:
                self._poll_at = now + self._poll
                self.wake.set()
            if self.wake.is_set() or now >= self._rescan_at:
                self.wake.clear()
                await self._read_new(now)
            await self._refill(now)
            await self._migrate()
            await self._round(loop.time())
            await self._sleep(self._next_wake(loop.time()))

    async def _read_new(self, now: float) -> None:
        """Load rows written since the last read (all pending rows on a periodic rescan, in
        case ids were reused after pruning)."""
        if now >= self._rescan_at:
            self._cursor, self._rescan_at = 0, now + self._rescan_seconds
        while len(self._lanes) < self.MAX_IN_MEMORY:
            async with self._db.read() as tx:
                rows = await self._store.pending(tx, self._cursor, self.READ_LIMIT)
            for row in rows:
                if row.chat_id in self._moved:
                    self._migrating.setdefault(row.chat_id, (self._moved[row.chat_id], row.id))
                else:
                    self._lanes.add(row, now)
            if rows:
                self._cursor = rows[-1].id
            if len(rows) < self.READ_LIMIT:
                return

    async def _refill(self, now: float) -> None:
        """Lanes with room read their own next rows, in order."""
        wanted = self._lanes.needing_rows()
        if not wanted:
            return
        async with self._db.read() as tx:
            for chat_id, after, count in wanted:
                rows = await self._store.pending_for_chat(tx, chat_id, after, count)
                self._lanes.refilled(chat_id, rows, count, now)

    async def _round(self, now: float) -> None:
        """Record outcomes and claim the next rows in one transaction, then send them."""
        slots = self._concurrency - len(self._tasks)
        open_ = now >= self._batch.blocked_until
        lanes = self._lanes.ready(now, slots) if open_ and slots else []
        if not lanes and not self._batch.due(now, self._stopping):
            return
        if not await self._batch.commit(now, [lane.rows[0].id for lane in lanes]):
            pause = self._batch.blocked_until - now
            for lane in lanes:
                self._lanes.release(lane, now, pause)
            self.stats.refused_writes = self._batch.refusals
            return
        for lane in lanes:
            row = self._lanes.started(lane)
            if row.id not in self._batch.claimed:  # withdrawn, or taken by an earlier holder
                self._lanes.finished(row, now)
                continue
            row.attempts += 1
            task = asyncio.create_task(self._deliver(row), name=f"outbox-{row.id}")
            self._tasks[row.id] = task
            task.add_done_callback(self._done)

    async def _sleep(self, timeout: float) -> None:
        if self.wake.is_set() or self._progress.is_set():
            return
        waits = {
            asyncio.ensure_future(self.wake.wait()),
            asyncio.ensure_future(self._progress.wait()),
        }
        try:
            await asyncio.wait(waits, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiting in waits:
                waiting.cancel()

    def _next_wake(self, now: float) -> float:
        times = [5.0, self._rescan_at - now]
        if self._poll is not None:
            times.append(self._poll_at - now)
        blocked = self._batch.blocked_until - now
        if (due := self._lanes.next_due(now)) is not None:
            times.append(max(due, blocked))
        if self._batch.waiting:
            times.append(max(self._batch.flush_at - now, blocked))
        if self._migrating:
            times.append(blocked)
        return max(0.002, min(times))

    @staticmethod
    def _now() -> float:
        return asyncio.get_running_loop().time()

    # -- one send ------------------------------------------------------------------------

    async def _deliver(self, row: QueuedRow) -> None:
        # Counted again as the request leaves: bot.paced_request.PacedRequest.
        result = await attempt(self._bot, row, self._message_id_of)
        self._settle(row, result, asyncio.get_running_loop().time())

    def _done(self, task: asyncio.Task[None]) -> None:
        row_id = int(task.get_name().rsplit("-", 1)[1])
        self._tasks.pop(row_id, None)
        if not task.cancelled() and (exc := task.exception()) is not None:
            _LOGGER.error("Outbox send task for row %s failed", row_id, exc_info=exc)
        self._progress.set()

    def _settle(self, row: QueuedRow, result: Result, now: float) -> None:
        """Act on one attempt's verdict (in memory; recorded with the next batch)."""
        verdict, error = result.verdict, result.error
        if verdict is Verdict.RETRY:
            count = self._unknown[row.id] = self._unknown.get(row.id, 0) + (not result.known)
            delay = retry_delay(result, row.attempts, count)
            if delay is not None:
                self.stats.retried += 1
                self._batch.add(Outcome(row, "pending", error=error), now)
                self._lanes.finished(row, now, retry_at=now + delay)
                return
            verdict = Verdict.FAILED
        if verdict is Verdict.MIGRATED and result.migrate_to is not None:
            self._migrating[row.chat_id] = (result.migrate_to, row.id)
            return  # the lane stays busy until the move commits
        self._unknown.pop(row.id, None)
        if verdict is Verdict.SENT:
            self.stats.sent += 1
            if result.new_for is not None:
                _LOGGER.warning(
                    "Outbox row %s to chat %s edits %r, whose id is unknown (its send ended"
                    " uncertain or failed): sent as a new message",
                    row.id,
                    row.chat_id,
                    result.new_for,
                )
            sent = Outcome(row, "sent", message_id=result.message_id)
            self._batch.add(sent, now, stands_for=result.new_for)
        elif verdict is Verdict.UNCERTAIN:
            self.stats.uncertain += 1
            _LOGGER.warning(
                "Outbox row %s to chat %s is uncertain (%s): not sent again",
                row.id,
                row.chat_id,
                error,
            )
            self._batch.add(Outcome(row, "uncertain", error=error), now)
        else:
            self.stats.failed += 1
            _LOGGER.error(
                "Outbox row %s to chat %s failed for good: %s", row.id, row.chat_id, error
            )
            self._batch.add(Outcome(row, "failed", error=error), now)
        self._lanes.finished(row, now)

    async def _message_id_of(self, key: str, text: str) -> int | None:
        if key in self._batch.recent:
            return self._batch.recent[key]
        async with self._db.read() as tx:
            found = await self._store.message_id_of(tx, key)
            if found is None and await self._store.uncertain_stand_in(tx, key, text):
                return REPEAT
            return found

    # -- groups that became supergroups --------------------------------------------------

    async def _migrate(self) -> None:
        """Move each migrated group's binding and queued messages to its new id."""
        now = asyncio.get_running_loop().time()
        for old, (new, first) in list(self._migrating.items()):
            if now < self._batch.blocked_until:
                return
            try:
                async with self._db.tx() as tx:
                    moved = await self._store.migrate(tx, old, new, first, self._clock.now())
                    if self._on_migrate is not None:
                        await self._on_migrate(tx, old, new)
            except Exception as exc:
                self._batch.refused(now, exc)
                return
            del self._migrating[old]
            self._moved[old] = new
            self._lanes.drop(old)
            self._lanes.finished(QueuedRow(first, "", old, "", "", 0, ""), now)
            self.stats.migrated += moved
            _LOGGER.warning(
                "Group %s became supergroup %s: binding and %d message(s) moved", old, new, moved
            )
            self.wake.set()
