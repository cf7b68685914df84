"""Corrections' use cases: remember a group reply, dismiss it, label what staff see in /misses,
and read the community's examples for training.

Each runs in the caller's transaction (one update, one transaction). Who pressed is checked
here; what the chat sees (the reply deleted, a toast) is the handler's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.domain.corrections.contract import NOT_A_REQUEST
from bot.domain.corrections.grouping import Asked, AskedGroup, Kind, containing, group
from bot.domain.corrections.model import (
    Example,
    GroupReply,
    Outcome,
    ReplyStatus,
    Role,
    Source,
    clean,
    dismisser,
)
from bot.domain.corrections.repo import CorrectionsRepo
from bot.domain.misses import Unserved, unserved
from bot.storage import Tx
from intents import Catalogue
from intents.matching import Matcher

CHOICES = 2  # "应是：<service>" buttons offered per group, besides "不是请求"


@dataclass(frozen=True)
class Dismissal:
    """What a press of [✖] did, with the reply it was about (None when unknown)."""

    outcome: Outcome
    reply: GroupReply | None = None
    role: Role | None = None


class Corrections:
    """The chat's corrections for one community, stored as its examples."""

    def __init__(
        self,
        community: str,
        clock: Clock,
        vocabulary: Catalogue,
        tz: ZoneInfo,
        repo: CorrectionsRepo | None = None,
    ) -> None:
        self.community = community
        self._clock = clock
        self._vocabulary = vocabulary
        self._tz = tz
        self._repo = repo or CorrectionsRepo()
        self._matcher: Matcher | None = None

    async def remember(
        self,
        tx: Tx,
        chat_id: int,
        writer_id: int,
        text: str,
        intent: str,
        target: str | None,
        token: str | None,
    ) -> int:
        """Keep a group reply's message and what was understood; the id its [✖] carries."""
        reply = GroupReply(
            0,
            chat_id,
            writer_id,
            clean(text),
            intent,
            target,
            token,
            ReplyStatus.SHOWN,
            self._clock.now(),
        )
        return await self._repo.add_reply(tx, reply)

    async def dismiss(self, tx: Tx, reply_id: int, presser_id: int, is_staff: bool) -> Dismissal:
        """The writer or staff says the message was not a request: the reply is dismissed
        (once), its request withdrawn, the message kept as an example labelled ``none``
        (confirmed at once when staff said so). Anyone else changes nothing."""
        reply = await self._repo.reply(tx, reply_id)
        if reply is None or reply.status is not ReplyStatus.SHOWN:
            return Dismissal(Outcome.STALE, reply)
        role = dismisser(reply, presser_id, is_staff)
        if role is None:
            return Dismissal(Outcome.NOT_ALLOWED, reply)
        if not await self._repo.dismiss_reply(tx, reply.id):
            return Dismissal(Outcome.STALE, reply)
        now = self._clock.now()
        if reply.token:
            await self._repo.withdraw_request(tx, reply.token, now)
        example = Example(
            0,
            reply.text,
            "group",
            reply.intent,
            reply.target,
            NOT_A_REQUEST,
            None,
            Source.DISMISSED,
            role,
            role is Role.STAFF,
            now,
        )
        await self._repo.add_example(tx, self.community, example)
        return Dismissal(Outcome.DISMISSED, reply, role)

    async def withdrawn(self, tx: Tx, token: str) -> bool:
        """Whether a deep link's request was withdrawn by a dismissal."""
        return await self._repo.withdrawn(tx, token)

    async def asked(self, tx: Tx) -> list[AskedGroup]:
        """What /misses shows: today's unmet requests and the dismissals staff have not
        confirmed yet, grouped by what was asked, most asked first."""
        items = await self._repo.misses_since(tx, self._today())
        for e in await self._repo.examples(tx, self.community, confirmed=False):
            items.append(Asked("e", e.id, e.text, e.guess_intent, e.guess_target, 1, e.created_at))
        return group(items)

    async def unserved_today(self, tx: Tx) -> list[Unserved]:
        """What /misses shows above them: services asked for today that no provider could
        take, by service (understood, so never "not understood")."""
        today = self._today()
        return await unserved(tx, today, today + timedelta(days=1))

    def choices(self, asked: AskedGroup) -> list[str]:
        """Catalogue ids staff may pick for a group ("应是：…"): what the bot understood, then
        the catalogue's best matches for the leading text."""
        found: list[str] = []
        if asked.lead.target is not None and asked.lead.target in self._vocabulary:
            found.append(asked.lead.target)
        for candidate in self._match().candidates(asked.lead.text):
            if candidate.entry.id not in found:
                found.append(candidate.entry.id)
        return found[:CHOICES]

    async def label(self, tx: Tx, kind: Kind, item_id: int, label: str) -> int | None:
        """Staff's one tap: the group holding this item gets this label ("none" or a catalogue
        id), as confirmed examples. How many examples it made or confirmed; None when the
        group is gone (a stale button) or the label unknown."""
        if label != NOT_A_REQUEST and label not in self._vocabulary:
            return None
        asked = containing(await self.asked(tx), kind, item_id)
        if asked is None:
            return None
        intent, target = self._intent_of(label)
        now = self._clock.now()
        examples = [i.id for i in asked.items if i.kind == "e"]
        done = await self._repo.confirm(tx, examples, intent, target, now)
        for text in await self._repo.take_misses(tx, [i.id for i in asked.items if i.kind == "m"]):
            example = Example(
                0, text, "group", "none", None, intent, target, Source.STAFF, Role.STAFF, True, now
            )
            await self._repo.add_example(tx, self.community, example)
            done += 1
        return done or None

    async def confirmed(self, tx: Tx) -> list[Example]:
        """This community's confirmed examples, oldest first (what training folds in)."""
        return await self._repo.examples(tx, self.community, confirmed=True)

    def _intent_of(self, label: str) -> tuple[str, str | None]:
        if label == NOT_A_REQUEST:
            return NOT_A_REQUEST, None
        kind = self._vocabulary.entry(label).kind
        return ("borrow_tool" if kind == "tool" else "service_request"), label

    def _today(self) -> datetime:
        """The start of today in the community's timezone."""
        return datetime.combine(self._clock.now().astimezone(self._tz).date(), time(0), self._tz)

    def _match(self) -> Matcher:
        if self._matcher is None:
            self._matcher = Matcher(self._vocabulary)
        return self._matcher
