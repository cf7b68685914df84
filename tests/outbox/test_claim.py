"""The sender's claim takes only rows still pending, on both stores: a row withdrawn after the
sender read it, or already claimed by another sender (an earlier holder of the sending turn),
is not claimed, so it is not sent."""

from __future__ import annotations

from pathlib import Path

from bot.clock import FakeClock
from bot.i18n import T
from bot.outbox import Outbox
from bot.storage import Database
from bot.storage.outbox import OutboxStore
from tests.harness import START


async def test_only_pending_rows_are_claimed(store: Path | str) -> None:
    """Withdrawn after the read: not claimed; claimed once: not claimed again."""
    db = Database(store)
    await db.open()
    try:
        outbox, rows = Outbox(FakeClock(START)), OutboxStore()
        async with db.tx() as tx:
            for n, chat in enumerate((11, 12, 13)):
                await outbox.send(tx, chat, T("common.lines", lines=[f"消息{n}"]), key=f"k{n}")
            ids = [r.id for r in await rows.pending(tx, 0, 10)]
            assert await outbox.drop_pending(tx, 12) == 1  # withdrawn after the read
        async with db.tx() as tx:
            assert await rows.claim(tx, ids) == {ids[0], ids[2]}
        async with db.tx() as tx:  # a second sender holding the same rows in memory
            assert await rows.claim(tx, ids) == set()
            assert await rows.claim(tx, []) == set()
    finally:
        await db.close()
