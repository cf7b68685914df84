"""Community questions answered from the community file's ``[[faq]]`` list (pure).

"物业电话多少", "快递驿站几点关门", "how do I pay the property fee": the message is matched
against each entry's ways of asking (fuzzy, rapidfuzz) and read for whether it asks at all.
In a group the bar is high, because chatter answered is what gets a bot removed: a short
question, not banter, not put to the neighbours ("你们谁去菜摊吗"), naming an entry almost
exactly. In private a weaker match is enough, and a question nobody listed is told so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from intents.normalize import has_cjk, normalize

GROUP_SCORE = 90.0  # an entry named (almost) exactly
PRIVATE_SCORE = 75.0
ADDRESSED_SCORE = 80.0  # a group message that mentions or replies to the bot
GROUP_MAX_CHARS = 24  # a longer post tells a story; its question is not for the desk
GROUP_MAX_WORDS = 14
SHORT = 8  # "物业电话" alone, in private, is a question

_QUESTION = re.compile(
    r"[?？]|吗|呢|几点|几号|几时|多少|什么时候|啥时候|什么时间|怎么|怎样|如何|哪里|哪儿|在哪|"
    r"是不是|有没有|能不能|可不可以|请问|咋|啥|^(what|when|where|how|which|who|is|are|does|do|"
    r"can|could|any)\b|\b(what|when|where|how)\b",
    re.IGNORECASE,
)
# Put to the neighbours, not the desk ("你们谁去菜摊吗") — unless asking who knows something.
_NEIGHBOURS = re.compile(
    r"你们|大家|谁|有人|一起|咱们|anyone|anybody|you guys|neighbou?rs|everyone", re.IGNORECASE
)
_KNOWS = re.compile(r"知道|清楚|know", re.IGNORECASE)
_BANTER = re.compile(r"哈哈|呵呵|嘻嘻|lol|haha|😂|🤣")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class FaqItem:
    """An entry as the matcher sees it: its id and its ways of asking (any language)."""

    id: str
    asks: tuple[str, ...]


@dataclass(frozen=True)
class FaqMatch:
    """The entry a message asks about, how closely, and whether it was asked as a question."""

    id: str
    score: float
    question: bool


def is_question(text: str) -> bool:
    """Whether the wording asks something (a question mark or a question word)."""
    return _QUESTION.search(text) is not None


def _flat(text: str) -> str:
    """Normalised; Chinese without spaces (English keeps them, words stay words)."""
    folded = normalize(text).replace("?", " ").strip()
    return _SPACE.sub("", folded) if has_cjk(folded) else folded


def _to_desk(text: str) -> bool:
    """Not banter, and not a question put to the neighbours (who *knows* something is fine)."""
    if _BANTER.search(text):
        return False
    return _NEIGHBOURS.search(text) is None or _KNOWS.search(text) is not None


def _short(flat: str) -> bool:
    if has_cjk(flat):
        return len(flat) <= GROUP_MAX_CHARS
    return len(flat.split()) <= GROUP_MAX_WORDS


class FaqMatcher:
    """Finds the entry a message asks about."""

    def __init__(self, items: Iterable[FaqItem]) -> None:
        self._keys: list[tuple[str, str]] = []
        for item in items:
            for ask in item.asks:
                key = _flat(ask)
                if len(key) >= 2:
                    self._keys.append((item.id, key))

    def best(self, text: str, cutoff: float = 0.0) -> FaqMatch | None:
        """The closest entry scoring at least ``cutoff`` (None when nothing does)."""
        return self._best(text, _flat(text), cutoff)

    def _best(self, text: str, flat: str, cutoff: float) -> FaqMatch | None:
        if not flat or not self._keys:
            return None
        contained = next((entry for entry, key in self._keys if key in flat), None)
        if contained is not None:
            return FaqMatch(contained, 100.0, is_question(text))
        # A way of asking longer than the message is compared whole; a shorter one is looked
        # for inside it (rapidfuzz in C, stopping under the cutoff).
        longer = [(e, k) for e, k in self._keys if len(k) > len(flat)]
        inside = [(e, k) for e, k in self._keys if len(k) <= len(flat)]
        found: list[tuple[str, float]] = []
        for pairs, scorer in ((longer, fuzz.ratio), (inside, fuzz.partial_ratio)):
            hit = process.extractOne(
                flat, [k for _, k in pairs], scorer=scorer, score_cutoff=cutoff
            )
            if hit is not None:
                found.append((pairs[hit[2]][0], float(hit[1])))
        if not found:
            return None
        entry, score = max(found, key=lambda pair: pair[1])
        return FaqMatch(entry, score, is_question(text))

    def for_group(self, text: str, *, addressed: bool = False) -> FaqMatch | None:
        """The entry to answer in a group: clearly a question to the desk, matched well."""
        if not is_question(text) or not _to_desk(text):
            return None
        flat = _flat(text)
        if not addressed and not _short(flat):
            return None
        return self._best(text, flat, ADDRESSED_SCORE if addressed else GROUP_SCORE)

    def for_private(self, text: str) -> FaqMatch | None:
        """The entry to answer in private: a question (or a bare topic) matched fairly."""
        flat = _flat(text)
        found = self._best(text, flat, PRIVATE_SCORE)
        if found is None:
            return None
        return found if found.question or len(flat) <= SHORT else None
