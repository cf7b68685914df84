"""Per-chat lanes for the outbox sender: who may send next, within Telegram's limits.

Each chat has a lane: its queued rows in id order and at most one send in flight, so order
per chat holds and a slow, flooded or dead chat holds back only itself. Lanes that have rows
wait in a heap by the time they may go next (per-chat interval, per-group minute, back-off);
the global per-second limit gates them all. Nothing here does I/O.
"""

from __future__ import annotations

import heapq
import itertools
from collections import deque
from dataclasses import dataclass, field

from bot.config import RateLimits
from bot.storage.outbox import QueuedRow


class RateLimiter:
    """Keeps the bot inside Telegram's limits: overall per second, per chat, per group minute."""

    def __init__(self, limits: RateLimits, *, shared: bool = False) -> None:
        self._limits = limits
        self._shared = shared  # several senders use it (a district): see leave_wait
        self._global: deque[float] = deque()
        self._left: deque[float] = deque()  # when requests really left (see leave_wait)
        self._chat_next: dict[int, float] = {}
        self._group_sent: dict[int, deque[float]] = {}

    def global_wait(self, now: float) -> float:
        """Seconds until any message may go (0 if now)."""
        while self._global and now - self._global[0] >= 1.0:
            self._global.popleft()
        if len(self._global) >= self._limits.global_per_second:
            return self._global[0] + 1.0 - now
        return 0.0

    def leave_wait(self, now: float) -> float:
        """Seconds until a request may leave by the overall limit, counted when requests
        really leave; 0: it may, and is counted now.

        :meth:`global_wait` counts a message when its lane is picked, but the request leaves
        only after its claim committed. One sender's delays are alike, so its requests keep
        the picked pace; a district's twenty senders (one limiter) commit after different
        delays, and their requests bunched past Telegram's 30/s (904 answers 429 in 10,000
        pings without this gate; bench/district_bench.py). Only for a shared limiter: one
        sender needs no second count, and a row waiting here is claimed (``sending``), so an
        instance killed meanwhile would leave it uncertain.
        """
        if not self._shared:
            return 0.0
        while self._left and now - self._left[0] >= 1.0:
            self._left.popleft()
        if len(self._left) >= self._limits.global_per_second:
            return self._left[0] + 1.0 - now
        self._left.append(now)
        return 0.0

    def chat_wait(self, chat_id: int, now: float) -> float:
        """Seconds until a message to this chat may go, by its own limits (0 if now)."""
        wait = self._chat_next.get(chat_id, 0.0) - now
        if chat_id < 0:
            sent = self._group_sent.setdefault(chat_id, deque())
            while sent and now - sent[0] >= 60.0:
                sent.popleft()
            if len(sent) >= self._limits.group_per_minute:
                wait = max(wait, sent[0] + 60.0 - now)
        return max(0.0, wait)

    def record(self, chat_id: int, now: float) -> None:
        """Count a message that is going out now."""
        self._global.append(now)
        self._chat_next[chat_id] = now + self._limits.per_chat_interval
        if chat_id < 0:
            self._group_sent.setdefault(chat_id, deque()).append(now)


@dataclass
class Lane:
    """One chat's queued rows (oldest first) and whether one is in flight."""

    chat_id: int
    rows: deque[QueuedRow] = field(default_factory=deque)
    busy: bool = False  # a send is in flight (or being claimed)
    more: bool = False  # the database holds further pending rows not loaded yet
    not_before: float = 0.0  # back-off after a failure, or Telegram's retry_after
    last_id: int = 0  # the highest row id ever loaded into this lane
    token: int = 0  # the heap entry that is current (older entries are stale)


