"""Two `concierge run --webhook` instances on one PostgreSQL behind a balancer, fed by the
sandbox, while one of them is SIGKILLed and started again (issue 16, acceptance 2). Shared by
the test (tests/campaign/test_instances.py, a smaller load) and the benchmark
(``python -m bench instances``: 2,000 updates).

The load is the fault campaign's people (tests/campaign/people.py): bookings through accept,
check-ins whose ladders (2, 4, 6 minutes at 60x) fall due within seconds, tool loans; plus
residents chatting in the group (updates the bot reads and stays silent on) until the count of
updates is reached. No Bot API faults: this is about instances, not the network. The balancer
(:class:`Balancer`) sends each delivery to the next instance in turn and to the other when
that one does not answer, as nginx does with ``proxy_next_upstream``; both down, Telegram
(the sandbox) gets a 502 and delivers again later.

The accounting is the campaign's (tests/campaign/accounting.py), read from PostgreSQL, plus:
every update the sandbox saw confirmed is recorded as processed, once (``processed_updates``
is keyed by the update id and written in the update's own transaction).
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import socket
import time
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
from aiohttp import web

from bot.clock import ScaledClock, to_db
from bot.devtools.sandbox import Sandbox
from tests.campaign.accounting import (
    Accounting,
    _rows,
    account_ladders,
    account_messages,
    account_presses,
    account_process,
)
from tests.campaign.people import Town, book, borrow, work
from tests.campaign.process import BotProcess
from tests.campaign.test_campaign import GROUP_ID, KEEPERS, MEMBERS, ORIGIN, SPEED, STAFF
from tests.campaign.test_campaign import _community as community_file

CHATTER = ("哈哈", "好的谢谢", "今天天气不错", "收到", "👍", "大家早上好", "晚上一起散步吗")
SETTLE_GUARD = 120.0
PACE = 20.0  # updates/s the load aims at: about what two instances handle on a shared 2-core box
BACKLOG = 10  # chatter waits while Telegram (the sandbox) holds this many undelivered updates


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Balancer:
    """A round-robin HTTP balancer in front of the instances (nginx's part in the runbook)."""

    def __init__(self, upstreams: list[str]) -> None:
        self.upstreams = upstreams
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.passed: list[int] = [0] * len(upstreams)
        self._next = 0
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._forward)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
        if self._session is not None:
            await self._session.close()

    async def _forward(self, request: web.Request) -> web.Response:
        assert self._session is not None
        body = await request.read()
        headers = {k: v for k, v in request.headers.items() if k.lower() != "host"}
        first, self._next = self._next, (self._next + 1) % len(self.upstreams)
        for step in range(len(self.upstreams)):
            n = (first + step) % len(self.upstreams)
            try:
                async with self._session.request(
                    request.method, self.upstreams[n] + request.path_qs, data=body, headers=headers
                ) as answer:
                    text = await answer.read()
                    self.passed[n] += 1
                    return web.Response(status=answer.status, body=text)
            except (aiohttp.ClientError, TimeoutError):
                continue  # that instance is down: the next one
        return web.Response(status=502)


