"""Message -> :class:`Understanding`: normalise, check for an emergency, read with the rules,
decide with the learned model, apply the chat's context.

An emergency ("救命，我家老人摔倒了", "I smell gas") is checked first, by the rules, in every
chat, and overrides every other intent: it is never booked as a service or answered with a
price. The model may add an emergency the rules missed, never remove one they found.

Whether a message is a request, and which intent, is decided by the linear model of
:mod:`intents.model` over the features of :mod:`intents.features` (character n-grams and every
cue the rules read, including their own former verdict). The target comes from the catalogue
(:func:`intents.rules.choose_target`), of the kind the model's intent needs.
"""

from __future__ import annotations

import re
from copy import copy
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import cached_property
from pathlib import Path
from zoneinfo import ZoneInfo

from intents.asks import outage_current
from intents.catalogue import Catalogue, Kind
from intents.context import NO_CONTEXT, Bars, Context, bar, silenced
from intents.emergency import EmergencyKind, detect_normalized
from intents.features import features, gram_set, other_features
from intents.model import Model
from intents.normalize import normalize
from intents.rules import Chat, Intent, Reader, Reading, choose_target
from intents.times import (
    TimeSpan,
    another_day_instead,
    only_sooner_or_later,
    parse_duration,
    parse_when,
    shift_asked,
)

__all__ = ["Chat", "Intent", "Understander", "Understanding"]

# Requests are short; only the start of a long message is read, which bounds the latency.
MAX_CHARS = 500
# The bars on the model's request score, 100 x P(not chatter); chosen on the leave-one-writer-out
# figures of `make eval` (a group answers only what is quite surely a request).
DEFAULT_GROUP_THRESHOLD = 70.0
ADDRESSED_THRESHOLD = 45.0
PRIVATE_THRESHOLD = 50.0
# An emergency the rules did not see is added only when the model is this sure (0..1).
MODEL_EMERGENCY = 0.9
# Intents that cannot be answered without a catalogue entry.
_TARGETED: frozenset[Intent] = frozenset({"service_request", "price_query", "borrow_tool"})
# The target model's choice: the rules' pick and the catalogue's candidates get a head start
# (chosen on leave-one-writer-out: right targets 91% with the rules alone, 96% with this).
_RULED_BONUS = 0.2
_CANDIDATE_BONUS = 0.1
_TARGET_FLOOR = 0.3
# A building without water or power, a broken lift or entrance door: the property's work order.
_WORK_ORDER = "common_area_repair"
# ...unless the model is sure it is chatter: stories and notices that mention a broken lift or a
# planned outage score far below this on the corpus, bare reports ("我们楼停水了") above it;
# one told as still going on ("从早上七点就没水了到现在还没来") needs no score.
_OUTAGE_FLOOR = 20.0
_ASKING: tuple[Intent, ...] = (
    "service_request",
    "price_query",
    "borrow_tool",
    "cancel",
    "status",
    "reschedule",
    "faq",
)


@dataclass(frozen=True)
class Understanding:
    """What a message asks for, and whether the bot should answer it."""

    intent: Intent
    target: str | None
    score: float
    when: TimeSpan | None
    duration: timedelta | None
    respond: bool
    unmatched_request: bool
    # The kind of danger when ``intent == "emergency"``; None otherwise.
    emergency: EmergencyKind | None = None


@dataclass(frozen=True)
class Seen:
    """A message as read before the model decides: the rules' emergency, else their reading
    (and, built when asked, the model's features)."""

    text: str
    alarm: EmergencyKind | None
    reading: Reading | None
    chat: Chat = "group"

    @cached_property
    def features(self) -> tuple[str, ...]:
        """The model's features as prefixed strings, built only when asked (training, the
        golden record); the models sum the same rows from :attr:`split`."""
        return () if self.reading is None else tuple(features(self.text, self.reading, self.chat))

    @cached_property
    def split(self) -> tuple[set[str], list[str]]:
        """The same features as the bare n-grams and the rest, which both models sum
        (:meth:`Model.probabilities_of`) without a prefixed string per n-gram."""
        assert self.reading is not None
        reading = self.reading
        return gram_set(reading.normalized), other_features(self.text, reading, self.chat)


