"""Someone in danger now: a fall, a medical crisis, gas, fire, a person in a lift, a flood, an
attack or break-in, a cry.

:func:`detect_emergency` reads one message and returns an :class:`Emergency` (its kind and the
words that gave it away) or ``None``. The words live in ``intents/data/emergency.toml``; this
module only applies them, in four steps:

1. a cheap pre-filter: without one of the trigger substrings (火, 摔, 救, gas, fell ...) the
   message is ordinary chatter and nothing else runs;
2. typos are folded ("煤汽味", "摔到了", "救明") and idioms blanked ("火锅", "救命稻草");
3. the whole message is silenced when it is a notice or drill, news, a game, a joke, shopping,
   resolved, told in the past with nothing saying it is still going on, or told in the past
   (or as a fall got up from) by someone saying all is fine;
4. the kinds' patterns are tried, strongest tier first; a match counts unless the words just
   before it deny, suppose or prevent it ("没有煤气味", "如果闻到煤气味", "小心别摔倒"), and a
   kind counts not at all when the message says outright that nobody is in that danger
   ("电梯坏了 没人困在里面": a lift fault, the property's work order);
   weak signs count next to an urgency cue or next to another sign of the same kind
   ("滑了一跤 … 人有点迷糊"); a cry ("救命", "快来人", "HELP!") counts when little else is said.

When unsure whether the danger is real and current the rules lean to alarming: a missed
emergency is the worst error the bot can make; a false alarm costs a phone call.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from importlib import resources
from typing import Any, Literal, get_args

from intents.fastre import Cue, Literals
from intents.normalize import normalize

# How much of the clause before a match the prevention and near-miss guards read.
_CJK_WINDOW = 8
_ASCII_WINDOW_WORDS = 3
_NEAR_WINDOW = 4
# A bare cry ("快来人", "help") stands alone when at most this much else is said; a cry
# ("救命", "SOS") may carry a little more ("救命 我在3栋"), or anything urgent ("救命 好疼").
_BARE_REST = 2
# A cry is short: a long message that only repeats "help" is noise, not a cry.
_CRY_MAX_CHARS = 60
_CRY_REST = 3
# Weak signs of one kind that together, without any urgency cue, make an emergency.
_SIGNS = 2
_CJK = re.compile(r"[\u3400-\u9fff]")
_LETTER = re.compile(r"[a-z]")
_ESCAPE = re.compile(r"\\[a-zA-Z]")
_NEVER = "(?!)"

# Which patterns a message needs: Chinese only, English only, or both.
Script = Literal["cjk", "ascii", "mixed"]


class EmergencyKind(StrEnum):
    """What kind of danger a message reports; the reaction (120, 119, 110, 96333) depends on it."""

    FIRE = "fire"  # smoke or fire
    GAS = "gas"  # gas smell or leak, carbon monoxide
    LIFT = "lift"  # a person trapped in a lift
    VIOLENCE = "violence"  # an attack, a weapon, a break-in or a threat: the police (110)
    FALL = "fall"  # someone fell and may not get up
    MEDICAL = "medical"  # unconscious, not breathing, chest pain, stroke, bleeding, seizure
    FLOOD = "flood"  # a burst pipe or the home flooding now
    HELP = "help"  # a bare cry for help with no more detail


@dataclass(frozen=True)
class Emergency:
    """A message that reports someone in danger now."""

    kind: EmergencyKind
    evidence: str  # the words that gave it away, as normalised


def _fits(pattern: str, script: Script) -> bool:
    """Whether a pattern can match text written in the script."""
    if script == "mixed":
        return True
    if script == "ascii":
        return _CJK.search(pattern) is None
    return _CJK.search(pattern) is not None or _LETTER.search(_ESCAPE.sub("", pattern)) is None


def _alternation(patterns: Iterable[str], script: Script) -> Cue:
    """One regex matching any of the patterns that fit the script (nothing, when none do);
    a text without the characters it needs is skipped (see :mod:`intents.fastre`)."""
    listed = [p for p in patterns if _fits(p, script)] or [_NEVER]
    return Cue("|".join(f"(?:{p})" for p in listed))


@dataclass(frozen=True)
class _Kind:
    """The compiled patterns of one emergency kind (see the data file for the tiers)."""

    kind: EmergencyKind
    strong: Cue
    plain: Cue
    weak: Cue
    support: Cue
    cries: Cue
    bare: Cue
    shouted: Cue
    excuses: Cue
    denials: Cue
    objects: re.Pattern[str]

    @classmethod
    def load(cls, name: str, data: Mapping[str, Any], script: Script) -> _Kind:
        """Compile one ``[kinds.<name>]`` table for messages of one script."""
        return cls(
            kind=EmergencyKind(name),
            strong=_alternation(data.get("strong", ()), script),
            plain=_alternation(data.get("plain", ()), script),
            weak=_alternation(data.get("weak", ()), script),
            support=_alternation(data.get("support", ()), script),
            cries=_alternation(data.get("cries", ()), script),
            bare=_alternation(data.get("bare", ()), script),
            shouted=_alternation(data.get("shouted", ()), script),
            excuses=_alternation(data.get("excuses", ()), script),
            denials=_alternation(data.get("denials", ()), script),
            objects=re.compile(data.get("objects", _NEVER)),
        )


class _Rules:
    """Every list of the data file, compiled for messages of one script.

    A message in Chinese only never needs the English patterns, and the other way round:
    leaving them out halves the work on the messages that pass the pre-filter.
    """

    def __init__(self, data: Mapping[str, Any], script: Script) -> None:
        def pick(patterns: Iterable[str]) -> Cue:
            return _alternation(patterns, script)

        self.typos = [(Cue(p), r) for p, r in data["typos"] if _fits(p, script)]
        guards = data["guards"]
        self.masks = pick(guards["masks"])
        self.joke = pick(guards["joke"])
        self.earnest = pick(guards["earnest"])
        self.silencers = [pick(guards[name]) for name in ("media", "notice", "consequence")]
        self.resolved = pick(guards["resolved"])
        self.shopping = pick(guards["shopping"])
        self.past = pick(guards["past"])
        self.chronic = pick(guards["chronic"])
        self.now = pick(guards["now"])
        self.fine = pick(guards["fine"])
        self.recovered = pick(guards["recovered"])
        self.hypothetical = pick(guards["hypothetical"])
        self.prevention = pick(guards["prevention"])
        self.soft_prevention = pick(guards["soft_prevention"])
        self.near_miss = pick(guards["near_miss"])
        negators = "|".join(p for p in guards["negation"] if _fits(p, script)) or _NEVER
        # "有没有人 我起不来了", "是不是着火了": a question, not a denial. A denial reaches one
        # English word on ("no real smoke") but not over a space into the next Chinese clause
        # ("楼上没人 水已经淹到脚脖子了": nobody is upstairs; the water is real).
        denial = rf"(?<![有是])(?:{negators})(?:什么|任何|啥|的)?"
        self.negation = re.compile(denial + r"(?:\s[a-z0-9]+)?\s?$")
        cues = data["cues"]
        self.urgent = pick(cues["urgent"])
        self.filler = pick(cues["filler"])
        self.exclaim = re.compile(cues["exclaim"])
        self.shout = re.compile(cues["shout"])
        self.kinds = [_Kind.load(name, table, script) for name, table in data["kinds"].items()]

    def fold(self, normalized: str) -> str:
        """Fold typos, then blank idioms (keeping positions roughly: one space per mask)."""
        for pattern, replacement in self.typos:
            normalized = pattern.sub(replacement, normalized)
        return self.masks.sub(" ", normalized)

    def silenced(self, text: str) -> bool:
        """Whether the whole message is a notice, news, a joke, resolved or past."""
        return self.framed(text) or self.over(text)

    def framed(self, text: str) -> bool:
        """Whether the whole message is a notice, news, a joke or an imagined consequence.

        A joke marker counts unless the teller says it is no joke ("lol not joking call someone").
        """
        if self.joke.search(text) and not self.earnest.search(text):
            return True
        return any(s.search(text) for s in self.silencers)

    def over(self, text: str) -> bool:
        """Whether the message is resolved, past, or something the teller says is fine.

        A past or recovered event the teller says is fine is over even when "now" is in it
        ("last week I fell ..., I'm fine now", "摔了一跤没事爬起来了").
        """
        if self.resolved.search(text):
            return True
        before = self.past.search(text) or self.chronic.search(text)
        if (before or self.recovered.search(text)) and self.fine.search(text):
            return True
        return before is not None and self.now.search(text) is None

    def after_reassurance(self, text: str) -> str:
        """What is said after the last "all is fine" or "it is over" ("" when nothing is).

        "昨天摔了 没事 但是我老公刚才晕倒了": the reassurance is about the past fall; a strong
        sign told after it is a fresh event and must not be quieted with it.
        """
        ends = [m.end() for p in (self.fine, self.resolved) for m in p.finditer(text)]
        return text[max(ends) :] if ends else ""

    def allowed(self, text: str, match: re.Match[str], kind: _Kind) -> bool:
        """Whether the words just before a match leave it standing."""
        prefix = text[: match.start()]
        if self.hypothetical.search(prefix) or self.negation.search(prefix):
            return False
        if _CJK.match(match.group(0)):
            clause = prefix.rsplit(" ", 1)[-1]
            tail = clause[-_CJK_WINDOW:]
            near = clause[-_NEAR_WINDOW:]
            completed = text[match.end() : match.end() + 1] in ("了", "啦")
            if self.soft_prevention.search(tail) and not completed:
                return False
        else:
            words = prefix.split()
            tail = " ".join(words[-_ASCII_WINDOW_WORDS:])
            near = tail
        if self.prevention.search(tail) or self.near_miss.search(near):
            return False
        return kind.objects.search(prefix) is None

    def cry(
        self, text: str, cry: Cue, allowance: int, urgent: bool = False
    ) -> re.Match[str] | None:
        """The cry, when the message says little besides it ("快来人啊", "help!!").

        With ``urgent``, a cry also counts when what else is said carries an urgency cue.
        """
        found = None if len(text) > _CRY_MAX_CHARS else cry.search(text)
        if found is None:
            return None
        said = cry.sub(" ", text)
        rest = self.filler.sub("", said).replace(" ", "")
        if len(rest) <= allowance or (urgent and self.urgent.search(said)):
            return found
        return None


class _Library:
    """The pre-filter, and the rules for each script."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.triggers = Literals(data["triggers"])
        self.rules = {script: _Rules(data, script) for script in get_args(Script)}

    def rules_for(self, text: str) -> _Rules:
        """The rules for the scripts a text is written in."""
        if _CJK.search(text) is None:
            return self.rules["ascii"]
        return self.rules["cjk" if _LETTER.search(text) is None else "mixed"]


