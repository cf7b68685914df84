"""Updates are confirmed to Telegram only once handled (docs/operations.md). Polling confirms a
batch by asking for the next one (``offset``); python-telegram-bot asks as soon as the batch is
queued, before it is handled, so a SIGKILL in between lost what people wrote or pressed (the
window the fault campaign aims its kills at). Here the handling is held up by the test holding
the database lock: the updates must stay unconfirmed until it is released."""

from __future__ import annotations

import asyncio

from tests.harness import Harness


async def test_updates_are_not_confirmed_before_they_are_handled(bot: Harness) -> None:
    people = [bot.person(7001 + n, f"居民{n}") for n in range(3)]
    async with bot.runtime.db.tx():  # every handler waits for this lock
        calls = len(bot.sb.calls("getUpdates"))
        for person in people:
            await bot.sb.press_start(person)
        # the bot fetches them; a next poll now would confirm them
        await bot.sb.wait_for(lambda: len(bot.sb.calls("getUpdates")) > calls, 5)
        await asyncio.sleep(0.3)
        assert len(bot.sb.pending_updates) == len(people), "confirmed before being handled"
    await bot.sb.wait_for(lambda: not bot.sb.pending_updates, 5)
    async with bot.runtime.db.read() as tx:
        handled = await tx.scalar("SELECT COUNT(*) FROM processed_updates")
    assert handled >= len(people)