class Understander:
    """Understands community chat messages against one catalogue, in one timezone.

    ``score`` is the model's certainty that the message asks the bot for something (0..100).
    In a group, an intent is reported only when ``score >= group_threshold``; a message that
    mentions or replies to the bot (``addressed``), and private chats, have lower bars; see
    :mod:`intents.context` for the rest of the context. Below its bar the intent is ``none``
    but the score is kept. ``model`` is the shipped model unless a community's own is given.
    """

    def __init__(
        self,
        catalogue: Catalogue,
        tz: ZoneInfo,
        group_threshold: float = DEFAULT_GROUP_THRESHOLD,
        *,
        model: Model | Path | None = None,
    ) -> None:
        self.catalogue = catalogue
        self.tz = tz
        self.group_threshold = group_threshold
        self.bars = Bars(
            group=group_threshold,
            addressed=min(group_threshold, ADDRESSED_THRESHOLD),
            resident=(group_threshold + 100.0) / 2,
            private=PRIVATE_THRESHOLD,
        )
        self.reader = Reader(catalogue, tz)
        if isinstance(model, Path):
            model = Model.load(model)
        self._model = model

    def with_model(self, model: Model, group_threshold: float | None = None) -> Understander:
        """The same reader (catalogue, timezone) deciding with another model or group bar."""
        other = copy(self)
        other._model = model
        if group_threshold is not None:
            other.group_threshold = group_threshold
            other.bars = replace(
                self.bars,
                group=group_threshold,
                addressed=min(group_threshold, ADDRESSED_THRESHOLD),
                resident=(group_threshold + 100.0) / 2,
            )
        return other

    @property
    def model(self) -> Model:
        """The model deciding (the shipped one unless another was given), read on first use:
        training reads messages with an understander before any model exists."""
        if self._model is None:
            self._model = Model.shipped()
        return self._model

    def read(self, text: str, chat: Chat, now: datetime | None) -> tuple[Reading, list[str]]:
        """The rules' reading of a message and the model's features of it (no emergency
        check; training uses this to see each message as the bot does)."""
        text = text[:MAX_CHARS]
        reading = self.reader.read(text, normalize(text), chat, now)
        return reading, features(text, reading, chat)

    def see(self, text: str, chat: Chat, now: datetime | None) -> Seen:
        """Everything read in a message before the model decides (the rules' emergency check
        first: an emergency needs no more reading)."""
        text = text[:MAX_CHARS]
        normalized = normalize(text)
        alarm = detect_normalized(normalized, text)
        if alarm is not None:
            return Seen(text, alarm.kind, None, chat)
        return Seen(text, None, self.reader.read(text, normalized, chat, now), chat)

    def conclude(
        self, seen: Seen, chat: Chat, context: Context, now: datetime | None
    ) -> Understanding:
        """What the model (and the context) make of a message already seen."""
        if seen.alarm is not None:
            return _emergency(seen.alarm)
        assert seen.reading is not None
        probs = self.model.probabilities_of(*seen.split)
        if probs.get("emergency", 0.0) >= MODEL_EMERGENCY:
            return _emergency(EmergencyKind.HELP)  # the model's recall, beyond the rules
        return self._decide(seen, probs, chat, context, now)

    def understand(
        self,
        text: str,
        *,
        chat: Chat = "group",
        addressed: bool = False,
        now: datetime | None = None,
        context: Context | None = None,
    ) -> Understanding:
        """Understand one message as it appears in the given chat and context
        (``addressed=True`` is short for ``Context(addressed=True)``)."""
        if context is None:
            context = Context(addressed=True) if addressed else NO_CONTEXT
        return self.conclude(self.see(text, chat, now), chat, context, now)

    def answered_if_continuing(
        self, understood: Understanding, chat: Chat, context: Context
    ) -> bool:
        """Whether a group message left silent would be answered were its writer continuing a
        conversation (``just_answered``): its score is between the addressed bar and its own.
        Only then is it worth asking the database when the bot last answered them."""
        return (
            chat == "group"
            and understood.intent == "none"
            and understood.emergency is None
            and not context.just_answered
            and self.bars.addressed <= understood.score < bar(self.bars, chat, context)
        )

    def _target(self, seen: Seen, intent: Intent) -> str | None:
        """The catalogue id for the intent: the rules' choice, weighed against the target
        model's when there is one (the rules' pick and the catalogue's candidates get a head
        start; nothing below ``_TARGET_FLOOR``)."""
        assert seen.reading is not None
        ruled = choose_target(seen.reading, intent)
        targets = self.model.targets
        if intent not in _TARGETED or targets is None:
            return ruled
        kind: Kind = "tool" if intent == "borrow_tool" else "service"
        named = {c.entry.id for c in seen.reading.candidates if c.entry.kind == kind}
        of_kind = self.catalogue.ids_of(kind)
        scored = {
            target: p + _RULED_BONUS * (target == ruled) + _CANDIDATE_BONUS * (target in named)
            for target, p in targets.probabilities_of(*seen.split).items()
            if target in of_kind
        }
        best = max(scored, key=scored.__getitem__, default=None)
        return best if best is not None and scored[best] >= _TARGET_FLOOR else ruled

    def _decide(
        self,
        seen: Seen,
        probs: dict[str, float],
        chat: Chat,
        context: Context,
        now: datetime | None,
    ) -> Understanding:
        """The model's intent, its target, and the context's bar."""
        text, reading = seen.text, seen.reading
        assert reading is not None
        score = round(100.0 * (1.0 - probs.get("none", 0.0) - probs.get("emergency", 0.0)), 1)
        intent: Intent = max(_ASKING, key=lambda name: probs.get(name, 0.0))
        target: str | None = None
        ruled_intent, ruled_target, ruled_score = reading.verdict
        outage = (
            "outage" in reading.flags
            and ruled_target == _WORK_ORDER
            and intent != "faq"
            and (score >= _OUTAGE_FLOOR or outage_current(text))
        )
        if outage:
            # "我们楼停水了", "电梯坏了": the rules' work order stands in a group as in private
            intent, target = ruled_intent, ruled_target
            score = max(score, ruled_score)
        answered = score >= bar(self.bars, chat, context)
        if answered and not outage:
            target = self._target(seen, intent)  # (the target model only for an answer)
        unmatched = answered and intent in _TARGETED and target is None
        intent = _new_when_nothing_open(text, intent, target, context)
        if target == _MOVING and "address_change" in reading.flags:
            intent, target = "none", None  # "我搬到5栋1单元302了": the writer's new address
        if not answered or unmatched or silenced(intent, chat, context):
            intent, target = "none", None
        if intent == "none" and chat == "private" and _shifts(text, reading):
            intent, target = _MOVE, reading.verdict[1]  # "push it back an hour"
        unmatched = unmatched or (reading.unmatched and intent == "none")
        when, duration = reading.when, None
        if intent != "none" or chat == "private":
            if when is None and chat == "private":
                moment = now if now is not None else datetime.now(self.tz)
                when = parse_when(text, moment, self.tz)
            duration = parse_duration(text)
        else:
            when = None
        return Understanding(
            intent=intent,
            target=target,
            score=score,
            when=when,
            duration=duration,
            respond=chat == "private" or intent != "none",
            unmatched_request=unmatched,
        )


