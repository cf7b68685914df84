"""What staff see in /misses: unmet requests and dismissals grouped by what was asked (pure).

Items of one kind (a miss, or a dismissal) that the bot understood the same way (intent and
target) and whose wording is near enough (a fuzzy ratio over a normalised key, rapidfuzz) form
one group: "一起吃饭吗" and "一起吃饭去吗？" are one line with a count, not two. The ask itself
("谁会", "有没有人会", "哪里可以", "吗") is stripped first, so "谁会修手表？" and "有人会修手表吗"
compare what they are about ("修手表"), token by token (rapidfuzz's token_set_ratio).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from rapidfuzz import fuzz

from intents import normalize

Kind = Literal["m", "e"]  # m: an unmet request (a miss); e: a dismissed reply's example
SAME_WORDING = 75.0  # fuzzy ratio from which two texts read as the same question
_NOT_WORDS = re.compile(r"[\W_]+", re.UNICODE)
# How a question is put, not what it is about: stripped before the wordings are compared.
_ASK_WORDS = re.compile(
    r"有没有人|有没有|有人|谁|哪里|哪儿|哪个|在哪|可以|能不能|能|会不会|会|请问|"
    r"吗|呢|啊|呀|吧|哦|嘛|"
    r"\b(is there|are there|anyone|anybody|who|where|can|could|does|do|any|someone|please)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Asked:
    """One thing residents asked: its text, how it was understood, how often, how lately."""

    kind: Kind
    id: int
    text: str
    intent: str
    target: str | None
    count: int
    last_at: datetime


@dataclass(frozen=True)
class AskedGroup:
    """Similar things asked, understood alike; the most frequent one leads."""

    items: tuple[Asked, ...]

    @property
    def lead(self) -> Asked:
        """The item that names the group (its most frequent, then latest)."""
        return self.items[0]

    @property
    def count(self) -> int:
        """How often anything in the group was asked."""
        return sum(i.count for i in self.items)

    @property
    def last_at(self) -> datetime:
        """When something in the group was last asked."""
        return max(i.last_at for i in self.items)


def fuzzy_key(text: str) -> str:
    """The wording compared: normalised (simplified, half-width, lower case), no punctuation
    or spaces."""
    return _NOT_WORDS.sub("", normalize(text))


def topic_key(text: str) -> str:
    """What a question is about: the ask words stripped ("有没有人会修钢琴？" -> "修钢琴"),
    then CJK characters spaced as tokens (token_set_ratio compares them as sets); the whole
    key when nothing is left."""
    folded = normalize(text)
    core = _NOT_WORDS.sub(" ", _ASK_WORDS.sub(" ", folded)).strip()
    if not core:
        core = _NOT_WORDS.sub(" ", folded).strip()
    return " ".join(_tokens(core))


def _tokens(core: str) -> list[str]:
    """CJK one character a token, other words whole."""
    out: list[str] = []
    for word in core.split():
        if any("\u4e00" <= c <= "\u9fff" for c in word):
            out.extend(word)
        else:
            out.append(word)
    return out


def same_wording(a: str, b: str) -> bool:
    """Whether two topic keys read as the same question."""
    return fuzz.token_set_ratio(a, b) >= SAME_WORDING and fuzz.ratio(a, b) >= SAME_WORDING - 25


def distinct(items: Iterable[Asked]) -> list[Asked]:
    """The group's items with one per wording (the same text asked thrice shows once)."""
    seen: set[str] = set()
    out: list[Asked] = []
    for item in items:
        key = fuzzy_key(item.text)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def group(items: Iterable[Asked]) -> list[AskedGroup]:
    """Group items by kind, understanding and near wording; most asked groups first (then
    the latest)."""
    ordered = sorted(items, key=lambda i: (-i.count, -i.last_at.timestamp(), i.kind, i.id))
    clusters: list[tuple[tuple[str, str, str | None], str, list[Asked]]] = []
    for item in ordered:
        head, key = (item.kind, item.intent, item.target), topic_key(item.text)
        home = next((c for c in clusters if c[0] == head and same_wording(c[1], key)), None)
        if home is None:
            clusters.append((head, key, [item]))
        else:
            home[2].append(item)
    groups = [AskedGroup(tuple(c[2])) for c in clusters]
    return sorted(groups, key=lambda g: (-g.count, -g.last_at.timestamp()))


def containing(groups: Iterable[AskedGroup], kind: Kind, item_id: int) -> AskedGroup | None:
    """The group holding this item, if it is still there."""
    return next(
        (g for g in groups if any(i.kind == kind and i.id == item_id for i in g.items)), None
    )
