"""Helpers shared by the delivery tests: open chats, queue numbered messages, count copies."""

from __future__ import annotations

import asyncio
from collections import Counter

from bot.devtools.sandbox import Sandbox, SandboxUser
from bot.i18n import T
from tests.harness import Harness


async def open_chats(h: Harness, count: int, first_id: int = 7100) -> list[SandboxUser]:
    """People who pressed Start, so the bot may write to them."""
    people = [h.person(first_id + i, f"居民{i}") for i in range(count)]
    for person in people:
        await h.ask(person, "/start")
    await h.sb.wait_idle(quiet=0.05)
    return people


async def enqueue(h: Harness, chat_ids: list[int], tag: str, per_chat: int = 1) -> list[str]:
    """Write numbered messages into the outbox in one transaction, as the domain does."""
    texts: list[str] = []
    async with h.runtime.db.tx() as tx:
        for n in range(per_chat):
            for chat_id in chat_ids:
                text = f"{tag}-{chat_id}-{n}"
                await h.runtime.outbox.send(
                    tx, chat_id, T("common.lines", lines=[text]), key=f"test:{text}"
                )
                texts.append(text)
    h.runtime.outbox.poke()
    return texts


def copies(sb: Sandbox, tag: str) -> Counter[str]:
    """How many times each tagged text reached any chat."""
    return Counter(m.content for m in sb.sent() if m.content.startswith(tag))


async def statuses(h: Harness) -> dict[str, str]:
    """Each test row's status by dedupe key."""
    async with h.runtime.db.read() as tx:
        rows = await tx.all("SELECT dedupe_key, status FROM outbox WHERE dedupe_key LIKE 'test:%'")
    return {str(r["dedupe_key"]): str(r["status"]) for r in rows}


async def wait_status(h: Harness, key: str, status: str, timeout: float = 10.0) -> None:
    """Wait until the outbox row with this key has this status (polled: rows live in SQLite)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    found = None
    while loop.time() < deadline:
        async with h.runtime.db.read() as tx:
            found = await tx.scalar("SELECT status FROM outbox WHERE dedupe_key = ?", (key,))
        if found == status:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"row {key} is {found!r}, not {status!r}, after {timeout}s")
