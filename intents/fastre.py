"""Regular expressions that skip the texts they cannot match, by the characters a match needs.

The cue lists of :mod:`intents.gate` and the data files are long alternations ("帮|找|求|…",
"\\bnotice\\b|…"); Python's engine tries every branch at every position of the text when a
branch starts with a look-behind, a word boundary or a wildcard, and most messages hold none
of the cue anyway. A :class:`Cue` keeps the compiled pattern, and works out from its parse
which characters, or pairs of adjacent characters ("marks"), a match cannot do without: every
match (with its look-arounds) of ``帮(?:我|忙)`` holds "帮我" or "帮忙"; of ``刚.{0,6}完``
"刚" or "完" (the rarer is kept); of ``\bnotice\b`` "ic"; of a branch, one of each branch's.
A text (given as its set of marks, :func:`marks_of`) that holds none of them cannot match, and
the search is skipped; otherwise it runs unchanged. So a cue answers exactly what its pattern
answers, only sooner.

A cue asked only whether it matches (:meth:`Cue.found`) goes further: each top-level branch has
its own needed characters, and only the branches whose characters the text holds are tried,
each as its own small pattern (which the engine scans quickly by its first character).
"""

from __future__ import annotations

import functools
import importlib
import operator
import re
import sys
from collections.abc import Callable, Collection, Iterable, Iterator
from typing import Any

# The standard library's own regex parser (what re.compile uses; the public alias sre_parse
# is deprecated). Read only, to learn which characters a pattern needs.
_parser: Any = importlib.import_module("re._parser")
_const: Any = importlib.import_module("re._constants")

# How often a character turns up in community chat, roughly: the needed character of a
# sequence is its rarest element, so the pre-filter skips as many texts as it can. (Any
# choice is correct; this only makes the skipping more frequent.) Most common first, from
# the labelled corpus.
_COMMON_CJK = (
    "了的我不一有是人个家在天吗下好要来们上点么大这能修去说没到后还子师时傅里就帮"
    "以看都明今什多也给得再用过出事找可问电谢那水楼开门哪个"
)
_COMMON_ASCII = "etaoinshrdlcumwfgypbvkjxqz"
# More than this many branches to try: one search of the whole pattern is quicker.
_MANY_BRANCHES = 16
_BIG_RANGE = 256
# Two one-character elements make at most this many pairs to look for.
_PAIRS = 16
# Up to this many branches that all start with a character are searched as one pattern.
_FEW_BRANCHES = 40

Chars = frozenset[str] | set[str]
# The marks of the texts last asked about: one message is read in a few forms (as typed,
# normalised, prepared for times...), each by many cues in turn. A few are kept, no more.
_MEMO: dict[str, frozenset[str]] = {}
_MEMO_SIZE = 8


def marks_of(text: str) -> frozenset[str]:
    """The characters of a text and its pairs of adjacent characters (remembered for the
    last few texts asked about)."""
    found = _MEMO.get(text)
    if found is None:
        if len(_MEMO) >= _MEMO_SIZE:
            _MEMO.clear()
        found = frozenset(text).union(map(operator.add, text, text[1:]))
        _MEMO[text] = found
    return found


