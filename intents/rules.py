"""The rules' reading of a message: cues, the catalogue target, times, and the rules' own verdict.

Everything here is hand-written knowledge (patterns in :mod:`intents.gate`, aliases in the
catalogue, objects and symptoms in the lexicon). Since issue 14 it no longer decides whether a
message is answered: :mod:`intents.features` turns a :class:`Reading` into the features of the
learned model (:mod:`intents.model`), which decides. The rules' own verdict (``_decide``, the
former hand-tuned blend) is still worked out, for the target it names (:func:`choose_target`)
and for a request that names nothing in the catalogue (``unmatched``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from intents.addresses import address_change
from intents.asks import (
    asks_worker_contact,
    building_outage,
    common_fault,
    outage_current,
    outage_planned,
)
from intents.catalogue import Catalogue
from intents.gate import (
    WHERE_IS_EVERYONE,
    FirstCues,
    Signals,
    read_first,
    read_raw,
    read_signals,
)
from intents.lexicon import Lexicon, LexiconHit
from intents.matching import Candidate, Matcher
from intents.replies import without_codes
from intents.times import TimeSpan, another_day_instead, is_reschedule, parse_when, shift_asked

Intent = Literal[
    "service_request",
    "price_query",
    "borrow_tool",
    "cancel",
    "status",
    "reschedule",
    "faq",
    "emergency",
    "none",
]
Chat = Literal["group", "private"]

# How strongly the wording alone says "this is a request", 0..100.
_CUE_EXPLICIT = 100.0
_CUE_PROBLEM = 90.0
_CUE_QUESTION = 20.0
_CUE_BARE = 0.0
# A time window at most this long counts as booking language; a whole day does not.
_SCHEDULE_SPAN = timedelta(hours=12)
# Without a borrowing cue a tool wins over a service only by this much ("need a water pump").
_TOOL_MARGIN = 15.0
# A candidate at least this strong was named by a real alias, not a passing word.
_SPECIFIC = 70.0
# A tool named by a specific alias wins when nobody is asked for in person.
_NAMED_TOOL = 80.0
# Laughter ("哈哈", "lol") marks banter unless something is clearly asked.
_LAUGHING_PENALTY = 20.0
# A target named only by a generic keyword, with none of its context cues, counts for less.
_UNSPECIFIC_PENALTY = 25.0
# Below this a target is a lone generic word ("猫", "电") and names nothing by itself.
_MIN_TARGET = 40.0
# Without any request cue, only a specific alias (not a generic keyword) may name a target.
_BARE_MIN_TARGET = 70.0
# A cancel that names no service: sure when it mentions a booking ("不用来修了"), else weak
# ("不用了" alone answers someone, perhaps not the bot).
_CANCEL_BOOKING = 70.0
_CANCEL_VAGUE = 40.0
_CUE_VAGUE_CANCEL = 50.0
# An object described next to its symptom or service verb ("洗衣机不脱水") names its service
# this surely, even when no catalogue alias matched.
_DESCRIBED = 85.0
# A question about one's own booking ("师傅几点到") or a move of it ("能不能改到下午"): sure when
# it is asked (a question, a request, a booking word), weak when only stated.
_ABOUT_BOOKING = 70.0
_CUE_ABOUT_BOOKING_VAGUE = 30.0
# The removal service, which "我搬家了，新地址是…" names without asking for it.
_MOVING = "moving"
# A whole building without water or power: the property's work order ("整栋楼停水了").
_WORK_ORDER = "common_area_repair"
# "人呢" with nothing else: answered in private, chatter in a group.
_CUE_VAGUE_STATUS = 30.0
# A reschedule this short ("改到周日", "换个时间") is the whole message: a command, so asked.
_TERSE = 8


def _combine(target_score: float, cue_score: float) -> float:
    """Blend how sure we are of the target with how clearly the wording asks."""
    return round(min(100.0, 0.5 * min(target_score, 100.0) + 0.5 * cue_score), 1)


def _moves_by(text: str) -> bool:
    """'push it back an hour', '明天不行了，后天吧': the booked time moved, said in full."""
    return shift_asked(text) is not None or another_day_instead(text)


def _scheduled(when: TimeSpan | None) -> bool:
    """A precise time ("明天下午3点", "Saturday morning") says someone is being booked; an
    urgency word ("赶紧", "now") is no time said and is left to the request cues."""
    if when is None or when.asap:
        return False
    return when.end is None or when.end - when.start <= _SCHEDULE_SPAN


def _pick(candidates: list[Candidate], signals: Signals) -> Candidate | None:
    """Choose the target: tools when borrowing is asked, otherwise services first."""
    tools = [c for c in candidates if c.entry.kind == "tool"]
    services = [c for c in candidates if c.entry.kind == "service"]
    if tools and (
        signals.borrow
        or (signals.possess and (not services or tools[0].score >= services[0].score))
        or (not services or tools[0].score >= services[0].score + _TOOL_MARGIN)
        or (tools[0].score >= _NAMED_TOOL and not signals.person)  # "need a plunger"
    ):
        return tools[0]
    if services:
        best = services[0]
        # "电梯门关不上": the shared place decides, not the door (see ``precedence``).
        rivals = [
            c
            for c in services
            if c.entry.category == best.entry.category and c.specific and c.score >= _SPECIFIC
        ]
        if rivals:
            top = max(rivals, key=lambda c: (c.entry.precedence, c.score))
            if top.entry.precedence > best.entry.precedence:
                best = top
        if signals.broken and not signals.cleaning and best.entry.category == "cleaning":
            # "油烟机的灯不亮了": the object names a cleaning service, the problem a repair one.
            repairs = [c for c in services if c.entry.category == "repair"]
            if repairs and repairs[0].score >= _MIN_TARGET:
                return repairs[0]
        return best
    return tools[0] if tools else None


def _with_hits(signals: Signals, hits: list[LexiconHit]) -> Signals:
    """An object next to its symptom is a problem; a broken-type symptom favours repair."""
    symptom = any(h.kind == "symptom" for h in hits)
    broken = any(h.broken for h in hits)
    if not symptom or (signals.problem and (signals.broken or not broken)):
        return signals
    return replace(signals, problem=True, broken=signals.broken or broken)


def _described(
    chosen: Candidate | None,
    candidates: list[Candidate],
    hits: list[LexiconHit],
    signals: Signals,
    catalogue: Catalogue,
    symptom_alias: bool = False,
) -> Candidate | None:
    """Let an object described with its symptom or verb confirm or name the target."""
    if not hits:
        return chosen
    if chosen is not None and chosen.entry.kind == "tool" and (signals.borrow or signals.possess):
        return chosen
    ids = [h.service for h in hits]
    closest = min(hits, key=lambda h: (not h.asked, h.kind != "symptom", h.distance))
    symptom = any(h.kind == "symptom" for h in hits)
    if symptom and hits[0].asked and (chosen is None or chosen.entry.id != hits[0].service):
        # "空调一直滴水 找人来清洗一下": what is asked of the object outweighs its symptom.
        entry = catalogue.entry(hits[0].service)
    elif chosen is not None and chosen.entry.id in ids:
        entry = chosen.entry
        mine = hits[ids.index(entry.id)]
        nearer = catalogue.entry(closest.service)
        if (
            chosen.score < _DESCRIBED
            and (mine.kind, mine.distance) != (closest.kind, closest.distance)
            and nearer.precedence >= entry.precedence  # "地库的灯全黑了" is still the garage's
        ):
            # "电视开不了机 红灯一直闪": the object nearest the symptom decides, not a weak alias.
            entry = nearer
    elif (
        chosen is None
        or not chosen.specific
        or chosen.score < _DESCRIBED
        or (
            hits[0].kind == "symptom"
            and chosen.entry.kind == "service"
            and (symptom_alias or (hits[0].part != "" and hits[0].part in chosen.alias))
        )
    ):
        # "热水器漏水": the object next to the symptom outweighs an alias naming the symptom;
        # "冰箱门关不上": the fridge's door is the fridge's, not a door repair.
        entry = catalogue.entry(ids[0])
    else:
        return chosen
    # "地下车库的灯不亮": a shared place described in the message outranks the lamp.
    for hit in hits:
        ranked = catalogue.entry(hit.service)
        if ranked.category == entry.category and ranked.precedence > entry.precedence:
            entry = ranked
            break
    same = [c for c in candidates if c.entry.id == entry.id]
    if same and same[0].score >= _DESCRIBED and same[0].specific:
        return same[0]
    alias = same[0].alias if same else entry.name_zh
    return Candidate(entry, max(_DESCRIBED, same[0].score if same else 0.0), alias)


def _about_booking(
    signals: Signals, chosen: Candidate | None, moving: bool, scheduled: bool
) -> tuple[Intent, str | None, float] | None:
    """'能不能改到下午' (reschedule) or '师傅几点到' (status): about the writer's own booking,
    so never relayed news or a story; the service, when one is named, is the target."""
    told = signals.reported or signals.heard or signals.news or signals.inquiry
    if told or signals.others or signals.past_story:
        return None
    asked = signals.question or signals.request or signals.booking_words
    target = chosen.entry.id if chosen is not None and chosen.score >= _MIN_TARGET else None
    if moving and not signals.cancel and (asked or scheduled):
        cue = _CUE_EXPLICIT if asked else _CUE_ABOUT_BOOKING_VAGUE
        return "reschedule", target, _combine(_ABOUT_BOOKING, cue)
    if signals.status and not signals.cancel:
        return "status", target, _combine(_ABOUT_BOOKING, _CUE_EXPLICIT)
    return None


def _outage(
    signals: Signals, decided: tuple[Intent, str | None, float], current: bool = False
) -> bool:
    """'我们5栋整栋楼都停水了' names plumbing, but a whole building without water is the
    property's (free, urgent) work order; a notice of a cut, or one already over, is not.
    Told as still going on (``current``: "停在半中间不动了 我刚才看了"), a past word is about
    the teller, not the fault."""
    told = signals.announcement or signals.advice or signals.completed or signals.negated
    story = signals.past_story and not current
    return not told and not story and decided[0] in ("none", "service_request")


def _decide(
    signals: Signals,
    chosen: Candidate | None,
    scheduled: bool,
    door: bool = False,
    moving: bool = False,
) -> tuple[Intent, str | None, float]:
    """Decide the intent from the cues and the chosen target, before the threshold."""
    if signals.announcement or signals.advice or signals.complaint or signals.offer:
        return "none", None, 0.0
    about = _about_booking(signals, chosen, moving, scheduled)
    if about is not None:
        return about
    if signals.cancel:
        if chosen is not None:
            return "cancel", chosen.entry.id, _combine(chosen.score, _CUE_EXPLICIT)
        if signals.booking_words or signals.explicit_cancel:
            return "cancel", None, _combine(_CANCEL_BOOKING, _CUE_EXPLICIT)
        return "cancel", None, _combine(_CANCEL_VAGUE, _CUE_VAGUE_CANCEL)
    if chosen is None:
        return "none", None, 0.0
    if signals.others or signals.past_story or signals.hearsay or signals.returning:
        return "none", None, 0.0
    if chosen.score < _MIN_TARGET:
        return "none", None, 0.0
    if signals.spare and chosen.entry.kind == "service":
        return "none", None, 0.0  # "谁家有多余的纸箱 搬家用": a favour, not a service
    if signals.negated and not signals.forward:
        return "none", None, 0.0  # "我不想搬家", "冰箱没坏"
    entry = chosen.entry
    if signals.price and not signals.past:
        if entry.kind == "service":
            return "price_query", entry.id, _combine(chosen.score, _CUE_EXPLICIT)
        return "borrow_tool", entry.id, _combine(chosen.score, _CUE_QUESTION)
    if entry.kind == "tool":
        if signals.borrow or signals.possess:
            return "borrow_tool", entry.id, _combine(chosen.score, _CUE_EXPLICIT)
        # Any question about a shared tool ("梯子在谁那里?") is about borrowing it.
        cue = _CUE_EXPLICIT if signals.request or signals.question else _CUE_QUESTION
        return "borrow_tool", entry.id, _combine(chosen.score, cue)
    if signals.request:
        cue = _CUE_EXPLICIT
    elif signals.laughing and not signals.forward:
        return "none", None, 0.0  # a problem told with a laugh and no ask is banter ("坏了哈哈")
    elif signals.problem or scheduled or (door and chosen.score >= _BARE_MIN_TARGET):
        cue = _CUE_PROBLEM
    elif chosen.score >= _BARE_MIN_TARGET:
        cue = _CUE_QUESTION if signals.question else _CUE_BARE
    else:
        return "none", None, 0.0  # a generic word with nothing asking for it
    score = _combine(chosen.score, cue)
    if not chosen.specific:
        score = round(max(0.0, score - _UNSPECIFIC_PENALTY), 1)  # "lost cat, please call"
    if signals.laughing and not signals.forward:
        score = round(max(0.0, score - _LAUGHING_PENALTY), 1)
    return "service_request", entry.id, score


@dataclass(frozen=True)
class Reading:
    """Everything the rules read in one message, before anything is decided.

    ``signals`` is None when the message names nothing and asks nothing (the cheap path most
    chatter takes); ``verdict`` is what the former hand-tuned blend would have answered, before
    its threshold: (intent, target, score 0..100).
    """

    normalized: str
    signals: Signals | None
    candidates: tuple[Candidate, ...]
    hits: tuple[LexiconHit, ...]
    chosen: Candidate | None
    when: TimeSpan | None
    flags: frozenset[str]
    verdict: tuple[Intent, str | None, float]
    unmatched: bool


class Reader:
    """Reads messages with the rules, against one catalogue and timezone (built once)."""

    def __init__(self, catalogue: Catalogue, tz: ZoneInfo) -> None:
        self.catalogue = catalogue
        self.tz = tz
        self.matcher = Matcher(catalogue)
        self.lexicon = Lexicon.default()

    def read(self, text: str, normalized: str, chat: Chat, now: datetime | None) -> Reading:
        """Read one message (``text`` as written, ``normalized`` by :func:`normalize`)."""
        uncoded = without_codes(normalized)  # "门禁密码1234" names a code, not a broken door
        candidates = self.matcher.candidates(uncoded)
        hits = [h for h in self.lexicon.hits(uncoded) if h.service in self.catalogue]
        pleading, distressed, door = read_raw(text)
        moving = is_reschedule(text)
        first = read_first(normalized)
        # (the pattern is anchored at the start: a text not starting so cannot match)
        vague = normalized.startswith("人呢") and WHERE_IS_EVERYONE.search(normalized) is not None
        if vague:
            first = replace(first, status=True)  # "人呢": weakly about one's own booking
        elif moving and (len(normalized.strip()) <= _TERSE or _moves_by(text)):
            first = replace(first, request=True)  # "改到周日", "push it back an hour": asked
        contact = asks_worker_contact(text)  # "师傅电话多少": about one's own booking
        if contact:
            first = replace(first, status=True)
        outage = _WORK_ORDER in self.catalogue and (building_outage(text) or common_fault(text))
        outage = outage and not outage_planned(text)  # "明天3号楼停电检修": a notice
        named = {
            "pleading": pleading,
            "distressed": distressed,
            "door": door,
            "moving": moving,
            "vague": vague,
            "contact": contact,
            "outage": outage,
        }
        flags = frozenset(name for name, on in named.items() if on)
        if not (candidates or hits or flags or first.any):
            # Nothing named, nothing asked: no need for the forty patterns below.
            return Reading(normalized, None, (), (), None, None, flags, ("none", None, 0.0), False)
        signals = self._signals(normalized, first, hits, pleading, distressed)
        picked = _pick(candidates, signals)
        symptom = picked is not None and self.lexicon.is_symptom(picked.alias)
        chosen = _described(picked, candidates, hits, signals, self.catalogue, symptom)
        moment = now if now is not None else datetime.now(self.tz)
        when = None
        if chosen is not None or chat == "private" or moving:  # "改到下午" names no service
            when = parse_when(text, moment, self.tz)
        if address_change(text) is not None:  # "我的地址改成3栋2单元501": no booking moved
            flags = flags | {"address_change"}
        verdict = _verdict(text, signals, chosen, when, flags)
        asked = signals.request or signals.problem or signals.price or signals.borrow
        unmatched = (
            chosen is None
            and verdict[0] == "none"
            and asked
            and not signals.blocked
            and not signals.narrative
            and not signals.negated
        )
        return Reading(
            normalized, signals, tuple(candidates), tuple(hits), chosen, when, flags, verdict,
            unmatched,
        )  # fmt: skip

    @staticmethod
    def _signals(
        normalized: str, first: FirstCues, hits: list[LexiconHit], pleading: bool, distressed: bool
    ) -> Signals:
        """The cues, with what the raw text's emoji say."""
        signals = _with_hits(read_signals(normalized, first), hits)
        # 🙏 after thanks thanks; after a finished story ("finally fixed it 🙏") it is relief
        if (
            pleading
            and not signals.request
            and not signals.thanks
            and (not signals.narrative or signals.question)
        ):
            signals = replace(signals, request=True, forward=True)
        if distressed and not signals.problem and not signals.laughing:
            signals = replace(signals, problem=True)
        return signals


