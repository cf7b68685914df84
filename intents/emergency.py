"""Someone in danger now: a fall, a medical crisis, gas, fire, a person in a lift, a flood, a cry.

:func:`detect_emergency` reads one message and returns an :class:`Emergency` (its kind and the
words that gave it away) or ``None``. The words live in ``intents/data/emergency.toml``; this
module only applies them, in four steps:

1. a cheap pre-filter: without one of the trigger substrings (火, 摔, 救, gas, fell ...) the
   message is ordinary chatter and nothing else runs;
2. typos are folded ("煤汽味", "摔到了", "救明") and idioms blanked ("火锅", "救命稻草");
3. the whole message is silenced when it is a notice or drill, news, a joke, shopping,
   resolved, or told in the past with nothing saying it is still going on;
4. the kinds' patterns are tried, strongest tier first; a match counts unless the words just
   before it deny, suppose or prevent it ("没有煤气味", "如果闻到煤气味", "小心别摔倒").

When unsure whether the danger is real and current the rules lean to alarming: a missed
emergency is the worst error the bot can make; a false alarm costs a phone call.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from importlib import resources
from typing import Any

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
_CRY_REST = 4
_CJK = re.compile(r"[\u3400-\u9fff]")


class EmergencyKind(StrEnum):
    """What kind of danger a message reports; the reaction (120, 119, 96333...) depends on it."""

    FIRE = "fire"  # smoke or fire
    GAS = "gas"  # gas smell or leak, carbon monoxide
    LIFT = "lift"  # a person trapped in a lift
    FALL = "fall"  # someone fell and may not get up
    MEDICAL = "medical"  # unconscious, not breathing, chest pain, stroke, bleeding, seizure
    FLOOD = "flood"  # a burst pipe or the home flooding now
    HELP = "help"  # a bare cry for help with no more detail


@dataclass(frozen=True)
class Emergency:
    """A message that reports someone in danger now."""

    kind: EmergencyKind
    evidence: str  # the words that gave it away, as normalised


def _alternation(patterns: Iterable[str]) -> re.Pattern[str] | None:
    """One regex that matches any of the patterns, or None for an empty list."""
    listed = list(patterns)
    if not listed:
        return None
    return re.compile("|".join(f"(?:{p})" for p in listed))


@dataclass(frozen=True)
class _Kind:
    """The compiled patterns of one emergency kind (see the data file for the tiers)."""

    kind: EmergencyKind
    strong: re.Pattern[str] | None
    plain: re.Pattern[str] | None
    weak: re.Pattern[str] | None
    cries: re.Pattern[str] | None
    bare: re.Pattern[str] | None
    excuses: re.Pattern[str] | None
    objects: re.Pattern[str] | None

    @classmethod
    def load(cls, name: str, data: Mapping[str, Any]) -> _Kind:
        """Compile one ``[kinds.<name>]`` table."""
        objects = data.get("objects")
        return cls(
            kind=EmergencyKind(name),
            strong=_alternation(data.get("strong", ())),
            plain=_alternation(data.get("plain", ())),
            weak=_alternation(data.get("weak", ())),
            cries=_alternation(data.get("cries", ())),
            bare=_alternation(data.get("bare", ())),
            excuses=_alternation(data.get("excuses", ())),
            objects=re.compile(objects) if objects else None,
        )


def _required(patterns: Iterable[str]) -> re.Pattern[str]:
    """An alternation that must exist (a guard list in the data file)."""
    compiled = _alternation(patterns)
    if compiled is None:
        raise ValueError("an emergency guard list is empty")
    return compiled


class _Rules:
    """Every list of the data file, compiled once."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.triggers = _required(re.escape(t) for t in data["triggers"])
        self.typos = [(re.compile(p), r) for p, r in data["typos"]]
        guards = data["guards"]
        self.masks = _required(guards["masks"])
        self.silencers = [
            _required(guards[name]) for name in ("joke", "media", "notice", "resolved")
        ]
        self.shopping = _required(guards["shopping"])
        self.past = _required(guards["past"])
        self.chronic = _required(guards["chronic"])
        self.now = _required(guards["now"])
        self.hypothetical = _required(guards["hypothetical"])
        self.prevention = _required(guards["prevention"])
        self.soft_prevention = _required(guards["soft_prevention"])
        self.near_miss = _required(guards["near_miss"])
        self.negation = re.compile(
            rf"(?:{'|'.join(guards['negation'])})(?:什么|任何|啥|的)?(?:\s\w+)?\s?$"
        )
        cues = data["cues"]
        self.urgent = _required(cues["urgent"])
        self.filler = _required(cues["filler"])
        self.exclaim = re.compile(cues["exclaim"])
        self.kinds = [_Kind.load(name, table) for name, table in data["kinds"].items()]

    @classmethod
    def default(cls) -> _Rules:
        """The rules shipped in ``intents/data/emergency.toml``."""
        text = resources.files("intents.data").joinpath("emergency.toml").read_text("utf-8")
        return cls(tomllib.loads(text))

    def fold(self, normalized: str) -> str:
        """Fold typos, then blank idioms (keeping positions roughly: one space per mask)."""
        for pattern, replacement in self.typos:
            normalized = pattern.sub(replacement, normalized)
        return self.masks.sub(" ", normalized)

    def silenced(self, text: str) -> bool:
        """Whether the whole message is a notice, news, a joke, resolved or past."""
        if any(s.search(text) for s in self.silencers):
            return True
        told_before = self.past.search(text) or self.chronic.search(text)
        return told_before is not None and self.now.search(text) is None

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
        return kind.objects is None or kind.objects.search(prefix) is None

    def cry(
        self, text: str, cry: re.Pattern[str] | None, allowance: int, urgent: bool = False
    ) -> re.Match[str] | None:
        """The cry, when the message says little besides it ("快来人啊", "help!!").

        With ``urgent``, a cry also counts when what else is said carries an urgency cue.
        """
        found = None if cry is None or len(text) > _CRY_MAX_CHARS else cry.search(text)
        if cry is None or found is None:
            return None
        said = cry.sub(" ", text)
        rest = self.filler.sub("", said).replace(" ", "")
        if len(rest) <= allowance or (urgent and self.urgent.search(said)):
            return found
        return None


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    return _Rules.default()


