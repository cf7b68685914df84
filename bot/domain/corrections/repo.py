"""Corrections' only SQL: group replies that can be dismissed, the community's examples, and
the reads /misses groups (today's misses, dismissals waiting for staff)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.clock import from_db, to_db
from bot.domain.corrections.grouping import Asked
from bot.domain.corrections.model import Example, GroupReply, ReplyStatus, Role, Source
from bot.storage import Tx


def _reply(row: Any) -> GroupReply:
    return GroupReply(
        int(row["id"]),
        int(row["chat_id"]),
        int(row["writer_id"]),
        str(row["text"]),
        str(row["intent"]),
        row["target"],
        row["token"],
        ReplyStatus(row["status"]),
        from_db(row["created_at"]),
    )


def _example(row: Any) -> Example:
    return Example(
        int(row["id"]),
        str(row["text"]),
        str(row["chat"]),
        str(row["guess_intent"]),
        row["guess_target"],
        str(row["intent"]),
        row["target"],
        Source(row["source"]),
        Role(row["by_role"]),
        bool(row["confirmed"]),
        from_db(row["created_at"]),
    )


class CorrectionsRepo:
    """Named reads and writes of group_replies, community_examples and misses (in the
    caller's transaction)."""

    async def add_reply(self, tx: Tx, reply: GroupReply) -> int:
        """Keep a group reply that can be dismissed; its id (for the button)."""
        return await tx.execute(
            "INSERT INTO group_replies (chat_id, writer_id, text, intent, target, token,"
            " status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                reply.chat_id,
                reply.writer_id,
                reply.text,
                reply.intent,
                reply.target,
                reply.token,
                str(reply.status),
                to_db(reply.created_at),
            ),
        )

    async def reply(self, tx: Tx, reply_id: int) -> GroupReply | None:
        """A group reply by id."""
        row = await tx.one("SELECT * FROM group_replies WHERE id = ?", (reply_id,))
        return None if row is None else _reply(row)

    async def dismiss_reply(self, tx: Tx, reply_id: int) -> bool:
        """Compare-and-set shown -> dismissed; whether it moved (once only)."""
        changed = await tx.changes(
            "UPDATE group_replies SET status = 'dismissed' WHERE id = ? AND status = 'shown'",
            (reply_id,),
        )
        return changed > 0

    async def withdraw_request(self, tx: Tx, token: str, at: datetime) -> None:
        """The request behind a deep link is withdrawn: the link starts nothing any more."""
        await tx.execute(
            "UPDATE requests SET withdrawn_at = ? WHERE token = ? AND withdrawn_at IS NULL",
            (to_db(at), token),
        )

    async def withdrawn(self, tx: Tx, token: str) -> bool:
        """Whether the request behind this deep link was withdrawn."""
        found = await tx.scalar("SELECT withdrawn_at FROM requests WHERE token = ?", (token,))
        return found is not None

    async def add_example(self, tx: Tx, community: str, example: Example) -> int:
        """Keep a labelled example of this community; its id."""
        return await tx.execute(
            "INSERT INTO community_examples (community, text, chat, guess_intent,"
            " guess_target, intent, target, source, by_role, confirmed, created_at,"
            " confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                community,
                example.text,
                example.chat,
                example.guess_intent,
                example.guess_target,
                example.intent,
                example.target,
                str(example.source),
                str(example.by_role),
                int(example.confirmed),
                to_db(example.created_at),
                to_db(example.created_at) if example.confirmed else None,
            ),
        )

    async def examples(self, tx: Tx, community: str, *, confirmed: bool) -> list[Example]:
        """This community's confirmed (or unconfirmed) examples, oldest first."""
        rows = await tx.all(
            "SELECT * FROM community_examples WHERE community = ? AND confirmed = ? ORDER BY id",
            (community, int(confirmed)),
        )
        return [_example(r) for r in rows]

    async def confirm(
        self, tx: Tx, ids: list[int], intent: str, target: str | None, at: datetime
    ) -> int:
        """Staff's label on unconfirmed examples (compare-and-set); how many changed."""
        changed = 0
        for example_id in ids:
            changed += await tx.changes(
                "UPDATE community_examples SET intent = ?, target = ?, confirmed = 1,"
                " confirmed_at = ? WHERE id = ? AND confirmed = 0",
                (intent, target, to_db(at), example_id),
            )
        return changed

    async def misses_since(self, tx: Tx, since: datetime) -> list[Asked]:
        """Unmet requests last seen since ``since`` (today's misses)."""
        rows = await tx.all(
            "SELECT id, text, count, last_at FROM misses WHERE last_at >= ?",
            (to_db(since),),
        )
        return [
            Asked(
                "m", int(r["id"]), r["text"], "none", None, int(r["count"]), from_db(r["last_at"])
            )
            for r in rows
        ]

    async def take_misses(self, tx: Tx, ids: list[int]) -> list[str]:
        """Remove these misses (they became examples); the texts that were still there."""
        texts = []
        for miss_id in ids:
            text = await tx.scalar("SELECT text FROM misses WHERE id = ?", (miss_id,))
            if text is not None and await tx.changes(
                "DELETE FROM misses WHERE id = ?", (miss_id,)
            ):
                texts.append(str(text))
        return texts