def _verdict(
    text: str,
    signals: Signals,
    chosen: Candidate | None,
    when: TimeSpan | None,
    flags: frozenset[str],
) -> tuple[Intent, str | None, float]:
    """The former hand-tuned blend's answer, kept as a feature of the learned model."""
    intent, target, score = _decide(
        signals, chosen, _scheduled(when), "door" in flags, "moving" in flags
    )
    if "outage" in flags and _outage(signals, (intent, target, score), outage_current(text)):
        intent, target = "service_request", _WORK_ORDER
        score = _combine(100.0, _CUE_PROBLEM)
    if "contact" in flags and intent != "cancel":
        intent, target, score = "status", None, _combine(_ABOUT_BOOKING, _CUE_EXPLICIT)
    if target == _MOVING and "address_change" in flags:
        intent, target = "none", None  # "我搬家了，新地址是…": a new address, not a van
    if "vague" in flags and intent == "status":
        score = _combine(_ABOUT_BOOKING, _CUE_VAGUE_STATUS)
    return intent, target, score


_NEEDS_SERVICE = ("service_request", "price_query")
_ABOUT_OWN = ("cancel", "status", "reschedule")


def choose_target(reading: Reading, intent: Intent) -> str | None:
    """The target for the intent the model chose: the rules' own when they agree on the kind,
    else the strongest candidate of the kind the intent needs (a tool to borrow, a service
    to book or price); None when the intent needs none or nothing fits."""
    ruled_intent, ruled, _ = reading.verdict
    if intent in _ABOUT_OWN:
        if ruled_intent == intent:
            return ruled
        chosen = reading.chosen
        return chosen.entry.id if chosen is not None and chosen.score >= _MIN_TARGET else None
    if intent not in (*_NEEDS_SERVICE, "borrow_tool"):
        return None
    kind = "tool" if intent == "borrow_tool" else "service"
    ruled_kind = "tool" if ruled_intent == "borrow_tool" else "service"
    ruled_target = ruled_intent in (*_NEEDS_SERVICE, "borrow_tool") and ruled is not None
    if ruled_target and ruled_kind == kind:
        return ruled
    chosen = reading.chosen
    if chosen is not None and chosen.entry.kind == kind and chosen.score >= _MIN_TARGET:
        return chosen.entry.id
    ranked = [c for c in reading.candidates if c.entry.kind == kind and c.score >= _MIN_TARGET]
    return max(ranked, key=lambda c: c.score).entry.id if ranked else None