class Lanes:
    """Every chat's lane and the heap of lanes waiting for their turn."""

    def __init__(self, limiter: RateLimiter, cap: int) -> None:
        self._limiter = limiter
        self._cap = cap
        self._lanes: dict[int, Lane] = {}
        self._heap: list[tuple[float, int, int, int]] = []  # (ready at, head id, token, chat)
        self._tokens = itertools.count(1)
        self._global_until = 0.0
        self.known: set[int] = set()  # ids queued or in flight: never loaded twice

    def __len__(self) -> int:
        return sum(len(lane.rows) for lane in self._lanes.values())

    def add(self, row: QueuedRow, now: float) -> bool:
        """Queue a row read from the database; False if known or its lane is full (the lane
        then reads the rest itself, in order, when it has room)."""
        if row.id in self.known:
            return False
        lane = self._lanes.setdefault(row.chat_id, Lane(row.chat_id))
        if lane.more or len(lane.rows) >= self._cap:
            lane.more = True
            return False
        lane.rows.append(row)
        lane.last_id = max(lane.last_id, row.id)
        self.known.add(row.id)
        if not lane.busy and len(lane.rows) == 1:
            self._push(lane, max(now, lane.not_before))
        return True

    def needing_rows(self) -> list[tuple[int, int, int]]:
        """(chat, after id, how many) for lanes with room and more rows in the database."""
        return [
            (lane.chat_id, lane.last_id, self._cap - len(lane.rows))
            for lane in self._lanes.values()
            if lane.more and len(lane.rows) <= self._cap // 2
        ]

    def refilled(self, chat_id: int, rows: list[QueuedRow], asked: int, now: float) -> None:
        """Add a lane's own read; it is complete when fewer rows came than were asked."""
        lane = self._lanes.setdefault(chat_id, Lane(chat_id))
        lane.more = False
        for row in rows:
            self.add(row, now)
        lane.more = len(rows) >= asked

    def ready(self, now: float, slots: int) -> list[Lane]:
        """Lanes whose head may be sent now (marked busy and counted by the limiter)."""
        picked: list[Lane] = []
        while self._heap and len(picked) < slots and self._heap[0][0] <= now:
            ready_at, _, token, chat_id = heapq.heappop(self._heap)
            lane = self._lanes.get(chat_id)
            if lane is None or lane.token != token or lane.busy or not lane.rows:
                continue
            wait = max(lane.not_before - now, self._limiter.chat_wait(chat_id, now))
            if wait > 0:
                self._push(lane, now + wait)
                continue
            if (global_wait := self._limiter.global_wait(now)) > 0:
                self._push(lane, ready_at)
                self._global_until = now + global_wait
                break
            self._limiter.record(chat_id, now)
            lane.busy = True
            picked.append(lane)
        return picked

    def next_due(self, now: float) -> float | None:
        """Seconds until some lane may go, or None when no lane is waiting."""
        while self._heap:
            _, _, token, chat_id = self._heap[0]
            lane = self._lanes.get(chat_id)
            if lane is not None and lane.token == token and not lane.busy and lane.rows:
                return max(0.0, self._heap[0][0] - now, self._global_until - now)
            heapq.heappop(self._heap)
        return None

    def release(self, lane: Lane, now: float, delay: float) -> None:
        """A claim did not commit: the lane's head waits and goes again later."""
        lane.busy = False
        if lane.rows:
            self._push(lane, now + delay)

    def started(self, lane: Lane) -> QueuedRow:
        """The claim committed: take the head off the lane (it stays busy until finished)."""
        return lane.rows.popleft()

    def finished(self, row: QueuedRow, now: float, retry_at: float | None = None) -> None:
        """A send ended; with `retry_at` the row goes back to the head of its lane."""
        lane = self._lanes.setdefault(row.chat_id, Lane(row.chat_id))
        lane.busy = False
        if retry_at is not None:
            lane.rows.appendleft(row)
            lane.not_before = retry_at
        else:
            self.known.discard(row.id)
        if lane.rows:
            self._push(lane, max(now, lane.not_before))
        elif not lane.more:
            del self._lanes[row.chat_id]

    def drop(self, chat_id: int) -> None:
        """Forget a chat's lane (its rows were moved in the database)."""
        lane = self._lanes.pop(chat_id, None)
        if lane is not None:
            self.known.difference_update(row.id for row in lane.rows)

    def clear(self, in_flight: set[int]) -> None:
        """Forget every queued row (after a crash); the ones in flight stay known."""
        self._lanes = {
            chat: Lane(chat, busy=True, last_id=lane.last_id)
            for chat, lane in self._lanes.items()
            if lane.busy
        }
        self._heap.clear()
        self.known = set(in_flight)

    def _push(self, lane: Lane, ready_at: float) -> None:
        lane.token = next(self._tokens)
        head = lane.rows[0].id if lane.rows else 0
        heapq.heappush(self._heap, (ready_at, head, lane.token, lane.chat_id))
