"""The features of the learned model: what the text looks like and what the rules read in it.

Pure and deterministic, shared by training (:mod:`intents.train`) and the running bot
(:mod:`intents.pipeline`), so both see a message the same way:

- character 1-3 grams of the normalised text (digits folded to ``0``; ``<`` and ``>`` mark
  its start and end, so "吗>" is a question's end), from its first ``NGRAM_CHARS`` characters;
- English words (stemmed), and the emoji of the raw text (normalisation drops them);
- every cue the rules found (:class:`intents.gate.Signals`, by name), the catalogue target they
  chose (its kind, id, category, how strongly and how specifically it was named), lexicon hits,
  times, the raw-text flags (🙏, 😭, a door number, a reschedule, an outage...);
- shared cues, the same in Chinese and English (``intents/data/cues.toml``): a community
  topic (the parcel station, a fee, the property office), a when/where/how question, a
  question about one's own booking; so that one language's examples teach the other's;
- the chat (group or private) and the message's length.

Not the rules' own verdict (the former hand-tuned blend): given as a feature, the model leaned
on it and answered more chatter of writers it had not seen (leave-one-writer-out: 10.8% of
chatter answered at the group bar with it, 6.4% without, for about as many requests caught).
"""

from __future__ import annotations

import operator
import re
import tomllib
from dataclasses import fields
from functools import cache
from importlib import resources

from intents.fastre import Cue, marks_of
from intents.gate import Signals
from intents.normalize import ascii_words, has_cjk
from intents.rules import Chat, Reading

# Long posts are mostly stories; their first lines say what they are, and this bounds latency.
NGRAM_CHARS = 160
_DIGIT = re.compile(r"\d")
_EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\u203c]")
_SIGNAL_NAMES = tuple(f.name for f in fields(Signals))
_DERIVED = ("blocked", "hearsay", "narrative", "past_story")
_LENGTHS = (4, 8, 16, 32, 64, 128)


def ngrams(normalized: str) -> list[str]:
    """Character 1-3 grams of the start of the normalised text, with boundary marks."""
    text = "<" + _DIGIT.sub("0", normalized[:NGRAM_CHARS]) + ">"
    after, second = text[1:], text[2:]
    grams = ["g:" + a for a in text[1:-1]]
    grams += [f"g:{a}{b}" for a, b in zip(text, after, strict=False)]
    grams += [f"g:{a}{b}{c}" for a, b, c in zip(text, after, second, strict=False)]
    return grams


_WORD = re.compile(r"[a-z0-9]+")


@cache
def _cues() -> tuple[tuple[str, Cue, re.Pattern[str]], ...]:
    """The shared cue lists (read once), each as two patterns: the Chinese entries, and the
    English ones (written ``\\b...``) as one pattern over the text's words joined by spaces,
    each entry starting at a space: the regex engine then only tries word starts, which
    keeps a long English message as quick as a Chinese one."""
    text = resources.files("intents.data").joinpath("cues.toml").read_text("utf-8")
    found = []
    for name, table in tomllib.loads(text).items():
        words: list[str] = table["words"]
        zh = [w for w in words if not w.startswith("\\b")]
        en = [w[2:] for w in words if w.startswith("\\b")]
        found.append(
            (
                name,
                Cue("|".join(f"(?:{w})" for w in zh) or "(?!)"),
                re.compile(" (?:" + ("|".join(f"(?:{w})" for w in en) or "(?!)") + ")"),
            )
        )
    return tuple(found)


def _cue_features(normalized: str) -> list[str]:
    """Which shared cues the start of the text holds, and the pairs that mean most."""
    head = normalized[:NGRAM_CHARS]
    chinese = has_cjk(head)
    words = " " + " ".join(_WORD.findall(head))
    chars = marks_of(head)
    on = [
        name
        for name, zh, en in _cues()
        if (chinese and zh.found(head, chars)) or (len(words) > 1 and en.search(words))
    ]
    found = [f"k:{name}" for name in on]
    if "faq_topic" in on and "info_question" in on:
        found.append("k:faq")  # a community topic asked about: the desk's own question
    return found


def _bucket(value: float, bars: tuple[int, ...]) -> str:
    """The first bar ``value`` does not exceed, or ``+`` above all of them."""
    for bar in bars:
        if value <= bar:
            return str(bar)
    return "+"


def _signal_features(signals: Signals | None) -> list[str]:
    if signals is None:
        return ["s:unread"]  # nothing named, nothing asked: the cues were not read
    on = [f"s:{name}" for name in _SIGNAL_NAMES if getattr(signals, name)]
    return on + [f"s:{name}" for name in _DERIVED if getattr(signals, name)]


def _target_features(reading: Reading) -> list[str]:
    found: list[str] = []
    for cand in reading.candidates[:2]:
        kind = cand.entry.kind
        found.append(f"c:{kind}:{_bucket(cand.score, (50, 70, 85))}")
        found.append(f"c:{kind}:{'specific' if cand.specific else 'generic'}")
        if cand.fuzzy:
            found.append("c:fuzzy")
    if len(reading.candidates) > 1:
        found.append("c:several")
    chosen = reading.chosen
    if chosen is not None:
        entry = chosen.entry
        found += [f"t:{entry.kind}", f"t:id:{entry.id}", f"t:cat:{entry.category}"]
        found.append(f"t:score:{_bucket(chosen.score, (50, 70, 85))}")
    for hit in reading.hits[:2]:
        found.append(f"h:{hit.kind}")
        if hit.broken:
            found.append("h:broken")
    return found


def _time_features(reading: Reading) -> list[str]:
    when = reading.when
    if when is None:
        return []
    found = ["w:any"]
    if when.asap:
        found.append("w:asap")
    elif when.has_time:
        found.append("w:hour")
    return found


def gram_set(normalized: str) -> set[str]:
    """The distinct n-grams of :func:`ngrams`, without their ``g:`` prefix (for
    :meth:`intents.model.Model.probabilities_of`). Without a digit to fold, the 1- and 2-grams
    inside the marks are the text's marks (:func:`intents.fastre.marks_of`), which the shared
    cues read next: built once for both."""
    head = normalized[:NGRAM_CHARS]
    folded = _DIGIT.sub("0", head)
    text = "<" + folded + ">"
    pairs = list(map(operator.add, text, text[1:]))
    if folded == head:
        grams = set(marks_of(head))
        grams.add(pairs[0])
        grams.add(pairs[-1])
    else:
        grams = set(folded)
        grams.update(pairs)
    grams.update(map(operator.add, pairs, text[2:]))
    return grams


def features(text: str, reading: Reading, chat: Chat) -> list[str]:
    """Every feature of one message as read in the given chat (``text`` as written)."""
    return ngrams(reading.normalized) + other_features(text, reading, chat)


def other_features(text: str, reading: Reading, chat: Chat) -> list[str]:
    """The features besides the n-grams: words, emoji, cues, target, times, flags, chat."""
    found = ["w:" + word for word in ascii_words(reading.normalized[:NGRAM_CHARS])]
    found += ["e:" + emoji for emoji in set(_EMOJI.findall(text[:NGRAM_CHARS]))]
    found += _signal_features(reading.signals)
    found += _target_features(reading)
    found += _time_features(reading)
    found += _cue_features(reading.normalized)
    found += ["f:" + flag for flag in sorted(reading.flags)]
    found.append(f"chat:{chat}")
    found.append("len:" + _bucket(len(reading.normalized), _LENGTHS))
    return found
