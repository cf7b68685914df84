"""Cues with a pre-filter answer exactly what their patterns answer (intents.fastre)."""

from __future__ import annotations

import json
import random
import re
import string
import tomllib
from importlib import resources
from pathlib import Path

import pytest

import intents.gate as gate
from intents import asks, emergency, features
from intents.fastre import Cue, Literals, _letter_cases, branches, marks_of, needed
from intents.normalize import normalize
from intents.times import cues as time_cues

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        ("帮(?:我|忙)", 0, {"帮我", "帮忙"}),
        ("漏水", 0, {"漏水"}),
        ("[坏堵]过", 0, {"坏过", "堵过"}),
        (r"\bnotice\b", 0, None),  # checked below: one pair of its letters
        ("a?", 0, None),
        ("(?:x|.)", 0, None),
        ("[^a]", 0, None),
        (r"\d+", 0, None),
        # under IGNORECASE a letter needs either case (i, k and s: more, see below)
        ("abc", re.IGNORECASE, {"ab", "aB", "Ab", "AB"}),
        ("(?i:abc)", 0, {"ab", "aB", "Ab", "AB"}),
        ("(?i:ié)", 0, {"i", "I", "\u0130", "\u0131"}),  # é: not listed, so not needed
        ("漏水", re.IGNORECASE, {"漏水"}),
        ("(?=.*火)", 0, {"火"}),  # a look-ahead's characters are in the text
        ("(?<=我)之前", 0, {"之前"}),
    ],
)
def test_needed_marks(pattern: str, flags: int, expected: set[str] | None) -> None:
    found = needed(pattern, flags)
    if pattern == r"\bnotice\b":
        assert found is not None and len(found) == 1 and next(iter(found)) in "notice"
        return
    assert found == (None if expected is None else frozenset(expected))


def test_letter_cases_are_every_character_a_letter_matches_ignoring_case() -> None:
    """What an ASCII letter matches under re.IGNORECASE, over every code point, is what the
    pre-filter lists for it (a character missing there would skip a real match)."""
    letters = string.ascii_letters
    anyone = re.compile("(?:" + "|".join(letters) + ")", re.IGNORECASE)
    matched = [chr(c) for c in range(0x110000) if anyone.fullmatch(chr(c))]
    for letter in letters:
        pattern = re.compile(letter, re.IGNORECASE)
        assert {c for c in matched if pattern.fullmatch(c)} == _letter_cases(letter), letter
    assert _letter_cases("k") == frozenset("kK\u212a")


def test_needed_takes_the_rarer_element() -> None:
    found = needed("刚.{0,6}完")
    assert found in (frozenset({"刚"}), frozenset({"完"}))


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("a|b(c|d)|[|]|\\||[]|]x", ["a", "b(c|d)", "[|]", "\\|", "[]|]x"]),
        ("(?:a|b)c", None),
        ("(?i)a|b", None),
        (r"(a)|\1", None),
        ("abc", None),
    ],
)
def test_branches(pattern: str, expected: list[str] | None) -> None:
    assert branches(pattern) == expected


def test_marks_hold_characters_and_pairs() -> None:
    assert marks_of("漏水了") == frozenset({"漏", "水", "了", "漏水", "水了"})
    assert marks_of("") == frozenset()


@pytest.mark.parametrize(
    ("pattern", "flags", "text", "hit"),
    [
        ("Abc|(?<!x)漏水", re.IGNORECASE, "zzABC", True),
        ("Abc|(?<!x)漏水", re.IGNORECASE, "x漏水", False),
        ("Abc|(?<!x)漏水", re.IGNORECASE, "y漏水", True),
        (r"\bfree\b(?! to)|^物业\s*[:：]|报名", 0, "free to use", False),
        (r"\bfree\b(?! to)|^物业\s*[:：]|报名", 0, "物业: 明天停水", True),
        (r"\d{1,2}点(?:到|至)\d{1,2}点停水|通知", 0, "9点到11点停水", True),
    ],
)
def test_cue_table(pattern: str, flags: int, text: str, hit: bool) -> None:
    cue = Cue(pattern, flags)
    assert cue.found(text) is hit
    assert (cue.search(text) is not None) is hit
    assert cue.sub("#", text) == re.sub(pattern, "#", text, flags=flags)


def _all_cues() -> list[tuple[str, Cue]]:
    found = [(name, cue) for name, cue in vars(gate).items() if isinstance(cue, Cue)]
    library = emergency._library()
    for script, rules in library.rules.items():
        for kind in rules.kinds:
            for tier in ("strong", "plain", "weak", "support", "cries", "bare", "excuses"):
                found.append((f"{script}.{kind.kind}.{tier}", getattr(kind, tier)))
        found += [(f"{script}.{k}", v) for k, v in vars(rules).items() if isinstance(v, Cue)]
    found += [(f"cues.{name}", zh) for name, zh, _ in features._cues()]
    rules_t = time_cues._rules()
    found += [("times.asap", rules_t.asap.cues), ("times.reschedule", rules_t.reschedule.cues)]
    return found


