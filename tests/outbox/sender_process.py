"""A bare outbox sender in its own process, for kill -9 tests: ``python -m
tests.outbox.sender_process DB_PATH SANDBOX_URL`` delivers until it is killed."""

from __future__ import annotations

import asyncio
import sys

from telegram import Bot

from bot.clock import FakeClock
from bot.devtools.sandbox.ptb import SANDBOX_TOKEN
from bot.sender import OutboxSender
from bot.storage import Database
from tests.harness import FAST_LIMITS, START


async def main(db_path: str, url: str) -> None:
    """Open the database and deliver forever."""
    db = Database(db_path)
    await db.open()
    async with Bot(SANDBOX_TOKEN, base_url=f"{url}/bot") as bot:
        sender = OutboxSender(db, bot, FakeClock(START), FAST_LIMITS)
        await sender.start()
        await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2]))
