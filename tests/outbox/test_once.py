"""Issue 11, "Messages are sent at least once, not once": an answer lost after Telegram took
the message (dropped connection, read timeout, unreadable 200, a kill before the mark) never
produces a second copy; the row ends ``uncertain`` and is counted."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from telegram import Bot

from bot.clock import FakeClock
from bot.devtools.sandbox import Sandbox
from bot.devtools.sandbox.ptb import SANDBOX_TOKEN
from bot.i18n import T
from bot.outbox import Outbox
from bot.sender import OutboxSender
from bot.storage import Database
from tests.harness import FAST_LIMITS, START, Harness
from tests.outbox.support import copies, enqueue, open_chats, statuses

ROOT = Path(__file__).resolve().parents[2]


async def test_answer_dropped_after_delivery_is_not_sent_again(harness: Harness) -> None:
    """46 of 46 such sends were duplicated: now each message arrives once."""
    async with harness.running() as h:
        people = await open_chats(h, 3)
        for person in people:
            h.sb.faults.add("sendMessage", "drop_after", chat_id=person.id)
        texts = await enqueue(h, [p.id for p in people], "lost", per_chat=2)
        await h.sb.wait_for(lambda: set(copies(h.sb, "lost")) == set(texts), timeout=10)
        await h.sb.wait_idle(quiet=0.5)
        assert max(copies(h.sb, "lost").values()) == 1, copies(h.sb, "lost")
        assert sorted((await statuses(h)).values()) == ["sent"] * 3 + ["uncertain"] * 3
        assert h.runtime.sender is not None
        assert h.runtime.sender.stats.uncertain == 3


async def test_read_timeout_after_delivery_is_not_sent_again(harness: Harness) -> None:
    """The request left and Telegram processed it, but the answer came after our timeout."""
    harness.with_settings(request_timeout=0.3)
    async with harness.running() as h:
        [person] = await open_chats(h, 1)
        h.sb.faults.add("sendMessage", "drop_after", chat_id=person.id, delay=1.0)
        texts = await enqueue(h, [person.id], "late", per_chat=3)
        await h.sb.wait_for(lambda: set(copies(h.sb, "late")) == set(texts), timeout=10)
        await h.sb.wait_idle(quiet=1.2)
        assert max(copies(h.sb, "late").values()) == 1, copies(h.sb, "late")
        order = [m.content for m in h.sb.sent(person.id) if m.content.startswith("late")]
        assert order == texts, "order in the chat is kept"


async def test_unreadable_success_is_not_sent_again(harness: Harness) -> None:
    """16 of 16 sends answered with an unreadable 200 were duplicated (and retried forever)."""
    async with harness.running() as h:
        people = await open_chats(h, 2)
        h.sb.faults.add("sendMessage", "garbled", times=2)
        texts = await enqueue(h, [p.id for p in people], "garbled", per_chat=2)
        await h.sb.wait_for(lambda: set(copies(h.sb, "garbled")) == set(texts), timeout=10)
        await h.sb.wait_idle(quiet=0.5)
        assert max(copies(h.sb, "garbled").values()) == 1, copies(h.sb, "garbled")
        assert sorted((await statuses(h)).values()) == ["sent"] * 2 + ["uncertain"] * 2


async def _sender_in_a_process(sb: Sandbox, db_path: Path) -> asyncio.subprocess.Process:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.outbox.sender_process",
        str(db_path),
        sb.root_url,
        cwd=ROOT,
        env=env,
    )


async def test_kill_between_send_and_mark_does_not_send_again(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """SIGKILL after Telegram took the message but before the row was marked: the next
    sender does not resend it (6 duplicates came from such kills)."""
    db_path = tmp_path / "db.sqlite"
    person = sandbox.user(7300, "居民")
    await sandbox.press_start(person)
    db = Database(db_path)
    await db.open()
    async with db.tx() as tx:
        await Outbox(FakeClock(START)).send(
            tx, person.id, T("common.lines", lines=["killed"]), key="test:killed"
        )
    await db.close()
    sandbox.faults.add("sendMessage", "drop_after", chat_id=person.id, delay=60)
    process = await _sender_in_a_process(sandbox, db_path)
    try:
        await sandbox.wait_for(lambda: bool(copies(sandbox, "killed")), timeout=20)
    finally:
        process.send_signal(signal.SIGKILL)
        await process.wait()
    await db.open()
    bot = Bot(SANDBOX_TOKEN, base_url=f"{sandbox.root_url}/bot")
    async with bot:
        sender = OutboxSender(db, bot, FakeClock(START), FAST_LIMITS)
        await sender.start()
        await sandbox.wait_idle(quiet=0.5)
        await sender.stop()
    async with db.read() as tx:
        status = await tx.scalar("SELECT status FROM outbox WHERE dedupe_key = 'test:killed'")
    await db.close()
    assert copies(sandbox, "killed") == {"killed": 1}
    assert status == "uncertain"
