"""Issue 12: the sender reads each pending row about once (not the oldest 500 after every
delivery) and records outcomes in batches, in the transactions that claim the next rows."""

from __future__ import annotations

from tests.harness import Harness
from tests.outbox.support import copies, enqueue, open_chats, statuses

CHATS, PER_CHAT = 20, 3


async def test_rows_are_read_once_and_marked_in_batches(harness: Harness) -> None:
    """60 messages to 20 chats: a handful of reads of the pending queue and fewer write
    transactions than messages (before: a 500-row read and a mark per delivery)."""
    async with harness.running() as h:
        people = await open_chats(h, CHATS)
        statements: list[str] = []
        h.runtime.db.set_trace_callback(statements.append)
        texts = await enqueue(h, [p.id for p in people], "cost", per_chat=PER_CHAT)
        await h.sb.wait_for(lambda: set(copies(h.sb, "cost")) == set(texts), timeout=10)
        await h.sb.wait_idle(quiet=0.3)
        h.runtime.db.set_trace_callback(None)
        queue_reads = [s for s in statements if "FROM outbox WHERE" in s and "'pending'" in s]
        writes = [s for s in statements if s.startswith("BEGIN IMMEDIATE")]
        # A welcome from open_chats may still be marked inside the window: count the rows.
        assert set((await statuses(h)).values()) == {"sent"}, "every row is marked sent"
        assert len(queue_reads) <= 6, queue_reads
        assert len(writes) < len(texts), f"{len(writes)} write transactions for {len(texts)}"
