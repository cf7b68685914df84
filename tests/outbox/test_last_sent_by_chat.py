"""The last message sent to a chat (the private line asks it for every private message a
resident writes: is this an answer to a relayed message?) is one look-up in an index of the
sends by chat, not a walk back through the outbox until that chat's row turns up: with a
month of 100,000 residents' messages kept, the walk took ~25 ms on the event loop for someone
not written to lately (issue 12: no path may grow with history)."""

from __future__ import annotations

from pathlib import Path

from bot.clock import FakeClock
from bot.i18n import T
from bot.outbox import Outbox
from bot.storage import Database
from tests.harness import START


async def test_the_last_send_to_a_chat_is_its_newest_send(tmp_path: Path) -> None:
    """Another chat's later messages and this chat's later edit do not count."""
    db = Database(tmp_path / "last.sqlite")
    await db.open()
    outbox = Outbox(FakeClock(START))
    async with db.tx() as tx:
        await outbox.send(tx, 501, T("common.staff_only"), key="a:1")
        await outbox.send(tx, 501, T("common.staff_only"), key="a:2")
        await outbox.edit(tx, 501, T("common.staff_only"), key="a:3", message_id=7)
        await outbox.send(tx, 502, T("common.staff_only"), key="b:1")
        assert await outbox.last_sent_key(tx, 501) == "a:2"
        assert await outbox.last_sent_key(tx, 502) == "b:1"
        assert await outbox.last_sent_key(tx, 503) is None
    await db.close()


async def test_the_last_send_to_a_chat_is_read_through_the_chat_index(tmp_path: Path) -> None:
    """SQLite's plan: a search of the chat's sends in an index, never a scan of the outbox."""
    db = Database(tmp_path / "plan.sqlite")
    await db.open()
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    async with db.read() as tx:
        await Outbox(FakeClock(START)).last_sent_key(tx, 501)
    db.conn.set_trace_callback(None)
    (lookup,) = [s for s in statements if "FROM outbox" in s]
    async with db.read() as tx:
        plan = await tx.all(f"EXPLAIN QUERY PLAN {lookup}")
    await db.close()
    details = " ".join(str(row["detail"]) for row in plan)
    assert "SEARCH outbox USING" in details and "(chat_id=?)" in details, details
    assert "SCAN" not in details, details