@dataclass
class Run:
    """The load, the two instances, the kills; then the accounting."""

    sb: Sandbox
    tmp: Path
    url: str
    updates: int
    kills: int = 3
    seed: int = 16
    rng: random.Random = field(init=False)
    clock: ScaledClock = field(init=False)
    instances: list[BotProcess] = field(default_factory=list)
    balancer: Balancer | None = None
    town: Town = field(init=False)
    tasks: list[asyncio.Task[None]] = field(default_factory=list)
    elders: list[tuple[int, str]] = field(default_factory=list)
    bookers: list[int] = field(default_factory=list)
    borrowers: list[int] = field(default_factory=list)
    load_seconds: float = 0.0
    chatter: set[int] = field(default_factory=set)  # group chatter: read, nothing recorded

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.town = Town(self.sb)
        flows = max(4, self.updates // 60)  # each booking is ~6 updates, a loan 2, a ladder 1-2
        self.load_seconds = max(8.0, self.updates / PACE)
        minutes = int(self.load_seconds) + 2
        self.elders = [
            (5001 + n, f"{9 + m // 60:02d}:{m % 60:02d}")
            for n, m in enumerate(2 + k * minutes // flows for k in range(flows))
        ]
        self.bookers = [6001 + n for n in range(flows)]
        self.borrowers = [6501 + n for n in range(max(2, flows // 2))]
        self.clock = ScaledClock(ORIGIN, time.time() + 2.0, SPEED)

    async def start(self) -> None:
        """Open the chats, start both instances behind the balancer, wait until both are
        ready (the webhook is then set)."""
        ports = [free_port(), free_port()]
        self.balancer = Balancer([f"http://127.0.0.1:{p}" for p in ports])
        await self.balancer.start()
        community = community_file(self.tmp, self.elders)
        for n, port in enumerate(ports):
            env = {
                "CONCIERGE_WEB_PORT": str(port),
                "CONCIERGE_PUBLIC_URL": self.balancer.url,
                "CONCIERGE_INSTANCE": f"instance-{n}",
            }
            self.instances.append(
                BotProcess(
                    self.sb,
                    self.url,
                    community,
                    self.clock,
                    self.tmp / f"stderr-{n}.log",
                    extra_env=env,
                    options=("--webhook",),
                )
            )
        await self._open_chats()
        for instance in self.instances:
            await instance.start()
            await self.sb.wait_for(lambda: bool(self.sb.state.webhook_url), 60)
        for port in ports:
            await _until_ready(f"http://127.0.0.1:{port}")

    async def _open_chats(self) -> None:
        sb = self.sb
        people = [sb.user(STAFF, "刘主任", language_code="zh-hans")]
        people += [sb.user(i, f"管家{i}", language_code="zh-hans") for i in KEEPERS]
        people += [sb.user(i, f"师傅{i}", language_code="zh-hans") for i in MEMBERS]
        people += [sb.user(i, f"老人{i}", language_code="zh-hans") for i, _ in self.elders]
        self.residents = [
            sb.user(i, f"居民{i}", language_code="zh-hans") for i in self.bookers + self.borrowers
        ]
        for user in people + self.residents:
            await sb.press_start(user)
        for n, user in enumerate(self.residents):
            await sb.send(user, f"{n % 3 + 1}-{n % 2 + 1}-{501 + n}")
        self.group = sb.group(
            GROUP_ID, "故障花园业主群", members=self.residents, admins=people[:1]
        )

    def spawn(self, flow: object) -> None:
        self.tasks.append(asyncio.ensure_future(flow))  # type: ignore[call-overload]

    async def _later(self, delay: float, flow: object) -> None:
        await asyncio.sleep(delay)
        await flow  # type: ignore[misc]

    def start_people(self) -> None:
        """Workers, elders, bookings, loans (the campaign's flows), and the group's chatter."""
        sb, town, rng = self.sb, self.town, self.rng
        for user_id in (*KEEPERS, *MEMBERS):
            self.spawn(work(town, sb.state.users[user_id], random.Random(rng.random())))
        for user_id, _ in self.elders:
            flow = work(town, sb.state.users[user_id], random.Random(rng.random()), elder=True)
            self.spawn(flow)
        spread = self.load_seconds * 0.6
        for n, user_id in enumerate(self.bookers):
            address = f"{n % 3 + 1}-1-{301 + n}"
            flow = book(town, sb.state.users[user_id], address, random.Random(rng.random()))
            self.spawn(self._later(rng.uniform(0, spread), flow))
        for user_id in self.borrowers:
            flow = borrow(town, sb.state.users[user_id], random.Random(rng.random()))
            self.spawn(self._later(rng.uniform(0, spread), flow))
        self.spawn(self._chatter())

    async def _chatter(self) -> None:
        """Residents chat in the group until the run has had its count of updates, as fast as
        the instances take them (never more than BACKLOG waiting, so the people's flows are
        not stuck behind a flood of chatter)."""
        while self.seen() < self.updates and not self.town.ended.is_set():
            if len(self.sb.pending_updates) < BACKLOG:
                user = self.rng.choice(self.residents)
                await self.sb.send(user, self.rng.choice(CHATTER), chat=self.group)
                self.chatter.add(int(self.sb.state.updates[-1]["update_id"]))
            else:
                await asyncio.sleep(0.02)

    def seen(self) -> int:
        """Updates the sandbox made so far (delivered or waiting)."""
        delivered = {d.update_id for d in self.sb.webhook.deliveries}
        return len(delivered | {int(u["update_id"]) for u in self.sb.pending_updates})

    async def kill_and_restart(self) -> None:
        """SIGKILL the first instance `kills` times during the load, each time started again
        after a short downtime (the other instance serves meanwhile)."""
        victim = self.instances[0]
        gap = self.load_seconds / (self.kills + 1)
        for _ in range(self.kills):
            await asyncio.sleep(self.rng.uniform(0.5, 1.0) * gap)
            await victim.kill()
            await asyncio.sleep(self.rng.uniform(0.3, 1.5))
            await victim.restart()

    def settled(self) -> bool:
        """Every update confirmed and handled, every row ended, nothing overdue."""
        if self.sb.pending_updates or not all(i.alive for i in self.instances):
            return False
        now = to_db(self.clock.now())
        left = _rows(
            self.url,
            "SELECT (SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending')),"
            " (SELECT COUNT(*) FROM deadlines WHERE status = 'pending' AND due_at <= ?),"
            " (SELECT COUNT(*) FROM webhook_inbox)",
            (now,),
        )[0]
        return tuple(left) == (0, 0, 0)

    async def settle(self) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + SETTLE_GUARD
        quiet_since = None
        while loop.time() < deadline:
            for instance in self.instances:
                await instance.reap()
            if self.settled():
                quiet_since = quiet_since or loop.time()
                if loop.time() - quiet_since > 2.0:
                    return
            else:
                quiet_since = None
            await asyncio.sleep(0.3)
        raise AssertionError("two instances did not settle")

    async def run(self) -> Accounting:
        """The whole run; the accounting (figures and problems)."""
        started = time.monotonic()
        await self.start()
        loaded = time.monotonic()
        self.start_people()
        exits: list[int] = []
        try:
            await self.kill_and_restart()
            await self.settle()
            handled_at = time.monotonic()
            self.town.ended.set()
            await asyncio.sleep(0.3)
            await self.settle()
        finally:
            self.town.ended.set()
            for task in self.tasks:
                task.cancel()
            with contextlib.suppress(BaseException):
                await asyncio.gather(*self.tasks, return_exceptions=True)
            for instance in self.instances:
                exits.append(await instance.stop() if instance.alive else -1)
            if self.balancer is not None:
                await self.balancer.stop()
        return self.account(exits, started, loaded, handled_at)

    def account(
        self, exits: list[int], started: float, loaded: float, handled_at: float
    ) -> Accounting:
        acc = Accounting()
        sb, url = self.sb, self.url
        account_presses(acc, url, sb, self.town.presses)
        account_messages(acc, url, sb, set())
        account_ladders(acc, url, to_db(self.clock.now()), slack_s=3 * 60)
        stderr = "".join(i.stderr() for i in self.instances)
        account_process(acc, stderr, [])
        confirmed = {d.update_id for d in sb.webhook.deliveries if d.ok and not d.answer_lost}
        processed = {int(r[0]) for r in _rows(url, "SELECT update_id FROM processed_updates")}
        lost = confirmed - processed - self.chatter
        acc.figures["updates"] = len(confirmed)
        acc.figures["updates lost"] = len(lost)
        if lost:
            acc.bad("updates lost", f"confirmed, never handled: {sorted(lost)[:5]}")
        acc.figures["kills"] = self.instances[0].kills
        acc.figures["exit statuses"] = sum(exits)
        acc.figures["deliveries via instance 0"] = self.balancer.passed[0] if self.balancer else 0
        acc.figures["deliveries via instance 1"] = self.balancer.passed[1] if self.balancer else 0
        acc.figures["updates: group chatter"] = len(self.chatter & confirmed)
        acc.figures["seconds to start"] = round(loaded - started)
        acc.figures["seconds to handle"] = round(handled_at - loaded)
        for flow, n in self.town.flows.items():
            acc.figures[f"flow: {flow}"] = n
        return acc


async def _until_ready(base: str, guard: float = 60.0) -> None:
    async with aiohttp.ClientSession() as session:
        loop = asyncio.get_running_loop()
        end = loop.time() + guard
        while loop.time() < end:
            with contextlib.suppress(aiohttp.ClientError):
                async with session.get(f"{base}/readyz") as answer:
                    if answer.status == 200:
                        return
            await asyncio.sleep(0.1)
    raise AssertionError(f"{base} never ready")
