"""Objects, symptoms and service verbs: "洗衣机 … 不脱水" is a problem with a solid target.

The data ships as ``intents/data/lexicon.toml``. A message is scanned once for objects, once
for symptoms and once for service verbs (each an index by first character or first word, like
the catalogue matcher); a service is described when one of its objects lies close to one of its
symptoms or verbs.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from intents.normalize import ascii_words, normalize

HitKind = Literal["symptom", "verb"]

# How far apart (in characters of normalised text) an object and its symptom or verb may be:
# "水龙头一直滴答" (object first) and "漏水的水管" (symptom first).
_OBJECT_TO_SYMPTOM = 12
_SYMPTOM_TO_OBJECT = 3
_OBJECT_TO_VERB = 6
_VERB_TO_OBJECT = 5
# English spells the same distance in more characters ("the fridge is making a weird noise",
# "a leak under the kitchen sink").
_ENGLISH_FACTOR = 2.5
_ENGLISH_SYMPTOM_TO_OBJECT = 20

Span = tuple[int, int, str]
# A symptom denied around it ("一点噪音都没有", "没有异味", "no noise") is no symptom.
_DENIED_BEFORE = re.compile(r"(?:没有|没|无|\bno|\bnot any|\bwithout)\s?$")
_DENIED_AFTER = re.compile(r"^\s?(?:都没有|都没|也没有|没有)")
# "冰箱里的菜坏了": the symptom belongs to something kept in or on the object.
_CONTENTS = ("里的", "里面的", "上的", "里头的")
# A service verb whose object is a word back ("… dripping water, need someone to clean it",
# "空调一直滴水 找人来清洗一下"): it is asked of the object named last before it, however far.
_REFERS_BACK = re.compile(r"^(?:\s(?:it|them)\b|(?:一下|下|一|洗)?(?:吧|呗|啊|呀)?(?:\s|$))")
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class LexiconHit:
    """A service whose object was found next to one of its symptoms or verbs."""

    service: str
    kind: HitKind
    broken: bool  # the symptom says something is broken, not merely dirty
    distance: int = 0  # characters between the object and its symptom or verb
    part: str = ""  # a one-character part named right after the object ("冰箱门" -> "门")
    asked: bool = False  # a verb said of the object a word back ("clean it"): asked outright


@lru_cache(maxsize=4096)
def _key(raw: str) -> str:
    """The form of a term as looked up: Chinese without spaces, English as stemmed words.

    Cached: the catalogue's aliases are looked up again on every message (``is_symptom``).
    """
    term = normalize(raw)
    return " ".join(ascii_words(term)) if term.isascii() else term.replace(" ", "")


def _strings(raw: Any, where: str) -> list[str]:
    """Validate a TOML list of strings (it may be empty)."""
    if not isinstance(raw, list) or not all(isinstance(s, str) and s.strip() for s in raw):
        raise ValueError(f"lexicon {where} must be a list of non-empty strings")
    return [s.strip() for s in raw]


def _terms(raw: Any, where: str) -> list[str]:
    """Validate a list of terms and normalise them."""
    return [key for key in (_key(s) for s in _strings(raw, where)) if key]


class _Finder:
    """Find terms in one pass: Chinese indexed by first character, English by first word."""

    def __init__(self, terms: Iterable[str]) -> None:
        self._cjk: dict[str, list[str]] = {}
        self._ascii: dict[str, list[tuple[str, ...]]] = {}
        for term in terms:
            if term.isascii():
                words = tuple(term.split())
                self._ascii.setdefault(words[0], []).append(words)
            else:
                self._cjk.setdefault(term[0], []).append(term)
        for bucket in self._cjk.values():
            bucket.sort(key=len, reverse=True)
        for words_bucket in self._ascii.values():
            words_bucket.sort(key=len, reverse=True)
        # The characters that start a term: the scan jumps from one to the next.
        self._starts = re.compile(
            "[" + "".join(re.escape(c) for c in sorted(self._cjk)) + "]" if self._cjk else "(?!)"
        )

    def find(self, text: str, words: list[Span]) -> list[Span]:
        """Non-overlapping occurrences, longest first at each position."""
        spans: list[Span] = []
        cjk = self._cjk
        search = self._starts.search
        found = search(text)
        while found is not None:
            i = found.start()
            step = 1
            for term in cjk[text[i]]:
                if text.startswith(term, i):
                    spans.append((i, i + len(term), term))
                    step = len(term)
                    break
            found = search(text, i + step)
        j = 0
        while j < len(words):
            step = 1
            for seq in self._ascii.get(words[j][2], ()):
                k = j + len(seq)
                if tuple(w[2] for w in words[j:k]) == seq:
                    spans.append((words[j][0], words[k - 1][1], " ".join(seq)))
                    step = len(seq)
                    break
            j += step
        return spans


def _words(text: str) -> list[Span]:
    """English words with their positions, plurals folded like the catalogue's aliases."""
    found = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text)]
    if not found:
        return []
    stems = ascii_words(" ".join(w for _, _, w in found))
    return [(start, end, stem) for (start, end, _), stem in zip(found, stems, strict=True)]