def _matches(pattern: re.Pattern[str] | None, text: str) -> Iterator[re.Match[str]]:
    if pattern is not None:
        yield from pattern.finditer(text)


def detect_normalized(normalized: str, raw: str = "") -> Emergency | None:
    """Like :func:`detect_emergency`, for text already passed through :func:`normalize`.

    ``raw`` is the message as typed, read only for urgent punctuation ("!!").
    """
    rules = _rules()
    if rules.triggers.search(normalized) is None:
        return None
    text = rules.fold(normalized)
    if rules.silenced(text):
        return None
    urgent = rules.urgent.search(text) is not None or rules.exclaim.search(raw) is not None
    # Shopping ("烟雾报警器多少钱") quiets all but the strongest words ("煤气味好重 ... 多少钱").
    shopping = rules.shopping.search(text) is not None
    for tier in ("strong", "plain", "weak"):
        if (tier == "weak" and not urgent) or (tier != "strong" and shopping):
            break
        for kind in rules.kinds:
            if tier != "strong" and kind.excuses is not None and kind.excuses.search(text):
                continue
            for match in _matches(getattr(kind, tier), text):
                if rules.allowed(text, match, kind):
                    return Emergency(kind.kind, match.group(0).strip())
    if shopping:
        return None
    for kind in rules.kinds:
        cry = rules.cry(text, kind.cries, _CRY_REST, urgent=True) or rules.cry(
            text, kind.bare, _BARE_REST
        )
        if cry is not None:
            return Emergency(kind.kind, cry.group(0).strip())
    return None


def detect_emergency(text: str) -> Emergency | None:
    """Tell whether a message reports someone in danger now, and what kind of danger."""
    return detect_normalized(normalize(text), text)
