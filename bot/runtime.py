"""The running application's parts, built once and shared by every handler.

Building a Runtime does no I/O: the database opens and the outbox sender starts in
:meth:`Runtime.start`, called from the Application's ``post_init``. Deadlines that fell due while
the bot was down are handled by :meth:`Runtime.catch_up`, started only after the updates Telegram
queued meanwhile were read: what people answered while the bot was down comes first.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, Protocol

from telegram import Bot

from bot.audit import Audit
from bot.callbacks import CallbackSigner
from bot.clock import Clock
from bot.config import Community, RateLimits, Settings
from bot.deadlines import DeadlineRunner
from bot.domain.catalogue import ServiceCatalogue
from bot.domain.groups import Groups
from bot.domain.people import People
from bot.domain.requests import Requests
from bot.domain.setup import Setup
from bot.lanes import RateLimiter
from bot.outbox import Outbox
from bot.sender import OutboxSender
from bot.sender_turn import LOCK_KEY, SenderTurn
from bot.storage import Database, Tx, backup, retention
from bot.undelivered import UndeliveredNotice
from intents import Catalogue, Understander

_LOGGER = logging.getLogger(__name__)

Planner = Callable[[Tx, datetime], Awaitable[None]]


class Server(Protocol):
    """A server run with the bot (the web console): started after storage, stopped first."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


PLAN_ROUNDS = 10_000  # a planner that keeps changing something is stopped here (a bug)
SHARED_POLL = 0.2  # seconds: how often the sender on a shared (PostgreSQL) outbox reads it
PRUNE_ROUNDS = 20  # retention batches per plan(): 10,000 rows of each kind every 10 minutes