def _gap(
    start: int, end: int, w_start: int, w_end: int, after: int, before: int, scale: float
) -> int | None:
    """Characters between an object and a word, or None when they are too far apart."""
    if w_start >= end:
        gap = w_start - end  # "水龙头一直滴答"
        return gap if gap <= after * scale else None
    if start < w_start < end < w_end:
        return 0  # "门锁不上": the word overlaps the end of the object
    if w_end <= start:
        gap = start - w_end  # "漏水的水管"
        return gap if gap <= before else None
    return None


class Lexicon:
    """Objects, symptom classes and verbs per service, in priority order."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        classes: dict[str, list[str]] = {
            name: _terms(terms, f"symptoms.{name}")
            for name, terms in data.get("symptoms", {}).items()
        }
        not_broken = set(_strings(data.get("not_broken", []), "not_broken"))
        self._order: list[str] = []
        self._objects: dict[str, set[str]] = {}  # term -> services
        self._symptoms: dict[str, set[str]] = {}  # term -> symptom classes
        self._verbs: dict[str, set[str]] = {}  # term -> services
        self._classes: dict[str, set[str]] = {}  # service -> symptom classes
        self._broken = {name for name in classes if name not in not_broken}
        for name, terms in classes.items():
            for term in terms:
                self._symptoms.setdefault(term, set()).add(name)
        for service_id, raw in data.get("services", {}).items():
            objects = _terms(raw.get("objects", []), f"{service_id}.objects")
            if not objects:
                raise ValueError(f"lexicon {service_id}: no objects")
            wanted = set(_strings(raw.get("symptoms", []), f"{service_id}.symptoms"))
            unknown = wanted - set(classes)
            if unknown:
                raise ValueError(f"lexicon {service_id}: unknown symptom class {sorted(unknown)}")
            self._order.append(service_id)
            self._classes[service_id] = wanted
            for term in objects:
                self._objects.setdefault(term, set()).add(service_id)
            for term in _terms(raw.get("verbs", []), f"{service_id}.verbs"):
                self._verbs.setdefault(term, set()).add(service_id)
        self._object_finder = _Finder(self._objects)
        self._symptom_finder = _Finder(self._symptoms)
        self._verb_finder = _Finder(self._verbs)

    @classmethod
    def default(cls) -> Lexicon:
        """Load the lexicon bundled with the package."""
        text = resources.files("intents.data").joinpath("lexicon.toml").read_text("utf-8")
        return cls(tomllib.loads(text))

    def is_symptom(self, term: str) -> bool:
        """Whether a (normalised) term is itself one of the symptom words ("漏水")."""
        return _key(term) in self._symptoms

    @property
    def services(self) -> list[str]:
        """Service ids covered, in priority order."""
        return list(self._order)

    def hits(self, normalized: str) -> list[LexiconHit]:
        """Services described in a normalised text: symptom hits first, then verb hits."""
        words = _words(normalized)
        objects = self._object_finder.find(normalized, words)
        if not objects:
            return []
        # A one-character part right after another object belongs to it: "洗衣机门", "楼道灯".
        owned = {
            i
            for i in range(1, len(objects))
            if objects[i][1] - objects[i][0] == 1 and objects[i][0] == objects[i - 1][1]
        }

        def outside(spans: list[Span]) -> list[Span]:
            # "洗" inside "洗衣机" is part of the object, not a verb.
            # ("锁不上" overlapping the end of "门锁" still counts.)
            return [s for s in spans if not any(o[0] <= s[0] and s[1] <= o[1] for o in objects)]

        symptoms = [
            s
            for s in outside(self._symptom_finder.find(normalized, words))
            if not _DENIED_BEFORE.search(normalized[max(0, s[0] - 12) : s[0]])
            and not _DENIED_AFTER.search(normalized[s[1] : s[1] + 4])
        ]
        verbs = outside(self._verb_finder.find(normalized, words))
        found: dict[str, LexiconHit] = {}
        for index, (start, end, term) in enumerate(objects):
            if index in owned:
                continue
            services = self._objects[term]
            part = objects[index + 1][2] if index + 1 in owned else ""
            scale = _ENGLISH_FACTOR if term.isascii() else 1.0
            for s_start, s_end, s_term in symptoms:
                before = _ENGLISH_SYMPTOM_TO_OBJECT if term.isascii() else _SYMPTOM_TO_OBJECT
                gap = _gap(start, end, s_start, s_end, _OBJECT_TO_SYMPTOM, before, scale)
                if gap is None or (
                    s_start >= end and any(c in normalized[end:s_start] for c in _CONTENTS)
                ):
                    continue
                kinds = self._symptoms[s_term]
                for service in services:
                    shared = kinds & self._classes[service]
                    if not shared:
                        continue
                    broken = bool(shared & self._broken)
                    old = found.get(service)
                    if (
                        old is None
                        or old.kind == "verb"
                        or (broken, -gap) > (old.broken, -old.distance)
                    ):
                        found[service] = LexiconHit(service, "symptom", broken, gap, part)
            for v_start, v_end, v_term in verbs:
                gap = _gap(
                    start,
                    end,
                    v_start,
                    v_end,
                    _OBJECT_TO_VERB,
                    round(_VERB_TO_OBJECT * scale),
                    scale,
                )
                if gap is None:
                    continue
                for service in services & self._verbs[v_term]:
                    old = found.get(service)
                    if old is None or (old.kind == "verb" and gap < old.distance):
                        found[service] = LexiconHit(service, "verb", False, gap)
        for service, hit in self._asked(normalized, objects, owned, verbs).items():
            found[service] = hit
        ranked = [found[s] for s in self._order if s in found]
        described = [h for h in ranked if h.kind == "symptom"]
        if not described:
            return ranked
        # Asked outright beats a symptom ("… dripping water, need someone to clean it"): the
        # symptom is the reason for what is asked.
        asked = [h for h in ranked if h.asked]
        return asked + described + [h for h in ranked if h.kind == "verb" and not h.asked]

    def _asked(
        self, normalized: str, objects: list[Span], owned: set[int], verbs: list[Span]
    ) -> dict[str, LexiconHit]:
        """Services asked by a verb that refers back to the nearest object named before it
        that the verb fits ("need someone to clean it", "找人来清洗一下")."""
        asked: dict[str, LexiconHit] = {}
        for v_start, v_end, v_term in verbs:
            if not _REFERS_BACK.match(normalized[v_end : v_end + 4]):
                continue
            before = [o for i, o in enumerate(objects) if i not in owned and o[1] <= v_start]
            for _, end, term in reversed(before):
                services = self._objects[term] & self._verbs[v_term]
                for service in services:
                    asked[service] = LexiconHit(service, "verb", False, v_start - end, asked=True)
                if services:
                    break
        return asked


@lru_cache(maxsize=1)
def _shipped() -> Lexicon:
    return Lexicon.default()


def names_service_verb(text: str) -> bool:
    """Whether the text has a service verb in it ("修", "洗", "fix", "clean")."""
    normalized = normalize(text)
    return bool(_shipped()._verb_finder.find(normalized, _words(normalized)))


def refers_back(text: str) -> bool:
    """Whether a part of a message asks a service of something named before it, not of its own
    ("…, need someone to clean it", "找人来清洗一下"): no object in it, a verb that points back.
    Such a part is the same request again, never a second service."""
    lexicon = _shipped()
    normalized = normalize(text)
    words = _words(normalized)
    if lexicon._object_finder.find(normalized, words):
        return False
    verbs = lexicon._verb_finder.find(normalized, words)
    return any(_REFERS_BACK.match(normalized[end : end + 4]) for _, end, _ in verbs)
