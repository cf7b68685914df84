"""The outbox writer: messages written with the state change that causes them.

Domain code calls :meth:`Outbox.send` / :meth:`Outbox.edit` inside its transaction; the row
commits or rolls back with the state change. Nothing here imports Telegram: delivery is the
sender's job (:mod:`bot.sender`), so the domain stays pure of the Bot API.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from bot.clock import Clock, from_db, to_db
from bot.i18n import DEFAULT_LANG, Lang, Text, render
from bot.storage import LANGUAGES, Tx

# Telegram lets a bot delete its messages for 48 hours; an hour's margin for the queue.
DELETABLE_FOR = timedelta(hours=47)

# Dedupe keys of the district's own messages (the digest, the district staff's welcome), queued
# in a community's outbox but the district's, not that community's: labelled with the
# district's name (bot/district/router.py), never a community's.
DISTRICT_KEY = "district:"

# A command naming a numbered thing, in a text (see Outbox.label).
_NUMBERED = re.compile(r"(/booking) (\d+)")


@dataclass(frozen=True)
class Button:
    """An inline button: a label and either signed callback data or a URL."""

    label: Text | str
    data: str | None = None
    url: str | None = None


Keyboard = Sequence[Sequence[Button]]

# Which messages staff must hear about when they cannot be delivered. One policy, keyed on the
# dedupe keys the features already write (so no caller had to change); a caller may also say
# it with ``kind=``. tests/outbox/test_kinds.py checks each feature's real keys against it.
Kind = Literal["", "alert", "offer"]
_KINDS: tuple[tuple[re.Pattern[str], Kind], ...] = (
    (re.compile(r"^bk\d+:offer:\d+:\d+$"), "offer"),  # a job offer (not its later edits)
    (re.compile(r"^bk\d+:staff:"), "alert"),  # a booking that needs staff
    (re.compile(r"^ci\d+:(worker|staff:[^:]+|duty|fam_\w+):-?\d+$"), "alert"),  # ladder steps
    (re.compile(r"^inc\d+:\d+:alert:-?\d+$"), "alert"),  # help calls and emergencies
    (re.compile(r"^inc\d+:unresolved:"), "alert"),
)


def kind_of(key: str) -> Kind:
    """Whether a message with this dedupe key is an alert, a job offer, or neither."""
    for pattern, kind in _KINDS:
        if pattern.match(key):
            return kind
    return ""


async def recipient_language(tx: Tx, chat_id: int, default: Lang = DEFAULT_LANG) -> Lang:
    """The language to write to a chat in: the person's choice, else the community's."""
    if chat_id > 0:
        known = tx.kept(LANGUAGES)  # read once a transaction, not once a message queued
        if chat_id not in known:
            sql = "SELECT language FROM people WHERE telegram_id = ?"
            known[chat_id] = await tx.scalar(sql, (chat_id,))
        lang = known[chat_id]
        if lang == "zh":
            return "zh"
        if lang == "en":
            return "en"
    return default


def _markup(buttons: Keyboard | None, lang: Lang) -> dict[str, Any] | None:
    if buttons is None:
        return None
    rows = [
        [
            {"text": render(b.label, lang), "url": b.url}
            if b.url
            else {"text": render(b.label, lang), "callback_data": b.data}
            for b in row
        ]
        for row in buttons
    ]
    return {"inline_keyboard": rows}


class Outbox:
    """Writes messages into the outbox table; the sender delivers them."""

    def __init__(self, clock: Clock, default_lang: Lang = DEFAULT_LANG) -> None:
        self._clock = clock
        self._default_lang = default_lang
        self._wake: asyncio.Event | None = None
        self._refused: Callable[[Tx, int], Awaitable[bool]] | None = None
        self._label: Callable[[int, str], str] | None = None
        self._queued: Callable[[Tx, int], Awaitable[None]] | None = None
        self._prefix = ""

    def label(
        self,
        label: Callable[[int, str], str],
        prefix: str = "",
        queued: Callable[[Tx, int], Awaitable[None]] | None = None,
    ) -> None:
        """Start each text sent or edited into a private chat with what this says for it, given
        the chat and the dedupe key (a district labels messages to someone known in several
        communities with the community's name, its own digest with the district's; an empty
        string: no label). In a labelled text, ``/booking 2`` becomes
        ``/booking <prefix>2``, so the command opens this community's #2, not another's.

        ``queued`` is called in the queuing transaction for each private message really queued
        (not one its dedupe key already queued), e.g. to note that this community wrote to the
        person: a planner that queues nothing new must change nothing, or its rounds never
        end (see ``Runtime.plan``)."""
        self._label = label
        self._prefix = prefix
        self._queued = queued

    def refuse(self, refused: Callable[[Tx, int], Awaitable[bool]]) -> None:
        """Queue nothing for a private chat this says no to (a person whose role staff
        revoked receives nothing more, whichever feature writes to them)."""
        self._refused = refused

    def attach(self, wake: asyncio.Event) -> None:
        """Let enqueueing wake the sender."""
        self._wake = wake

    def poke(self) -> None:
        """Wake the sender (call after the transaction commits; harmless before)."""
        if self._wake is not None:
            self._wake.set()

    async def send(
        self,
        tx: Tx,
        chat_id: int,
        text: Text,
        *,
        key: str,
        buttons: Keyboard | None = None,
        reply_to: int | None = None,
        lang: Lang | None = None,
        kind: Kind | None = None,
        to_revoked: bool = False,
    ) -> bool:
        """Queue a message; return False if a message with this dedupe key was queued before.
        `kind` (default: from the key, :func:`kind_of`) marks alerts and job offers, whose
        failure staff are told about. `to_revoked`: the one answer a revoked person still
        gets, to what they just wrote (that they were revoked), never anything else."""
        lang = lang or await recipient_language(tx, chat_id, self._default_lang)
        payload: dict[str, Any] = {"text": render(text, lang)}
        if (markup := _markup(buttons, lang)) is not None:
            payload["reply_markup"] = markup
        if reply_to is not None:
            payload["reply_to"] = reply_to
        return await self._insert(tx, key, chat_id, "send", payload, kind, to_revoked)

    async def edit(
        self,
        tx: Tx,
        chat_id: int,
        text: Text,
        *,
        key: str,
        message_id: int | None = None,
        of_key: str | None = None,
        buttons: Keyboard | None = None,
        lang: Lang | None = None,
        to_revoked: bool = False,
    ) -> bool:
        """Queue an edit of a message known by id, or by the dedupe key it was sent with
        (`to_revoked`: taking the buttons off what a person revoked since was sent)."""
        if (message_id is None) == (of_key is None):
            raise ValueError("edit needs exactly one of message_id and of_key")
        lang = lang or await recipient_language(tx, chat_id, self._default_lang)
        payload: dict[str, Any] = {"text": render(text, lang), "message_id": message_id}
        payload["of_key"] = of_key
        payload["reply_markup"] = _markup(buttons, lang) or {"inline_keyboard": []}
        return await self._insert(tx, key, chat_id, "edit", payload, None, to_revoked)

    async def withdraw(
        self,
        tx: Tx,
        chat_id: int,
        message_id: int,
        *,
        key: str,
        fallback: Text | None,
        lang: Lang | None = None,
        to_revoked: bool = False,
    ) -> bool:
        """Queue the deletion of a bot message (a row of method ``delete``); when Telegram
        refuses (a bot may delete only what is under 48 hours old) the sender edits it to
        ``fallback`` without buttons (None: a photo, which has no text, is left as it is).
        `to_revoked`: taking back what a person revoked since was sent."""
        lang = lang or await recipient_language(tx, chat_id, self._default_lang)
        text = "" if fallback is None else render(fallback, lang)
        payload: dict[str, Any] = {"message_id": message_id, "text": text}
        return await self._insert(tx, key, chat_id, "delete", payload, None, to_revoked)

    async def unbutton(
        self, tx: Tx, chat_id: int, of_key: str, *, key: str, to_revoked: bool = False
    ) -> bool:
        """Queue an edit taking every button off the message sent to this chat with dedupe
        key ``of_key``, its text exactly as it was sent (no label added again); False when
        there is no such message or it had no buttons."""
        row = await tx.one(
            "SELECT payload FROM outbox WHERE dedupe_key = ? AND chat_id = ? AND method = 'send'",
            (of_key, chat_id),
        )
        sent = {} if row is None else json.loads(row[0])
        if not sent.get("reply_markup", {}).get("inline_keyboard"):
            return False
        payload = {"text": sent["text"], "message_id": None, "of_key": of_key}
        payload["reply_markup"] = {"inline_keyboard": []}
        return await self._insert(tx, key, chat_id, "edit", payload, None, to_revoked, False)

    async def sent_copies(
        self, tx: Tx, chat_id: int, prefix: str
    ) -> list[tuple[str, int, datetime]]:
        """(dedupe key, message id, when sent) of the copies (photos, voice notes) delivered to
        this chat whose key starts with ``prefix``, oldest first (what may be deleted)."""
        rows = await tx.all(
            "SELECT dedupe_key, message_id, sent_at FROM outbox WHERE chat_id = ?"
            " AND method = 'copy' AND status = 'sent' AND message_id IS NOT NULL"
            " AND sent_at IS NOT NULL AND substr(dedupe_key, 1, ?) = ? ORDER BY id",
            (chat_id, len(prefix), prefix),
        )
        return [(str(r[0]), int(r[1]), from_db(str(r[2]))) for r in rows]

    async def withdraw_copies(self, tx: Tx, chat_id: int, prefix: str, now: datetime) -> int:
        """Delete the copies (photos, voice notes) delivered to this chat under ``prefix`` that
        Telegram still lets a bot delete; older ones stay. Each deletion is keyed on its copy's
        own key (no clock), so a second withdrawal queues nothing again. How many were queued."""
        withdrawn = 0
        for key, message_id, sent_at in await self.sent_copies(tx, chat_id, prefix):
            if now - sent_at < DELETABLE_FOR:
                await self.withdraw(
                    tx, chat_id, message_id, key=f"{key}:deleted", fallback=None, to_revoked=True
                )
                withdrawn += 1
        return withdrawn

    async def queued_keys(self, tx: Tx, chat_id: int, prefix: str) -> list[str]:
        """The dedupe keys of the new messages queued to this chat (sent or still waiting)
        whose key starts with ``prefix``, oldest first."""
        rows = await tx.all(
            "SELECT dedupe_key FROM outbox WHERE chat_id = ? AND method = 'send'"
            " AND status IN ('sent', 'pending') AND substr(dedupe_key, 1, ?) = ? ORDER BY id",
            (chat_id, len(prefix), prefix),
        )
        return [str(row[0]) for row in rows]

    async def copy(
        self,
        tx: Tx,
        chat_id: int,
        from_chat_id: int,
        message_id: int,
        *,
        key: str,
        kind: Kind | None = None,
        caption: str | None = None,
    ) -> bool:
        """Queue a copy of someone's message (a voice note, a photo) into another chat;
        `caption` replaces the original's caption ('' removes it; None keeps it)."""
        payload: dict[str, Any] = {"from_chat_id": from_chat_id, "message_id": message_id}
        if caption is not None:
            payload["caption"] = caption
        return await self._insert(tx, key, chat_id, "copy", payload, kind)

    async def drop_pending(self, tx: Tx, chat_id: int) -> int:
        """Drop what still waits to be sent to a private chat (a person revoked by staff);
        how many. A row the sender already holds in memory is not sent either: its claim
        finds it no longer pending.
        """
        return await tx.changes(
            "UPDATE outbox SET status = 'failed', last_error = 'withdrawn'"
            " WHERE chat_id = ? AND status = 'pending'",
            (chat_id,),
        )

    async def chart(
        self,
        tx: Tx,
        chat_id: int,
        charts: Mapping[str, Any],
        caption: Text | str,
        *,
        key: str,
        lang: Lang | None = None,
    ) -> bool:
        """Queue a chart, sent as a photo: `charts` is its spec in each language (plain JSON,
        see :mod:`bot.charts`), drawn by the sender in a worker thread when it sends the row,
        so no transaction waits for the drawing."""
        lang = lang or await recipient_language(tx, chat_id, self._default_lang)
        payload: dict[str, Any] = {
            "charts": dict(charts),
            "lang": lang,
            "caption": render(caption, lang),
        }
        return await self._insert(tx, key, chat_id, "chart", payload)

    async def queued(self, tx: Tx, key: str) -> bool:
        """Whether a message with this dedupe key was ever queued (to edit only what exists)."""
        return await tx.scalar("SELECT 1 FROM outbox WHERE dedupe_key = ?", (key,)) is not None

    async def queued_to(self, tx: Tx, key: str, chat_id: int) -> bool:
        """Whether a message with this dedupe key was ever queued for this chat (an edit by
        key goes to the chat the message is in: another chat's message id is not its own)."""
        found = await tx.scalar(
            "SELECT 1 FROM outbox WHERE dedupe_key = ? AND chat_id = ?", (key, chat_id)
        )
        return found is not None

    async def delivered(self, tx: Tx, key: str) -> bool:
        """Whether the message queued with this dedupe key reached its chat (something there
        to edit, rather than a new message the edit would send instead)."""
        found = await tx.scalar(
            "SELECT 1 FROM outbox WHERE dedupe_key = ? AND status = 'sent'", (key,)
        )
        return found is not None

    async def sent_keys(self, tx: Tx, chat_id: int, prefix: str) -> list[str]:
        """The dedupe keys of the new messages delivered to this chat whose key starts with
        ``prefix``, oldest first (what a feature may have to take back from a revoked person)."""
        rows = await tx.all(
            "SELECT dedupe_key FROM outbox WHERE chat_id = ? AND method = 'send'"
            " AND status = 'sent' AND substr(dedupe_key, 1, ?) = ? ORDER BY id",
            (chat_id, len(prefix), prefix),
        )
        return [str(row[0]) for row in rows]

    async def last_sent_key(self, tx: Tx, chat_id: int) -> str | None:
        """The dedupe key of the last new message queued to this chat (edits aside): what the
        person received last, e.g. to tell a reply to a relayed message. One search of the
        chat's sends in ``outbox_sends_by_chat`` (migration 0035), not a walk back through
        every row kept."""
        key = await tx.scalar(
            "SELECT dedupe_key FROM outbox WHERE chat_id = ? AND method = 'send'"
            " ORDER BY id DESC LIMIT 1",
            (chat_id,),
        )
        return None if key is None else str(key)

    async def _insert(
        self,
        tx: Tx,
        key: str,
        chat_id: int,
        method: str,
        payload: dict[str, Any],
        kind: Kind | None = None,
        to_revoked: bool = False,
        labelled: bool = True,
    ) -> bool:
        refused = None if to_revoked else self._refused
        if chat_id > 0 and refused is not None and await refused(tx, chat_id):
            return False
        labels = chat_id > 0 and self._label is not None and labelled
        label = self._label(chat_id, key) if labels and self._label is not None else ""
        if label and method in ("send", "edit") and isinstance(payload.get("text"), str):
            text = payload["text"]
            if self._prefix:
                text = _NUMBERED.sub(rf"\1 {self._prefix}\2", text)
            payload = {**payload, "text": f"{label}\n{text}"}
        now = to_db(self._clock.now())
        body = json.dumps(payload, ensure_ascii=False)
        changed = await tx.changes(
            "INSERT OR IGNORE INTO outbox (dedupe_key, chat_id, method, payload, not_before,"
            " created_at, kind) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (key, chat_id, method, body, now, now, kind_of(key) if kind is None else kind),
        )
        if changed:
            tx.queued += 1
            if chat_id > 0 and self._queued is not None:
                await self._queued(tx, chat_id)
            self.poke()
        return changed > 0
