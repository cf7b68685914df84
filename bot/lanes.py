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
    """Keeps the bot inside Telegram's limits: overall per second, per chat, per group minute.

    Counted twice. When the sender picks a lane (:meth:`global_wait`, :meth:`chat_wait`,
    :meth:`record`), so no more rows are claimed than can go soon; and at the HTTP request
    itself (:meth:`leave_wait`, asked by :class:`bot.paced_request.PacedRequest` just before
    the request is written), which is what Telegram sees. Only the second count keeps a starved
    event loop (or a district's twenty senders, each committing its claims after its own
    delay) from bunching requests: whatever happened between the pick and the request, the
    requests leave evenly spaced.
    """

    # Requests that may leave back to back at the request (the rest leave 1/rate s apart).
    # A third of a second's worth: Telegram (and the sandbox) count with a bucket of a second's
    # worth of messages, so a bot that leaves evenly keeps the other two thirds in hand for
    # delays on the way (requests written or read late, bunched), where leaving in bursts of
    # a second's worth kept nothing (215 answers 429 in 10,000 district pings under load);
    # and a stall of the event loop up to a third of a second is caught up.
    LEAVE_BURST = 10

    def __init__(self, limits: RateLimits, *, leave_burst: int = LEAVE_BURST) -> None:
        self._limits = limits
        self._burst = leave_burst
        self._global: deque[float] = deque()
        self._chat_next: dict[int, float] = {}
        self._group_sent: dict[int, deque[float]] = {}
        # At the request: when the next request may leave by the overall rate (its theoretical
        # time: GCRA), each chat's next, each group's last minute, and a pause at a hand-over.
        self._leave_at = 0.0
        self._left: deque[float] = deque()  # when requests left in the last second
        self._left_chat_next: dict[int, float] = {}
        self._left_group: dict[int, deque[float]] = {}
        self._hold_until = 0.0

    def global_wait(self, now: float) -> float:
        """Seconds until any message may go (0 if now)."""
        while self._global and now - self._global[0] >= 1.0:
            self._global.popleft()
        if len(self._global) >= self._limits.global_per_second:
            return self._global[0] + 1.0 - now
        return 0.0

    def chat_wait(self, chat_id: int, now: float) -> float:
        """Seconds until a message to this chat may go, by its own limits (0 if now)."""
        return _chat_wait(self._limits, self._chat_next, self._group_sent, chat_id, now)

    def record(self, chat_id: int, now: float) -> None:
        """Count a message that is going out now."""
        self._global.append(now)
        _count(self._limits, self._chat_next, self._group_sent, chat_id, now)

    def leave_wait(self, chat_id: int | None, now: float) -> float:
        """Seconds until a request (to `chat_id`, None: no chat) may leave; 0: it may, and is
        counted now. A request told to wait is not counted: it asks again after the wait.

        Overall: evenly spaced at 1/rate seconds (``leave_burst`` back to back at most, after
        a pause), so at most rate × t + leave_burst requests leave in any t seconds and a
        stall lets no more than the burst go at once after it; and never more than the rate
        in any one second. Per chat: the same interval and group minute as at the pick, counted
        again here.
        """
        interval = 1.0 / self._limits.global_per_second
        while self._left and now - self._left[0] >= 1.0:
            self._left.popleft()
        wait = max(
            self._hold_until - now,
            self._leave_at - (self._burst - 1) * interval - now,
            self._left[0] + 1.0 - now if len(self._left) >= self._limits.global_per_second else 0,
        )
        if chat_id is not None:
            chat = _chat_wait(self._limits, self._left_chat_next, self._left_group, chat_id, now)
            wait = max(wait, chat)
        if wait > 1e-9:  # (not a rounding error of the interval's sums)
            return wait
        self._leave_at = max(self._leave_at, now) + interval
        self._left.append(now)
        if chat_id is not None:
            _count(self._limits, self._left_chat_next, self._left_group, chat_id, now)
        return 0.0

    def chat_leave_wait(self, chat_id: int | None, now: float) -> float:
        """Seconds until a request to `chat_id` may leave by the chat's own limits (0: now;
        nothing counted)."""
        if chat_id is None:
            return 0.0
        return _chat_wait(self._limits, self._left_chat_next, self._left_group, chat_id, now)

    def hold(self, until: float) -> None:
        """No request leaves before `until` (the sending turn was just taken over: what the
        previous holder sent in its last second counts too, and is not known here)."""
        self._hold_until = max(self._hold_until, until)


def _chat_wait(
    limits: RateLimits,
    chat_next: dict[int, float],
    group_sent: dict[int, deque[float]],
    chat_id: int,
    now: float,
) -> float:
    wait = chat_next.get(chat_id, 0.0) - now
    if chat_id < 0:
        sent = group_sent.setdefault(chat_id, deque())
        while sent and now - sent[0] >= 60.0:
            sent.popleft()
        if len(sent) >= limits.group_per_minute:
            wait = max(wait, sent[0] + 60.0 - now)
    return max(0.0, wait)


def _count(
    limits: RateLimits,
    chat_next: dict[int, float],
    group_sent: dict[int, deque[float]],
    chat_id: int,
    now: float,
) -> None:
    chat_next[chat_id] = now + limits.per_chat_interval
    if chat_id < 0:
        group_sent.setdefault(chat_id, deque()).append(now)


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
