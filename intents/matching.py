"""Find which catalogue entries a normalised message talks about.

Everything is precomputed at construction: aliases are normalised and indexed by their first
character (Chinese) or first word (English), so a message costs one pass over its characters
and words. A fuzzy pass (rapidfuzz, 0..100) catches typos only when nothing matched exactly.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from intents.catalogue import Catalogue, Entry
from intents.normalize import ascii_words, normalize

ALIAS_WEIGHT = 1.0
KEYWORD_WEIGHT = 0.6
CUE_BONUS = 12.0
EXTRA_HIT_BONUS = 4.0
FUZZY_CUTOFF = 86.0
FUZZY_MIN_LEN_CJK = 4
FUZZY_WORD_CUTOFF = 88.0
FUZZY_MIN_LEN_ASCII = 6


@dataclass(frozen=True)
class Candidate:
    """A catalogue entry the message mentions, with a 0..100 score."""

    entry: Entry
    score: float
    alias: str
    fuzzy: bool = False
    specific: bool = True  # named by an alias, or by a keyword backed by one of its cues


_FILLERS = re.compile(r"一下|一个(?!人)|(?<!一)个(?!人)|一些|一点")


def strip_fillers(text: str) -> str:
    """Drop measure words and softeners so "挂个电视" matches the alias "挂电视"."""
    return _FILLERS.sub("", text)


def _cjk_strength(length: int) -> float:
    """Score an exact Chinese alias hit by its length (longer is more specific)."""
    return {1: 50.0, 2: 78.0, 3: 88.0}.get(length, 95.0)


def _ascii_strength(words: tuple[str, ...]) -> float:
    """Score an exact English alias hit by its word count and length."""
    if len(words) > 1:
        return 95.0
    return 86.0 if len(words[0]) >= 5 else 80.0


def _occurrences(alias: str, stripped: str, padded: str) -> int:
    """How often an alias occurs: English as whole words, Chinese as a substring."""
    return padded.count(f" {alias} ") if alias.isascii() else stripped.count(alias)


def _drop_nested(
    found: list[Candidate], stripped: str, padded: str, matched: dict[str, set[str]]
) -> list[Candidate]:
    """Drop a hit found only inside another entry's longer alias: "walker" in "dog walker",
    the door's "门" in the lock's "锁在门外" (any alias the other entry matched, not only its
    best: "不记得带钥匙，锁在门外" is best matched by its first words)."""
    kept = []
    for cand in found:
        inside = any(
            other.entry.id != cand.entry.id
            and len(alias) > len(cand.alias)
            and cand.alias in alias
            and _occurrences(cand.alias, stripped, padded) <= _occurrences(alias, stripped, padded)
            for other in found
            for alias in matched.get(other.entry.id, {other.alias})
        )
        if not inside:
            kept.append(cand)
    return kept


class _Cues:
    """Context words of one entry, split into Chinese substrings and English word sequences."""

    def __init__(self, cues: Iterable[str]) -> None:
        self.cjk: list[str] = []
        self.ascii: list[str] = []
        for cue in cues:
            n = normalize(cue)
            if not n:
                continue
            if n.isascii():
                self.ascii.append(" " + " ".join(ascii_words(n)))
            else:
                self.cjk.append(n)

    def present(self, text: str, padded_words: str) -> bool:
        """Tell whether any cue occurs (English cues may be word prefixes: 'decorat')."""
        return any(c in text for c in self.cjk) or any(c in padded_words for c in self.ascii)


class _Near:
    """Aliases indexed by their rarest characters, to skip those the typo pass cannot reach.

    partial_ratio compares the shorter string (length n) with windows of the longer no longer
    than n: 200·L/(n+w) with L their longest common subsequence and w >= L, so reaching
    `cutoff` needs L >= cutoff·n/(200-cutoff), and L is at most the characters the two share.
    An alias whose text is at least as long may then miss only a few of its characters, so it
    shares one of its few rarest ones; a longer alias holds one of the text's rarest. What
    rapidfuzz then finds among the rest is exactly what it finds among all (same order, same
    ties), and most chatter reaches no alias at all.
    """

    def __init__(self, choices: list[str], cutoff: float) -> None:
        self.choices = choices
        self._factor = cutoff / (200.0 - cutoff)
        self._counts = [Counter(c) for c in choices]
        rarity = Counter(ch for c in choices for ch in set(c))
        self._keyed: dict[str, list[int]] = {}
        for index, choice in enumerate(choices):
            spare = len(choice) - math.ceil(self._factor * len(choice) - _MARGIN)
            for ch in sorted(set(choice), key=lambda c: (rarity[c], c))[: max(spare, 0) + 1]:
                self._keyed.setdefault(ch, []).append(index)
        self._having: dict[str, list[int]] = {}
        for index, choice in enumerate(choices):
            for ch in set(choice):
                self._having.setdefault(ch, []).append(index)
        self._keys = frozenset(self._keyed)
        self._sets = [frozenset(c) for c in choices]
        self._longest = max(map(len, choices), default=0)

    def reachable(self, query: str) -> list[int]:
        """Indexes of the aliases that may score at least the cutoff against `query`, in order."""
        size = len(query)
        present = self._keys.intersection(query)
        if not present and size >= self._longest:
            # No alias is longer than the text, and it holds none of their rarest characters:
            # nothing below can be found (most chatter ends here).
            return []
        maybe: set[int] = set()
        for ch in present:
            maybe.update(self._keyed[ch])
        spare = size - math.ceil(self._factor * size - _MARGIN)
        if size < self._longest:
            # An alias longer than the text holds all but a few of the text's characters, so
            # one of the text's few rarest ones.
            rarest = sorted(set(query), key=lambda c: (len(self._having.get(c, ())), c))
            for ch in rarest[: max(spare, 0) + 1]:
                maybe.update(i for i in self._having.get(ch, ()) if len(self.choices[i]) > size)
        if not maybe:
            return []
        letters = frozenset(query)
        chars: Counter[str] | None = None
        kept = []
        for index in sorted(maybe):
            need = self._factor * min(size, len(self.choices[index])) - _MARGIN
            # Each of the alias's characters missing from the text costs at least one shared
            # character: a quick bound before counting.
            if len(self.choices[index]) - len(self._sets[index] - letters) < need:
                continue
            if chars is None:
                chars = Counter(query)
            shared = sum(min(n, chars[ch]) for ch, n in self._counts[index].items())
            if shared >= need:
                kept.append(index)
        return kept


_MARGIN = 1e-9


class Matcher:
    """Precomputed alias index over a catalogue."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self._entries: list[Entry] = list(catalogue)
        self._cjk: dict[str, list[tuple[str, int, float]]] = {}
        self._ascii: dict[str, list[tuple[tuple[str, ...], int, float]]] = {}
        self._cues: list[_Cues] = []
        fuzzy_cjk: dict[str, int] = {}
        fuzzy_words: dict[str, int] = {}
        for index, entry in enumerate(self._entries):
            self._cues.append(_Cues(entry.cues))
            terms = [(a, ALIAS_WEIGHT) for a in entry.aliases]
            terms += [(k, KEYWORD_WEIGHT) for k in entry.keywords]
            seen: set[str] = set()
            for raw, weight in terms:
                alias = normalize(raw)
                key = " ".join(ascii_words(alias)) if alias.isascii() else alias
                if not key or key in seen:
                    continue  # "light" and "lights" are one alias once plurals are folded
                seen.add(key)
                if alias.isascii():
                    words = ascii_words(alias)
                    if not words:
                        continue
                    self._ascii.setdefault(words[0], []).append((words, index, weight))
                    word = words[0]
                    if (
                        len(words) == 1
                        and len(word) >= FUZZY_MIN_LEN_ASCII
                        and weight == ALIAS_WEIGHT
                    ):
                        fuzzy_words.setdefault(word, index)
                else:
                    alias = strip_fillers(alias.replace(" ", "")) or alias.replace(" ", "")
                    if len(alias) == 1 and len(raw.strip()) > 1:
                        weight = KEYWORD_WEIGHT  # "擦一下" folds to "擦": too generic for an alias
                    self._cjk.setdefault(alias[0], []).append((alias, index, weight))
                    if len(alias) >= FUZZY_MIN_LEN_CJK and weight == ALIAS_WEIGHT:
                        fuzzy_cjk.setdefault(alias, index)
        for bucket in self._cjk.values():
            bucket.sort(key=lambda item: -len(item[0]))
        # The characters that start an alias: the scan jumps from one to the next.
        self._cjk_starts = re.compile(
            "[" + "".join(re.escape(c) for c in sorted(self._cjk)) + "]" if self._cjk else "(?!)"
        )
        self._fuzzy_cjk = _Near(list(fuzzy_cjk), FUZZY_CUTOFF)
        self._fuzzy_cjk_targets = list(fuzzy_cjk.values())
        self._fuzzy_words = list(fuzzy_words)
        self._fuzzy_word_targets = list(fuzzy_words.values())

    def candidates(self, text: str, *, fuzzy: bool = True) -> list[Candidate]:
        """Return the entries a normalised text mentions, best first."""
        compact = text.replace(" ", "")
        stripped = strip_fillers(compact)
        words = ascii_words(text)
        padded = " " + " ".join(words) + " "
        best: dict[int, tuple[float, str]] = {}
        hits: dict[int, int] = {}
        by_alias: set[int] = set()

        matched: dict[str, set[str]] = {}

        def record(index: int, strength: float, alias: str, weight: float) -> None:
            hits[index] = hits.get(index, 0) + 1
            matched.setdefault(self._entries[index].id, set()).add(alias)
            if weight == ALIAS_WEIGHT:
                by_alias.add(index)
            if strength > best.get(index, (0.0, ""))[0]:
                best[index] = (strength, alias)

        cjk_index = self._cjk
        for start in self._cjk_starts.finditer(stripped):
            i = start.start()
            for alias, index, weight in cjk_index[start.group()]:
                if stripped.startswith(alias, i):
                    record(index, _cjk_strength(len(alias)) * weight, alias, weight)
        ascii_index = self._ascii
        for i, word in enumerate(words):
            bucket2 = ascii_index.get(word)
            if bucket2 is None:
                continue
            for alias_words, index, weight in bucket2:
                if words[i : i + len(alias_words)] == alias_words:
                    strength = _ascii_strength(alias_words) * weight
                    record(index, strength, " ".join(alias_words), weight)

        found: list[Candidate] = []
        for index, (strength, alias) in best.items():
            score = strength + EXTRA_HIT_BONUS * min(hits[index] - 1, 2)
            # Cues must come from elsewhere in the message: in "擦一下桌子" the alias "擦" is
            # not backed by the cue "擦" of window cleaning.
            cued = self._cues[index].present(
                stripped.replace(alias, " "), padded.replace(f" {alias} ", " ")
            )
            if cued:
                score += CUE_BONUS
            specific = index in by_alias or cued
            found.append(Candidate(self._entries[index], score, alias, specific=specific))
        if len(found) > 1:
            found = _drop_nested(found, stripped, padded, matched)
        if fuzzy and len(compact) >= 3 and max((c.score for c in found), default=0.0) < 70.0:
            for extra in self._fuzzy(compact, words):
                found = [c for c in found if c.entry.id != extra.entry.id or c.score > extra.score]
                if all(c.entry.id != extra.entry.id for c in found):
                    found.append(extra)
        found.sort(key=lambda c: -c.score)
        return found

    def _fuzzy(self, compact: str, words: tuple[str, ...]) -> list[Candidate]:
        """Catch typos: a long Chinese alias nearly in the text (only among the aliases that
        share enough characters to get there, see :class:`_Near`), or a near-identical word."""
        best: Candidate | None = None
        if self._fuzzy_cjk.choices and not compact.isascii():
            near = self._fuzzy_cjk.reachable(compact)
            # (no alias within reach: rapidfuzz would find nothing, so it is not asked)
            hit = None
            if near:
                hit = process.extractOne(
                    compact,
                    [self._fuzzy_cjk.choices[i] for i in near],
                    scorer=fuzz.partial_ratio,
                    score_cutoff=FUZZY_CUTOFF,
                )
            if hit is not None:
                entry = self._entries[self._fuzzy_cjk_targets[near[hit[2]]]]
                best = Candidate(entry, hit[1] * 0.85, hit[0], fuzzy=True)
        for word in words:
            if len(word) < FUZZY_MIN_LEN_ASCII - 1:
                continue
            hit = process.extractOne(
                word, self._fuzzy_words, scorer=fuzz.ratio, score_cutoff=FUZZY_WORD_CUTOFF
            )
            if hit is not None and (best is None or hit[1] * 0.85 > best.score):
                entry = self._entries[self._fuzzy_word_targets[hit[2]]]
                best = Candidate(entry, hit[1] * 0.85, hit[0], fuzzy=True)
        return [] if best is None else [best]
