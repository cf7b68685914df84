"""Issue 11, "Some messages loop forever": every row ends sent, failed (error kept, staff told
when an alert or a job offer could not be delivered) or migrated; a full disk never makes the
sender repeat a message; a row the sender cannot even build gives up after bounded retries."""

from __future__ import annotations

import json

from bot.i18n import T
from tests.harness import STAFF_ID, Harness
from tests.outbox.support import copies, enqueue, open_chats, statuses, wait_status


async def test_a_group_upgraded_to_a_supergroup_gets_its_messages(harness: Harness) -> None:
    """ChatMigrated: the binding moves to the new id and the message is sent there, once;
    a message later written for the old id goes to the new chat too."""
    async with harness.running() as h:
        group = await h.group(-4001, "业主群")
        h.sb.faults.add("sendMessage", "migrated", chat_id=group.id, migrate_to=-1004001)
        await enqueue(h, [group.id], "moved", per_chat=3)
        await h.sb.wait_for(lambda: len(copies(h.sb, "moved")) == 3, timeout=10)
        await enqueue(h, [group.id], "after")
        await h.sb.wait_for(lambda: bool(copies(h.sb, "after")), timeout=10)
        await h.sb.wait_idle(quiet=0.3)
        moved = [
            m.content for m in h.sb.sent(-1004001) if m.content.startswith(("moved", "after"))
        ]
        assert moved == [f"moved-{group.id}-{n}" for n in range(3)] + [f"after-{group.id}-0"]
        assert set((await statuses(h)).values()) == {"migrated", "sent"}
        async with h.runtime.db.read() as tx:
            assert await h.runtime.groups.is_bound(tx, -1004001)
            assert -1004001 in await h.runtime.groups.bound_chats(tx)
            assert group.id not in await h.runtime.groups.bound_chats(tx)


async def test_a_disk_that_refuses_writes_never_makes_the_sender_repeat(
    harness: Harness,
) -> None:
    """With the database refusing writes (full disk), 579 extra copies went out in 23 s: now
    nothing is sent that cannot be recorded, and once writes work again each message goes
    out once and its row ends sent."""
    async with harness.running() as h:
        people = await open_chats(h, 2)
        texts = await _enqueue_then_refuse_writes(h, [p.id for p in people])
        await h.sb.wait_idle(quiet=1.0, timeout=10)
        assert max(copies(h.sb, "disk").values(), default=0) <= 1, copies(h.sb, "disk")
        async with h.runtime.db.read():
            h.runtime.db.conn.execute("PRAGMA query_only = OFF")
        await h.sb.wait_for(lambda: set(copies(h.sb, "disk")) == set(texts), timeout=15)
        await h.sb.wait_idle(quiet=0.5)
        assert max(copies(h.sb, "disk").values()) == 1, copies(h.sb, "disk")
        await wait_status(h, "test:disk-7100", "sent")
        assert set((await statuses(h)).values()) == {"sent"}


async def _enqueue_then_refuse_writes(h: Harness, chat_ids: list[int]) -> list[str]:
    """Queue messages and make the database read-only in the same locked stretch, so the
    sender meets the refusal on its first write about them."""
    texts = []
    async with h.runtime.db.tx() as tx:
        for chat_id in chat_ids:
            text = f"disk-{chat_id}"
            await h.runtime.outbox.send(
                tx, chat_id, T("common.lines", lines=[text]), key=f"test:{text}"
            )
            texts.append(text)
    async with h.runtime.db.read():
        h.runtime.db.conn.execute("PRAGMA query_only = ON")
    h.runtime.outbox.poke()
    return texts


async def test_a_row_that_cannot_be_built_fails_after_bounded_retries(bot: Harness) -> None:
    """An unknown error (here a row whose payload lacks its text) is retried a few times with
    back-off, then the row is failed with the error kept; other chats are not held up."""
    [person] = await open_chats(bot, 1)
    async with bot.runtime.db.tx() as tx:
        await tx.execute(
            "INSERT INTO outbox (dedupe_key, chat_id, method, payload, not_before, created_at)"
            " VALUES ('test:broken', ?, 'send', ?, '2026-01-01', '2026-01-01')",
            (person.id, json.dumps({"oops": 1})),
        )
    bot.runtime.outbox.poke()
    await enqueue(bot, [person.id + 1000], "other")
    await wait_status(bot, "test:broken", "failed", timeout=30)
    async with bot.runtime.db.read() as tx:
        row = await tx.one(
            "SELECT attempts, last_error FROM outbox WHERE dedupe_key = 'test:broken'"
        )
    assert row is not None
    assert 2 <= row["attempts"] <= 6
    assert "KeyError" in row["last_error"]


async def test_a_job_offer_to_someone_who_blocked_the_bot_is_failed_and_staff_told(
    bot: Harness,
) -> None:
    """Forbidden (blocked) fails the row at once with Telegram's words kept; because it was a
    job offer, staff hear that it did not arrive."""
    await bot.settle_staff()
    [worker] = await open_chats(bot, 1)
    await bot.sb.block_bot(worker)
    async with bot.runtime.db.tx() as tx:
        await bot.runtime.outbox.send(
            tx, worker.id, T("common.lines", lines=["offer"]), key="bk77:offer:5:1"
        )
    bot.runtime.outbox.poke()
    told = await bot.sb.wait_for_message(STAFF_ID, contains=str(worker.id), timeout=10)
    assert "未送达" in told.content
    async with bot.runtime.db.read() as tx:
        row = await tx.one(
            "SELECT status, last_error FROM outbox WHERE dedupe_key = 'bk77:offer:5:1'"
        )
    assert row is not None and row["status"] == "failed"
    assert "blocked" in row["last_error"]