def _sample_texts() -> list[str]:
    texts: list[str] = []
    for path in sorted((ROOT / "intents" / "corpus").glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            texts += [json.loads(line)["text"] for line in handle if line.strip()]
    rng = random.Random(14)
    raw = rng.sample(texts, 150)
    normalized = [normalize(t) for t in raw]
    both = [t + " | " + " ".join(re.findall(r"[a-z0-9]+", t)) for t in normalized]
    return raw + normalized + both + ["", " ", "?", "了", "x"]


def test_every_cue_answers_as_its_pattern_on_the_corpus() -> None:
    """The pre-filter never changes an answer: searched, iterated, substituted, or asked
    whether it matches (with the text's own marks and with a larger set)."""
    texts = _sample_texts()
    for name, cue in _all_cues():
        for text in texts:
            expected = cue.regex.search(text)
            marks = marks_of(text)
            assert cue.found(text) is (expected is not None), (name, text)
            assert cue.found(text, marks | {"|"}) is (expected is not None), (name, text)
            got = cue.search(text, marks)
            assert (got is None) == (expected is None), (name, text)
            if got is not None and expected is not None:
                assert got.span() == expected.span(), (name, text)
            assert [m.span() for m in cue.finditer(text)] == [
                m.span() for m in cue.regex.finditer(text)
            ], (name, text)
            assert cue.sub(" ", text) == cue.regex.sub(" ", text), (name, text)


@pytest.mark.parametrize(
    ("words", "text", "hit"),
    [
        (["火", "煤气"], "着火了", True),
        (["肾上腺素"], "快拿肾上腺素", True),
        (["肾上腺素"], "肾上腺", False),
        (["fell down"], "she fell down!", True),
        (["火", "煤气"], "煤", False),
        (["火", "煤气"], "一股煤气味", True),
        (["煤气"], "有煤气", True),  # at the very end
        (["fell down", "gas"], "i fell  down", False),
        (["fell down", "gas"], "GAS", False),  # no flags: as the escaped alternation
        (["a.b"], "axb", False),  # literal: escaped
        ([], "anything", False),
        ([""], "", True),
    ],
)
def test_literals_table(words: list[str], text: str, hit: bool) -> None:
    assert Literals(words).found(text) is hit
    regex = re.compile("|".join(re.escape(w) for w in words)) if words else None
    assert regex is None or (regex.search(text) is not None) is hit


def test_emergency_triggers_answer_as_their_alternation_on_the_corpus() -> None:
    """The trigger pre-filter (over a thousand words) finds exactly what the escaped
    alternation it replaced finds, in every form the pipeline gives it."""
    data = resources.files("intents.data").joinpath("emergency.toml").read_text("utf-8")
    words = tomllib.loads(data)["triggers"]
    regex = re.compile("|".join(re.escape(w) for w in words))
    literals = Literals(words)
    for text in _sample_texts() + [w + "!" for w in words[::7]] + ["x" + w for w in words[::5]]:
        expected = regex.search(text) is not None
        assert literals.found(text) is expected, text
        assert literals.found(text, marks_of(text) | {"|"}) is expected, text
        assert emergency.might_be_emergency(text) is expected, text
    for word in words:  # each word alone, found wherever it stands, and not a part of it
        alone = Literals([word])
        assert alone.found(word) and alone.found(f"x{word}!"), word
        assert not alone.found(word[:-1]) and not alone.found(word[1:]), word


def test_the_asks_guards_answer_as_their_patterns_on_the_corpus() -> None:
    """The asks' patterns (English under IGNORECASE, Chinese) searched only where their
    marks are: the same matches, whole text or a prefix of it."""
    texts = [
        *_sample_texts(),
        "THE LIFT IS BROKEN",
        "the lift in building 5 is broken again",
        "Building 6 has had no water since this morning",
        "what's the cleaner's phone number?",
        "我们5栋整栋楼都停水了",
        "师傅电话多少",
        "明天3号楼停电检修",
    ]
    guards = asks._patterns()
    for guard in guards:
        for text in texts:
            expected = guard.regex.search(text)
            got = guard.search(text)
            assert (got is None) == (expected is None), (guard.regex.pattern[:40], text)
            if got is not None and expected is not None:
                assert got.span() == expected.span(), text
            half = len(text) // 2
            early = guard.regex.search(text, 0, half)
            assert (guard.search(text, 0, half) is None) == (early is None), text
    assert any(guard.search("THE LIFT IS BROKEN") for guard in guards)