@dataclass
class Runtime:
    """Everything a handler or a deadline needs; one per Application."""

    settings: Settings
    clock: Clock
    db: Database
    outbox: Outbox
    deadlines: DeadlineRunner
    people: People
    groups: Groups
    requests: Requests
    audit: Audit
    signer: CallbackSigner
    catalogue: ServiceCatalogue
    understander: Understander
    setup: Setup
    planners: list[Planner] = field(default_factory=list)
    sender: OutboxSender | None = None
    bot_username: str = ""
    servers: list[Server] = field(default_factory=list)
    # Started (storage open, updates taken) and not stopping: what /readyz reports.
    ready: bool = False
    # Telegram's limits for everything this community's bot sends (its sender picks by it, its
    # requests leave by it: bot/paced_request.py); in a district (bot/district) one shared by
    # every community. And what this community's deep links start with (its name), so the
    # router knows whose they are.
    limiter: RateLimiter = field(default_factory=lambda: RateLimiter(RateLimits()))
    link_prefix: str = ""
    _catch_up: asyncio.Task[int] | None = field(default=None, repr=False)
    _turn: SenderTurn | None = field(default=None, repr=False)
    _stopping: bool = field(default=False, repr=False)
    _run_lock: IO[str] | None = field(default=None, repr=False)

    @classmethod
    def build(cls, settings: Settings, clock: Clock) -> Runtime:
        """Assemble the parts (no I/O)."""
        community = settings.community
        extra = {sid: o.aliases for sid, o in community.services.items() if o.aliases}
        vocabulary = Catalogue.default().with_aliases(extra)
        db = Database(settings.store)
        deadlines = DeadlineRunner(db, clock)
        outbox = Outbox(clock, community.community.language)
        deadlines.after_commit(outbox.poke)
        people, audit = People(community, clock), Audit(clock)
        outbox.refuse(people.is_revoked)
        setup = Setup(community, audit, people, outbox)
        setup.on_change(people.setup_changed)
        return cls(
            settings=settings,
            clock=clock,
            db=db,
            outbox=outbox,
            deadlines=deadlines,
            people=people,
            groups=Groups(community, clock),
            requests=Requests(clock),
            audit=audit,
            signer=CallbackSigner(settings.secret_key),
            catalogue=ServiceCatalogue(community, vocabulary),
            understander=Understander(vocabulary, community.tz, model=settings.model),
            setup=setup,
            limiter=RateLimiter(settings.rate_limits),
        )

    @property
    def community(self) -> Community:
        """The community: the file's settings with the setup staff edit (kept in the database
        and put in place by :attr:`setup` after each change)."""
        return self.settings.community

    def local_now(self) -> datetime:
        """Now, in the community's timezone."""
        return self.clock.now().astimezone(self.settings.community.tz)

    def deep_link(self, payload: str) -> str:
        """A t.me link that opens a private chat with the bot and sends /start payload (no
        payload: the plain chat link; an empty "?start=" is not a valid deep link)."""
        if not payload and self.link_prefix:  # a district: the plain link names its community
            return f"https://t.me/{self.bot_username}?start={self.link_prefix.rstrip('-')}"
        if not payload:
            return f"https://t.me/{self.bot_username}"
        return f"https://t.me/{self.bot_username}?start={self.link_prefix}{payload}"

    async def start(self, bot: Bot) -> None:
        """Open storage, start the sender and plan recurring work (overdue deadlines wait)."""
        self._stopping = False
        await self.db.open()
        if self.db.local:  # PostgreSQL serves several instances: no file lock
            self._run_lock = self._run_lock or backup.hold_run_lock(self.db.path)
        async with self.db.tx() as tx:
            differing = await self.setup.load(tx)
        if differing:
            _LOGGER.warning(
                "The community file differs from the setup in the database in %d entries;"
                " the database is used (see them and apply them with: concierge import FILE)",
                len(differing),
            )
        self.bot_username = bot.username
        if self.db.local:
            await self._start_sender(bot)
        else:  # several instances may share the database: one sends at a time
            self._turn = SenderTurn(
                self.db.session_lock(LOCK_KEY),
                lambda taken_over: self._start_sender(bot, taken_over=taken_over),
                self._stop_sender,
            )
            await self._turn.start()
        await self.plan()
        for server in self.servers:
            await server.start()

    async def _start_sender(self, bot: Bot, *, taken_over: bool = False) -> None:
        """A new outbox sender, woken by what this instance queues, started. `taken_over`: the
        sending turn was another instance's a moment ago, whose last second of requests this
        limiter never saw, so none leaves for a second."""
        if taken_over:
            self.limiter.hold(asyncio.get_running_loop().time() + 1.0)
        self.sender = OutboxSender(
            self.db,
            bot,
            self.clock,
            self.settings.rate_limits,
            on_migrate=self.groups.migrate,
            on_undelivered=UndeliveredNotice(self.people, self.outbox),
            limiter=self.limiter,
            poll=None if self.db.local else SHARED_POLL,
        )
        self.outbox.attach(self.sender.wake)
        await self.sender.start()

    async def _stop_sender(self) -> None:
        """Stop the sender (its turn ended, or this instance stops)."""
        sender = self.sender
        if sender is not None:
            await sender.stop()

    def catch_up(self) -> None:
        """Handle, in the background, the deadlines that fell due while the bot was down.

        Called once the updates Telegram queued meanwhile were handled, so an answer given while
        the bot was down stops the step it answers; polling runs meanwhile (a thousand overdue
        deadlines must not delay the first new message).
        """
        self._catch_up = asyncio.create_task(self._run_overdue(), name="deadline-catch-up")

    async def _run_overdue(self, batch: int = 20) -> int:
        handled = 0
        while not self._stopping:
            done = await self.deadlines.run_due(limit=batch)
            handled += done
            if done < batch:
                break
        if handled:
            _LOGGER.info("Handled %d deadlines that fell due while the bot was down", handled)
        return handled

    async def plan(self) -> None:
        """Let each feature schedule its upcoming recurring deadlines (idempotent), in rounds,
        then prune old bookkeeping (retention) the same way.

        A planner does a bounded batch per call; each call is one transaction, repeated while
        the last one changed something (at most PLAN_ROUNDS). Between rounds the lock is
        released, so updates waiting for it are handled: planning never pauses handling for
        longer than one batch. Pruning stops after PRUNE_ROUNDS and goes on next time, so a
        long backlog (the first start after an upgrade) never delays a start for long.
        """
        now = self.clock.now()
        for planner in self.planners:
            await self._rounds(planner, now, PLAN_ROUNDS)
        await self._rounds(self._prune, now, PRUNE_ROUNDS)

    async def _rounds(self, planner: Planner, now: datetime, most: int) -> None:
        """Call a planner in its own transaction until a call changes nothing."""
        for _ in range(most):
            before = self.db.total_changes
            async with self.db.tx() as tx:
                await planner(tx, now)
            if self.db.total_changes == before:
                return

    async def _prune(self, tx: Tx, now: datetime) -> None:
        """Retention: a batch of each kind of finished bookkeeping per round."""
        await retention.prune(tx, self.community.retention, now)

    async def tick(self) -> None:
        """Woken by the scheduler: take up a setup changed elsewhere, act on what fell due."""
        async with self.db.read() as tx:
            await self.setup.check(tx)
        await self.deadlines.run_due()

    async def stop(self, grace: float = 5.0) -> None:
        """Finish the deadline in hand, let in-flight sends finish, then always close storage.

        Each wait is bounded by ``grace`` seconds (then cancelled), so stopping always ends.
        """
        self._stopping = True
        self.ready = False
        try:
            for server in self.servers:
                with contextlib.suppress(Exception):
                    await server.stop()
            stopping = self._turn.stop() if self._turn else self._stop_sender()
            for waiting in (self._catch_up, stopping):
                if waiting is not None:
                    with contextlib.suppress(Exception, asyncio.CancelledError):
                        await asyncio.wait_for(waiting, grace)
        finally:
            self._catch_up = None
            await self.db.close()
            if self._run_lock is not None:
                self._run_lock.close()  # concierge restore may now replace the database
                self._run_lock = None