@lru_cache(maxsize=1)
def _library() -> _Library:
    """The rules shipped in ``intents/data/emergency.toml``, compiled on first use."""
    text = resources.files("intents.data").joinpath("emergency.toml").read_text("utf-8")
    return _Library(tomllib.loads(text))


def might_be_emergency(normalized: str) -> bool:
    """The cheap pre-filter: False when the normalised text holds none of the trigger words."""
    return _library().triggers.found(normalized)


def _strongest(rules: _Rules, text: str, shopping: bool) -> Emergency | None:
    """The first strong match, or plain match without an excuse, that the context allows."""
    for tier in ("strong", "plain"):
        if tier == "plain" and shopping:
            return None
        for kind in rules.kinds:
            if kind.denials.search(text) or (tier == "plain" and kind.excuses.search(text)):
                continue
            pattern: Cue = getattr(kind, tier)
            for match in pattern.finditer(text):
                if rules.allowed(text, match, kind):
                    return Emergency(kind.kind, match.group(0).strip())
    return None


def _signs(rules: _Rules, text: str, exclaimed: bool) -> Emergency | None:
    """Weak signs: one with an urgency cue, else two of one kind; the kind with most wins.

    Supporting signs ("电梯停了") add to a kind's weak signs but never stand alone.
    """
    best: tuple[int, _Kind, list[str]] | None = None
    for kind in rules.kinds:
        if kind.excuses.search(text) or kind.denials.search(text):
            continue
        found = (m for m in kind.weak.finditer(text) if rules.allowed(text, m, kind))
        signs = list(dict.fromkeys(m.group(0).strip() for m in found))
        if not signs:
            continue
        urgent = exclaimed or rules.urgent.search(kind.weak.sub(" ", text)) is not None
        signs += [m.group(0).strip() for m in kind.support.finditer(text)]
        if len(signs) >= (1 if urgent else _SIGNS) and (best is None or len(signs) > best[0]):
            best = (len(signs), kind, signs)
    return None if best is None else Emergency(best[1].kind, " ".join(best[2][:_SIGNS]))


