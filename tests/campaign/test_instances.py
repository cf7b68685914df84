"""Issue 16, acceptance 2: two `concierge run --webhook` instances on one PostgreSQL schema
(created and dropped here) behind a balancer, fed through the sandbox while one instance is
SIGKILLed and restarted three times: 0 updates lost or handled twice, 0 messages lost (but for
the documented ambiguous case of a row in flight at a kill) or sent
twice, 0 ladder steps missed or repeated, per-chat order kept (tests/campaign/instances.py).

The test feeds INSTANCES_UPDATES updates (default 400, to keep CI short); the benchmark
(``python -m bench instances``) runs the same with 2,000 and prints the figures."""

from __future__ import annotations

import inspect
import os
from pathlib import Path

import pytest

from bot.devtools.sandbox import Sandbox
from bot.sender import OutboxSender
from tests.campaign.accounting import report
from tests.campaign.instances import Run
from tests.stores import pg_schema, skip_without_pg

UPDATES = int(os.environ.get("INSTANCES_UPDATES", "400"))
SENDER_CONCURRENCY = inspect.signature(OutboxSender).parameters["concurrency"].default


async def test_two_instances_one_killed_three_times(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every update handled once, every message delivered once and in order, every ladder
    step once, while one of two instances dies three times."""
    skip_without_pg()
    async with pg_schema() as url, Sandbox(bot_username="concierge_instances_bot") as sb:
        acc = await Run(sb, tmp_path, url, UPDATES).run()
    with capsys.disabled():
        print("\n" + report(acc, f"two instances, {UPDATES} updates, one killed 3 times"))
    assert acc.problems == {}, acc.problems
    assert acc.figures["updates"] >= UPDATES
    assert acc.figures["kills"] == 3
    assert acc.figures["exit statuses"] == 0
    # A SIGKILL between claiming a row and hearing Telegram's answer is the documented ambiguous
    # case (docs/reliability.md): the row ends uncertain and is not resent, so its message
    # arrived once or not at all; CI saw one such row that had not arrived. Only rows in flight
    # at a kill may end so: at most the sender's concurrency per kill, never the queue.
    ambiguous = sum(v for k, v in acc.figures.items() if k.startswith("ambiguous"))
    assert ambiguous <= acc.figures["kills"] * SENDER_CONCURRENCY
