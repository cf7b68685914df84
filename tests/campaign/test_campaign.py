"""The fault campaign of issue 11: a seeded load of concurrent flows while `concierge run` (a
real process) is SIGKILLed at random points and restarted, and a fifth of the Bot API calls
fail in every way the sandbox knows (429, 5xx, dropped before and after processing, slow,
unreadable body, blocked, ChatMigrated), then an accounting (tests/campaign/accounting.py).

Flows: bookings through accept (a resident asks in private, picks, confirms; the provider
accepts the offer), check-in ladders (2, 4 and 6 minutes), tool loans (reserve, hand-over,
return) and the community's notices. Time runs 60x fast in the bot (the dev clock,
``CONCIERGE_DEV_CLOCK``), the same across restarts, so ladders and offer windows fall due within
seconds. The plan (people, pauses, kills, faults) is seeded; the interleaving with real time
is not. ``CAMPAIGN_SCALE`` makes it longer and busier (``make soak``), ``CAMPAIGN_SEED`` picks
another plan.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import sqlite3
import time
from collections.abc import Awaitable
from datetime import datetime
from pathlib import Path

import pytest

from bot.clock import ScaledClock, to_db
from bot.devtools.sandbox import FaultKind, Sandbox, SandboxUser
from tests.campaign.accounting import (
    Accounting,
    account_ladders,
    account_messages,
    account_presses,
    account_process,
    report,
)
from tests.campaign.people import Town, book, borrow, work
from tests.campaign.process import BotProcess
from tests.harness import SHANGHAI

SCALE = float(os.environ.get("CAMPAIGN_SCALE", "1"))
SEED = int(os.environ.get("CAMPAIGN_SEED", "11"))
SPEED = 60.0  # one real second is one minute in the bot
LOAD_SECONDS = 8.0 * SCALE  # flows start and kills happen within this
SETTLE_GUARD = 60.0 + 10.0 * SCALE  # then everything must settle within this (a hang guard)
FAULT_RATE = 0.2
ORIGIN = datetime(2026, 11, 28, 9, 0, tzinfo=SHANGHAI)  # a Saturday morning
BASE = Path(__file__).with_name("community.toml")

NETWORK: tuple[FaultKind, ...] = ("429", "500", "502", "drop", "drop_after", "slow", "garbled")
FAULTS: dict[str, tuple[FaultKind, ...]] = {
    "sendmessage": (*NETWORK, "blocked", "migrated"),
    "copymessage": (*NETWORK, "blocked"),
    "editmessagetext": NETWORK,
    "answercallbackquery": NETWORK,
    "getupdates": NETWORK,
}
GROUP_ID = -100500
STAFF, KEEPERS, MEMBERS = 1001, (2001, 2002), (3001, 3002, 3003)


def _community(tmp: Path, elders: list[tuple[int, str]]) -> Path:
    """The campaign community with one elder per (telegram id, check-in time)."""
    text = BASE.read_text("utf-8")
    for n, (telegram_id, at) in enumerate(elders):
        worker = "hk_zhang" if n % 6 < 3 else "hk_chen"
        text += (
            f'\n[[elders]]\nkey = "elder_{n}"\nname = "老人{n}"\n'
            f'address = "{n % 6 + 1}栋1单元{n}01"\ncheckin_times = ["{at}"]\n'
            f'grid_worker = "{worker}"\ntelegram_id = {telegram_id}\n'
        )
    path = tmp / "community.toml"
    path.write_text(text, "utf-8")
    return path


class Campaign:
    """The sandbox, the bot process, the people, the plan."""

    def __init__(self, sb: Sandbox, tmp: Path) -> None:
        self.sb = sb
        self.rng = random.Random(SEED)
        self.town = Town(sb)
        count = max(1, round(4 * SCALE))
        minutes = int(LOAD_SECONDS) + 2
        offsets = [2 + n * minutes // count for n in range(count)]  # minutes after 09:00
        self.elders = [
            (5001 + n, f"{9 + m // 60:02d}:{m % 60:02d}") for n, m in enumerate(offsets)
        ]
        self.bookers = [6001 + n for n in range(count)]
        self.borrowers = [6501 + n for n in range(max(1, round(3 * SCALE)))]
        self.clock = ScaledClock(ORIGIN, time.time() + 2.0, SPEED)
        self.bot = BotProcess(
            sb, tmp / "concierge.db", _community(tmp, self.elders), self.clock, tmp / "stderr.log"
        )
        self.tasks: list[asyncio.Task[None]] = []

    def person(self, user_id: int, name: str) -> SandboxUser:
        return self.sb.user(user_id, name, language_code="zh-hans")

    async def open_chats(self) -> None:
        """Everybody opens a private chat with the bot; residents give their address."""
        people = [self.person(STAFF, "刘主任")]
        people += [self.person(i, f"管家{i}") for i in KEEPERS]
        people += [self.person(i, f"师傅{i}") for i in MEMBERS]
        people += [self.person(i, f"老人{i}") for i, _ in self.elders]
        residents = [self.person(i, f"居民{i}") for i in self.bookers + self.borrowers]
        for user in people + residents:
            await self.sb.press_start(user)
        for n, user in enumerate(residents):
            await self.sb.send(user, f"{n % 3 + 1}-{n % 2 + 1}-{501 + n}")
        self.sb.group(GROUP_ID, "故障花园业主群", members=residents, admins=[people[0]])

    def spawn(self, flow: Awaitable[None]) -> None:
        self.tasks.append(asyncio.ensure_future(flow))

    async def later(self, delay: float, flow: Awaitable[None]) -> None:
        await asyncio.sleep(delay)
        await flow

    def start_people(self) -> None:
        sb, town = self.sb, self.town
        for user_id in (*KEEPERS, *MEMBERS):
            self.spawn(work(town, sb.state.users[user_id], random.Random(self.rng.random())))
        for user_id, _ in self.elders:
            user = sb.state.users[user_id]
            self.spawn(work(town, user, random.Random(self.rng.random()), elder=True))
        for n, user_id in enumerate(self.bookers):
            user = sb.state.users[user_id]
            flow = book(town, user, f"{n % 3 + 1}-1-{301 + n}", random.Random(self.rng.random()))
            self.spawn(self.later(self.rng.uniform(0, LOAD_SECONDS * 0.6), flow))
        for user_id in self.borrowers:
            flow = borrow(town, sb.state.users[user_id], random.Random(self.rng.random()))
            self.spawn(self.later(self.rng.uniform(0, LOAD_SECONDS * 0.6), flow))

    async def kill_at_random(self) -> None:
        """SIGKILL at random points of the load, and start again after a short downtime."""
        loop = asyncio.get_running_loop()
        end = loop.time() + LOAD_SECONDS
        while loop.time() < end:
            await asyncio.sleep(self.rng.uniform(1.0, 3.5))
            await self.bot.kill()
            await asyncio.sleep(self.rng.uniform(0.1, 1.2))
            await self.bot.restart()
        await self.bot.reap()

    def settled(self) -> bool:
        """Nothing left to do: every update confirmed, every row ended, nothing overdue."""
        if self.sb.pending_updates or not self.bot.alive:
            return False
        now = to_db(self.clock.now())
        conn = sqlite3.connect(self.bot.db_path, timeout=10)
        try:
            unended = conn.execute(
                "SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending')"
            ).fetchone()[0]
            due = conn.execute(
                "SELECT COUNT(*) FROM deadlines WHERE status = 'pending' AND due_at <= ?", (now,)
            ).fetchone()[0]
        finally:
            conn.close()
        return unended == 0 and due == 0

    async def settle(self) -> None:
        """Faults off; wait until settled and quiet (people may still press what they saw)."""
        self.sb.faults.clear()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + SETTLE_GUARD
        quiet_since = None
        while loop.time() < deadline:
            await self.bot.reap()
            if self.settled():
                quiet_since = quiet_since or loop.time()
                if loop.time() - quiet_since > 1.5:
                    return
            else:
                quiet_since = None
            await asyncio.sleep(0.2)
        raise AssertionError("the campaign did not settle")


async def _run(tmp_path: Path) -> tuple[Accounting, Campaign, float]:
    started = time.monotonic()
    async with Sandbox(bot_username="concierge_campaign_bot") as sb:
        campaign = Campaign(sb, tmp_path)
        await campaign.open_chats()
        await campaign.bot.start()
        await sb.wait_for(lambda: bool(sb.calls("getUpdates")), 30)
        drawn = sb.faults.at_random(FAULT_RATE, FAULTS, seed=SEED, slow_delay=1.0)
        campaign.start_people()
        try:
            await campaign.kill_at_random()
            await campaign.settle()
            campaign.town.ended.set()
            await asyncio.sleep(0.3)
            await campaign.settle()
        finally:
            campaign.town.ended.set()
            for task in campaign.tasks:
                task.cancel()
            with contextlib.suppress(BaseException):
                await asyncio.gather(*campaign.tasks, return_exceptions=True)
            code = await campaign.bot.stop() if campaign.bot.alive else -1
        acc = Accounting()
        acc.figures["final exit status"] = code
        db = campaign.bot.db_path
        campaign.bot.integrity.append(campaign.bot.check_integrity())
        blocked = {int(c.params["chat_id"]) for c in sb.calls() if c.fault == "blocked"}
        account_presses(acc, db, sb, campaign.town.presses)
        account_messages(acc, db, sb, blocked)
        account_ladders(acc, db, to_db(campaign.clock.now()), slack_s=3 * 60)
        account_process(acc, campaign.bot.stderr(), campaign.bot.integrity)
        acc.figures["kills"] = campaign.bot.kills
        acc.figures["seconds down"] = round(
            sum((d.end or d.start) - d.start for d in campaign.bot.downtimes)
        )
        acc.figures["starts"] = campaign.bot.starts
        acc.figures["bot api calls"] = len(sb.calls())
        for kind, n in drawn.drawn.items():
            acc.figures[f"fault {kind}"] = n
        for flow, n in campaign.town.flows.items():
            acc.figures[f"flow: {flow}"] = n
    return acc, campaign, time.monotonic() - started


async def test_fault_campaign(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Kills and faults: 0 presses lost, 0 messages lost, 0 duplicated beyond the ambiguous
    case, 0 out of order, 0 ladder steps missed or repeated, 0 tracebacks, every file sound."""
    acc, campaign, took = await _run(tmp_path)
    with capsys.disabled():
        print("\n" + report(acc, f"campaign (seed {SEED}, scale {SCALE:g}): {took:.1f}s"))
    assert acc.problems == {}, acc.problems
    assert acc.figures["final exit status"] == 0
    assert campaign.bot.kills >= 2 and acc.figures["presses"] > 0