def _cry(rules: _Rules, text: str, shouted: bool) -> Emergency | None:
    """A cry for help that says little else ("救命", "快来人啊", "HELP!")."""
    for kind in rules.kinds:
        cry = (
            rules.cry(text, kind.cries, _CRY_REST, urgent=True)
            or rules.cry(text, kind.bare, _BARE_REST)
            or (rules.cry(text, kind.shouted, _BARE_REST) if shouted else None)
        )
        if cry is not None:
            return Emergency(kind.kind, cry.group(0).strip())
    return None


# Chinese typed a word at a time ("煤气 漏 了 我 头 晕"): a learner's, a deaf resident's or some
# voice input's way of writing. Joined only when most Chinese tokens are one or two characters
# long, so that ordinary clauses ("前年摔倒了 现在好了") keep the boundary the silencers read.
_SPACED_CJK = re.compile(r"(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])")
_SPACED_MIN_TOKENS = 4
_SPACED_MAX_MEAN = 2.0


def unspaced(normalized: str) -> str:
    """The text with the spaces between Chinese words removed, if it is written word by word."""
    tokens = [t for t in normalized.split(" ") if _CJK.search(t)]
    if len(tokens) < _SPACED_MIN_TOKENS:
        return normalized
    if sum(len(t) for t in tokens) / len(tokens) > _SPACED_MAX_MEAN:
        return normalized
    return _SPACED_CJK.sub("", normalized)