_MOVING = "moving"  # the movers: "搬到…" is as often one's new address


_MOVE: Intent = "reschedule"


# Words of something that happened ("I called them 30 minutes earlier"): an amount in a story.
_TOLD = re.compile(r"\b(?:was|were|did|had|called|came|arrived|left|ago|yesterday)\b", re.I)
_SHORT = 8  # words: "could they come 30 minutes earlier" asks; a longer message may tell
_HAN = re.compile(r"[\u3400-\u9fff]")  # Chinese has no spaces to count: the rules read it


def _shifts(text: str, reading: Reading) -> bool:
    """Whether the words move the booked time by an amount ("push it back an hour", "提前
    半小时") and the rules read a reschedule, or the words are short and tell nothing that
    happened ("30 minutes earlier", "could they come 30 minutes earlier": the rules read
    "earlier" / "they" as a story): in private nothing else they can mean, whatever the
    model's doubt (in a group they may be about anything)."""
    if another_day_instead(text):
        return reading.verdict[0] == _MOVE
    if shift_asked(text) is None:
        return False
    short = not _HAN.search(text) and len(text.split()) <= _SHORT
    asks = short and _TOLD.search(text) is None
    return reading.verdict[0] == _MOVE or asks


def _new_when_nothing_open(
    text: str, intent: Intent, target: str | None, context: Context
) -> Intent:
    """Words like "明天早点来修一下水龙头" read as "come earlier" (a reschedule); from someone
    known to have nothing booked, the service named makes it a new request, not words to
    drop. Words that only move ("保洁能挪到周一吗") stay a reschedule."""
    if intent != "reschedule" or target is None or context.open_booking is not False:
        return intent
    return "service_request" if only_sooner_or_later(text) else intent


def _emergency(kind: EmergencyKind) -> Understanding:
    return Understanding(
        intent="emergency",
        target=None,
        score=100.0,
        when=None,
        duration=None,
        respond=True,
        unmatched_request=False,
        emergency=kind,
    )