def _char_weight(char: str) -> float:
    if char.isspace():
        return 10_000.0
    at = _COMMON_CJK.find(char)
    if at >= 0:
        return 1000.0 / (1 + at // 10)
    lower = char.lower()
    if lower.isascii() and lower.isalpha():
        return 200.0 / (1 + _COMMON_ASCII.find(lower) // 3)
    if char.isascii():
        return 200.0  # digits and punctuation
    return 1.0


def _weight(mark: str) -> float:
    """How likely a text holds the mark (a relative cost; lower is rarer): a pair is rarer
    than either of its characters."""
    if len(mark) == 1:
        return _char_weight(mark)
    return min(_char_weight(mark[0]), _char_weight(mark[1])) / 4


def _cost(chars: frozenset[str]) -> float:
    return sum(_weight(c) for c in chars)


def _caseless(char: str) -> bool:
    """A character that only ever matches itself under re.IGNORECASE."""
    return "\u3400" <= char <= "\u9fff" or (char.isascii() and not char.isalpha())


# Besides its two cases, the characters an ASCII letter matches under re.IGNORECASE (the
# engine's Unicode case folding: "İ" and "ı" for i, "K" (Kelvin) for k, "ſ" for s); the test
# of this module checks every code point.
_FOLDED_EXTRA = "\u0130\u0131\u017f\u212a"


@functools.cache
def _letter_cases(char: str) -> frozenset[str]:
    """Every character an ASCII letter matches under re.IGNORECASE."""
    pattern = re.compile(re.escape(char), re.IGNORECASE)
    options = {char.lower(), char.upper(), *_FOLDED_EXTRA}
    return frozenset(c for c in options if pattern.fullmatch(c))


def _literal(code: int, ignorecase: bool) -> frozenset[str] | None:
    char = chr(code)
    if ignorecase and not _caseless(char):
        if char.isascii() and char.isalpha():
            return _letter_cases(char)  # "a" needs "a" or "A"
        return None
    return frozenset(char)


def _charset(items: list[tuple[Any, Any]], ignorecase: bool) -> frozenset[str] | None:
    """The characters a character class matches, when it is a short positive list."""
    found: set[str] = set()
    for op, av in items:
        if op is _const.LITERAL:
            one = _literal(av, ignorecase)
            if one is None:
                return None
            found |= one
        elif op is _const.RANGE:
            low, high = av
            if high - low > _BIG_RANGE:
                return None
            for code in range(low, high + 1):
                one = _literal(code, ignorecase)
                if one is None:
                    return None
                found |= one
        else:  # NEGATE, CATEGORY (\d, \w, \s ...): too many characters to list
            return None
    return frozenset(found)


def _single(op: Any, av: Any, flags: int) -> frozenset[str] | None:
    """The characters of an element that matches exactly one character, if it is one."""
    if op is _const.LITERAL:
        return _literal(av, bool(flags & re.IGNORECASE))
    if op is _const.IN:
        return _charset(av, bool(flags & re.IGNORECASE))
    return None


def _sequence(items: Iterable[tuple[Any, Any]], flags: int) -> frozenset[str] | None:
    """Needed marks of a sequence: those of its rarest element that needs any, or of its
    rarest pair of adjacent one-character elements."""
    best: frozenset[str] | None = None
    best_cost = 0.0
    before: frozenset[str] | None = None
    for op, av in items:
        need = _node(op, av, flags)
        single = _single(op, av, flags)
        pair = None
        if before is not None and single is not None and len(before) * len(single) <= _PAIRS:
            pair = frozenset(a + b for a in before for b in single)
        before = single
        for option in (need, pair):
            if option is not None:
                cost = _cost(option)
                if best is None or cost < best_cost:
                    best, best_cost = option, cost
    return best


def _node(op: Any, av: Any, flags: int) -> frozenset[str] | None:
    """Characters one of which any text matching this element holds (None: unknown)."""
    ignorecase = bool(flags & re.IGNORECASE)
    if op is _const.LITERAL:
        return _literal(av, ignorecase)
    if op is _const.IN:
        return _charset(av, ignorecase)
    if op is _const.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            need = _sequence(branch, flags)
            if need is None:
                return None
            union |= need
        return frozenset(union)
    if op is _const.SUBPATTERN:
        _group, add, remove, body = av
        return _sequence(body, (flags | add) & ~remove)
    if op is _const.ATOMIC_GROUP:
        return _sequence(av, flags)
    if op in (_const.MAX_REPEAT, _const.MIN_REPEAT, _const.POSSESSIVE_REPEAT):
        low, _high, body = av
        return _sequence(body, flags) if low >= 1 else None
    if op is _const.ASSERT:
        # A positive look-around's characters are in the text, if not in the match.
        return _sequence(av[1], flags)
    # ANY, NOT_LITERAL, CATEGORY, AT (anchors, \b), ASSERT_NOT, group references: nothing
    # a text must hold.
    return None


def needed(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Characters one of which every text that the pattern matches (searched anywhere)
    holds; None when the pattern may match without any particular character."""
    parsed = _parser.parse(pattern, flags)
    return _sequence(list(parsed), flags | parsed.state.flags)


def branches(pattern: str) -> list[str] | None:
    """The pattern's top-level alternatives as pattern texts ("a|b(c|d)" -> "a", "b(c|d)"),
    or None when it has none or cannot be split safely (inline global flags, references)."""
    if pattern.startswith("(?") and pattern[2:3].isalpha() and ")" in pattern[:8]:
        return None  # "(?i)..." would apply to the first part only
    if "(?P=" in pattern or re.search(r"\\[1-9]", pattern):
        return None
    parts: list[str] = []
    depth, start, i, in_class = 0, 0, 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            if char == "]":
                in_class = False
        elif char == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "^":
                i += 1
            if pattern[i + 1 : i + 2] == "]":
                i += 1  # "[]...]" and "[^]...]": a leading "]" is a member
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts if len(parts) > 1 else None


def _leads(items: list[tuple[Any, Any]]) -> bool:
    """Whether every match of the sequence starts with a listed character (a literal or a
    positive class), which the engine can scan for."""
    if not items:
        return False
    op, av = items[0]
    if op is _const.LITERAL:
        return True
    if op is _const.IN:
        return all(kind in (_const.LITERAL, _const.RANGE) for kind, _ in av)
    if op is _const.SUBPATTERN:
        return _leads(list(av[3]))
    if op is _const.BRANCH:
        return all(_leads(list(branch)) for branch in av[1])
    if op in (_const.MAX_REPEAT, _const.MIN_REPEAT, _const.POSSESSIVE_REPEAT):
        return av[0] >= 1 and _leads(list(av[2]))
    return False


class Cue:
    """A compiled pattern that skips texts without the characters it needs.

    ``search``, ``finditer`` and ``sub`` answer exactly what the compiled pattern (``regex``)
    answers. Each takes the text's marks (``chars``: :func:`marks_of` the text, or of a text
    that contains it) when the caller has them, so that one set serves many cues.
    """

    __slots__ = (
        "_always",
        "_branches",
        "_direct",
        "_index",
        "_keys",
        "needs",
        "pattern",
        "regex",
    )

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.regex = re.compile(pattern, flags)
        self.needs = needed(pattern, flags)
        self._branches: list[re.Pattern[str]] = []
        self._index: dict[str, tuple[int, ...]] = {}
        self._always: re.Pattern[str] | None = None
        self._keys: frozenset[str] = frozenset()
        parts = branches(pattern) or [pattern]
        parsed = [list(_parser.parse(part, flags)) for part in parts]
        # A short list of branches that all start with a character: the engine already skips
        # straight to those characters, quicker than trying branches one by one, or than
        # listing a text's marks only for this pattern (given the marks, they are checked).
        self._direct = len(parts) <= _FEW_BRANCHES and all(_leads(items) for items in parsed)
        if self._direct or len(parts) == 1:
            return
        always: list[str] = []
        index: dict[str, list[int]] = {}
        for part, items in zip(parts, parsed, strict=True):
            need = _sequence(items, flags)
            if need is None:
                always.append(part)
                continue
            for char in need:
                index.setdefault(char, []).append(len(self._branches))
            self._branches.append(re.compile(part, flags))
        if always:
            self._always = re.compile("|".join(f"(?:{p})" for p in always), flags)
        self._index = {char: tuple(found) for char, found in index.items()}
        self._keys = frozenset(index)

    def possible(self, chars: Chars) -> bool:
        """Whether a text with these marks may hold a match."""
        return self.needs is None or not self.needs.isdisjoint(chars)

    def _skip(self, text: str, chars: Chars | None) -> bool:
        """Whether the text surely holds no match (then nothing else need run)."""
        if self._branches:
            return not self.found(text, chars)
        if self.needs is None or (chars is None and self._direct):
            return False
        return self.needs.isdisjoint(marks_of(text) if chars is None else chars)

    def search(self, text: str, chars: Chars | None = None) -> re.Match[str] | None:
        """``regex.search(text)``, skipped when the text cannot match."""
        return None if self._skip(text, chars) else self.regex.search(text)

    def finditer(self, text: str, chars: Chars | None = None) -> Iterator[re.Match[str]]:
        """``regex.finditer(text)``, skipped when the text cannot match."""
        return iter(()) if self._skip(text, chars) else self.regex.finditer(text)

    def sub(
        self, repl: str | Callable[[re.Match[str]], str], text: str, chars: Chars | None = None
    ) -> str:
        """``regex.sub(repl, text)``, skipped when the text cannot match."""
        return text if self._skip(text, chars) else self.regex.sub(repl, text)

    def found(self, text: str, chars: Chars | None = None) -> bool:
        """Whether the pattern matches anywhere in the text: only the branches whose needed
        characters the text holds are tried."""
        if not self._branches:
            if self._skip(text, chars):
                return False
            return self.regex.search(text) is not None
        if chars is None:
            chars = marks_of(text)
        if self._always is not None and self._always.search(text) is not None:
            return True
        keys = self._keys.intersection(chars)
        if not keys:
            return False
        index = self._index
        if len(keys) == 1:
            (key,) = keys
            tried: Collection[int] = index[key]
        else:
            tried = {n for key in keys for n in index[key]}
        if len(tried) > _MANY_BRANCHES:
            return self.regex.search(text) is not None
        return any(self._branches[n].search(text) is not None for n in tried)


class Literals:
    """Whether a text holds any of a list of literal words, as ``re.search`` of their escaped
    alternation answers (``"|".join(map(re.escape, words))``, no flags), only sooner.

    The engine tries each of a long list's words at every position of the text (the
    emergency triggers: over a thousand words, ≈ 30 µs a chat message). Here each word is
    filed under its first character pair (a one-character word under itself); the text's
    marks (:func:`marks_of`, shared with the cues reading the same text) name the few files
    worth opening, and a word is looked for with ``in``. A text holds a word only if it holds
    the word's first pair, so no word is missed; nothing else is answered.
    """

    __slots__ = ("_empty", "_files", "_keys")

    def __init__(self, words: Iterable[str]) -> None:
        files: dict[str, list[str]] = {}
        self._empty = False
        for word in words:
            if not word:
                self._empty = True  # the empty word matches every text
                continue
            files.setdefault(word[:2], []).append(word)
        self._files = {key: tuple(found) for key, found in files.items()}
        self._keys = frozenset(files)

    def found(self, text: str, chars: Chars | None = None) -> bool:
        """Whether the text holds one of the words (``chars``: its marks, when at hand)."""
        if self._empty:
            return True
        keys = self._keys.intersection(marks_of(text) if chars is None else chars)
        files = self._files
        return any(word in text for key in keys for word in files[key])


class Guard:
    """A compiled pattern searched only in a text that holds one of the marks every match
    needs (:func:`needed`): ``search`` answers exactly what ``regex.search`` answers.

    Unlike :class:`Cue`, no branch is ever tried alone: for a pattern of a few long branches
    (the asks of :mod:`intents.asks`) that costs more than one search of the whole; the mark
    check alone spares most chatter the search.
    """

    __slots__ = ("_needs", "regex")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.regex = re.compile(pattern, flags)
        self._needs = needed(pattern, flags)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """``regex.search(text, pos, endpos)``, skipped when the whole text cannot match (a
        part of it cannot either, look-behinds before ``pos`` included)."""
        if self._needs is not None and self._needs.isdisjoint(marks_of(text)):
            return None
        return self.regex.search(text, pos, endpos)