def detect_normalized(normalized: str, raw: str = "") -> Emergency | None:
    """Like :func:`detect_emergency`, for text already passed through :func:`normalize`.

    ``raw`` is the message as typed: a command ("/help") is never a cry, and "!!" or capitals
    are urgency that normalisation removed.
    """
    normalized = unspaced(normalized)
    if not might_be_emergency(normalized) or raw.lstrip().startswith("/"):
        return None
    rules = _library().rules_for(normalized)
    text = rules.fold(normalized)
    found = _candidate(rules, text, raw)
    # Checked last because most messages that pass the pre-filter have no candidate at all.
    if found is None or not rules.silenced(text):
        return found
    if rules.framed(text):
        return None
    # A strong sign told after the reassurance is a fresh event ("没事 但是我老公刚才晕倒了").
    tail = rules.after_reassurance(text)
    fresh = _strongest(rules, tail, shopping=False) if tail.strip() else None
    return None if fresh is None or rules.silenced(tail) else fresh


def told_as_over(normalized: str) -> bool:
    """Whether a normalised message tells of danger that is not happening now.

    True for a past event the teller says is fine ("前年摔了一跤 现在好了"), a lesson
    ("老人摔倒了应该怎么扶？想学一下"), news or a joke: the words of danger in it are no alarm.
    """
    rules = _library().rules_for(normalized)
    return rules.silenced(rules.fold(normalized))


def _candidate(rules: _Rules, text: str, raw: str) -> Emergency | None:
    """The emergency the words describe, before the whole-message silencers are asked."""
    # Shopping ("烟雾报警器多少钱") quiets all but the strongest words ("煤气味好重 ... 多少钱").
    shopping = rules.shopping.search(text) is not None
    found = _strongest(rules, text, shopping)
    if found is not None or shopping:
        return found
    exclaimed = rules.exclaim.search(raw) is not None
    return _signs(rules, text, exclaimed) or _cry(rules, text, rules.shout.search(raw) is not None)


def detect_emergency(text: str) -> Emergency | None:
    """Tell whether a message reports someone in danger now, and what kind of danger."""
    return detect_normalized(normalize(text), text)


def is_bare_cry(text: str) -> bool:
    """Whether a message is only a cry for help ("快来人", "救命啊", "HELP!") and names no
    danger of its own ("有人在楼顶要跳下来" does): from the writer of an open emergency, such a
    cry is about that emergency, not a new one."""
    normalized = unspaced(normalize(text))
    if not might_be_emergency(normalized):
        return False
    rules = _library().rules_for(normalized)
    folded = rules.fold(normalized)
    if _strongest(rules, folded, shopping=False) is not None:
        return False
    if _signs(rules, folded, rules.exclaim.search(text) is not None) is not None:
        return False
    found = _cry(rules, folded, rules.shout.search(text) is not None)
    return found is not None and found.kind == EmergencyKind.HELP
