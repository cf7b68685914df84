"""Shared pieces for service tests: a real database (SQLite, or PostgreSQL: tests/stores.py),
a fake clock, and what was queued.

Service tests run a feature's use cases against the real schema (every migration applied) and
read back what the outbox writer queued, without Telegram or the sandbox. :class:`Queued` is the
recording notifier: it reads the outbox table, so a test asserts on what would be delivered,
rendered in the recipient's language, and on the dedupe keys that make delivery exactly-once.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.audit import Audit
from bot.callbacks import CallbackSigner
from bot.clock import FakeClock
from bot.config import Community, load_community
from bot.i18n import Lang, Text, render
from bot.outbox import Outbox
from bot.storage import Database, Tx

SECRET = "test-secret-key-0123456789"


@dataclass(frozen=True)
class QueuedMessage:
    """One row the outbox writer queued: where, what, with which buttons."""

    key: str
    chat_id: int
    method: str
    text: str
    buttons: list[dict[str, Any]]

    @property
    def button_data(self) -> list[str]:
        """The callback data of every button, in order."""
        return [b["callback_data"] for b in self.buttons if "callback_data" in b]


class Queued:
    """Reads what the outbox writer queued (the recording notifier of service tests)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def all(self, chat_id: int | None = None) -> list[QueuedMessage]:
        """Every queued message, oldest first, optionally for one chat."""
        sql = "SELECT dedupe_key, chat_id, method, payload FROM outbox"
        params: tuple[Any, ...] = ()
        if chat_id is not None:
            sql += " WHERE chat_id = ?"
            params = (chat_id,)
        async with self._db.read() as tx:
            rows = await tx.all(sql + " ORDER BY id", params)
        found = []
        for row in rows:
            payload = json.loads(row["payload"])
            markup = payload.get("reply_markup") or {"inline_keyboard": []}
            buttons = [b for line in markup["inline_keyboard"] for b in line]
            found.append(
                QueuedMessage(
                    row["dedupe_key"],
                    row["chat_id"],
                    row["method"],
                    payload.get("text", ""),
                    buttons,
                )
            )
        return found

    async def texts(self, chat_id: int) -> list[str]:
        """The texts queued for one chat, oldest first."""
        return [m.text for m in await self.all(chat_id)]

    async def chats(self) -> set[int]:
        """Every chat something was queued for."""
        return {m.chat_id for m in await self.all()}


def rendered(text: Text, lang: Lang = "zh") -> str:
    """The catalogue's text as a recipient reads it: compare with this, not pasted copy."""
    return render(text, lang)


@dataclass
class DomainWorld:
    """What every feature service is built from, on a real database."""

    db: Database
    clock: FakeClock
    community: Community
    outbox: Outbox
    audit: Audit
    signer: CallbackSigner
    queued: Queued

    @asynccontextmanager
    async def tx(self) -> AsyncIterator[Tx]:
        """One write transaction, as a handler or a deadline gets."""
        async with self.db.tx() as tx:
            yield tx


@asynccontextmanager
async def domain_world(
    path: Path | str, clock: FakeClock, community_toml: str | None = None
) -> AsyncIterator[DomainWorld]:
    """Open a migrated database at path with the sample (or the given) community."""
    community = load_community(text=community_toml) if community_toml else load_community()
    db = Database(path)
    await db.open()
    try:
        yield DomainWorld(
            db=db,
            clock=clock,
            community=community,
            outbox=Outbox(clock, community.community.language),
            audit=Audit(clock),
            signer=CallbackSigner(SECRET),
            queued=Queued(db),
        )
    finally:
        await db.close()
